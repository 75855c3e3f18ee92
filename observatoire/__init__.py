"""Observatoire de la revitalisation des bassins d'emploi: shared code of the dashboard.

Holds what the pages and exports share (paths, read-only warehouse access, named SQL
queries, French formats, charts and maps); pipelines/ never imports Streamlit.
"""
