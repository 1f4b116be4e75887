#!/usr/bin/env bash
# formats-bench.sh [--out DIR]
#
# Archive ingest throughput: the 300 synthetic PDFs of gen-corpus.sh ingested by foialens
# (1) unpacked, as a folder, and (2) as one ZIP of the same files (deflated, as agencies
# send them), each from an empty library home, in the same run. Wall seconds and peak
# RSS come from /usr/bin/time -f '%e %M'.
#
# Environment: FOIALENS (binary, default build/search-cli/foialens), BENCH_DOCS (default 300).
# Output: a table on stdout, bench/out/formats.tsv, logs in bench/out/formats-run/.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"
while [ $# -gt 0 ]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        --out=*) out=${1#*=}; shift ;;
        -h|--help) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "formats-bench: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
ndocs=${BENCH_DOCS:-300}
fl=${FOIALENS:-$root/build/search-cli/foialens}
[ -x "$fl" ] || { echo "formats-bench: $fl not found: build the foialens target first" >&2; exit 3; }
command -v zip >/dev/null || { echo "formats-bench: zip not found (apt-get install zip)" >&2; exit 3; }
[ -x /usr/bin/time ] || { echo "formats-bench: GNU time not found (apt-get install time)" >&2; exit 3; }
mkdir -p "$out" && out=$(cd "$out" && pwd)
corpus="$out/formats-corpus-$ndocs"
run="$out/formats-run"
rm -rf "$run" && mkdir -p "$run"

# The same corpus as ingest-bench.sh; regenerated when the generator changes.
stamp="$ndocs $(sha256sum "$here/gen-corpus.sh" | cut -c1-16)"
if [ ! -f "$corpus.stamp" ] || [ "$(cat "$corpus.stamp")" != "$stamp" ]; then
    rm -rf "$corpus" && mkdir -p "$corpus"
    "$here/gen-corpus.sh" "$ndocs" "$corpus/pdfs" > "$corpus.genline" || { echo "formats-bench: gen-corpus.sh failed" >&2; exit 3; }
    (cd "$corpus/pdfs" && zip -q -r "$corpus/response.zip" .)
    printf '%s\n' "$stamp" > "$corpus.stamp"
fi
cat "$corpus"/pdfs/*.pdf "$corpus/response.zip" > /dev/null   # warm the page cache

printf 'input\tdocuments\tpages\tseconds\tdocs_per_s\tpages_per_s\tpeak_rss_mib\tinput_mib\n' > "$out/formats.tsv"
for kind in folder zip; do
    home="$run/home-$kind"
    target="$corpus/pdfs"; [ $kind = zip ] && target="$corpus/response.zip"
    /usr/bin/time -f '%e %M' -o "$run/$kind.time" "$fl" --home "$home" ingest --json "$target" > "$run/$kind.log" 2>&1
    rc=$?
    read -r sec kb < <(tail -n 1 "$run/$kind.time")
    summary=$(grep '"summary"' "$run/$kind.log" | tail -n 1)
    docs=$(sed -n 's/.*"added":\([0-9]*\).*/\1/p' <<< "$summary")
    pages=$(sed -n 's/.*"pages":\([0-9]*\).*/\1/p' <<< "$summary")
    mib=$(du -sm "$target" | cut -f1)
    awk -v k=$kind -v d="${docs:-0}" -v p="${pages:-0}" -v s="$sec" -v r="$kb" -v m="$mib" -v rc=$rc 'BEGIN {
        printf "%s\t%d\t%d\t%.2f\t%.1f\t%.1f\t%.0f\t%s%s\n", k, d, p, s, d / s, p / s, r / 1024, m, (rc ? "\texit " rc : "")
    }' >> "$out/formats.tsv"
done

echo "Archive ingest: $ndocs PDFs unpacked vs the same PDFs in one ZIP ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
column -t -s $'\t' "$out/formats.tsv"
awk -F'\t' 'NR==2 {f=$4} NR==3 {z=$4} END { if (f > 0) printf "zip/folder wall time: %.2f\n", z / f }' "$out/formats.tsv"
