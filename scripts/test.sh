#!/usr/bin/env bash
# The whole test suite (`npm test`, also run by .ci/run): type-check and compile the tests, bundle the
# server/CLI/client, run the unit, fixture, robustness and LSP tests with Node's test runner, then the
# end-to-end suites in a real VS Code and in Neovim (set HEADROOM_E2E=0 to skip those on a machine
# that cannot install code-server, Chromium and Neovim).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
# The corpus, the capacity documents and the `alloy fmt` reference outputs are not ours to ship: the
# tests read them from the shared folder next to the checkout. Without it those suites are skipped,
# each with the reason in the report; say so up front too.
shared="${HEADROOM_SHARED:-../shared}"
for part in corpus seeds alloy-fmt; do
  [ -d "$shared/$part" ] || echo "WARNING: $shared/$part not found: the tests that read it are SKIPPED (set HEADROOM_SHARED)" >&2
done
echo "== build"
rm -rf out
npx tsc -p tsconfig.json
node scripts/build.mjs
echo "== unit, fixture and robustness tests"
node --test out/test/unit
echo "== LSP tests (dist/server.js over stdio)"
node --test out/test/lsp
if [ "${HEADROOM_E2E:-1}" != "0" ]; then
  echo "== end-to-end tests (VS Code in Chromium, Neovim)"
  bash test/e2e/run.sh
fi
