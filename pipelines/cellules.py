"""One dataset's tables (a file, a sheet, several) stacked as contract cells, and the cells as read.

`pipelines.validate` parses the stacked cells column by column. Quarantine keeps each rejected
row as the user wrote it, under the file's own headers, as JSON: that JSON is built for the
rejected rows only (`brutes`), not for every row read (it was a third of the memory of a
million-row batch, for rows that are almost all valid).
"""
from __future__ import annotations

import polars as pl

from pipelines.contract import BY_NAME
from pipelines.parsers_colonnes import clean_cells
from pipelines.readers_grid import vides_nulles


def combine_tables(tables) -> tuple[pl.DataFrame, list[tuple[int, pl.DataFrame]]]:
    """Stack one dataset's RawTables: (cells Utf8 + _fichier + _ligne + _rang, [(first _rang, the
    cells as read under their own headers)]); the latter become quarantine's raw JSON, for the
    rejected rows only (`brutes`)."""
    ds = BY_NAME[tables[0].dataset]
    frames, raws, debut = [], [], 0
    for t in tables:
        f = t.frame
        cols = []
        for c in ds.columns:
            if c.name not in f.columns:
                cols.append(pl.Series(c.name, [None] * f.height, dtype=pl.Utf8))
            else:
                cols.append(f[c.name] if t.propre else clean_cells(f[c.name]))
        out = pl.DataFrame(cols, schema={c.name: pl.Utf8 for c in ds.columns}) if f.height else \
            pl.DataFrame(schema={c.name: pl.Utf8 for c in ds.columns})
        out = out.with_columns(pl.lit(t.fichier, pl.Utf8).alias("_fichier"),
                               f["_ligne"].cast(pl.Int64).alias("_ligne"),
                               pl.int_range(debut, debut + f.height, dtype=pl.Int64).alias("_rang"))
        frames.append(out)
        raw = t.lues if t.lues is not None and t.lues.height == f.height else f.drop("_ligne")
        raws.append((debut, raw.select([c for c in raw.columns if not c.startswith("_ligne")])))
        debut += f.height
    return pl.concat(frames), raws


def brutes(raws: list[tuple[int, pl.DataFrame]], rangs: pl.Series) -> pl.DataFrame:
    """(_rang, donnees_brutes) of the rows `rangs`: their cells as read, as JSON, for quarantine."""
    out = [pl.DataFrame(schema={"_rang": pl.Int64, "donnees_brutes": pl.Utf8})]
    for debut, raw in raws:
        local = rangs.filter((rangs >= debut) & (rangs < debut + raw.height)) - debut
        if local.len():
            rows = vides_nulles(raw[local])
            js = (rows.select(pl.struct(pl.all().cast(pl.Utf8)).struct.json_encode().alias("donnees_brutes"))
                  if raw.width else pl.DataFrame({"donnees_brutes": ["{}"] * local.len()}))
            out.append(js.select((local + debut).cast(pl.Int64).alias("_rang"), "donnees_brutes"))
    return pl.concat(out)


def ajouter(df: pl.DataFrame, right: pl.DataFrame, on: str, nulls_equal: bool = False) -> pl.DataFrame:
    """`df` with `right`'s other columns for each row (a left join on `on`, `right`'s keys unique).
    The join runs on the key column alone and its result is set beside `df`'s columns, which are
    not copied: on a wide frame (an aid's 13 cells, typed and raw) each plain join copied them all."""
    extra = df.select(on).join(right, on=on, how="left", maintain_order="left", nulls_equal=nulls_equal)
    if extra.height != df.height:   # `right` repeats a key: what the plain join gives
        return df.join(right, on=on, how="left", maintain_order="left", nulls_equal=nulls_equal)
    return df.hstack(extra.drop(on))

