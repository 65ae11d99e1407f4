#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine: npm packages,
# Chromium (webview and VS Code tests) and code-server (a real VS Code workbench).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium libkrb5-dev fonts-noto-cjk >/dev/null
fi
npm ci --no-audit --no-fund
if [ -f scripts/setup-code-server.sh ]; then bash scripts/setup-code-server.sh; fi
