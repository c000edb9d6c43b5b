#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls `npm test`, which calls this).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
rm -rf out
npx tsc -p tsconfig.json
node --test out/test/unit
