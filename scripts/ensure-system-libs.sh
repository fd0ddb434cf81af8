#!/usr/bin/env bash
# WeasyPrint (the PDF editions: fiche sanitaire…) loads Pango, HarfBuzz and fontconfig at run
# time, and needs at least one font. Install the Debian packages when a library is missing.
set -euo pipefail

# ldconfig lives in /sbin, outside a normal user's PATH on Debian.
LDCONFIG="$(command -v ldconfig || echo /sbin/ldconfig)"
have_lib() {
  "$LDCONFIG" -p 2>/dev/null | grep -q "$1"
}

missing=()
have_lib "libpango-1.0.so.0" || missing+=(libpango-1.0-0)
have_lib "libpangoft2-1.0.so.0" || missing+=(libpangoft2-1.0-0)
have_lib "libharfbuzz-subset.so.0" || missing+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation des bibliothèques de WeasyPrint : ${missing[*]}…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif [[ " ${missing[*]} " == *" libpango-1.0-0 "* || " ${missing[*]} " == *" libpangoft2-1.0-0 "* ]]; then
  echo "Les éditions PDF (WeasyPrint) ont besoin de Pango : sudo apt-get install ${missing[*]}" >&2
  exit 1
else
  # Optional pieces only (font subsetting, DejaVu): PDFs still render, with a warning.
  echo "Conseillé pour les éditions PDF : sudo apt-get install ${missing[*]}" >&2
fi
