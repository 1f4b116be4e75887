#!/usr/bin/env bash
# The main job on the shipped sample corpus: install, build, ingest corpus/ into a fresh
# library home, then show what foialens finds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh >/dev/null
foialens=build/search-cli/foialens
home=${FOIALENS_DEMO_HOME:-$(mktemp -d -t foialens-demo-XXXXXX)}
run() { printf '\n\033[1m$ foialens %s\033[0m\n' "$*"; "$foialens" --home "$home" "$@"; }

run ingest corpus/
run docs
run search '"customs officers"' --limit 3
run search 'detainer NOT "shall not"' --limit 3
run search 'ICE agency:CPD date:2019..2021' --docs --facets --limit 5
echo
echo "library home: $home (foialens --home $home ...)"
