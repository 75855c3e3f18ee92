"""Vue nationale (placeholder while the page is written)."""
from observatoire import layout

version = layout.page("Vue nationale")
