#!/usr/bin/env bash
# Installs what the test suite needs beyond Go, from Debian's packages:
# Chromium (browser tests of the dashboards), Noto CJK fonts (Japanese in
# screenshots and PDFs), LibreOffice Calc and poppler-utils (the report
# workbook printed to PDF and PNG), npm (fetches the pinned ECharts
# runtime). Safe to run again; does nothing when everything is there.
# Needs root (or sudo) for apt-get.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" || need+=(fonts-noto-cjk)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing test dependencies: ${need[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
