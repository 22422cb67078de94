#!/bin/sh
# Installs what lateral needs on a fresh Debian machine of this kind; fast no-op when everything is there.
# Used by `npm run demo`, `npm test` and .ci/run. Set LATERAL_NO_INSTALL=1 to only check.
set -eu
cd "$(dirname "$0")/.."

say() { printf '[bootstrap] %s\n' "$*" >&2; }
need_apt=""

command -v java >/dev/null 2>&1 || need_apt="$need_apt openjdk-17-jre-headless"
command -v mvn >/dev/null 2>&1 || need_apt="$need_apt maven"
# The dashboard's browser tests drive Debian's Chromium (no browser download); a font for its screenshots.
command -v chromium >/dev/null 2>&1 || need_apt="$need_apt chromium fonts-dejavu-core"
if [ -z "${CLICKHOUSE_URL:-}" ] && ! command -v clickhouse >/dev/null 2>&1 \
   && ! command -v clickhouse-server >/dev/null 2>&1 && [ ! -x /usr/sbin/clickhouse-server ]; then
  need_apt="$need_apt clickhouse-server clickhouse-client"
fi

if [ -n "$need_apt" ]; then
  if [ "${LATERAL_NO_INSTALL:-0}" = "1" ]; then say "missing:$need_apt"; exit 1; fi
  if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=""; fi
  say "installing Debian packages:$need_apt"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need_apt >/dev/null
fi

# Modern-ClickHouse check for the tests (docs/architecture.md §5): PyPI's chdb embeds a current engine.
if ! python3 -c 'import chdb' >/dev/null 2>&1; then
  if [ "${LATERAL_NO_INSTALL:-0}" != "1" ]; then
    say "installing chdb from PyPI (modern ClickHouse engine for the portable-SQL test)"
    python3 -m pip install -q chdb >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages chdb >/dev/null 2>&1 || say "chdb not installed; the portable-SQL test will skip its modern half outside CI"
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
