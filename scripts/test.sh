#!/usr/bin/env bash
# Set up (Python packages, Debian's chromium and poppler for browser and PDF tests) and run
# the whole test suite. Extra arguments go to pytest.
#   bash scripts/test.sh            the full suite, browser tests included (what CI runs)
#   bash scripts/test.sh --rapide   the fast loop: everything but the browser tests, on 2 workers
set -euo pipefail
cd "$(dirname "$0")/.."
rapide=()
if [ "${1:-}" = "--rapide" ]; then
  shift
  # Work stealing: an idle worker takes tests queued for the other, instead of waiting at the end
  # (about 2 s less idle in A/B runs; wall minus half the CPU went from 5,3–5,5 s to 2,9–3,6 s).
  rapide=(-m "not browser" -n 2 --dist worksteal -p no:cacheprovider)
  # Keep compiled modules between runs (__pycache__, ignored by git): with PYTHONDONTWRITEBYTECODE
  # set, each worker compiled the project and rewrote every test module's asserts again (~1 s each).
  unset PYTHONDONTWRITEBYTECODE
  # One Polars thread per worker: the two workers already fill the two cores, and the batches of
  # the tests are small (tests/pipelines serially: 52 → 48 s of CPU, 61 → 54 s of wall).
  export POLARS_MAX_THREADS=1
fi
bash scripts/setup.sh
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
exec .venv/bin/python -m pytest "${rapide[@]}" "$@"
