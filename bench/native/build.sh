#!/usr/bin/env bash
# Builds the native Alloy grammar binding used by `npm run bench` (not by the product) with node-gyp.
set -euo pipefail
cd "$(dirname "$0")"
gyp="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
node "$gyp" rebuild --nodedir="${npm_config_nodedir:-/usr}" >/dev/null
echo "built $(pwd)/build/Release/tree_sitter_alloy_binding.node"
