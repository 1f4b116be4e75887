#!/usr/bin/env bash
# Installs the Debian packages foialens needs, for one purpose at a time:
#   install-deps.sh --demo    build and run foialens (what scripts/demo.sh needs)
#   install-deps.sh [--test]  and run the whole test suite (the default; what CI runs)
#   install-deps.sh --bench   and run the benchmarks against the peer tools (bench/)
#   install-deps.sh --all     and regenerate the sample corpus and the test fixtures
# Each level includes the ones above it. Idempotent: installs only what is missing.
# Run as root (or with sudo).
set -euo pipefail

level=test
case ${1:-} in
  --demo) level=demo ;;
  ""|--test) level=test ;;
  --bench) level=bench ;;
  --all) level=all ;;
  -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "install-deps: unknown option '$1' (use --demo, --test, --bench or --all)" >&2; exit 2 ;;
esac

# Build and run.
packages=(
  build-essential cmake ninja-build pkg-config git
  libxapian-dev libpoppler-cpp-dev libtesseract-dev libleptonica-dev
  libcurl4-openssl-dev libssl-dev libsqlite3-dev
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libfmt-dev libutf8proc-dev
  # archives, e-mail, Outlook .msg, Office XML and HTML
  libarchive-dev libgmime-3.0-dev libgsf-1-dev libxml2-dev
  # word boxes and searchable PDFs (foialens export)
  zlib1g-dev libqpdf-dev
  # the web front end (foialens serve)
  libcpp-httplib-dev
  # OCR language data (English is the default; Spanish for --lang eng+spa)
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa
  # pdftotext, to check what `foialens export` writes
  poppler-utils
)
if [ "$level" != demo ]; then
  packages+=(
    libgtest-dev libgmock-dev
    # legacy .doc/.xls are converted by LibreOffice when it is installed: tested for real
    libreoffice-writer-nogui libreoffice-calc-nogui
    # the web pages are checked in a real browser
    chromium
  )
fi
if [ "$level" = bench ] || [ "$level" = all ]; then
  packages+=(
    # the peer tools, GNU time for peak memory, groff for the generated corpora
    recoll xapian-omega ocrmypdf time groff
  )
fi
if [ "$level" = all ]; then
  packages+=(
    # corpus rendering and scanned-corpus generation
    groff ghostscript imagemagick img2pdf
    # format fixtures: 7z archives, .msg files (gsf createole), Office files
    p7zip-full libgsf-bin python3-openpyxl python3-docx
  )
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages for --$level already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages for --$level: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
