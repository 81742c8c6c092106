#!/usr/bin/env bash
# The two set-up commands of the README:
#   bash scripts/run.sh start   installs what is missing, builds, starts the demo
#   bash scripts/run.sh test    installs what is missing, checks lint and format, runs every test (then the server's
#                               and tests/'s again on PostgreSQL) and the quick bench
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
    echo "Installing pnpm 10…"
    npm install --global pnpm@10
  fi
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then return; fi
  echo "Installing Chromium for the browser tests…"
  local sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update
  # Headless Chromium needs none of the recommended desktop packages (about 479 MB, and a systemd upgrade).
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
}

case "${1:-}" in
  start)
    ensure_pnpm
    pnpm install --frozen-lockfile
    pnpm start
    ;;
  test)
    ensure_pnpm
    ensure_chromium
    pnpm install --frozen-lockfile
    pnpm lint
    pnpm format:check
    pnpm test
    # Both engines pass the suite: the server and tests/ projects once more, each test app on a fresh PostgreSQL
    # database (the machine's server at 127.0.0.1:5432, as the PostgreSQL contract tests already use).
    pnpm test:postgres
    pnpm bench --quick
    ;;
  *)
    echo "usage: bash scripts/run.sh start|test" >&2
    exit 2
    ;;
esac
