#!/usr/bin/env bash
# ingest-bench.sh [--scale K] [--out DIR]
#
# Ingest benchmark: generate K x 300 synthetic born-digital PDFs (about 1,500 pages
# per 300) with gen-corpus.sh, then on the same files, in the same run, time:
#   foialens     foialens --home H ingest DIR      ($FOIALENS or build/search-cli/foialens)
#   omindex      omindex --db DB --url / DIR      (xapian-omega)
#   recollindex  recollindex -c CONFDIR           (recoll; topdirs = DIR)
#   pdftotext    pdftotext over every file, 2 at a time (the text-extraction floor)
# Each tool starts from an empty index. Wall seconds and peak RSS come from
# /usr/bin/time -f '%e %M'. Peer tools that are missing are reported and skipped.
#
# Environment: FOIALENS (binary), BENCH_JOBS (pdftotext parallelism, default 2),
# OMINDEX, RECOLLINDEX, PDFTOTEXT (peer binaries, default from PATH).
# Output: a table on stdout, bench/out/results-K.tsv, logs in bench/out/run-K/.
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
        *) echo "ingest-bench: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ $scale =~ ^[1-9][0-9]*$ ]] || { echo "ingest-bench: --scale needs a positive integer, got '$scale'" >&2; exit 2; }

ndocs=$((scale * 300))
jobs=${BENCH_JOBS:-2}
mkdir -p "$out" || exit 3
out=$(cd "$out" && pwd)
corpus="$out/corpus-$scale"
run="$out/run-$scale"
tsv="$out/results-$scale.tsv"

say() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- timing helpers
have_gnu_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
    have_gnu_time=1
else
    say "ingest-bench: GNU time (/usr/bin/time) not found: seconds come from bash, peak RSS is n/a (apt-get install time)"
fi

# measure NAME LOG CMD... : runs CMD, sets M_SEC, M_KB, M_RC
measure() {
    local name=$1 log=$2; shift 2
    local tf="$run/$name.time"
    say "  running $name ..."
    if [ $have_gnu_time = 1 ]; then
        /usr/bin/time -f '%e %M' -o "$tf" "$@" >"$log" 2>&1
        M_RC=$?
        read -r M_SEC M_KB < <(tail -n 1 "$tf")
    else
        local t0 t1
        t0=$(date +%s%N)
        "$@" >"$log" 2>&1
        M_RC=$?
        t1=$(date +%s%N)
        M_SEC=$(( (t1 - t0) / 1000000 )); M_SEC=$(printf '%d.%02d' $((M_SEC / 1000)) $((M_SEC % 1000 / 10)))
        M_KB=
    fi
}

# "12.34" -> 1234 (hundredths)
to_cs() { local i=${1%%.*} f=${1#*.}; [ "$f" = "$1" ] && f=0; f="${f}00"; echo $((10#${i:-0} * 100 + 10#${f:0:2})); }
# ratio A B -> "A/B" with two decimals
ratio() {
    local a b; a=$(to_cs "$1"); b=$(to_cs "$2")
    [ "$b" -gt 0 ] || { echo n/a; return; }
    local r=$(( (a * 1000 / b + 5) / 10 ))
    printf '%d.%02d' $((r / 100)) $((r % 100))
}
mib() { [ -n "$1" ] || { echo n/a; return; }; local t=$(( ($1 * 10 + 512) / 1024 )); printf '%d.%d' $((t / 10)) $((t % 10)); }
size_of() { [ -e "$1" ] && du -sh "$1" 2>/dev/null | cut -f1 || echo n/a; }

# results: parallel arrays
R_TOOL=(); R_SEC=(); R_KB=(); R_SIZE=(); R_NOTE=()
record() { R_TOOL+=("$1"); R_SEC+=("$2"); R_KB+=("$3"); R_SIZE+=("$4"); R_NOTE+=("$5"); }

# ---------------------------------------------------------------- corpus
stamp="$ndocs $(sha256sum "$here/gen-corpus.sh" | cut -c1-16)"
if [ -f "$corpus.stamp" ] && [ "$(cat "$corpus.stamp")" = "$stamp" ] && [ -f "$corpus.genline" ]; then
    say "ingest-bench: reusing $corpus ($ndocs documents)"
    genline=$(cat "$corpus.genline")
else
    say "ingest-bench: generating $ndocs documents in $corpus"
    rm -rf "$corpus" "$corpus.stamp" "$corpus.genline"; mkdir -p "$corpus"
    # The stamp files live next to the corpus, not in it: the corpus dir holds only PDFs.
    genline=$("$here/gen-corpus.sh" "$ndocs" "$corpus") || { say "ingest-bench: gen-corpus.sh failed"; exit 3; }
    printf '%s\n' "$genline" > "$corpus.genline"
    printf '%s\n' "$stamp" > "$corpus.stamp"
fi
npages=$(sed -n 's/.*documents, \([0-9]*\) pages.*/\1/p' <<<"$genline")
corpus_size=$(du -sh "$corpus" | cut -f1)
say "ingest-bench: $ndocs PDFs, ${npages:-?} pages, $corpus_size"

rm -rf "$run"; mkdir -p "$run"
# Timings are only meaningful on an idle machine: warn when something else is busy.
load1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if [ "${load1%%.*}" -ge "$(nproc)" ] 2>/dev/null; then
    say "ingest-bench: warning: load average is $load1 on $(nproc) cores; other work will inflate the timings"
fi
# Warm the page cache so no tool pays for the first read of the files.
cat "$corpus"/*.pdf > /dev/null

# ---------------------------------------------------------------- pdftotext floor
pdftotext_bin=${PDFTOTEXT:-pdftotext}
if command -v "$pdftotext_bin" >/dev/null; then
    measure pdftotext "$run/pdftotext.log" \
        bash -c 'find "$1" -maxdepth 1 -name "*.pdf" -print0 | xargs -0 -P "$2" -I{} "$3" -q {} /dev/null' _ "$corpus" "$jobs" "$pdftotext_bin"
    note="xargs -P $jobs, text discarded"; [ "$M_RC" = 0 ] || note="exit $M_RC; see $run/pdftotext.log"
    record pdftotext "$M_SEC" "$M_KB" "-" "$note"
else
    say "ingest-bench: pdftotext not found (apt-get install poppler-utils); skipping the extraction floor"
    record pdftotext "" "" "" "not installed"
fi

# ---------------------------------------------------------------- foialens
fl=${FOIALENS:-$root/build/search-cli/foialens}
if [ -x "$fl" ]; then
    home="$run/foialens-home"
    measure foialens "$run/foialens.log" "$fl" --home "$home" ingest "$corpus"
    case $M_RC in
        0) note="" ;;
        1) note="partial failure (exit 1); see $run/foialens.log" ;;
        *) note="failed (exit $M_RC); see $run/foialens.log" ;;
    esac
    idx="$home/index"; [ -e "$idx" ] || idx="$home"
    note="${note:+$note; }home total $(size_of "$home")"
    [ "$M_RC" -le 1 ] && record foialens "$M_SEC" "$M_KB" "$(size_of "$idx")" "$note" \
                      || record foialens "" "" "" "$note"
else
    say "ingest-bench: foialens binary not found at $fl; build it (cmake --build build) or set FOIALENS=/path/to/foialens; skipping"
    record foialens "" "" "" "binary not found: $fl"
fi

# ---------------------------------------------------------------- omindex
omindex_bin=${OMINDEX:-omindex}
if command -v "$omindex_bin" >/dev/null; then
    db="$run/omega-db"
    measure omindex "$run/omindex.log" "$omindex_bin" -v --db "$db" --url / "$corpus"
    added=$(grep -c '\.\.\. added' "$run/omindex.log")
    note="$added documents added"; [ "$M_RC" = 0 ] || note="exit $M_RC; $note; see $run/omindex.log"
    record omindex "$M_SEC" "$M_KB" "$(size_of "$db")" "$note"
else
    say "ingest-bench: omindex not found (apt-get install xapian-omega); skipping"
    record omindex "" "" "" "not installed"
fi

# ---------------------------------------------------------------- recollindex
recollindex_bin=${RECOLLINDEX:-recollindex}
if command -v "$recollindex_bin" >/dev/null; then
    conf="$run/recoll-conf"
    mkdir -p "$conf"
    # noaspell: skip building the spelling dictionary, which is not indexing work.
    printf 'topdirs = %s\nnoaspell = 1\nloglevel = 2\n' "$corpus" > "$conf/recoll.conf"
    measure recollindex "$run/recollindex.log" "$recollindex_bin" -c "$conf"
    done_docs=$(sed -n 's/^docsdone = //p' "$conf/idxstatus.txt" 2>/dev/null)
    errs=$(sed -n 's/^fileerrors = //p' "$conf/idxstatus.txt" 2>/dev/null)
    note="docsdone ${done_docs:-?} (folder counts as one), ${errs:-?} file errors"; [ "$M_RC" = 0 ] || note="exit $M_RC; $note; see $run/recollindex.log"
    record recollindex "$M_SEC" "$M_KB" "$(size_of "$conf/xapiandb")" "$note"
else
    say "ingest-bench: recollindex not found (apt-get install recollcmd); skipping"
    record recollindex "" "" "" "not installed"
fi

# ---------------------------------------------------------------- report
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
echo
echo "Ingest benchmark: $ndocs born-digital PDFs, ${npages:-?} pages, $corpus_size ($corpus)"
echo "Machine: ${os:-unknown OS}, $(nproc) cores, ${cpu:-unknown CPU}; load average at start $load1, at end $(cut -d' ' -f1 /proc/loadavg 2>/dev/null)"
echo
printf '%-12s %9s %10s %10s  %s\n' tool seconds "peak MiB" "index" notes
printf '%-12s %9s %10s %10s  %s\n' ------------ --------- ---------- ---------- -----
printf 'tool\tseconds\tpeak_kib\tindex_size\tnotes\n' > "$tsv"
fl_sec=; om_sec=; rc_sec=; pt_sec=
for i in "${!R_TOOL[@]}"; do
    t=${R_TOOL[$i]} s=${R_SEC[$i]} k=${R_KB[$i]} z=${R_SIZE[$i]} n=${R_NOTE[$i]}
    if [ -z "$s" ]; then
        printf '%-12s %9s %10s %10s  %s\n' "$t" skipped - - "$n"
    else
        printf '%-12s %9s %10s %10s  %s\n' "$t" "$s" "$(mib "$k")" "$z" "$n"
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$t" "$s" "$k" "$z" "$n" >> "$tsv"
    case $t in foialens) fl_sec=$s ;; omindex) om_sec=$s ;; recollindex) rc_sec=$s ;; pdftotext) pt_sec=$s ;; esac
done
echo
if [ -n "$fl_sec" ]; then
    r_om=n/a; r_rc=n/a
    [ -n "$om_sec" ] && r_om=$(ratio "$om_sec" "$fl_sec")
    [ -n "$rc_sec" ] && r_rc=$(ratio "$rc_sec" "$fl_sec")
    echo "ratios (wall time, higher = foialens faster): omindex/foialens = $r_om, recollindex/foialens = $r_rc"
else
    echo "ratios: n/a (foialens was not run)"
fi
echo
# One line for the README.
line="Ingest, $ndocs born-digital PDFs (${npages:-?} pages), $(nproc) cores, ${os:-Linux}:"
[ -n "$fl_sec" ] && line+=" foialens ${fl_sec} s;"
[ -n "$om_sec" ] && line+=" omindex ${om_sec} s${fl_sec:+ ($(ratio "$om_sec" "$fl_sec")x foialens)};"
[ -n "$rc_sec" ] && line+=" recollindex ${rc_sec} s${fl_sec:+ ($(ratio "$rc_sec" "$fl_sec")x foialens)};"
[ -n "$pt_sec" ] && line+=" pdftotext floor ${pt_sec} s (xargs -P $jobs)."
[ -z "$fl_sec" ] && line+=" (foialens not measured)"
echo "README: $line"
echo "Results also in $tsv; logs in $run/"
