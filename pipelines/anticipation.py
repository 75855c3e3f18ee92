"""Reading a batch while the warehouse is made ready for it: the first stage of a load, started early.

Reading a workbook is mostly calamine's work in Rust, which lets go of Python's lock: on two
cores, the copy of the warehouse, DuckDB's start, the schema check and the validation context
(rules, SMIC, earlier rejections, communes) can run beside it rather than before or after it.
`LectureAnticipee(path, …)` starts `readers.lire_lot` in a thread at once; `lire()` waits for
the tables and raises what reading raised (a `LotRefuse` as it would have been raised in place).
A load that ends before wanting them (a batch already loaded, a warehouse missing) leaves the
thread to finish on its own: a daemon thread, which holds no warehouse and writes nothing.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from core.rapport import Avancement
from pipelines.readers import Progress, RawTable, lire_lot


class Etapes:
    """The steps of a load's stages as `Avancement` records: `etapes(etape, lignes, total, part)`,
    the seconds counted from each stage's first step (rows per second within it)."""

    def __init__(self, avancement: Callable[[Avancement], None] | None):
        self.avancement = avancement
        self._debuts: dict[str, float] = {}

    def __call__(self, etape: str, lignes: int, total: int | None, part: float) -> None:
        if self.avancement:
            debut = self._debuts.setdefault(etape, time.perf_counter())
            self.avancement(Avancement(etape, lignes, total, part, time.perf_counter() - debut))


class LectureAnticipee:
    """The batch at `path` being read in a thread, its progress told to `progress` and `etapes`."""

    def __init__(self, path: Path, progress: Progress = None, etapes: Etapes | None = None, prelu=None):
        self.path, self.etapes, self._prelu = Path(path), etapes or Etapes(None), prelu
        self._tables: list[RawTable] | None = None
        self._erreur: BaseException | None = None
        self._muette = False   # abandoned: nothing more told
        self._fil = threading.Thread(target=self._lire, args=(progress,), name="lecture-du-lot", daemon=True)
        self._fil.start()

    def _lire(self, progress: Progress) -> None:
        def dire(texte: str) -> None:
            if progress and not self._muette:
                progress(texte)

        def etape(n: int, part: float) -> None:
            if not self._muette:
                self.etapes("lecture", n, None, part)
        try:
            etape(0, 0.0)
            self._tables = lire_lot(self.path, dire, etape, self._prelu)
        except BaseException as exc:  # noqa: BLE001 -- given back to the load's own thread by lire()
            self._erreur = exc

    def abandonner(self) -> None:
        """The load ended without the tables (batch already loaded…): the read says nothing more."""
        self._muette = True

    def lire(self) -> list[RawTable]:
        """The batch's tables once read (waiting for them); raises what reading raised."""
        self._fil.join()
        if self._erreur is not None:
            erreur, self._erreur = self._erreur, None
            raise erreur
        tables, self._tables = self._tables, None   # handed over once: the load lets them go as it validates
        return tables
