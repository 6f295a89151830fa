#!/usr/bin/env bash
# Configures and builds into ./build (2 parallel jobs). Extra arguments go to CMake's configure.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh"
# ccache, when the machine has it, makes rebuilds of other checkouts cheap; CI does not need it.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
# Release at -O2 without debug information: with -g every test executable carried ~140 MB of
# DWARF (the core libraries are linked statically into each), 7 GB for one build, and CI ran
# out of disk. For a debugger, pass -DCMAKE_BUILD_TYPE=RelWithDebInfo.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  "${launcher[@]}" "$@" >/dev/null
cmake --build build --parallel 2
