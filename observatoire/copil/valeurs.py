"""Headline values of the COPIL brief in French, and their change from the previous year; « s »
for a figure under statistical secrecy (the diffusable brief)."""
from __future__ import annotations

from observatoire import formats


def valeur(x, nature: str, masque: bool = False) -> str:
    """A headline value in French format according to its kind."""
    if masque:
        return formats.SECRET
    if nature == "euros" and x is not None and abs(x) >= 100_000:
        return formats.euros_compacts(x)
    return {"nombre": formats.nombre, "euros": formats.euros, "taux": formats.pourcentage,
            "multiple": formats.multiple}[nature](x)


def evolution(n, n1, nature: str, masque: bool = False) -> str:
    """Change from the previous year: relative for counts and euros, in points for rates."""
    if masque:
        return formats.SECRET
    if n is None or n1 is None:
        return formats.MANQUANT
    if nature == "taux":
        d = (n - n1) * 100
        return f"{'+' if d > 0 else ''}{formats.nombre(d, 1)}\u00a0pt{'s' if abs(d) >= 2 else ''}"
    if nature == "multiple":
        d = n - n1
        return f"{'+' if d > 0 else ''}{formats.nombre(d, 1)}"
    if n1 == 0:
        return formats.MANQUANT
    r = (n - n1) / abs(n1)
    return f"{'+' if r > 0 else ''}{formats.pourcentage(r)}"
