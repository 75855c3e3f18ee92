"""Ingestion and build jobs: files in, DuckDB warehouse out. Never imports Streamlit."""
import os

# Polars' allocator (jemalloc) keeps freed pages for 10 s by default, so a large batch's memory
# grows with every step that frees what the previous one built: given back after 100 ms, the ×10
# batch peaks at 750–780 MB instead of 800–880 MB, for 0,1–0,2 s (docs/performance-ingestion.md).
# Read when Polars is first imported: it applies to the ingestion command, not to a process that
# imported Polars before this package.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:100,muzzy_decay_ms:0")
