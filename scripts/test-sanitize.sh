#!/usr/bin/env bash
# Builds the core (non-GUI) test suites with AddressSanitizer and UndefinedBehaviorSanitizer in
# ./build-sanitize and runs them (CTest label "core"). Any finding aborts the test that hit it.
# The window's suites and the executable are left out to keep CI within its time; the full
# build with sanitizers is `cmake --preset sanitize && cmake --build --preset sanitize`.
# Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh"
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
# -O1: compiles faster than -O2 and keeps stack traces readable; sanitizers still see all.
# No -g: with line tables the tree took 3.7 GB (CI has little disk); reports name functions.
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -DNDEBUG" -DPPL_WERROR=ON -DPPL_BUILD_TESTS=ON \
  -DPPL_SANITIZE=address,undefined "${launcher[@]}" >/dev/null
cmake --build build-sanitize --parallel 2 --target ppl_core_tests
# Leak checking is off: Qt keeps process-lifetime singletons (the event dispatcher, the
# network access cache) that LeakSanitizer reports at exit.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build-sanitize --output-on-failure --parallel 2 -L core "$@"
