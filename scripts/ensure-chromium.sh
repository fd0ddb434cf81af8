#!/usr/bin/env bash
# The e2e tests drive Debian's Chromium (no browser download). Install it when missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation de Chromium (paquet Debian)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
else
  echo "Chromium est requis pour les tests e2e : sudo apt-get install chromium" >&2
  exit 1
fi
