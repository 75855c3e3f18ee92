"""Load one batch into an open warehouse connection, all or nothing: `charger_lot(con, path)`.

Read (pipelines.readers) → validate dataset by dataset in load order (pipelines.validate) →
write valid rows, quarantine, flags and one ingestion_log row, then recompute the semantic layer's
derived tables (pipelines.schema.refresh_derived), in ONE transaction. Rows are
written set-wise from Polars frames registered in DuckDB (no row-by-row INSERT). A row whose
key already exists replaces the old row (and its flags), unless it brings the same values and
no flag: then the row is left as it is, lineage included (an office sending its whole file again
writes, and refreshes, only the rows it edited); quarantined rows of earlier batches with that
key are marked corrected either way. A batch whose content fingerprint is already in the
ingestion log changes nothing, so loading twice is harmless.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

import polars as pl

from core.perimetre import ADMINISTRATEUR_LOCAL, Perimetre, refus_droits
from core.rapport import MAX_DETAIL, ComptesJeu, LigneRejetee, RapportLot, Signalement
from core.regles import regles_entrepot, smic_entrepot
from core.sql import affectations, correspondance, identiques, layer_files, sql_ecriture, to_polars
from pipelines import refresh
from pipelines.anticipation import Etapes, LectureAnticipee
from pipelines.communes import CommuneResolver
from pipelines.contract import BY_NAME, DATASETS
from pipelines.lignes_entrepot import DepartementsEntrepot, LignesEntrepot, enregistrer
from pipelines.readers import LotRefuse, empreinte_lot
from pipelines.schema import create_schema, refresh_derived
from pipelines.validate import QUARANTINE_COLUMNS, Context, Validated, validate_dataset

# What writing does with a valid row (Validated.etats): insert it, correct the row of its key, leave it.
NOUVELLE, CORRECTION, INCHANGEE = 0, 1, 2


def _quiet(_msg: str) -> None:
    return None


def lignes(n: int) -> str:
    """'1 ligne', '100\u202f000 lignes'."""
    return f"{n:,} ligne{'s' if n > 1 else ''}".replace(",", "\u202f")


def batch_id_for(fingerprint: str) -> str:
    """Deterministic batch id: the same content always gets the same id."""
    return f"lot-{fingerprint[:16]}"


def _table_columns(con, table: str) -> list[str]:
    rows = con.execute(sql_ecriture("lot_colonnes_table"), {"table": table}).fetchall()
    return [r[0] for r in rows]


def earlier_rejections(con) -> dict[str, pl.DataFrame]:
    """Keys rejected by earlier batches and never corrected, so a reference to one says why it fails."""
    rows = to_polars(con.sql(sql_ecriture("lot_rejets_anterieurs")))
    return {name: rows.filter(pl.col("dataset") == name).select("cle", "_where")
            for name in rows["dataset"].unique().to_list()}




def migrer(con) -> None:
    """Columns added to the ingestion tables since the warehouse was built, and quarantine moved
    to its ZSTD-compressed definition (`sql/ddl/03_ingestion_tables.sql`), its rows kept (idempotent)."""
    ddl = layer_files("ddl")
    for path in ddl:
        if path.name.startswith("04_"):
            con.execute(path.read_text(encoding="utf-8"))
    if not con.execute(sql_ecriture("quarantaine_compressee")).fetchall()[0][0]:
        con.execute(sql_ecriture("quarantaine_mettre_de_cote"))
        con.execute(next(p for p in ddl if p.name.startswith("03_")).read_text(encoding="utf-8"))
        con.execute(sql_ecriture("quarantaine_reprendre"))


def charger_lot(con, path, progress=None, avancement=None,
                perimetre: Perimetre = ADMINISTRATEUR_LOCAL, lecture: LectureAnticipee | None = None,
                avant_commit: Callable[[RapportLot], None] | None = None) -> RapportLot:
    """Validate and load the batch at `path` in one transaction, as `perimetre` (who loads:
    rows outside their départements go to quarantine); returns what happened.

    `progress(message)` gets French sentences; `avancement(Avancement)`, if given, each step of
    the stages lecture, validation, écriture and indicateurs with rows done (a progress bar).
    The batch is read in a thread (`pipelines.anticipation`) while the transaction, the schema
    and the validation context are made ready; `lecture`, if given, is that read already started
    (by `pipelines.ingest`, before it copies the warehouse), its steps told to its own `etapes`.
    `avant_commit(report)`, if given, runs in the transaction just before its commit (the
    command sets how the commit's checkpoint treats a batch of that size)."""
    progress = progress or _quiet
    source = str(path)
    started = dt.datetime.now()
    t0 = time.perf_counter()
    refus = refus_droits(perimetre)
    if refus:
        return RapportLot.refusal(source, refus)
    try:
        if not Path(path).exists():
            raise LotRefuse(f"le lot « {path} » est introuvable")
        fingerprint = empreinte_lot(Path(path))
        batch_id = batch_id_for(fingerprint)
        done = con.execute(sql_ecriture("lot_deja_charge"), {"empreinte": fingerprint}).fetchone()
        if done:
            return RapportLot(batch_id=done[0], source=source, already_loaded=True)
    except LotRefuse as exc:
        return RapportLot.refusal(source, str(exc))
    lecture = lecture or LectureAnticipee(Path(path), progress, Etapes(avancement))
    step = lecture.etapes

    con.begin()
    try:
        create_schema(con)     # a warehouse older than a dataset (comites) gets its table
        migrer(con)
        ctx, resolver = _contexte(con, perimetre)   # while the batch is being read
        try:
            tables = lecture.lire()
        except LotRefuse as exc:
            con.rollback()
            return RapportLot.refusal(source, str(exc))
        report = _validate_and_write(con, tables, source, batch_id, fingerprint, started, progress, step,
                                     ctx, resolver)
        progress("Mise à jour des indicateurs…")
        n = report.nb_charges + report.nb_rejetes
        step("indicateurs", n, n, 0.0)
        if avancement:   # derived tables commit with the data: never stale figures
            refresh_derived(con, on_table=lambda i, k: step("indicateurs", n, n, i / k))
        else:
            refresh_derived(con)
        if avant_commit:
            avant_commit(report)
        con.commit()
    except LotRefuse as exc:
        con.rollback()
        return RapportLot.refusal(source, str(exc), batch_id)
    except BaseException:
        con.rollback()
        raise
    report.duration_s = time.perf_counter() - t0
    progress(f"Lot {batch_id} chargé en {report.duration_s:.1f} s.")
    return report


def _contexte(con, perimetre: Perimetre) -> tuple[Context, CommuneResolver]:
    """What validation reads from the warehouse, whatever the batch holds."""
    smic, smic_date = smic_entrepot(con)
    ctx = Context(existing=LignesEntrepot(con, DATASETS), rules=regles_entrepot(con), rejected=earlier_rejections(con),
                  smic=smic, smic_date=smic_date, perimetre=perimetre, departements_entrepot=DepartementsEntrepot(con),
                  communes=to_polars(con.sql(sql_ecriture("lot_communes_departements"))))
    return ctx, CommuneResolver.from_connection(con)


def _validate_and_write(con, tables, source, batch_id, fingerprint, started, progress, step,
                        ctx: Context, resolver: CommuneResolver) -> RapportLot:
    perimetre = ctx.perimetre
    by_dataset: dict[str, list] = {}
    for t in tables:
        by_dataset.setdefault(t.dataset, []).append(t)
    ignored = {t.fichier: list(t.extra_columns) for t in tables if t.extra_columns}
    fichiers = [t.fichier for t in tables]
    results: list[Validated] = []
    total, done = sum(t.frame.height for t in tables), 0
    tables.clear()   # the cells read are held by by_dataset only, and let go once validated
    step("validation", 0, total, 0.0)
    for ds in DATASETS:
        if ds.name in by_dataset:
            n = sum(t.frame.height for t in by_dataset[ds.name])
            progress(f"Validation de {ds.name} ({lignes(n)})…")
            results.append(validate_dataset(by_dataset.pop(ds.name), ctx, resolver))
            done += n
            step("validation", done, total, done / max(1, total))
    results = [replace(v, etats=_etats(con, v)) for v in results]
    changes = [replace(v, valid=v.valid.filter(v.etats != INCHANGEE)) if (v.etats == INCHANGEE).any() else v
               for v in results]   # the rows that change the warehouse
    ids = refresh.racines(changes, refresh.LIMITE_NOTEE)   # None: too many, every derived table is recomputed
    petit = ids is not None
    # what the batch touches, before its rows are written… (a batch that only adds rows touches
    # nothing before that it does not touch after: what lot_touches.sql joins only grows)
    if petit and any((v.etats == CORRECTION).any() for v in changes):
        refresh.noter_touches(con, ids)
    report = RapportLot(batch_id=batch_id, source=source, ignored_columns=ignored)
    done = 0
    step("ecriture", 0, total, 0.0)
    while results:   # each dataset's frames let go once written
        v = results.pop(0)
        progress(f"Écriture de {v.dataset.name} ({lignes(v.valid.height)} valide{'s' if v.valid.height > 1 else ''})…")
        write_dataset(con, v, batch_id)
        done += v.valid.height + v.rejected.height
        step("ecriture", done, total, done / max(1, total))
        report.per_dataset[v.dataset.name] = ComptesJeu(v.valid.height, v.rejected.height, v.signalements.height)
        report.errors += _detail(v.rejected, LigneRejetee, MAX_DETAIL - len(report.errors))
        report.signalements += _detail(v.signalements, Signalement, MAX_DETAIL - len(report.signalements))
    if petit:
        refresh.noter_touches(con, ids)   # …and after (an aid moved to another convention touches both)
    _log(con, report, fichiers, fingerprint, started, perimetre)
    return report


def _detail(frame: pl.DataFrame, kind, place: int) -> list:
    """The first `place` rows of `frame` (by file and row) as `kind` records, for the report."""
    if place <= 0 or not frame.height:
        return []
    champs = [f.name for f in fields(kind)]
    return [kind(*r) for r in frame.sort("fichier", "ligne").head(place).select(champs).rows()]


def _etats(con, v: Validated) -> pl.Series:
    """What writing does with each valid row: NOUVELLE (its key is not in the table), CORRECTION,
    or INCHANGEE (the same values, no flag in the table nor from this batch: left as it is, lineage
    included). One join in DuckDB gives the present rows by position: no lookup of keys in Polars."""
    etats = pl.repeat(NOUVELLE, v.valid.height, dtype=pl.Int8, eager=True).alias("etat")
    if not v.valid.height:
        return etats
    ds = v.dataset
    autres = [c for c in _table_columns(con, ds.name) if c not in (*ds.key, "batch_id", "fichier", "ligne")]
    try:
        _valides(con, v.valid.with_row_index("_i"))
        deja = to_polars(con.sql(sql_ecriture("lot_lignes_presentes", table=ds.name,
                                              identiques=identiques(ds.name, autres),
                                              correspondance=correspondance(ds.name, ds.key)),
                                 params={"dataset": ds.name}))
    finally:
        con.unregister("_lot_valid")
    if not deja.height:
        return etats
    inchangee = deja["inchangee"]
    if inchangee.any() and v.signalements.height:   # flagged by this batch: replaced, not left
        inchangee = inchangee & ~v.valid["cle"].gather(deja["_i"]).is_in(v.signalements["cle"].implode())
    return etats.scatter(deja["_i"], pl.select(pl.when(inchangee).then(INCHANGEE).otherwise(CORRECTION)
                                                 .cast(pl.Int8)).to_series())


def write_dataset(con, v: Validated, batch_id: str) -> None:
    """Correct rows with the same key in place, insert the others, mark corrected quarantine rows,
    append quarantine and flags (`v.etats`, looked up if not yet). Rows that change nothing only
    mark the quarantine rows they correct."""
    ds = v.dataset
    etats = v.etats if v.etats is not None else _etats(con, v)
    columns = _table_columns(con, ds.name)
    new = v.valid.with_columns(pl.lit(batch_id).alias("batch_id"))
    keys = list(ds.key)
    enregistrer(con, "_lot_rejected", v.rejected.select(QUARANTINE_COLUMNS))
    enregistrer(con, "_lot_signalements", v.signalements)
    try:
        if new.height:
            _valides(con, new)
            con.execute(sql_ecriture("lot_quarantaine_corrigee"), {"batch_id": batch_id, "dataset": ds.name})
            if (etats == INCHANGEE).any():
                change = etats != INCHANGEE
                new, etats = new.filter(change), etats.filter(change)
                _valides(con, new)
        if new.height:
            con.execute(sql_ecriture("lot_signalements_remplaces"), {"dataset": ds.name})
            corrige = etats == CORRECTION
            if corrige.any():
                _valides(con, new.filter(corrige))
                con.execute(sql_ecriture("lot_corriger_lignes", table=ds.name,
                                         affectations=affectations([c for c in columns if c not in keys]),
                                         correspondance=correspondance(ds.name, keys)))
                new = new.filter(~corrige)
            if new.height:
                _valides(con, new)
                con.execute(sql_ecriture("lot_inserer_lignes", table=ds.name, colonnes=columns))
        if v.rejected.height:
            con.execute(sql_ecriture("lot_inserer_quarantaine"), {"batch_id": batch_id})
        if v.signalements.height:
            con.execute(sql_ecriture("lot_inserer_signalements"), {"batch_id": batch_id})
    finally:
        for name in ("_lot_valid", "_lot_rejected", "_lot_signalements"):
            con.unregister(name)


def _valides(con, frame: pl.DataFrame) -> None:
    """Show `frame` to the write-side SQL as `_lot_valid`."""
    con.unregister("_lot_valid")
    enregistrer(con, "_lot_valid", frame)


def _log(con, report: RapportLot, fichiers: list[str], fingerprint: str, started: dt.datetime,
         perimetre: Perimetre) -> None:
    detail = {name: {"charges": c.loaded, "rejetes": c.rejected, "signales": c.flagged}
              for name, c in report.per_dataset.items()}
    con.execute(sql_ecriture("lot_journal"), {
        "batch_id": report.batch_id, "source": report.source, "fichiers": json.dumps(fichiers, ensure_ascii=False),
        "empreinte": fingerprint, "nb_charges": report.nb_charges, "nb_rejetes": report.nb_rejetes,
        "nb_signales": report.nb_signales, "detail": json.dumps(detail, ensure_ascii=False), "debut": started,
        "fin": dt.datetime.now()})
    con.execute(sql_ecriture("lot_journal_utilisateur"), {"batch_id": report.batch_id,
                                                         "utilisateur": perimetre.email or "local", "role": perimetre.role})


__all__ = ["charger_lot", "write_dataset", "earlier_rejections", "batch_id_for", "BY_NAME"]
