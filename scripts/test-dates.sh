#!/usr/bin/env bash
# The Python tests (e2e included) at several dates far apart, each a run of its own
# (scripts/test-at.sh). The dates are computed from the current year so that they stay ahead of
# the real clock, whose cookies and certificates Chromium still checks:
#   - 1 September next year, 07:45 — the first day of a school year;
#   - 31 December next year, 23:30 in Paris — already 22:30 UTC, New Year half an hour away;
#   - 29 February of the first leap year after next year, 12:00;
#   - 1 January three years on, 00:30 in Paris — still 31 December in UTC (the date CI uses).
#
#   bash scripts/test-dates.sh            all four
#   bash scripts/test-dates.sh ci         the last one only
#   DATES="2030-05-01T09:00 …" bash scripts/test-dates.sh
#
# Each run is parallel (pytest-xdist), with PYTEST_WORKERS workers (auto: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."

year=$(date +%Y)
leap=$((year + 2))
until { [ $((leap % 4)) -eq 0 ] && [ $((leap % 100)) -ne 0 ]; } || [ $((leap % 400)) -eq 0 ]; do
  leap=$((leap + 1))
done
ci_date="$((year + 3))-01-01T00:30"
default_dates="$((year + 1))-09-01T07:45 $((year + 1))-12-31T23:30 ${leap}-02-29T12:00 ${ci_date}"
if [ "${1:-}" = "ci" ]; then
  dates="$ci_date"
else
  dates="${DATES:-$default_dates}"
fi

failed=()
for when in $dates; do
  bash scripts/test-at.sh "$when" -q -n "${PYTEST_WORKERS:-auto}" || failed+=("$when")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "Échec aux dates : ${failed[*]}" >&2
  exit 1
fi
echo "Tests Python réussis aux dates : $dates"
