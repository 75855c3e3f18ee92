"""Small readers of an AppTest page shared by the app tests."""
from __future__ import annotations


def valeurs(at) -> dict[str, str]:
    """The page's metrics as {label: displayed value}."""
    return {m.label: m.value for m in at.metric}


def textes(at) -> str:
    """Every info/success/error/warning/markdown text of the page, joined."""
    morceaux = [e.value for kind in ("info", "success", "error", "warning", "markdown", "caption")
                for e in getattr(at, kind)]
    return "\n".join(str(m) for m in morceaux)


def titres(at) -> list[str]:
    """The page's headings in order: st.subheader ones and the plain-text ones of layout.titre_brut
    (user text is shown through st.html, escaped, never as Markdown)."""
    import html
    import re

    trouves = []
    for e in at.main:
        for x in _descendants(e):
            if x.type == "subheader" or getattr(x, "tag", None) == "h3":
                trouves.append(x.value)
            elif x.type == "html":
                m = re.fullmatch(r"<h[234][^>]*>(.*)</h[234]>", x.proto.body, re.S)
                if m:
                    trouves.append(html.unescape(m.group(1)))
    return trouves


def _descendants(e):
    yield e
    for enfant in getattr(e, "children", {}).values():
        yield from _descendants(enfant)


def table(at, colonne: str):
    """The first table of the page showing `colonne`, as a pandas frame."""
    for df in at.dataframe:
        if colonne in df.value.columns:
            return df.value
    raise AssertionError(f"aucun tableau avec la colonne {colonne}")


def lignes(db, sql: str, params=None) -> list[dict]:
    """Rows of a read-only query on the warehouse file `db`, as dicts (to compare pages with views)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(sql, params or [])
        noms = [d[0] for d in cur.description]
        return [dict(zip(noms, r)) for r in cur.fetchall()]
    finally:
        con.close()
