#!/usr/bin/env bash
# Configures and builds foialens in build/ (Ninja, optimised with debug info).
#   scripts/build.sh          the program and the test suite
#   scripts/build.sh --demo   the program only (no test framework needed)
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [ "${1:-}" = --demo ]; then
  if [ ! -f build/CMakeCache.txt ]; then
    cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFOIALENS_BUILD_TESTS=OFF
  fi
  cmake --build build --parallel "$(nproc)" --target foialens
else
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFOIALENS_BUILD_TESTS=ON
  cmake --build build --parallel "$(nproc)"
fi
