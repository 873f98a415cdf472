#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core; they never download a browser.
# Installs it when missing and we may (root with apt-get); otherwise says how.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Browser tests need Chromium at $bin: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH." >&2
exit 1
