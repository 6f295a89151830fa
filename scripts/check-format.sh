#!/usr/bin/env bash
# Fails (listing the files) when a C++ source differs from what clang-format makes of it with
# the repository's .clang-format. Fix with: scripts/check-format.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find app core ui tests resources -name '*.cpp' -o -name '*.h' | sort)
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/ppl-format.$$; then
  grep -o '^[^:]*\.\(cpp\|h\)' /tmp/ppl-format.$$ | sort -u | sed 's/^/not formatted: /' >&2
  rm -f /tmp/ppl-format.$$
  echo "check-format.sh: run scripts/check-format.sh --fix (clang-format -i)" >&2
  exit 1
fi
rm -f /tmp/ppl-format.$$
echo "format: ${#files[@]} files as clang-format writes them"
