import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../test/helpers/paths';
import { corpusPath } from '../test/helpers/shared';
import { LspTestClient } from '../test/helpers/lsp-client';
import { LineIndex } from '../server/src/core/text';
import { initAlloyParser, parseAlloy, type AlloyParsed } from '../server/src/core/alloy/parser';
import { semanticTokens } from '../server/src/core/alloy/semantic-tokens';

// Benchmark (not a test): semantic tokens on the largest Alloy file of the corpus, next to the parse
// they follow, in the core and over stdio against dist/server.js, where a keystroke's delta is compared
// with the full result it replaces. Run: npm run bench:editor

const root = repoRoot();
const corpus = corpusPath('alloy');
const largest = fs.readdirSync(corpus).filter((f) => /\.(alloy|river)$/.test(f))
  .map((f) => path.join(corpus, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const text = fs.readFileSync(largest, 'utf8');
const uri = 'file:///bench/largest.alloy';
const RUNS = 30;

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const ms = (value: number) => `${value.toFixed(2)} ms`.padStart(10);

async function main(): Promise<void> {
  await initAlloyParser();
  // Each token run gets a parse of its own: the scopes the tokens are built from are cached per tree.
  const parses: number[] = [];
  const parsed: AlloyParsed[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    parsed.push(parseAlloy({ uri, text }));
    parses.push(performance.now() - start);
  }
  const tokenRuns: number[] = [];
  let tokenCount = 0;
  for (const p of parsed) {
    const start = performance.now();
    tokenCount = semanticTokens(p).length;
    tokenRuns.push(performance.now() - start);
    p.dispose();
  }
  console.log(`${path.basename(largest)}: ${Buffer.byteLength(text)} bytes, ${text.split('\n').length} lines, ${tokenCount} semantic tokens\n`);
  console.log(`in the core (median of ${RUNS})`);
  console.log(`  parse (tree + AST + syntax)      ${ms(median(parses))}`);
  console.log(`  semantic tokens (scopes + tokens) ${ms(median(tokenRuns))}   ratio tokens / parse ${(median(tokenRuns) / median(parses)).toFixed(2)}`);

  const client = new LspTestClient(path.join(root, 'dist', 'server.js'));
  await client.initialize();
  // Keystrokes: a new attribute typed at the start of a block body in the middle of the file, one
  // character at a time. Once with a full request after each keystroke, once with a delta request;
  // both requests first reparse the keystroke.
  const at = text.indexOf('{\n', Math.floor(text.length / 2)) + 2;
  const typed = 'extra = sys.env("X")\n';
  const session = async (name: string, delta: boolean) => {
    const docUri = `file:///bench/${name}.alloy`;
    client.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'grafana-alloy', version: 1, text } });
    let previous: { resultId: string } = await client.request('textDocument/semanticTokens/full', { textDocument: { uri: docUri } });
    let current = text;
    const times: number[] = [];
    const ints: number[] = [];
    for (let i = 0; i < typed.length; i++) {
      const range = new LineIndex(current).range(at + i, at + i);
      current = current.slice(0, at + i) + typed[i] + current.slice(at + i);
      client.notify('textDocument/didChange', { textDocument: { uri: docUri, version: i + 2 }, contentChanges: [{ range, text: typed[i] }] });
      const start = performance.now();
      const result = delta
        ? await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri: docUri }, previousResultId: previous.resultId })
        : await client.request('textDocument/semanticTokens/full', { textDocument: { uri: docUri } });
      times.push(performance.now() - start);
      ints.push(result.edits ? result.edits.reduce((sum: number, e: { data?: number[] }) => sum + (e.data?.length ?? 0), 0) : result.data.length);
      previous = result;
    }
    return { time: median(times), ints: median(ints), max: Math.max(...ints) };
  };
  const full = await session('full', false);
  const delta = await session('delta', true);
  await client.shutdown();
  console.log(`\nover LSP, dist/server.js, a keystroke then the request (median of ${typed.length})`);
  console.log(`  full request   ${ms(full.time)}   ${full.ints} integers sent`);
  console.log(`  delta request  ${ms(delta.time)}   ${delta.ints} integers sent (max ${delta.max})   ratio delta / full: time ${(delta.time / full.time).toFixed(2)}, size ${(delta.ints / full.ints).toFixed(4)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
