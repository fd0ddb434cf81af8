#!/usr/bin/env bash
# Run the Python tests (e2e included) as if it were another date.
#
#   bash scripts/test-at.sh 2029-01-01T00:30 [pytest arguments…]
#
# The date is a wall-clock time in Paris. MARELLE_TEST_CLOCK makes the pytest process start
# with its clocks moved there (time-machine, still ticking: see config/pytest_plugin.py), in
# every thread: the tests, the live server, the in-process Celery worker; the e2e tests give
# Chromium's pages the same clock. Why not libfaketime: docs/decisions/0018-test-clock.md.
set -euo pipefail
cd "$(dirname "$0")/.."

when="${1:?usage: scripts/test-at.sh YYYY-MM-DDTHH:MM [pytest arguments…]}"
shift
# Refuse a date that does not exist (29 February of a common year) rather than let it roll over.
.venv/bin/python -c 'import sys; from datetime import datetime; datetime.fromisoformat(sys.argv[1])' "$when" ||
  { echo "Date invalide : $when (attendu AAAA-MM-JJTHH:MM, heure de Paris)" >&2; exit 2; }

echo "Tests Python au ${when/T/ à } (heure de Paris)…"
MARELLE_TEST_CLOCK="$when" .venv/bin/pytest "$@"
