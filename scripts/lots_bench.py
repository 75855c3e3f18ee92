"""The batches scripts/bench_ingestion.py loads, written once into data/sample_x10/bench/ (git-ignored).

The workbooks hold what offices hold: typed cells (dates, numbers), French headers, or, for the
one pandas writes, the contract's column names; the CSV holds three yearly follow-ups of each
×10 aid. Ids are prefixed where the rows must be new to the warehouse.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
X10 = ROOT / "data" / "sample_x10"
BENCH = X10 / "bench"
ENTETES_AIDES = ["Identifiant de l'aide", "Convention", "Fonds", "SIREN bénéficiaire", "Nom du bénéficiaire",
                 "Code commune", "Code NAF", "Type d'aide", "Date de décision", "Montant de revitalisation (€)",
                 "Cofinancement public", "Cofinancement privé", "Emplois prévus"]


def _typees(df):
    """Aids read as text from a sample's CSV, typed as a spreadsheet holds them (dates, numbers)."""
    import polars as pl

    num = [pl.col(c).str.replace_all(r"[\s\u202f\u00a0]", "").str.replace(",", ".").cast(pl.Float64)
           for c in ("montant_revitalisation", "cofinancement_public", "cofinancement_prive")]
    return df.with_columns(pl.col("date_decision").str.to_date(), *num, pl.col("emplois_prevus").cast(pl.Int64))


def aides(n: int, prefixe: str):
    """The first n aids of the ×10 sample typed as a spreadsheet holds them (ids prefixed if asked)."""
    import polars as pl

    BENCH.mkdir(parents=True, exist_ok=True)
    df = pl.read_csv(X10 / "aides.csv", separator=";", infer_schema=False, n_rows=n)
    return _typees(df.with_columns((pl.lit(prefixe) + pl.col("id_aide")).alias("id_aide")))


def ods(n: int) -> Path:
    """n new aids (ids prefixed O) as a LibreOffice .ods, a merged title row above the headers."""
    import classeur_ods

    path = BENCH / f"aides_{n}_nouvelles.ods"
    if not path.exists():
        tmp = path.with_suffix(".tmp.ods")
        classeur_ods.ecrire(tmp, "aides", "Aides accordées (état au 30/11/2026)", ENTETES_AIDES,
                            aides(n, "O").iter_rows())
        os.replace(tmp, path)
    return path


def workbook(n: int, prefixe: str = "", partagees: bool = False) -> Path:
    """n aids of the ×10 sample as an office would hold them: typed cells (dates, numbers), French
    headers. With `prefixe`, their ids are new (prefixed): the rows are not in the warehouse. With
    `partagees`, the text in a table of shared strings, as Excel writes it (otherwise in each cell)."""
    import xlsxwriter

    path = BENCH / f"aides_{n}{'_nouvelles' if prefixe else ''}{'_partagees' if partagees else ''}.xlsx"
    if path.exists():
        return path
    df = aides(n, prefixe)
    wb = xlsxwriter.Workbook(str(path) + ".tmp.xlsx", {"constant_memory": not partagees})
    ws = wb.add_worksheet("aides")
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ENTETES_AIDES)
    for i, row in enumerate(df.iter_rows(), start=1):
        for j, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, dt.date):
                ws.write_datetime(i, j, dt.datetime(v.year, v.month, v.day), date)
            elif isinstance(v, (int, float)):
                ws.write_number(i, j, v)
            else:
                ws.write_string(i, j, v)
    wb.close()
    os.replace(str(path) + ".tmp.xlsx", path)
    return path


def classeur_pandas(n: int) -> Path:
    """n aids of the bundled sample under new ids (J1-…, J2-…), as pandas writes a workbook."""
    import polars as pl

    path = BENCH / f"aides_{n}_pandas.xlsx"
    if path.exists():
        return path
    BENCH.mkdir(parents=True, exist_ok=True)
    aides = pl.read_csv(ROOT / "data" / "sample" / "aides.csv", separator=";", infer_schema=False)
    copies = _typees(pl.concat([aides.with_columns((pl.lit(f"J{k}-") + pl.col("id_aide")).alias("id_aide"))
                                for k in range(1, -(-n // aides.height) + 1)]).head(n))
    copies.to_pandas().to_excel(str(path) + ".tmp.xlsx", index=False, sheet_name="aides", engine="openpyxl")
    os.replace(str(path) + ".tmp.xlsx", path)
    return path


def csv_million(n: int = 1_000_000) -> Path:
    """n follow-ups of the ×10 aids (three yearly counts each), `;`, French dates."""
    import polars as pl

    folder = BENCH / "suivi_1m"
    path = folder / "suivi_emplois.csv"
    if path.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    aides = pl.read_csv(X10 / "aides.csv", separator=";", infer_schema=False, columns=["id_aide", "date_decision"])
    rows = (aides.join(pl.DataFrame({"k": [1, 2, 3]}), how="cross")
            .with_columns(pl.col("date_decision").str.to_date().dt.offset_by(pl.format("{}y", pl.col("k")))
                          .alias("d"))
            .head(n).select(pl.col("id_aide"), pl.col("d").dt.strftime("%d/%m/%Y").alias("date_constat"),
                            (pl.col("k") * 2).alias("emplois_crees")))
    rows.write_csv(path, separator=";")
    return folder
