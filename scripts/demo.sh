#!/usr/bin/env bash
# The main job on the shipped sample corpus: install, build, ingest corpus/ and two scans
# into a fresh library home, then show what foialens finds: search, OCR, conflicts with the
# Welcoming City Ordinance, agreements and the instruments nobody holds, records requests
# and their deadlines, the morning report, and the same library in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

say "Installing the Debian packages foialens needs (scripts/install-deps.sh --demo)"
scripts/install-deps.sh --demo
if [ -x build/search-cli/foialens ]; then
  say "Building foialens (only what changed)"
else
  say "Building foialens: a first build compiles about 80 files, 5 to 7 minutes on 2 cores"
fi
scripts/build.sh --demo
foialens=build/search-cli/foialens
home=${FOIALENS_DEMO_HOME:-$(mktemp -d -t foialens-demo-XXXXXX)}
run() { printf '\n\033[1m$ foialens %s\033[0m\n' "$*"; "$foialens" --home "$home" "$@"; }

say "Search: the sample corpus (illustrative reconstructions, see corpus/README.md)"
run ingest corpus/
run docs
run search '"customs officers"' --limit 3
run search 'detainer NOT "shall not"' --limit 3
run search 'ICE agency:CPD date:2019..2021' --docs --facets --limit 5

say "Scans: OCR'd page by page (a Spanish notice photographed, a two-column bulletin)"
run ingest --lang eng+spa corpus/scans/aviso-es-300dpi.jpg corpus/scans/newsletter-2col-200dpi.pdf
run search 'prórroga' --limit 1
run search '"statutory deadline"' --limit 1
bulletin=$("$foialens" --home "$home" search --json --docs 'bulletin' | sed -n 's/.*"doc":"\([0-9a-f]*\)".*/\1/p' | head -n 1)
if [ -n "$bulletin" ]; then
  run show "$bulletin" | sed -n 1,19p
  run export "$bulletin" -o "$home/bulletin-searchable.pdf"
  printf '  pdftotext reads the text layer back: '
  pdftotext -raw "$home/bulletin-searchable.pdf" - 2>/dev/null | sed -n 3p
fi

say "Conflicts with the Welcoming City Ordinance, found at ingest; agreements and what they cite"
run conflicts --severity conflict | sed -n 1,24p
echo "  ..."
run conflicts --severity review | sed -n 1,14p
echo "  ..."
run agreements
run references --unresolved

say "Records requests: deadlines as the statutes count them"
# A few sample requests, dated relative to today so that the list shows something open,
# something extended and something overdue.
ago() { date -d "-$1 days" +%F; }
run requests add --agency cpd --subject "Agreements between CPD and ICE/HSI, 2017-2021" \
  --filed "$(ago 12)" --tracking P123456 --tag agreements
run requests log 1 extended --date "$(ago 6)" --note "search of several units (5 ILCS 140/3(e))"
run ingest --request 1 corpus/customs-officer-designation-moa-2019.pdf corpus/cpd-foia-response-letter-2021.pdf
run requests add --agency ice --subject "287(g) and Title 19 agreements with Illinois agencies" \
  --filed "$(ago 40)" --tag agreements
run requests add --agency oemc --subject "Requests from federal immigration agents, 2024" \
  --filed "$(ago 2)"
run requests add --agency "cook county sheriff" --subject "Detainers received, 2023-2025" \
  --filed "$(ago 9)" --tag detainers
leads=$("$foialens" --home "$home" references --unresolved --json | sed -n 's/.*"key":"\([0-9a-f]*\)".*"label":"LEADS.*/\1/p' | head -n 1)
[ -n "$leads" ] && run requests add --from-reference "$leads" --filed "$(ago 30)"
run requests list
run requests show 1
run search --request 1 'customs officers' --limit 2
say "Each morning"
run report
echo
echo "library home: $home (foialens --home $home ...)"
echo
echo "To browse it, start the web app and open the address it serves:"
echo "  $foialens --home $home serve"
echo "  http://127.0.0.1:8080/"
