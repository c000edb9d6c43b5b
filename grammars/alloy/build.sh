#!/usr/bin/env bash
# Regenerates the Unicode identifier tables (src/unicode.h and server/src/core/alloy/unicode-tables.ts)
# and src/parser.c from grammar.js, rebuilds tree-sitter-alloy.wasm, and runs the corpus tests.
# Needs the tree-sitter CLI 0.22.x, emscripten's emcc and Unicode 15.0.0's DerivedGeneralCategory.txt
# (on Debian: scripts/install-grammar-toolchain.sh).
# Users and CI never run this: the generated parser and the .wasm are committed.
set -euo pipefail
cd "$(dirname "$0")"
PATH="$HOME/.local/grammar-toolchain/bin:$PATH"
if ! command -v tree-sitter >/dev/null || ! command -v emcc >/dev/null; then
  echo "build:grammar needs the tree-sitter CLI and emcc; install them with: bash scripts/install-grammar-toolchain.sh" >&2
  exit 2
fi
node unicode.js
tree-sitter generate
# `tree-sitter generate` scaffolds bindings for other languages on first run; Headroom only ships the wasm.
rm -rf Cargo.toml Makefile Package.swift pyproject.toml setup.py bindings binding.gyp package.json .editorconfig .gitattributes .gitignore
scanner=(tree_sitter_alloy_external_scanner_{create,destroy,scan,serialize,deserialize})
exports="\"_tree_sitter_alloy\"$(printf ',"_%s"' "${scanner[@]}")"
emcc -o tree-sitter-alloy.wasm -Os -s WASM=1 -s SIDE_MODULE=2 -s TOTAL_MEMORY=33554432 -s NODEJS_CATCH_EXIT=0 \
  -s "EXPORTED_FUNCTIONS=[$exports]" -fno-exceptions -fvisibility=hidden -I src src/parser.c src/scanner.c
tree-sitter test
echo "built $(pwd)/tree-sitter-alloy.wasm ($(wc -c < tree-sitter-alloy.wasm) bytes)"
