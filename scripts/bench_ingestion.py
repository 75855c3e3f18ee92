"""Benchmark of the ingestion, side by side in one run: python scripts/bench_ingestion.py

Uses the ×10 sample (`python -m pipelines.sample.generate --scale 10 --out data/sample_x10`,
generated if missing; git-ignored) and measures, each load by the real command
(`python -m pipelines.ingest`, copy-and-swap included) in a child process, each three times (the
median is given: the machine is shared and its speed moves by a third within minutes):
- the whole ×10 batch into an empty warehouse, with the child's peak memory;
- a 2-row batch on the ×10 warehouse;
- a 200 000-row aids workbook (typed cells, written once into data/sample_x10/bench/):
  Polars' calamine read, `pandas.read_excel(engine="openpyxl")`, and our load of it (those aids
  are in the ×10 warehouse: a file sent again); the same workbook with new ids (rows inserted);
  the same new aids with their text in a table of shared strings, as Excel writes it (each half
  of a sheet read in two, pipelines.readers_xlsx_parties, parses that table again);
- 200 000 new aids as an .ods (scripts/classeur_ods.py: LibreOffice's layout, a merged title row):
  Polars' calamine read and our load;
- a 1 000 000-row CSV batch (follow-ups of the ×10 aids) on the ×10 warehouse;
- a workbook of another maker on the bundled warehouse (`python -m pipelines.build`, what
  `scripts/run.sh` serves): the bundled sample's aids under new ids, 100 000 rows written by
  `pandas.DataFrame.to_excel` (openpyxl, the contract's column names as headers): Polars' calamine
  read, openpyxl's, and our load.
Each workbook round reads the file with calamine, then loads it, so that the two compared figures
meet the same moment of the machine. The machine's load (os.getloadavg) and the CPU time of a
fixed loop (`_etalon`) are taken at start and end; figures go to
docs/performance-ingestion.md (this file's table is rewritten, the notes kept).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lots_bench
from lots_bench import ROOT, X10

DOC = ROOT / "docs" / "performance-ingestion.md"
ESSAIS = 3   # each measure is run three times (the median is given): the machine is shared and its speed moves


def _run(args: list[str]) -> tuple[float, int, dict, str]:
    """(seconds, peak RSS in MB, seconds per stage, stdout) of one child `python -m pipelines.ingest …`.

    Each `--progression-json` line is stamped when it arrives: a stage lasts from its first line to
    the next stage's first line; "démarrage" is the start of the process up to the first line
    (Python and the reader's imports: the batch's read starts first, pipelines.anticipation, so
    the lock, the fingerprint, the warehouse copy and DuckDB's start fall within "lecture"), "fin"
    the last line to the exit (commit, checkpoint, swap)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipelines.ingest", *args, "--progression-json"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    debuts: dict[str, float] = {}
    lignes, dernier = [], 0.0
    for line in proc.stderr:
        lignes.append(line)
        if line.startswith('{"avancement"'):
            dernier = time.perf_counter() - t
            debuts.setdefault(json.loads(line)["avancement"]["etape"], dernier)
    stdout = proc.stdout.read()
    # the child's own peak memory, from its rusage (the command ends by os._exit: no code of its
    # own can report it)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"échec ({proc.returncode}) : {stdout}\n{''.join(lignes)[-2000:]}")
    rss = usage.ru_maxrss
    etapes = sorted(debuts, key=debuts.get)
    stages: dict[str, float] = {"démarrage": debuts[etapes[0]] if etapes else 0.0}
    for i, etape in enumerate(etapes):
        stages[etape] = (debuts[etapes[i + 1]] if i + 1 < len(etapes) else dernier) - debuts[etape]
    stages["fin"] = seconds - dernier
    return seconds, rss // 1024, stages, stdout.splitlines()[0] if stdout else ""


def _sample() -> None:
    if not (X10 / "aides.csv").exists():
        subprocess.run([sys.executable, "-m", "pipelines.sample.generate", "--scale", "10", "--out", str(X10)],
                       cwd=ROOT, check=True)


def _etalon() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast the shared machine is at this moment
    (0,6–1,0 s on 1 December for the same work; every other figure moves with it)."""
    c = time.process_time()
    total = 0
    for i in range(5_000_000):
        total += i * i % 7
    return time.process_time() - c


def _median(runs: list):
    return sorted(runs, key=lambda r: r[0] if isinstance(r, tuple) else r)[len(runs) // 2]


def _classeur(out: dict, cle: str, book: Path, base: Path, copy: Path) -> None:
    """Three rounds, each Polars' calamine read then our load of the same file into a copy of
    `base` under the same load; the medians and each round's ratio go to out[cle…]."""
    import polars as pl

    lectures, chargements = [], []
    for _ in range(ESSAIS):
        t = time.perf_counter()
        pl.read_excel(book, engine="calamine")
        lectures.append(time.perf_counter() - t)
        shutil.copyfile(base, copy)
        chargements.append(_run([str(book), "--db", str(copy)]))
    out[cle], out[f"calamine_{cle}"] = _median(chargements), _median(lectures)
    out[f"rapports_{cle}"] = sorted(c[0] / lu for c, lu in zip(chargements, lectures))
    print(cle, lectures, chargements, flush=True)


def main() -> int:
    load_start, etalon_debut = os.getloadavg(), _etalon()
    _sample()
    work = Path(tempfile.mkdtemp(prefix="bench_ingestion_", dir=ROOT / "data"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    out: dict[str, object] = {"debut": dt.datetime.now().isoformat(timespec="minutes"), "charge_debut": load_start,
                              "commit": commit, "etalon_debut": etalon_debut}
    try:
        empty = work / "vide.duckdb"
        subprocess.run([sys.executable, "-m", "pipelines.build", "--db", str(empty), "--without-sample"], cwd=ROOT,
                       check=True, capture_output=True)
        x10, essais = work / "x10.duckdb", []
        for _ in range(ESSAIS):
            shutil.copyfile(empty, x10)
            essais.append(_run([str(X10), "--db", str(x10)]))
        out["x10"] = _median(essais)
        out["x10_pic"] = max(r[1] for r in essais)
        print("×10 :", essais, flush=True)

        deux = work / "deux"
        deux.mkdir()
        (deux / "suivi_emplois.csv").write_text("id_aide;date_constat;emplois_crees\nA-0000001;31/12/2025;9\n"
                                                "A-0000002;31/12/2025;9\n", encoding="utf-8")
        copy = work / "copie.duckdb"
        essais = []
        for _ in range(ESSAIS):
            shutil.copyfile(x10, copy)
            essais.append(_run([str(deux), "--db", str(copy)]))
        out["deux"] = _median(essais)
        print("2 lignes :", essais, flush=True)

        import pandas as pd
        book = lots_bench.workbook(200_000)
        t = time.perf_counter()
        pd.read_excel(book, engine="openpyxl")
        out["openpyxl"] = time.perf_counter() - t
        for cle, fichier in (("classeur", book), ("nouvelles", lots_bench.workbook(200_000, prefixe="N")),
                             ("partagees", lots_bench.workbook(200_000, prefixe="P", partagees=True)),
                             ("ods", lots_bench.ods(200_000))):
            _classeur(out, cle, fichier, x10, copy)

        csv, essais = lots_bench.csv_million(), []
        for _ in range(ESSAIS):
            shutil.copyfile(x10, copy)
            essais.append(_run([str(csv), "--db", str(copy)]))
        out["csv"] = _median(essais)
        print("CSV 1 M :", essais, flush=True)

        x1, livre = work / "x1.duckdb", lots_bench.classeur_pandas(100_000)
        subprocess.run([sys.executable, "-m", "pipelines.build", "--db", str(x1)], cwd=ROOT, check=True,
                       capture_output=True)
        t = time.perf_counter()
        pd.read_excel(livre, engine="openpyxl")
        out["openpyxl_pandas"] = time.perf_counter() - t
        _classeur(out, "pandas", livre, x1, copy)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out["charge_fin"], out["etalon_fin"] = os.getloadavg(), _etalon()
    _write_doc(out)
    return 0


def _s(x: float) -> str:
    return f"{x:.1f} s".replace(".", ",")


def _stages(st: dict) -> str:
    return ", ".join(f"{k} {_s(v)}" for k, v in st.items())


def _write_doc(o: dict) -> None:
    x10, deux, book, new, csv = o["x10"], o["deux"], o["classeur"], o["nouvelles"], o["csv"]
    charge = lambda c: " / ".join(f"{v:.1f}".replace(".", ",") for v in c)  # noqa: E731
    fois = lambda r: f"{r:.1f} ×".replace(".", ",")  # noqa: E731

    def classeur(run, cle: str) -> str:   # openpyxl read only the inline-text .xlsx and the pandas one
        lu, rapports = o[f"calamine_{cle}"], o[f"rapports_{cle}"]
        lent = o["openpyxl_pandas" if cle == "pandas" else "openpyxl"]
        openpyxl = "" if cle in ("ods", "partagees") else f", ≥ 5 × faster than openpyxl ({fois(lent / run[0])})"
        return (f"{_s(run[0])} | ≤ 2 × calamine ({fois(run[0] / lu)}; the three rounds {', '.join(map(fois, rapports))})"
                f"{openpyxl} | {_stages(run[2])} |")

    table = [
        "<!-- figures: written by scripts/bench_ingestion.py -->",
        f"Run of {o['debut']} (commit {o['commit']}) on the 2-core development machine, load average (1, 5, 15 min) "
        f"{charge(o['charge_debut'])} at start and {charge(o['charge_fin'])} at end; a fixed pure-Python loop "
        f"(`_etalon`) took {_s(o['etalon_debut'])} of CPU at start and {_s(o['etalon_fin'])} at end. "
        f"Each measure is the median of {ESSAIS} runs; each workbook round reads the file with calamine, then loads it.",
        "",
        "| measure | time | target | detail (seconds within each stage) |",
        "|---|---|---|---|",
        f"| 200 000-row aids workbook: Polars calamine read | {_s(o['calamine_classeur'])} | reference | |",
        f"| same workbook: pandas.read_excel(engine=\"openpyxl\"), once | {_s(o['openpyxl'])} | | |",
        f"| same workbook: `pipelines.ingest` read + validate + load (×10 warehouse, which holds these aids: "
        f"sent again unchanged) | {classeur(book, 'classeur')}",
        f"| 200 000 new aids (same workbook, new ids): Polars calamine read | {_s(o['calamine_nouvelles'])} | "
        f"reference | |",
        f"| same: `pipelines.ingest` read + validate + load (×10 warehouse: 200 000 rows inserted) | "
        f"{classeur(new, 'nouvelles')}",
        f"| 200 000 new aids, their text in a table of shared strings (as Excel writes it): Polars calamine read | "
        f"{_s(o['calamine_partagees'])} | reference | |",
        f"| same: `pipelines.ingest` read + validate + load (×10 warehouse: 200 000 rows inserted) | "
        f"{classeur(o['partagees'], 'partagees')}",
        f"| 200 000 new aids as .ods (LibreOffice's layout, a merged title row): Polars calamine read | "
        f"{_s(o['calamine_ods'])} | reference | |",
        f"| same: `pipelines.ingest` read + validate + load (×10 warehouse: 200 000 rows inserted) | "
        f"{classeur(o['ods'], 'ods')}",
        f"| 1 000 000-row CSV batch on the ×10 warehouse | {_s(csv[0])} | ≤ 10 s | {_stages(csv[2])} |",
        f"| whole ×10 batch into an empty warehouse | {_s(x10[0])}, peak {o['x10_pic']} MB (highest of the runs) | "
        f"≤ 15 s, ≤ 800 MB | {_stages(x10[2])} |",
        f"| 2-row batch on the ×10 warehouse | {_s(deux[0])} | ≤ 1 s | {_stages(deux[2])} |",
        f"| 100 000 aids written by pandas (openpyxl), new to the bundled warehouse: Polars calamine read | "
        f"{_s(o['calamine_pandas'])} | reference | |",
        f"| same workbook: pandas.read_excel(engine=\"openpyxl\"), once | {_s(o['openpyxl_pandas'])} | | |",
        f"| same: `pipelines.ingest` read + validate + load (bundled warehouse: 100 000 rows inserted) | "
        f"{classeur(o['pandas'], 'pandas')}",
        "<!-- end of figures -->",
    ]
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Ingestion performance\n\n"
    start, end = text.find("<!-- figures"), text.find("<!-- end of figures -->")
    block = "\n".join(table)
    text = text[:start] + block + text[end + len("<!-- end of figures -->"):] if start >= 0 and end >= 0 \
        else text + "\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")
    print(block)


if __name__ == "__main__":
    sys.exit(main())
