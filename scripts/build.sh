#!/usr/bin/env bash
# Configures and builds foialens and its tests in build/ (Ninja, optimised with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFOIALENS_BUILD_TESTS=ON
fi
cmake --build build --parallel "$(nproc)"
