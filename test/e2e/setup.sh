#!/usr/bin/env bash
# Installs what the end-to-end scenarios need, outside the project's own
# dependencies: Debian's chromium, ripgrep, neovim (and libkrb5-dev for
# code-server's native modules), code-server and playwright-core, each with npm
# in a folder of its own under $E2E_TOOLS (default: <repo>/.e2e-tools).
# Idempotent: what is already there at the right version is kept. Any failure
# stops the script with a non-zero status; nothing is skipped silently.
#   bash test/e2e/setup.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${E2E_TOOLS:-$ROOT/.e2e-tools}"
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_CACHE_NAME=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

say() { printf '[e2e setup] %s\n' "$*"; }
fail() { printf '[e2e setup] FAILED: %s\n' "$*" >&2; exit 1; }

# 1. Debian packages.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
command -v nvim >/dev/null || need+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if ((${#need[@]})); then
  say "apt-get install ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p "$TOOLS"; log="$TOOLS/apt.log"
  { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"; } >"$log" 2>&1 \
    || { tail -30 "$log" >&2; fail "apt-get install ${need[*]} (log: $log)"; }
else
  say "Debian packages present: chromium ripgrep neovim libkrb5-dev"
fi
for c in chromium rg nvim; do command -v "$c" >/dev/null || fail "$c is not on PATH after installing"; done

mkdir -p "$TOOLS"
installed_version() { node -p "try { require('$1/package.json').version } catch { '' }"; }

# 2. code-server, in its own folder. Its @vscode/ripgrep postinstall would
# download rg: give it Debian's from the cache folder it looks in first.
CS="$TOOLS/code-server"
if [ "$(installed_version "$CS/node_modules/code-server")" = "$CODE_SERVER_VERSION" ] && [ -x "$CS/node_modules/.bin/code-server" ]; then
  say "code-server $CODE_SERVER_VERSION present in $CS"
else
  say "npm install code-server@$CODE_SERVER_VERSION into $CS (2-3 minutes)"
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  if [ ! -s "$cache/$RIPGREP_CACHE_NAME" ]; then
    tmp="$(mktemp -d)"; cp "$(command -v rg)" "$tmp/rg"
    tar -czf "$cache/$RIPGREP_CACHE_NAME" -C "$tmp" rg; rm -rf "$tmp"
  fi
  rm -rf "$CS"; mkdir -p "$CS"
  echo '{"name":"e2e-code-server","private":true}' > "$CS/package.json"
  (cd "$CS" && npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
    npm install --no-audit --no-fund --foreground-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$TOOLS/code-server-install.log" 2>&1) \
    || { tail -40 "$TOOLS/code-server-install.log" >&2; fail "npm install code-server (log: $TOOLS/code-server-install.log)"; }
fi
"$CS/node_modules/.bin/code-server" --help >/dev/null 2>&1 || fail "code-server does not start ($CS)"

# 3. playwright-core (no browser download: it drives Debian's chromium).
PW="$TOOLS/playwright"
if [ "$(installed_version "$PW/node_modules/playwright-core")" = "$PLAYWRIGHT_VERSION" ]; then
  say "playwright-core $PLAYWRIGHT_VERSION present in $PW"
else
  say "npm install playwright-core@$PLAYWRIGHT_VERSION into $PW"
  rm -rf "$PW"; mkdir -p "$PW"
  echo '{"name":"e2e-playwright","private":true}' > "$PW/package.json"
  (cd "$PW" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION") || fail "npm install playwright-core"
fi
node -e "require('$PW/node_modules/playwright-core')" || fail "playwright-core does not load"

say "ready: $(chromium --version 2>/dev/null | head -1); $(nvim --version | head -1); code-server $CODE_SERVER_VERSION; playwright-core $PLAYWRIGHT_VERSION"
