#!/usr/bin/env bash
# Installs what is missing, builds, and launches the lab. Arguments go to pullpush-lab.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec build/app/pullpush-lab "$@"
