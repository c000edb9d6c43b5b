#!/usr/bin/env bash
# The end-to-end suites, one idempotent entry point (npm run test:e2e, and .ci/run): installs what they
# need (setup.sh), packages the VSIX, then runs the VS Code (code-server + Chromium) suite and the
# Neovim suite. Screenshots land in test/e2e/screenshots/. A failure names its step.
set -uo pipefail
cd "$(dirname "$0")/../.."
step() { echo "== e2e: $*"; }
fail() { echo "e2e FAILED at step: $*" >&2; echo "screenshots: $(pwd)/test/e2e/screenshots" >&2; exit 1; }

step "set-up (code-server, Node 24, Chromium, Neovim)"
setup=$(bash test/e2e/setup.sh) || fail "set-up"
eval "$(printf '%s\n' "$setup" | grep -E '^[A-Z0-9_]+=' | sed 's/^/export /')"

step "build and package the VSIX"
{ node scripts/build.mjs && npx vsce package --no-dependencies --allow-missing-repository --out "$(pwd)/test/e2e/headroom.vsix"; } >/dev/null 2>&1 || fail "package"

step "VS Code (code-server $("$NODE24" "$CODE_SERVER" --version 2>/dev/null | head -1 | cut -d' ' -f1)) in headless Chromium"
node test/e2e/vscode.mjs test/e2e/headroom.vsix || fail "VS Code suite"

step "Neovim's built-in LSP client"
node test/e2e/nvim/run.mjs || fail "Neovim suite"
echo "screenshots: $(pwd)/test/e2e/screenshots"
