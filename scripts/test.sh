#!/usr/bin/env bash
# Installs what is missing, checks the format (clang-format dry run), builds with warnings as
# errors, runs every test with CTest, then the core (non-GUI) suites again under ASan+UBSan
# (scripts/test-sanitize.sh, in build-sanitize/), then each libFuzzer target for a few seconds
# (scripts/test-fuzz.sh, in build-fuzz/). PPL_SKIP_SANITIZE=1 skips the sanitizers,
# PPL_SKIP_FUZZ=1 the fuzz targets.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh"
scripts/check-format.sh
scripts/build.sh -DPPL_WERROR=ON -DPPL_BUILD_TESTS=ON
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --parallel 2 "$@"
# Disk use, printed so a CI log shows how close a run came to the machine's limit.
du -sh build && df -h . | tail -1
if [ "${PPL_SKIP_SANITIZE:-0}" != 1 ]; then
  scripts/test-sanitize.sh "$@"
  du -sh build-sanitize && df -h . | tail -1
fi
# Each fuzz target for PPL_FUZZ_SECONDS (15) on its corpus; it builds only the targets and
# their libraries (clang, -O1, no debug information) and prints its disk use.
if [ "${PPL_SKIP_FUZZ:-0}" != 1 ]; then
  scripts/test-fuzz.sh
  df -h . | tail -1
fi
