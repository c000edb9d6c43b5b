import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../test/helpers/paths';
import { corpusPath } from '../test/helpers/shared';
import { LspTestClient } from '../test/helpers/lsp-client';
import { LineIndex } from '../server/src/core/text';

// Benchmark (not a test): edit → diagnostics latency of dist/server.js over stdio, on the largest Alloy
// file of the corpus, as an editor sees it. Three cases:
//   1. one keystroke, then wait for its publishDiagnostics (the server has no debounce);
//   2. one keystroke, then a documentSymbol request (a request parses the queued edits first);
//   3. a burst of 50 keystrokes 5 ms apart, then the time from the last one to diagnostics for it.
// Run: npm run bench:lsp

const root = repoRoot();
const corpus = corpusPath('alloy');
const largest = fs.readdirSync(corpus).filter((f) => /\.(alloy|river)$/.test(f))
  .map((f) => path.join(corpus, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const original = fs.readFileSync(largest, 'utf8');
const uri = 'file:///bench/largest.alloy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => `${value.toFixed(1)} ms`;

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return `median ${ms(at(0.5))} · p95 ${ms(at(0.95))} · max ${ms(sorted[sorted.length - 1])} (n=${sorted.length})`;
}

async function main(): Promise<void> {
  const client = new LspTestClient(path.join(root, 'dist', 'server.js'));
  await client.initialize();
  const opened = performance.now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: original } });
  const first = await client.diagnostics(uri, 1);
  console.log(`${path.basename(largest)}: ${Buffer.byteLength(original)} bytes, ${original.split('\n').length} lines, ${first.length} diagnostics`);
  console.log(`open → first diagnostics: ${ms(performance.now() - opened)}\n`);

  // Keystrokes alternate between typing a space in the middle of the file and deleting it again, so
  // the text (and the work per edit) stays the same size throughout.
  const middle = original.indexOf('\n', Math.floor(original.length / 2)) + 1;
  let text = original;
  let version = 1;
  const keystroke = () => {
    const insert = text.length === original.length;
    const lines = new LineIndex(text);
    const change = insert ? { range: lines.range(middle, middle), text: ' ' } : { range: lines.range(middle, middle + 1), text: '' };
    text = insert ? `${text.slice(0, middle)} ${text.slice(middle)}` : text.slice(0, middle) + text.slice(middle + 1);
    version++;
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  };

  const published: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    keystroke();
    await client.diagnostics(uri, version);
    published.push(performance.now() - start);
  }
  console.log(`1. keystroke → publishDiagnostics   ${summary(published)}`);

  const answered: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    keystroke();
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    answered.push(performance.now() - start);
  }
  console.log(`2. keystroke → documentSymbol reply ${summary(answered)}`);

  const bursts: number[] = [];
  for (let burst = 0; burst < 5; burst++) {
    for (let i = 0; i < 50; i++) {
      keystroke();
      await sleep(5);
    }
    const start = performance.now();
    await client.diagnostics(uri, version);
    bursts.push(performance.now() - start);
  }
  const stale = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).length;
  console.log(`3. 50-keystroke burst, last → diagnostics ${summary(bursts)}`);
  console.log(`   publishDiagnostics sent for ${version} versions: ${stale} (stale versions are skipped)`);
  const stats = await client.request('headroom/stats', null);
  console.log(`\nserver heap after the run: ${(stats.heapUsed / 1024 / 1024).toFixed(1)} MiB`);
  await client.shutdown();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
