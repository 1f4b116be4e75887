#!/usr/bin/env bash
# conflicts-bench.sh [--scale K] [--out DIR]
#
# Conflicts benchmark: generate K x 300 synthetic born-digital PDFs with gen-corpus.sh
# (reused when already there), ingest them into a fresh library home, plant a few clauses
# that conflict with the Welcoming City Ordinance as text files, then time on the same
# index, in the same run:
#   conflicts   foialens conflicts --json        (every rule's index queries + clause checks)
#   search      foialens search --json QUERY    (one plain search, for scale)
# Each is run 3 times; the table shows the median wall seconds and peak RSS
# (/usr/bin/time -f '%e %M'), the findings and the passages indexed.
#
# Environment: FOIALENS (binary, default build/search-cli/foialens).
# Output: a table on stdout, bench/out/conflicts-K.tsv, logs in bench/out/conflicts-run-K/.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
scale=1
out="$here/out"

usage() {
    sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit "${1:-2}"
}
while [ $# -gt 0 ]; do
    case $1 in
        --scale) [ $# -ge 2 ] || usage; scale=$2; shift 2 ;;
        --scale=*) scale=${1#*=}; shift ;;
        --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
        --out=*) out=${1#*=}; shift ;;
        -h|--help) usage 0 ;;
        *) echo "conflicts-bench: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ $scale =~ ^[1-9][0-9]*$ ]] || { echo "conflicts-bench: --scale needs a positive integer, got '$scale'" >&2; exit 2; }

bin=${FOIALENS:-$root/build/search-cli/foialens}
[ -x "$bin" ] || { echo "conflicts-bench: no foialens binary at $bin (build it, or set FOIALENS)" >&2; exit 3; }
ndocs=$((scale * 300))
mkdir -p "$out" || exit 3
out=$(cd "$out" && pwd)
corpus="$out/corpus-$scale"
run="$out/conflicts-run-$scale"
tsv="$out/conflicts-$scale.tsv"
home="$run/home"
rm -rf "$run" && mkdir -p "$run/planted" || exit 3

say() { printf '%s\n' "$*" >&2; }

if [ "$(ls "$corpus"/doc-*.pdf 2>/dev/null | wc -l)" -ne "$ndocs" ]; then
    say "generating $ndocs documents in $corpus ..."
    "$here/gen-corpus.sh" "$ndocs" "$corpus" >&2 || { say "conflicts-bench: gen-corpus.sh failed"; exit 3; }
fi

# A few planted clauses, so that the run has findings to produce.
cat > "$run/planted/planted-287g.txt" <<'DOC'
MEMORANDUM OF AGREEMENT BETWEEN U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT AND THE BENCH COUNTY SHERIFF

1. The Sheriff will honor ICE detainers and hold each subject up to 48 hours beyond release.

2. The Sheriff will give ICE officers access to all inmates for interviews.
DOC
cat > "$run/planted/planted-order.txt" <<'DOC'
POLICE ORDER: FEDERAL IMMIGRATION REQUESTS

1. Members will not honor ICE detainers or hold anyone for ICE.
DOC

say "ingesting into $home ..."
"$bin" --home "$home" -q ingest "$corpus" "$run/planted" > "$run/ingest.log" 2>&1 ||
    { say "conflicts-bench: ingest failed, see $run/ingest.log"; exit 3; }

have_gnu_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then have_gnu_time=1; fi

# measure NAME CMD... : 3 runs, sets M_SEC (median) and M_KB (max)
measure() {
    local name=$1; shift
    local secs=() kb=0 i
    for i in 1 2 3; do
        if [ $have_gnu_time = 1 ]; then
            /usr/bin/time -f '%e %M' -o "$run/$name.time" "$@" > "$run/$name.out" 2> "$run/$name.err"
            read -r s k < "$run/$name.time"
        else
            local t0 t1
            t0=$(date +%s.%N); "$@" > "$run/$name.out" 2> "$run/$name.err"; t1=$(date +%s.%N)
            s=$(echo "$t1 - $t0" | bc); k=0
        fi
        secs+=("$s"); [ "${k:-0}" -gt "$kb" ] && kb=$k
    done
    M_SEC=$(printf '%s\n' "${secs[@]}" | sort -g | sed -n 2p)
    M_KB=$kb
}

passages=$("$bin" --home "$home" stats --json 2>/dev/null | sed -n 's/.*"passages": *\([0-9]*\).*/\1/p' | head -1)
measure conflicts "$bin" --home "$home" conflicts --json
c_sec=$M_SEC c_kb=$M_KB
findings=$(wc -l < "$run/conflicts.out")
conflicts=$(grep -c '"severity":"conflict"' "$run/conflicts.out")
measure search "$bin" --home "$home" search --json 'detainer OR "customs officer"'
s_sec=$M_SEC s_kb=$M_KB

printf 'tool\tseconds\tpeak_kb\tnote\n' > "$tsv"
printf 'conflicts\t%s\t%s\t%s findings (%s conflict) over %s passages\n' "$c_sec" "$c_kb" "$findings" "$conflicts" "${passages:-?}" >> "$tsv"
printf 'search\t%s\t%s\tone query, first 10 hits\n' "$s_sec" "$s_kb" >> "$tsv"
column -t -s "$(printf '\t')" "$tsv"
say "results in $tsv"
