#!/usr/bin/env bash
# Render the foialens sample corpus: corpus/src/<name>.ms -> corpus/<name>.pdf
# Uses only Debian's groff (gropdf) and, for the checks, poppler-utils.
#
#   scripts/render-corpus.sh            render every source, then check each PDF
#   scripts/render-corpus.sh NAME...    render only the named documents (no .ms suffix)
#
# Every source is processed together with corpus/src/preamble.tmac (page setup,
# reconstruction notice, heading and signature macros) and run through tbl.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src="$root/corpus/src"
out="$root/corpus"

for tool in groff pdfinfo pdftotext; do
    command -v "$tool" >/dev/null || { echo "render-corpus: '$tool' not found; install groff and poppler-utils" >&2; exit 3; }
done

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for f in "$src"/*.ms; do names+=("$(basename "$f" .ms)"); done
fi

status=0
for name in "${names[@]}"; do
    in="$src/$name.ms"
    pdf="$out/$name.pdf"
    [ -f "$in" ] || { echo "render-corpus: no source $in" >&2; status=1; continue; }
    # -t: tbl; -P-pletter: US letter media box; -ww: all warnings.
    # SOURCE_DATE_EPOCH keeps the PDF creation date stable so re-renders are byte-identical.
    if ! SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1609459200} \
         groff -t -ms -Tpdf -P-pletter -ww "$src/preamble.tmac" "$in" > "$pdf.tmp"; then
        echo "render-corpus: groff failed on $in" >&2; rm -f "$pdf.tmp"; status=1; continue
    fi
    mv "$pdf.tmp" "$pdf"
    title=$(pdfinfo "$pdf" | sed -n 's/^Title: *//p')
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    words=$(pdftotext "$pdf" - | wc -w)
    if [ -z "$title" ] || [ "$words" -lt 100 ]; then
        echo "render-corpus: $pdf: missing title or too little extractable text" >&2; status=1
    fi
    if ! pdftotext "$pdf" - | tr -s '\n ' '  ' | grep -q 'Illustrative reconstruction written for the foialens sample corpus'; then
        echo "render-corpus: $pdf: reconstruction notice not found in text" >&2; status=1
    fi
    printf '%-45s %2s pages %5s words  %s\n' "$name.pdf" "$pages" "$words" "$title"
done
exit $status
