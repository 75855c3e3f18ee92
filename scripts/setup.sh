#!/usr/bin/env bash
# Create .venv and install the pinned requirements (idempotent: skips when up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  # The project's own packages (core, observatoire, pipelines), editable: no sys.path edits anywhere.
  # Built in pip's isolated environment (setuptools>=68 from pyproject): the venv's own setuptools 65
  # has no PEP 660 editable build without the `wheel` package.
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi
# The project's bytecode, compiled once here as pip does for the packages it installs (not for an
# editable one): with PYTHONDONTWRITEBYTECODE set, as on this machine, every command would otherwise
# compile its modules again (0,05 s of each load's start). A module changed since is compiled again.
.venv/bin/python -m compileall -q -j 0 core pipelines observatoire ecrans app.py >/dev/null || true
