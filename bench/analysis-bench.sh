#!/usr/bin/env bash
# analysis-bench.sh [--scale K] [--out DIR]
#
# What analysis at ingest costs and saves: generate K x 300 synthetic born-digital PDFs with
# gen-corpus.sh (reused when already there), plus three planted clauses that conflict with
# the Welcoming City Ordinance, then in one run, on the same files:
#   ingest            foialens ingest DIR                 (analysis included)
#   ingest-deferred   foialens ingest --no-analysis DIR   (what ingest cost before)
#   conflicts, report, references --unresolved, agreements, each 3 times on the analysed
#   library (median wall seconds, peak RSS);
#   first-command     the first `conflicts` on the library ingested with --no-analysis:
#                     every document analysed then (what each command cost before).
# FOIALENS_BASELINE=/path/to/older/foialens adds the four commands of that binary, on an
# index it ingests itself, side by side.
#
# Environment: FOIALENS (binary, default build/search-cli/foialens).
# Output: a table on stdout, bench/out/analysis-K.tsv, logs in bench/out/analysis-run-K/.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
scale=1
out="$here/out"

usage() {
    sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit "${1:-2}"
}
while [ $# -gt 0 ]; do
    case $1 in
        --scale) [ $# -ge 2 ] || usage; scale=$2; shift 2 ;;
        --scale=*) scale=${1#*=}; shift ;;
        --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
        --out=*) out=${1#*=}; shift ;;
        -h|--help) usage 0 ;;
        *) echo "analysis-bench: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ $scale =~ ^[1-9][0-9]*$ ]] || { echo "analysis-bench: --scale needs a positive integer, got '$scale'" >&2; exit 2; }

bin=${FOIALENS:-$root/build/search-cli/foialens}
[ -x "$bin" ] || { echo "analysis-bench: no foialens binary at $bin (build it, or set FOIALENS)" >&2; exit 3; }
[ -x /usr/bin/time ] || { echo "analysis-bench: needs GNU time (apt-get install time)" >&2; exit 3; }
baseline=${FOIALENS_BASELINE:-}
ndocs=$((scale * 300))
mkdir -p "$out" || exit 3
out=$(cd "$out" && pwd)
corpus="$out/corpus-$scale"
run="$out/analysis-run-$scale"
tsv="$out/analysis-$scale.tsv"
rm -rf "$run" && mkdir -p "$run/planted" || exit 3
say() { printf '%s\n' "$*" >&2; }

if [ "$(ls "$corpus"/doc-*.pdf 2>/dev/null | wc -l)" -ne "$ndocs" ]; then
    say "generating $ndocs documents in $corpus ..."
    "$here/gen-corpus.sh" "$ndocs" "$corpus" >&2 || { say "analysis-bench: gen-corpus.sh failed"; exit 3; }
fi
cat > "$run/planted/planted-287g.txt" <<'DOC'
MEMORANDUM OF AGREEMENT BETWEEN U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT AND THE BENCH COUNTY SHERIFF

1. The Sheriff will honor ICE detainers and hold each subject up to 48 hours beyond release.

2. The Sheriff will give ICE officers access to all inmates for interviews, pursuant to the
Memorandum of Understanding dated March 3, 2017 between the Sheriff and ICE.
DOC
cat > "$run/planted/planted-order.txt" <<'DOC'
POLICE ORDER: FEDERAL IMMIGRATION REQUESTS

1. Members will not honor ICE detainers or hold anyone for ICE.
DOC
cat "$corpus"/doc-*.pdf > /dev/null  # page cache warm for every tool alike

# once NAME CMD... : one timed run; sets SEC and KB.
once() {
    local name=$1; shift
    /usr/bin/time -f '%e %M' -o "$run/$name.time" "$@" > "$run/$name.out" 2> "$run/$name.err"
    read -r SEC KB < "$run/$name.time"
}
# median NAME CMD... : 3 runs; sets SEC (median) and KB (max).
median() {
    local name=$1; shift
    local secs=() kb=0 i
    for i in 1 2 3; do
        once "$name" "$@"
        secs+=("$SEC"); [ "$KB" -gt "$kb" ] && kb=$KB
    done
    SEC=$(printf '%s\n' "${secs[@]}" | sort -g | sed -n 2p)
    KB=$kb
}
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$(( $3 / 1024 ))" "$4" >> "$tsv"; }

printf 'what\tseconds\tpeak_mib\tnote\n' > "$tsv"
say "ingest with analysis ..."
once ingest "$bin" --home "$run/home" -q ingest "$corpus" "$run/planted"
ingest_sec=$SEC; row "ingest" "$SEC" "$KB" "analysis included"
say "ingest without analysis ..."
once ingest-deferred "$bin" --home "$run/home-deferred" -q ingest --no-analysis "$corpus" "$run/planted"
deferred_sec=$SEC; row "ingest --no-analysis" "$SEC" "$KB" "analysis left for the first command"
once first "$bin" --home "$run/home-deferred" conflicts --json
row "first conflicts after --no-analysis" "$SEC" "$KB" "analyses every document, stores the result"

commands=("conflicts --json" "report --json" "references --unresolved --json" "agreements --json")
for c in "${commands[@]}"; do
    name=$(echo "$c" | cut -d' ' -f1)
    # shellcheck disable=SC2086
    median "$name" "$bin" --home "$run/home" $c
    row "$c" "$SEC" "$KB" "$(wc -l < "$run/$name.out") lines"
done
if [ -n "$baseline" ] && [ -x "$baseline" ]; then
    say "baseline ingest ..."
    once base-ingest "$baseline" --home "$run/home-baseline" -q ingest "$corpus" "$run/planted"
    row "baseline ingest" "$SEC" "$KB" "$baseline"
    for c in "${commands[@]}"; do
        name=base-$(echo "$c" | cut -d' ' -f1)
        # shellcheck disable=SC2086
        median "$name" "$baseline" --home "$run/home-baseline" $c
        row "baseline $c" "$SEC" "$KB" "$(wc -l < "$run/$name.out") lines"
    done
fi
overhead=$(awk -v a="$ingest_sec" -v b="$deferred_sec" 'BEGIN { if (b > 0) printf "%+.1f%%", (a - b) / b * 100 }')
column -t -s "$(printf '\t')" "$tsv"
echo "ingest: analysis adds $overhead ($ingest_sec s against $deferred_sec s) for $ndocs documents"
say "results in $tsv"
