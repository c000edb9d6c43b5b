import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import Parser = require('web-tree-sitter');
import { repoRoot } from '../test/helpers/paths';
import { corpusPath } from '../test/helpers/shared';
import { initAlloyParser, parseAlloy } from '../server/src/core/alloy/parser';
import { newEngine } from '../test/helpers/alloy';
import { LspTestClient } from '../test/helpers/lsp-client';
import { LineIndex } from '../server/src/core/text';

// Benchmarks (not tests): Alloy parse time, edit→diagnostics latency, and web-tree-sitter against the
// native tree-sitter binding built from the same src/parser.c. Prints figures and ratios side by side.
// Run: npm run bench   (builds bench/native first when node-gyp can).

const root = repoRoot();
const corpus = corpusPath('alloy');
const largest = fs.readdirSync(corpus).map((f) => path.join(corpus, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const text = fs.readFileSync(largest, 'utf8');
const bytes = Buffer.byteLength(text);

function time(runs: number, fn: () => void): { median: number; p95: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)], p95: samples[Math.floor(runs * 0.95)] };
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const mbps = (ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;

async function main(): Promise<void> {
  console.log(`largest corpus file: ${path.basename(largest)} (${bytes} bytes, ${text.split('\n').length} lines)\n`);
  await initAlloyParser();

  // 1. Parse: raw web-tree-sitter, and Headroom's full parse (tree + AST + syntax findings).
  const wasmParser = new Parser();
  wasmParser.setLanguage(await Parser.Language.load(path.join(root, 'grammars', 'alloy', 'tree-sitter-alloy.wasm')));
  for (let i = 0; i < 20; i++) wasmParser.parse(text).delete();
  const wasm = time(200, () => wasmParser.parse(text).delete());
  const full = time(200, () => parseAlloy({ uri: 'file:///bench.alloy', text }).dispose());

  let native: { median: number; p95: number } | undefined;
  let nativeNote = '';
  const binding = path.join(root, 'bench', 'native', 'build', 'Release', 'tree_sitter_alloy_binding.node');
  if (fs.existsSync(binding)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const NativeParser = require('tree-sitter');
    const nativeParser = new NativeParser();
    nativeParser.setLanguage(require(binding));
    for (let i = 0; i < 20; i++) nativeParser.parse(text);
    native = time(200, () => nativeParser.parse(text));
  } else {
    nativeNote = ' (native binding not built: run bash bench/native/build.sh)';
  }

  console.log('parse (median / p95 of 200)');
  console.log(`  web-tree-sitter, tree only        ${fmt(wasm.median)} / ${fmt(wasm.p95)}   ${mbps(wasm.median)}`);
  if (native) {
    console.log(`  native tree-sitter, tree only     ${fmt(native.median)} / ${fmt(native.p95)}   ${mbps(native.median)}`);
    console.log(`  ratio wasm / native               ${(wasm.median / native.median).toFixed(2)}x`);
  } else console.log(`  native tree-sitter                -${nativeNote}`);
  console.log(`  Headroom parse (tree+AST+syntax)  ${fmt(full.median)} / ${fmt(full.p95)}   ${mbps(full.median)}`);

  // 2. Edit → diagnostics in the engine: one keystroke in the middle, incremental reparse + lint.
  const engine = await newEngine();
  const uri = 'file:///bench.alloy';
  engine.open({ uri, text });
  const middle = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  const lines = new LineIndex(text);
  let current = text;
  let toggle = false;
  const incremental = time(200, () => {
    toggle = !toggle;
    const change = toggle
      ? { range: lines.range(middle, middle), text: ' ' }
      : { range: lines.range(middle, middle + 1), text: '' };
    current = toggle ? current.slice(0, middle) + ' ' + current.slice(middle) : current.slice(0, middle) + current.slice(middle + 1);
    engine.update({ uri, text: current }, [change]);
    engine.lint(uri);
  });
  const fresh = time(200, () => {
    engine.open({ uri, text });
    engine.lint(uri);
  });
  console.log('\nedit → diagnostics in the engine (median / p95 of 200)');
  console.log(`  incremental (tree edit + reparse + lint)  ${fmt(incremental.median)} / ${fmt(incremental.p95)}`);
  console.log(`  from scratch (parse + lint)               ${fmt(fresh.median)} / ${fmt(fresh.p95)}`);
  console.log(`  ratio fresh / incremental                 ${(fresh.median / incremental.median).toFixed(2)}x`);

  // 3. Over LSP: didChange → publishDiagnostics (bench/instant.ts has the full table).
  const client = new LspTestClient(path.join(root, 'dist', 'server.js'));
  await client.initialize();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text } });
  await client.diagnostics(uri, 1);
  const latencies: number[] = [];
  let lspText = text;
  for (let version = 2; version < 32; version++) {
    const insert = version % 2 === 0;
    const change = insert ? { range: new LineIndex(lspText).range(middle, middle), text: ' ' } : { range: new LineIndex(lspText).range(middle, middle + 1), text: '' };
    lspText = insert ? lspText.slice(0, middle) + ' ' + lspText.slice(middle) : lspText.slice(0, middle) + lspText.slice(middle + 1);
    const start = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await client.diagnostics(uri, version);
    latencies.push(performance.now() - start);
  }
  await client.shutdown();
  latencies.sort((a, b) => a - b);
  console.log('\nedit → published diagnostics over LSP (30 edits)');
  console.log(`  median ${fmt(latencies[15])} · p95 ${fmt(latencies[28])}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
