#!/usr/bin/env bash
# ocr-bench.sh [--runs N] [--out DIR] [SCAN.pdf...]
#
# OCR benchmark on the scanned corpus (corpus/scans/*dpi.pdf, image-only PDFs with
# per-page ground truth, made by scripts/make-scans.sh). On the same files, time:
#   foialens   foialens --home H ingest --jobs 2 FILES   (a fresh home: no OCR cache)
#   ocrmypdf   ocrmypdf -j 2 --skip-text --sidecar TXT --output-type pdf -O 0 F OUT,
#              one file after the other (its fastest settings: no PDF/A, no optimising)
# and the character error rate of each tool's text against the ground truth
# (ocr-cer, built with the tests). Then the searchable PDFs: `foialens export` of every
# ingested file against ocrmypdf's output file, for time, size and the CER of the text
# pdftotext reads from each. Each tool runs N times (default 1), alternating, and
# the best time counts. Prints pages/s, CPU seconds (user + system, children included:
# steadier than wall time on a busy machine), CER and the ratios foialens / ocrmypdf.
#
# Environment: FOIALENS (binary, default build/search-cli/foialens), OCR_CER (default
# build/tests/ocr/ocr-cer), FOIALENS_ARGS (extra ingest arguments, e.g. "--dpi 300").
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
runs=1
out="$here/out/ocr"
files=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -h|--help) sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        -*) echo "ocr-bench: unknown option '$1'" >&2; exit 2 ;;
        *) files+=("$1"); shift ;;
    esac
done
if [ ${#files[@]} -eq 0 ]; then
    files=("$root"/corpus/scans/*dpi.pdf)
fi
foialens=${FOIALENS:-$root/build/search-cli/foialens}
cer=${OCR_CER:-$root/build/tests/ocr/ocr-cer}
for tool in "$foialens" "$cer"; do
    [ -x "$tool" ] || { echo "ocr-bench: $tool not found: build first (cmake --build build)" >&2; exit 3; }
done
command -v ocrmypdf >/dev/null || { echo "ocr-bench: ocrmypdf not found (apt-get install ocrmypdf)" >&2; exit 3; }
command -v jq >/dev/null || { echo "ocr-bench: jq not found (apt-get install jq)" >&2; exit 3; }

mkdir -p "$out" || exit 3
out=$(cd "$out" && pwd)
pages=0
for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | sed -n 's/^Pages: *//p'))); done

read -r load1 _ < /proc/loadavg
echo "ocr-bench: ${#files[@]} files, $pages pages, $(nproc) cores, load average $load1" >&2
if awk -v l="$load1" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    echo "ocr-bench: warning: the machine is busy (load $load1 on $(nproc) cores): times are slower and noisier than usual; compare the ratios" >&2
fi

now() { date +%s.%N; }

# cpu_of FILE: user + system seconds written there by /usr/bin/time -f '%U %S'.
cpu_of() { awk 'END { printf "%.2f", $1 + $2 }' "$1"; }

run_foialens() {
    rm -rf "$out/home"
    local t0 t1
    t0=$(now)
    # shellcheck disable=SC2086
    /usr/bin/time -f '%U %S' -o "$out/foialens.cpu" \
        "$foialens" --home "$out/home" ingest --jobs 2 --json ${FOIALENS_ARGS:-} "${files[@]}" \
        > "$out/foialens.jsonl" 2> "$out/foialens.err" || { echo "ocr-bench: foialens failed, see $out/foialens.err" >&2; exit 1; }
    t1=$(now)
    echo "$t1 - $t0" | bc
}

run_ocrmypdf() {
    local t0 t1 f
    t0=$(now)
    : > "$out/ocrmypdf.cpu"
    for f in "${files[@]}"; do
        /usr/bin/time -a -f '%U %S' -o "$out/ocrmypdf.cpu" ocrmypdf -q -j 2 --skip-text --output-type pdf -O 0 --sidecar "$out/$(basename "$f" .pdf).sidecar.txt" \
            "$f" "$out/$(basename "$f" .pdf).ocrmypdf.pdf" 2>> "$out/ocrmypdf.err" || { echo "ocr-bench: ocrmypdf failed on $f, see $out/ocrmypdf.err" >&2; exit 1; }
    done
    t1=$(now)
    echo "$t1 - $t0" | bc
}

best_f=""
best_o=""
cpu_f=""
cpu_o=""
for ((r = 1; r <= runs; r++)); do
    s=$(run_foialens)
    c=$(cpu_of "$out/foialens.cpu")
    echo "ocr-bench: run $r: foialens $s s, CPU $c s" >&2
    if [ -z "$best_f" ] || [ "$(echo "$s < $best_f" | bc)" = 1 ]; then best_f=$s; fi
    if [ -z "$cpu_f" ] || [ "$(echo "$c < $cpu_f" | bc)" = 1 ]; then cpu_f=$c; fi
    s=$(run_ocrmypdf)
    c=$(awk '{ t += $1 + $2 } END { printf "%.2f", t }' "$out/ocrmypdf.cpu")
    echo "ocr-bench: run $r: ocrmypdf $s s, CPU $c s" >&2
    if [ -z "$best_o" ] || [ "$(echo "$s < $best_o" | bc)" = 1 ]; then best_o=$s; fi
    if [ -z "$cpu_o" ] || [ "$(echo "$c < $cpu_o" | bc)" = 1 ]; then cpu_o=$c; fi
done

# Page texts: foialens from `show --json DOC:PAGE`, ocrmypdf from the sidecar (pages
# separated by form feeds).
f_pairs=()
o_pairs=()
for f in "${files[@]}"; do
    stem=$(basename "$f" .pdf)
    doc=$(jq -r --arg f "$f" 'select(.input == $f) | .doc' "$out/foialens.jsonl" | head -n 1)
    n=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
    awk -v dir="$out" -v stem="$stem" 'BEGIN { RS = "\f" } { print > (dir "/" stem ".ocrmypdf.p" NR ".txt") }' \
        "$out/$stem.sidecar.txt"
    for ((p = 1; p <= n; p++)); do
        gt="$(dirname "$f")/$stem.p$p.gt.txt"
        "$foialens" --home "$out/home" show --json "$doc:$p" | jq -r .text > "$out/$stem.foialens.p$p.txt"
        f_pairs+=("$out/$stem.foialens.p$p.txt" "$gt")
        o_pairs+=("$out/$stem.ocrmypdf.p$p.txt" "$gt")
    done
done
read -r cer_f _ < <("$cer" "${f_pairs[@]}")
read -r cer_o _ < <("$cer" "${o_pairs[@]}")

# Searchable PDFs: foialens export after the ingest above; ocrmypdf's files from its
# last run. Text read back by pdftotext, page by page.
t0=$(now)
for f in "${files[@]}"; do
    stem=$(basename "$f" .pdf)
    doc=$(jq -r --arg f "$f" 'select(.input == $f) | .doc' "$out/foialens.jsonl" | head -n 1)
    "$foialens" -q --home "$out/home" export "$doc" -o "$out/$stem.foialens.pdf" || { echo "ocr-bench: export failed on $f" >&2; exit 1; }
done
t1=$(now)
export_s=$(echo "$t1 - $t0" | bc)
fe_pairs=()
oe_pairs=()
size_f=0
size_o=0
for f in "${files[@]}"; do
    stem=$(basename "$f" .pdf)
    n=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
    size_f=$((size_f + $(stat -c %s "$out/$stem.foialens.pdf")))
    size_o=$((size_o + $(stat -c %s "$out/$stem.ocrmypdf.pdf")))
    for ((p = 1; p <= n; p++)); do
        gt="$(dirname "$f")/$stem.p$p.gt.txt"
        pdftotext -f "$p" -l "$p" "$out/$stem.foialens.pdf" "$out/$stem.foialens-pdf.p$p.txt"
        pdftotext -f "$p" -l "$p" "$out/$stem.ocrmypdf.pdf" "$out/$stem.ocrmypdf-pdf.p$p.txt"
        fe_pairs+=("$out/$stem.foialens-pdf.p$p.txt" "$gt")
        oe_pairs+=("$out/$stem.ocrmypdf-pdf.p$p.txt" "$gt")
    done
done
read -r cer_fe _ < <("$cer" "${fe_pairs[@]}")
read -r cer_oe _ < <("$cer" "${oe_pairs[@]}")
in_size=0
for f in "${files[@]}"; do in_size=$((in_size + $(stat -c %s "$f"))); done

pps_f=$(echo "scale=3; $pages / $best_f" | bc)
pps_o=$(echo "scale=3; $pages / $best_o" | bc)
printf '%-10s %8s %8s %8s %8s\n' tool seconds pages/s CPU-s CER%
printf '%-10s %8.2f %8.3f %8.2f %8.2f\n' foialens "$best_f" "$pps_f" "$cpu_f" "$cer_f"
printf '%-10s %8.2f %8.3f %8.2f %8.2f\n' ocrmypdf "$best_o" "$pps_o" "$cpu_o" "$cer_o"
printf 'throughput foialens/ocrmypdf: %.2fx (wall), %.2fx (CPU)   CER foialens - ocrmypdf: %+.2f points\n' \
    "$(echo "scale=4; $pps_f / $pps_o" | bc)" "$(echo "scale=4; $cpu_o / $cpu_f" | bc)" \
    "$(echo "$cer_f - $cer_o" | bc)"
echo
printf '%-22s %10s %10s %12s\n' "searchable PDF" seconds MiB "pdftotext CER%"
printf '%-22s %10.2f %10.2f %12.2f\n' "foialens ingest+export" "$(echo "$best_f + $export_s" | bc)" \
    "$(echo "scale=4; $size_f / 1048576" | bc)" "$cer_fe"
printf '%-22s %10.2f %10.2f %12.2f\n' "ocrmypdf" "$best_o" "$(echo "scale=4; $size_o / 1048576" | bc)" "$cer_oe"
printf '(the scans themselves: %.2f MiB; export alone took %.2f s)\n' "$(echo "scale=4; $in_size / 1048576" | bc)" "$export_s"
