#!/usr/bin/env bash
# The whole test suite (`npm test`, also run by .ci/run): type-check and compile the tests, bundle the
# server/CLI/client, then run the unit, fixture and LSP tests with Node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
echo "== build"
rm -rf out
npx tsc -p tsconfig.json
node scripts/build.mjs
echo "== unit and fixture tests"
node --test out/test/unit
echo "== LSP tests (dist/server.js over stdio)"
node --test out/test/lsp
# == end-to-end stage: the e2e suites (test/e2e/, code-server + Chromium and Neovim) are added here, after
# the LSP tests, so a failure in the faster stages above stops the run first.
