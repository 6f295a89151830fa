#!/usr/bin/env bash
# Configures and builds into ./build (2 parallel jobs). Extra arguments go to CMake's configure.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build --parallel 2
