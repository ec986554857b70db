#!/usr/bin/env bash
# Installs what analytics-service's browser test (DashboardBrowserIT) needs: Debian's headless-capable Chromium
# and playwright-core from npm (the versions pinned in analytics-service/src/test/browser/package-lock.json).
# playwright-core drives the system Chromium; it never downloads a browser of its own.
# Safe to run again: it installs only what is missing. Called by .ci/run before Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium ]]; then
  echo "browser-test-setup: installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "browser-test-setup: installing Debian's nodejs and npm"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
# playwright-core needs node 20 or newer; with an older one DashboardBrowserIT skips itself and says why.
if [[ "$(node --version | sed -E 's/^v([0-9]+).*/\1/')" -lt 20 ]]; then
  echo "browser-test-setup: node $(node --version) is older than 20; the browser test will be skipped" >&2
  exit 0
fi

browser_dir=analytics-service/src/test/browser
if [[ ! -d "$browser_dir/node_modules/playwright-core" ]]; then
  echo "browser-test-setup: npm ci in $browser_dir"
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "browser-test-setup: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium missing'), node $(node --version)"
