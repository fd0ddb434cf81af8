#!/usr/bin/env bash
# The pooler tests (tests/pooler) put Debian's PgBouncer in front of the embedded PostgreSQL, as
# production puts CloudNativePG's Pooler (docs/decisions/0030). Install it when missing.
set -euo pipefail
if [ -x /usr/sbin/pgbouncer ] || command -v pgbouncer >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation de PgBouncer (paquet Debian)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The package's post-install starts a pgbouncer service on port 6432 where an init system
  # runs; the tests start their own process on a free port and never use that one.
  apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null
else
  echo "PgBouncer est requis pour les tests du pooler : sudo apt-get install pgbouncer" >&2
  exit 1
fi
