#!/usr/bin/env bash
# Installs what is missing, checks the format (clang-format dry run), builds with warnings as
# errors, and runs every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh"
scripts/check-format.sh
scripts/build.sh -DPPL_WERROR=ON -DPPL_BUILD_TESTS=ON
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --parallel 2 "$@"
