"""An argparse parser that speaks French to the DDETS officer typing the command.

argparse writes its usage errors in English ("the following arguments are required"); the
command-line tools of the observatory (ingest, copil) answer in French and keep argparse's
exit code 2 for a bad command line.
"""
from __future__ import annotations

import argparse
import re
import sys

_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", "argument obligatoire absent : {0}"),
    (r"unrecognized arguments: (.*)", "argument inconnu : {0}"),
    (r"argument (\S+): expected one argument", "l'option {0} attend une valeur"),
    (r"argument (\S+): invalid (\w+) value: (.*)", "l'option {0} n'accepte pas la valeur {2}"),
    (r"argument (\S+): not allowed with argument (\S+)", "l'option {0} ne peut pas être utilisée avec {1}"),
]


def message_fr(message: str) -> str:
    """argparse's English error → a French sentence (unknown messages are kept as they are)."""
    for pattern, french in _TRANSLATIONS:
        m = re.fullmatch(pattern, message)
        if m:
            return french.format(*m.groups())
    return message


class FrenchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "usage :", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "usage :", 1).replace(
            "show this help message and exit", "affiche cette aide")

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"Erreur dans la ligne de commande : {message_fr(message)}", file=sys.stderr)
        sys.exit(2)
