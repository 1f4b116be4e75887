#!/usr/bin/env bash
# Installs every Debian package that foialens needs to build, test and benchmark.
# Idempotent: safe to run again; installs only what is missing. Run as root (or with sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # libraries
  libxapian-dev libpoppler-cpp-dev libtesseract-dev libleptonica-dev
  libcurl4-openssl-dev libssl-dev libsqlite3-dev libgtest-dev libgmock-dev
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libfmt-dev libutf8proc-dev
  libcpp-httplib-dev
  # the web pages' tests load them in a headless browser
  chromium
  # OCR language data (English is the default; Spanish for --lang eng+spa)
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa
  # corpus rendering and scanned-corpus generation
  groff ghostscript poppler-utils imagemagick img2pdf
  # benchmarks: the peer tools, and GNU time for peak memory
  recoll xapian-omega ocrmypdf time
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
