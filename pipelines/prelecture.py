"""A workbook's cells parsed by calamine from the command's first instant, before Polars is imported.

`python -m pipelines.ingest lot.xlsx` spends its first 0,3–0,4 s importing Polars, DuckDB and the
loader, while the two cores could already be parsing the file. calamine parses in Rust without
Python's lock, so `Prelecture` starts that parse first, in a thread, for the sheets the batch's
reading will ask for:
- .xlsx, .xlsm: each sheet the reading takes (named after its dataset, or whose headers name one;
  for a workbook named after its dataset, its sheet so named or else its first), from the row
  below its header, found by the same functions the reading uses (`pipelines.entetes`);
- .ods, .xls: calamine's opening of the file, which is their whole parse.
The reading (`pipelines.readers_excel.Workbook`) then takes what was started instead of starting
it again. Whatever it asks that was not started (another sheet, another row) it reads itself, as
before; an error of the early parse is not kept, the reading meets it again and says it in French.

Only the standard library, fastexcel, isal and the contract's names are imported here: this module is
imported before everything else by `pipelines.ingest`.
"""
from __future__ import annotations

import argparse
import os
import threading
import zipfile
from concurrent.futures import Future
from pathlib import Path

import fastexcel

from pipelines.entetes import locate_header, reconnaitre_jeu
from pipelines.names import est_documentation, feuille_du_jeu, match_dataset
from pipelines.readers_xlsx import xlsx_head, xlsx_structure
from pipelines.readers_xlsx_parties import Colonnes, en_parties, remplir

XLSX = {".xlsx", ".xlsm"}
OUVERTS_EN_ENTIER = {".ods", ".xls"}   # calamine parses the whole file on opening it


def _meme(a: Path | str, b: Path | str) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


class Prelecture:
    """The workbook at `path` being parsed in a thread: `ouverture(path)` for .ods/.xls, `feuille(path,
    titre, debut)` for an .xlsx sheet from row `debut` (0-based), each taken once."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._feuilles: dict[tuple[str, int], Future] = {}
        self._ouverture: Future | None = None
        self._connues = threading.Event()   # set once the parses to come are known
        threading.Thread(target=self._lancer, name="prelecture", daemon=True).start()

    @classmethod
    def de_la_commande(cls, argv: list[str], parser: argparse.ArgumentParser) -> Prelecture | None:
        """For the command's arguments (`sys.argv[1:]`, of the command's `parser`): the one workbook
        they name as the batch, being parsed; None for a folder, a CSV, or arguments the command
        will refuse (it says so itself, once everything is imported)."""
        # the options that take a value, from the parser's own list: their value is not the batch
        valeurs = {option for action in parser._actions if action.nargs != 0 for option in action.option_strings}
        lots, passer = [], False
        for arg in argv:
            if passer:
                passer = False
            elif arg in valeurs:
                passer = True
            elif not arg.startswith("-"):
                lots.append(arg)
        if len(lots) != 1:
            return None
        path = Path(lots[0])
        if path.suffix.lower() not in XLSX | OUVERTS_EN_ENTIER or not path.is_file():
            return None
        return cls(path)

    def ouverture(self, path: Path | str) -> Future | None:
        """calamine's opening of the .ods/.xls at `path` (a Future of fastexcel's reader), if started."""
        if not _meme(path, self.path):
            return None
        self._connues.wait()
        ouverture, self._ouverture = self._ouverture, None
        return ouverture

    def feuille(self, path: Path | str, titre: str, debut: int):
        """The .xlsx sheet `titre` of `path` parsed from row `debut` on (fastexcel's sheet, or, for a
        large sheet, its halves being parsed: `readers_xlsx_parties.Moities`), if that parse was
        started and succeeded; None otherwise (the reading parses it itself)."""
        if not _meme(path, self.path):
            return None
        self._connues.wait()
        parse = self._feuilles.pop((titre, debut), None)
        if parse is None:
            return None
        try:
            return parse.result()
        except Exception:  # noqa: BLE001 -- the reading parses again and says the error in French
            return None

    def _lancer(self) -> None:
        a_lire: list[tuple[str, int]] = []
        try:
            if self.path.suffix.lower() in OUVERTS_EN_ENTIER:
                self._ouverture = Future()
                self._connues.set()
                remplir(self._ouverture, lambda: fastexcel.read_excel(self.path))
                return
            with zipfile.ZipFile(self.path) as archive:
                membres, caches, partagees = xlsx_structure(archive)
                for titre, jeu in _feuilles_du_lot(self.path, [t for t in membres if t not in caches]):
                    tete = xlsx_head(archive, membres[titre], partagees)
                    jeu = jeu or reconnaitre_jeu(tete)
                    if jeu is None:
                        continue
                    index, _ = locate_header(tete, jeu, titre)
                    a_lire.append((titre, index + 1))
            self._feuilles = {cle: Future() for cle in a_lire}
        except Exception:  # noqa: BLE001 -- a LotRefuse or a bad file: the reading meets it again and says it
            self._feuilles = {}
            return
        finally:
            self._connues.set()
        lecteur = None   # calamine's opening, only for a sheet read whole: it parses the shared
        # strings (0,38 s of 200 000 aids written by xlsxwriter), which each half parses for itself

        def lire(titre: str, debut: int):
            nonlocal lecteur
            moities = en_parties(self.path, membres[titre], titre, debut)
            if moities is not None:
                return moities
            lecteur = lecteur or fastexcel.read_excel(self.path)
            return Colonnes(lecteur.load_sheet(titre, header_row=None, skip_rows=debut, schema_sample_rows=None))
        for (titre, debut), parse in list(self._feuilles.items()):
            remplir(parse, lambda t=titre, d=debut: lire(t, d))


def _feuilles_du_lot(path: Path, visibles: list[str]) -> list[tuple[str, str | None]]:
    """(sheet, its dataset if its name says it) of the sheets `pipelines.readers.lire_lot` reads in a
    workbook given as the batch: named after a dataset, its sheet so named or else its first; otherwise
    every sheet but the documentation ones, in order."""
    jeu = match_dataset(path.stem)
    if jeu is not None:
        titre = feuille_du_jeu(visibles, jeu)
        return [(titre, jeu)] if titre is not None else []
    return [(t, match_dataset(t)) for t in visibles if not est_documentation(t)]
