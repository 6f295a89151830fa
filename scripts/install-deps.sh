#!/usr/bin/env bash
# Installs every Debian 12 package the lab needs to build, run and test.
# Idempotent: does nothing (no apt-get, no sudo) when everything is already installed.
# Works as root, or as a user with sudo; a fresh Debian 12 needs nothing else beforehand.
set -euo pipefail
PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config clang-format
  # Qt 6.4 (Core, Network, HttpServer, Gui, Widgets, Concurrent, Charts, Svg, Test, LinguistTools)
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libqt6opengl6-dev libgl-dev libvulkan-dev libxkbcommon-dev
  # libraries
  libyaml-cpp-dev libprotobuf-dev protobuf-compiler libcrypt-dev zlib1g-dev
  # fuzzing (libFuzzer ships with clang's runtime)
  clang libclang-rt-14-dev
  # real peers for differential tests and benchmarks
  prometheus prometheus-pushgateway prometheus-alertmanager prometheus-node-exporter
  prometheus-blackbox-exporter
  python3-prometheus-client
  prometheus-cpp-dev wrk curl python3 apache2-utils
  # benchmarks of the chart on a virtual X server
  xvfb xauth
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps.sh: missing packages: ${missing[*]}" >&2
    echo "install-deps.sh: run this script as root, or install sudo" >&2
    exit 1
  fi
  # `env` because sudo resets the environment: without it debconf could prompt.
  SUDO=(sudo env DEBIAN_FRONTEND=noninteractive)
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
# The Debian services (prometheus, pushgateway, node exporter) must not start on install:
# tests run their own copies on loopback ports.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
  trap '"${SUDO[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
  "${SUDO[@]}" chmod +x /usr/sbin/policy-rc.d
fi
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
