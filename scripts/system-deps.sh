#!/usr/bin/env bash
# Install the Debian packages the tests and benchmarks use: headless Chromium and its driver
# (browser tests), LibreOffice (export conversion checks). Idempotent; quiet when all is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Fehlende Systempakete: ${need[*]} (als root installieren: apt-get install -y ${need[*]})" >&2
  exit 0
fi
echo "Installiere Systempakete: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
