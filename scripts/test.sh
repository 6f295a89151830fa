#!/usr/bin/env bash
# Installs what is missing, checks the format (clang-format dry run), builds with warnings as
# errors, runs every test with CTest, then the core (non-GUI) suites again under ASan+UBSan
# (scripts/test-sanitize.sh, in build-sanitize/), then each libFuzzer target for a few seconds
# (scripts/test-fuzz.sh, in build-fuzz/). PPL_SKIP_SANITIZE=1 and PPL_SKIP_FUZZ=1 skip those.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh"
scripts/check-format.sh
scripts/build.sh -DPPL_WERROR=ON -DPPL_BUILD_TESTS=ON
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --parallel 2 "$@"
if [ "${PPL_SKIP_SANITIZE:-0}" != 1 ]; then
  scripts/test-sanitize.sh "$@"
fi
scripts/test-fuzz.sh
