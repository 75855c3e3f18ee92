#!/usr/bin/env bash
# Set up, build the warehouse on the bundled sample if needed, and start the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -f "${OBSERVATOIRE_DB:-data/warehouse.duckdb}" ]; then
  .venv/bin/python -m pipelines.build
fi
exec .venv/bin/streamlit run app.py "$@"
