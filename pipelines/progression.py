"""The ingestion command's progress on stderr: a bar with the stage and rows per second, or
one JSON object per step for a program (`--progression-json`, read by the upload page).

On a terminal the bar is redrawn in place and French messages are printed above it; in a log
(stderr not a terminal) each step is one line, so the progress stays readable there too.
"""
from __future__ import annotations

import sys
import time

from core.rapport import Avancement

LARGEUR = 24


def barre(a: Avancement) -> str:
    """'[██████████░░░░░░░░░░░░░░]  42 % Validation : 580 000 / 1 306 183 lignes (212 000 lignes/s)'."""
    plein = round(LARGEUR * a.fraction)
    return f"[{'█' * plein}{'░' * (LARGEUR - plein)}] {round(100 * a.fraction):3d} % {a.texte_fr()}"


class Progression:
    """Receives the load's messages and steps and writes them to `flux` (stderr by default)."""

    def __init__(self, flux=None, json_lines: bool = False):
        self.flux = flux or sys.stderr
        self.json_lines = json_lines
        self.terminal = not json_lines and getattr(self.flux, "isatty", lambda: False)()
        self._ligne = ""          # the bar currently drawn (terminal only)
        self._dernier = 0.0

    def message(self, texte: str) -> None:
        if self.terminal:
            self.flux.write("\r\033[K" + texte + "\n" + self._ligne)
        else:
            self.flux.write(texte + "\n")
        self.flux.flush()

    def avancement(self, a: Avancement) -> None:
        if self.json_lines:
            self.flux.write(a.to_json() + "\n")
        elif self.terminal:
            now = time.monotonic()
            if now - self._dernier < 0.1 and a.part < 1:
                return
            self._dernier, self._ligne = now, barre(a)
            self.flux.write("\r\033[K" + self._ligne)
        else:
            self.flux.write(barre(a) + "\n")
        self.flux.flush()

    def fin(self) -> None:
        if self.terminal and self._ligne:
            self.flux.write("\n")
            self.flux.flush()
