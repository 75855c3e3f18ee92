"""Generate the bundled sample batch: `python -m pipelines.sample.generate [--seed] [--scale] [--out]`.

Scale 1 is the committed batch in data/sample (~3,000 conventions 2002-2026 plus the
documented cases); --scale 10 or 100 multiplies the synthetic volume for benchmarks and should
be written elsewhere (data/sample_x10 is git-ignored). The same seed and scale always give
byte-identical files.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from core.config import SAMPLE_DIR
from pipelines.sample.cases import bouches_du_rhone, grand_orly
from pipelines.sample.cases_lorraine import longwy, toul
from pipelines.sample.comites import comites, restructurations_sans_convention
from pipelines.sample.distributions import COMMUNES_PATH, DEPARTEMENTS_PATH, SMIC_PATH, Geographie, Smic
from pipelines.sample.lot import Lot
from pipelines.sample.synthetic import National
from pipelines.sample.writers import ecrire_lot

SEED = 20021117
CLES_TRI = {"restructurations": ("id_restructuration",), "conventions": ("id_convention",), "fonds": ("id_fonds",),
            "dotations": ("id_convention", "id_fonds", "date_versement"), "aides": ("id_aide",),
            "suivi_emplois": ("id_aide", "date_constat"), "comites": ("id_comite",)}


def generer_lignes(seed: int = SEED, scale: float = 1.0, communes_path: Path = COMMUNES_PATH,
                   departements_path: Path = DEPARTEMENTS_PATH, smic_path: Path = SMIC_PATH) -> dict[str, list[dict]]:
    """The batch's rows per dataset (Python values), sorted by key."""
    lot = Lot(random.Random(seed))
    nat = National(lot, Geographie(communes_path, departements_path), Smic(smic_path), scale)
    nat.generer()
    for cas in (bouches_du_rhone, grand_orly, longwy, toul):
        cas(nat)
    comites(nat)                            # last: the rows above stay what they were
    restructurations_sans_convention(nat)
    return {ds: sorted(rows, key=lambda r, k=CLES_TRI[ds]: tuple(str(r[c]) for c in k))
            for ds, rows in lot.rows.items()}


def generer(out: Path = SAMPLE_DIR, seed: int = SEED, scale: float = 1.0, **chemins) -> list[Path]:
    """Write the batch into `out` (created if needed); returns the files written."""
    return ecrire_lot(generer_lignes(seed, scale, **chemins), Path(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.sample.generate",
                                     description="Génère le lot d'exemple (données synthétiques et cas documentés).")
    parser.add_argument("--seed", type=int, default=SEED, help=f"graine (défaut : {SEED})")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplicateur de volume (défaut : 1)")
    parser.add_argument("--out", default=None, help="dossier de sortie (défaut : data/sample, ou data/sample_xN)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else (SAMPLE_DIR if args.scale == 1 else
                                           SAMPLE_DIR.with_name(f"sample_x{args.scale:g}"))
    t0 = time.perf_counter()
    for path in generer(out, args.seed, args.scale):
        print(f"{path} ({path.stat().st_size / 1e6:.1f} Mo)")
    print(f"Lot d'exemple écrit en {time.perf_counter() - t0:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
