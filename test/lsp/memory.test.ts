import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient } from '../helpers/lsp-client';
import { corpusPath, needsShared } from '../helpers/shared';

// The server's memory with every corpus file open stays under a bound, and closing them all gives the
// documents back. Bounds on memory, never on time. The V8 heap is bounded more tightly: it is what the
// server decides (documents kept, caches, the young generation it gives back when idle); resident memory
// loosely, as it also counts the Node binary's pages and the allocator, which differ between Node versions.
// Measured with the 154 corpus files open, once the server was idle and released memory (memoryRelease.ts):
// Node 20.20 heap ~30 MB used of 31-34 MB committed, RSS 105-118 MB; Node 24.22 RSS 133 MB. Without the
// release the heap stays at 69-72 MB committed (V8 keeps its young generation at its maximum), RSS 143-160 MB.

const MB = 1e6;
/** V8 heap committed with the corpus open, after the idle release. */
const HEAP_BOUND = 48 * MB;
/** Resident memory with the corpus open, after the idle release (issue 13's target is 100 MB: see the closing note). */
const RSS_BOUND = 140 * MB;
/** Longer than the server's IDLE_RELEASE_MS (2 s), so the release has happened when the stats are asked. */
const QUIET_MS = 3500;

function corpusFiles(): string[] {
  const root = corpusPath();
  return fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(root, d.name)).filter((f) => /\.(alloy|river|ya?ml|xml)$/i.test(f)).map((f) => path.join(root, d.name, f)))
    .sort();
}

async function quietStats(client: LspTestClient): Promise<any> {
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  return client.request('headroom/stats', null);
}

const languageIdOf = (file: string) => (/\.(alloy|river)$/.test(file) ? 'grafana-alloy' : /\.xml$/.test(file) ? 'xml' : 'yaml');

test('every corpus file open: resident memory under a bound; all closed: no document kept', needsShared('corpus'), async (t) => {
  // As a user's server runs from its second start on: with the code cache a first run wrote.
  process.env.HEADROOM_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-memory-cache-'));
  const first = new LspTestClient(undefined, ['--expose-gc']);
  await first.initialize();
  await first.shutdown();
  assert.equal(fs.readdirSync(process.env.HEADROOM_CACHE_DIR).length, 1, 'the first run wrote the code cache');
  const client = new LspTestClient(undefined, ['--expose-gc']);
  try {
    await client.initialize();
    const files = corpusFiles();
    for (const file of files) {
      client.notify('textDocument/didOpen', { textDocument: { uri: `file://${file}`, languageId: languageIdOf(file), version: 1, text: fs.readFileSync(file, 'utf8') } });
    }
    for (const file of files) await client.diagnostics(`file://${file}`, 1, 120_000);
    // Asking for the stats is a message too, which starts the server's quiet spell again: ask only after one.
    let open = await quietStats(client);
    for (let attempt = 0; attempt < 5 && open.memoryReleases === 0; attempt++) open = await quietStats(client);
    assert.ok(open.memoryReleases >= 1, 'the idle server released memory');
    assert.equal(open.documents, files.length);
    const figures = `RSS ${Math.round(open.rss / MB)} MB, heap ${Math.round(open.heapUsed / MB)} MB used of ${Math.round(open.heapTotal / MB)} MB with ${files.length} files open (last release ${Math.round(open.lastReleaseMs)} ms)`;
    t.diagnostic(figures);
    assert.ok(open.heapTotal <= HEAP_BOUND, `${figures} (heap bound ${HEAP_BOUND / MB} MB)`);
    assert.ok(open.rss <= RSS_BOUND, `${figures} (RSS bound ${RSS_BOUND / MB} MB)`);
    for (const file of files) client.notify('textDocument/didClose', { textDocument: { uri: `file://${file}` } });
    const closed = await client.request('headroom/stats', null);
    assert.equal(closed.engineDocuments, 0);
    assert.ok(closed.heapUsed < open.heapUsed, `heap ${Math.round(closed.heapUsed / MB)} MB closed, ${Math.round(open.heapUsed / MB)} MB open`);
    assert.ok(closed.heapTotal <= HEAP_BOUND, `heap ${Math.round(closed.heapTotal / MB)} MB committed after closing`);
  } finally {
    await client.shutdown();
  }
});
