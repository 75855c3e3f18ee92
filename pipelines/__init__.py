"""Ingestion and build jobs: files in, DuckDB warehouse out. Never imports Streamlit."""
