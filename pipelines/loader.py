"""Load one batch into an open warehouse connection, all or nothing: `charger_lot(con, path)`.

Read (pipelines.readers) → validate dataset by dataset in load order (pipelines.validate) →
write valid rows, quarantine, flags and one ingestion_log row, then recompute the semantic layer's
derived tables (pipelines.schema.refresh_derived), in ONE transaction. Rows are
written set-wise from Polars frames registered in DuckDB (no row-by-row INSERT). A row whose
key already exists replaces the old row (and its flags); quarantined rows of earlier batches
with that key are marked corrected. A batch whose content fingerprint is already in the
ingestion log changes nothing, so loading twice is harmless.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import polars as pl

from core.rapport import Avancement, ComptesJeu, LigneRejetee, RapportLot, Signalement
from core.regles import regles_entrepot, smic_entrepot
from pipelines.communes import CommuneResolver
from pipelines.contract import BY_NAME, DATASETS
from pipelines.readers import LotRefuse, empreinte_lot, lire_lot
from pipelines.schema import refresh_derived
from pipelines.validate import ATTRIBUTES, QUARANTINE_COLUMNS, Context, Validated, validate_dataset


def _quiet(_msg: str) -> None:
    return None


def lignes(n: int) -> str:
    """'1 ligne', '100\u202f000 lignes'."""
    return f"{n:,} ligne{'s' if n > 1 else ''}".replace(",", "\u202f")


def batch_id_for(fingerprint: str) -> str:
    """Deterministic batch id: the same content always gets the same id."""
    return f"lot-{fingerprint[:16]}"


def _table_columns(con, table: str) -> list[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                       "ORDER BY ordinal_position", [table]).fetchall()
    return [r[0] for r in rows]


def existing_rows(con) -> dict[str, pl.DataFrame]:
    """Key and rule-relevant columns of every dataset already in the warehouse."""
    out = {}
    for ds in DATASETS:
        cols = ", ".join([*ds.key, *ATTRIBUTES.get(ds.name, [])])
        out[ds.name] = con.sql(f"SELECT {cols} FROM {ds.name}").pl()   # names from the contract, not user input
    return out


def earlier_rejections(con) -> dict[str, pl.DataFrame]:
    """Keys rejected by earlier batches and never corrected, so a reference to one says why it fails."""
    rows = con.sql(
        "SELECT q.dataset, q.cle, string_agg(q.fichier || ', ligne ' || q.ligne || ', lot ' || q.batch_id "
        "|| ' chargé le ' || strftime(l.started_at, '%d/%m/%Y'), ' ; ' ORDER BY q.batch_id, q.fichier, q.ligne) "
        "AS _where FROM quarantine q JOIN ingestion_log l USING (batch_id) "
        "WHERE q.corrige_par_batch IS NULL AND q.cle IS NOT NULL GROUP BY q.dataset, q.cle").pl()
    return {name: rows.filter(pl.col("dataset") == name).select("cle", "_where")
            for name in rows["dataset"].unique().to_list()}


def charger_lot(con, path, progress=None, avancement=None) -> RapportLot:
    """Validate and load the batch at `path` in one transaction; returns what happened.

    `progress(message)` gets French sentences; `avancement(Avancement)`, if given, each step of
    the stages lecture, validation, écriture and indicateurs with rows done (a progress bar)."""
    progress = progress or _quiet
    source = str(path)
    started = dt.datetime.now()
    t0 = time.perf_counter()

    debuts: dict[str, float] = {}

    def step(etape: str, lignes: int, total: int | None, part: float) -> None:
        if avancement:   # rows per second within the stage
            debut = debuts.setdefault(etape, time.perf_counter())
            avancement(Avancement(etape, lignes, total, part, time.perf_counter() - debut))
    try:
        if not Path(path).exists():
            raise LotRefuse(f"le lot « {path} » est introuvable")
        fingerprint = empreinte_lot(Path(path))
        batch_id = batch_id_for(fingerprint)
        done = con.execute("SELECT batch_id FROM ingestion_log WHERE content_hash = ?", [fingerprint]).fetchone()
        if done:
            return RapportLot(batch_id=done[0], source=source, already_loaded=True)
        tables = lire_lot(Path(path), progress, lambda n, part: step("lecture", n, None, part))
    except LotRefuse as exc:
        return RapportLot.refusal(source, str(exc))

    con.execute("BEGIN TRANSACTION")
    try:
        report = _validate_and_write(con, tables, source, batch_id, fingerprint, started, progress, step)
        progress("Mise à jour des indicateurs…")
        n = sum(t.frame.height for t in tables)
        step("indicateurs", n, n, 0.0)
        if avancement:   # derived tables commit with the data: never stale figures
            refresh_derived(con, on_table=lambda i, k: step("indicateurs", n, n, i / k))
        else:
            refresh_derived(con)
        con.execute("COMMIT")
    except LotRefuse as exc:
        con.execute("ROLLBACK")
        return RapportLot.refusal(source, str(exc), batch_id)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    report.duration_s = time.perf_counter() - t0
    progress(f"Lot {batch_id} chargé en {report.duration_s:.1f} s.")
    return report


def _validate_and_write(con, tables, source, batch_id, fingerprint, started, progress, step) -> RapportLot:
    smic, smic_date = smic_entrepot(con)
    ctx = Context(existing=existing_rows(con), rules=regles_entrepot(con), rejected=earlier_rejections(con),
                  smic=smic, smic_date=smic_date)
    resolver = CommuneResolver.from_connection(con)
    by_dataset: dict[str, list] = {}
    for t in tables:
        by_dataset.setdefault(t.dataset, []).append(t)
    results: list[Validated] = []
    total, done = sum(t.frame.height for t in tables), 0
    step("validation", 0, total, 0.0)
    for ds in DATASETS:
        if ds.name in by_dataset:
            n = sum(t.frame.height for t in by_dataset[ds.name])
            progress(f"Validation de {ds.name} ({lignes(n)})…")
            results.append(validate_dataset(by_dataset[ds.name], ctx, resolver))
            done += n
            step("validation", done, total, done / max(1, total))
    report = RapportLot(batch_id=batch_id, source=source,
                         ignored_columns={t.fichier: list(t.extra_columns) for t in tables if t.extra_columns})
    done = 0
    for v in results:
        progress(f"Écriture de {v.dataset.name} ({lignes(v.valid.height)} valide{'s' if v.valid.height > 1 else ''})…")
        write_dataset(con, v, batch_id)
        done += v.valid.height + v.rejected.height
        step("ecriture", done, total, done / max(1, total))
        report.per_dataset[v.dataset.name] = ComptesJeu(v.valid.height, v.rejected.height, v.signalements.height)
        report.errors += [LigneRejetee(r["fichier"], r["ligne"], r["colonne"], r["valeur"], r["message"])
                          for r in v.rejected.sort("fichier", "ligne").iter_rows(named=True)]
        report.signalements += [Signalement(**r) for r in v.signalements.sort("fichier", "ligne").iter_rows(named=True)]
    _log(con, report, [t.fichier for t in tables], fingerprint, started)
    return report


def write_dataset(con, v: Validated, batch_id: str) -> None:
    """Replace rows with the same key, mark corrected quarantine rows, append quarantine and flags."""
    ds = v.dataset
    columns = _table_columns(con, ds.name)
    new = v.valid.with_columns(pl.lit(batch_id).alias("batch_id"))
    keys = list(ds.key)
    con.register("_lot_valid", new.to_arrow())
    con.register("_lot_rejected", v.rejected.select(QUARANTINE_COLUMNS).to_arrow())
    con.register("_lot_signalements", v.signalements.to_arrow())
    try:
        if new.height:
            match = " AND ".join(f"{ds.name}.{k} = n.{k}" for k in keys)
            con.execute(f"DELETE FROM {ds.name} USING _lot_valid n WHERE {match}")
            con.execute("DELETE FROM signalements WHERE dataset = ? AND cle IN (SELECT cle FROM _lot_valid)",
                        [ds.name])
            con.execute("UPDATE quarantine SET corrige_par_batch = ? WHERE dataset = ? AND batch_id <> ? "
                        "AND corrige_par_batch IS NULL AND cle IN (SELECT cle FROM _lot_valid)",
                        [batch_id, ds.name, batch_id])
            cols = ", ".join(columns)
            con.execute(f"INSERT INTO {ds.name} ({cols}) SELECT {cols} FROM _lot_valid")
        if v.rejected.height:
            con.execute("INSERT INTO quarantine (batch_id, dataset, fichier, ligne, colonne, valeur, message, cle, "
                        "donnees_brutes) SELECT ?, dataset, fichier, ligne, colonne, valeur, message, cle, "
                        "donnees_brutes FROM _lot_rejected", [batch_id])
        if v.signalements.height:
            con.execute("INSERT INTO signalements (dataset, cle, code, colonne, message, batch_id, fichier, ligne) "
                        "SELECT dataset, cle, code, colonne, message, ?, fichier, ligne FROM _lot_signalements", [batch_id])
    finally:
        for name in ("_lot_valid", "_lot_rejected", "_lot_signalements"):
            con.unregister(name)


def _log(con, report: RapportLot, fichiers: list[str], fingerprint: str, started: dt.datetime) -> None:
    detail = {name: {"charges": c.loaded, "rejetes": c.rejected, "signales": c.flagged}
              for name, c in report.per_dataset.items()}
    con.execute("INSERT INTO ingestion_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        report.batch_id, report.source, json.dumps(fichiers, ensure_ascii=False), fingerprint,
        report.nb_charges, report.nb_rejetes, report.nb_signales,
        json.dumps(detail, ensure_ascii=False), started, dt.datetime.now()])


__all__ = ["charger_lot", "write_dataset", "existing_rows", "earlier_rejections", "batch_id_for", "BY_NAME"]
