import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisScheduler } from '../../../server/src/lsp/scheduler';
import { MemoryRelease } from '../../../server/src/lsp/memoryRelease';

// The scheduler's idle callback: housekeeping (the memory release) runs only after a quiet spell that
// follows work, never while an analysis is due, and a message during the spell starts it again.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const IDLE_MS = 200;

function scheduler() {
  const events: string[] = [];
  const s = new AnalysisScheduler((uri) => events.push(`analyse ${uri}`), (message) => events.push(`log ${message}`));
  s.whenIdle(IDLE_MS, () => events.push('idle'));
  /** A message handled by the connection (what the message strategy counts). */
  const message = () => s.messageStrategy.handleMessage({ jsonrpc: '2.0' } as never, () => undefined);
  return { s, events, message };
}

test('the idle callback runs once, a quiet spell after the last analysis', async () => {
  const { s, events } = scheduler();
  s.touch('a');
  s.touch('b');
  while (events.length < 2) await sleep(5);
  assert.deepEqual(events, ['analyse b', 'analyse a'], 'analyses first, the idle work not yet');
  await sleep(IDLE_MS * 2);
  assert.deepEqual(events, ['analyse b', 'analyse a', 'idle']);
  await sleep(IDLE_MS * 2);
  assert.deepEqual(events, ['analyse b', 'analyse a', 'idle'], 'once per quiet spell');
  s.touch('a');
  await sleep(IDLE_MS * 3);
  assert.deepEqual(events, ['analyse b', 'analyse a', 'idle', 'analyse a', 'idle'], 'again after the next work');
});

test('a message during the quiet spell postpones the idle callback', async () => {
  const { s, events, message } = scheduler();
  s.touch('a');
  await sleep(IDLE_MS / 2);
  const until = Date.now() + IDLE_MS * 3;
  while (Date.now() < until) {
    message();
    await sleep(IDLE_MS / 4);
  }
  assert.deepEqual(events, ['analyse a'], 'no idle work while messages keep coming');
  await sleep(IDLE_MS * 3);
  assert.deepEqual(events, ['analyse a', 'idle']);
});

test('nothing runs without activity first; a message alone, or a request waiting for the newest state, is activity', async () => {
  const { s, events, message } = scheduler();
  await sleep(IDLE_MS * 2);
  assert.deepEqual(events, [], 'a server that did nothing has nothing to release');
  message();
  await sleep(IDLE_MS * 2);
  assert.deepEqual(events, ['idle']);
  await s.quiet();
  await sleep(IDLE_MS * 2);
  assert.deepEqual(events, ['idle', 'idle']);
});

// A hang here (the process never returning from the collection) fails on the timeout.
test('the memory release collects only when the heap holds enough unused memory, and the process goes on', { timeout: 30_000 }, async () => {
  const logs: string[] = [];
  const release = new MemoryRelease((message) => logs.push(message));
  // Fill the young generation with garbage, so the heap has slack to give back.
  let keep: unknown[] = [];
  for (let round = 0; round < 40; round++) {
    keep = [];
    for (let i = 0; i < 50_000; i++) keep.push({ i, text: `garbage ${i}` });
  }
  keep = [];
  release.release();
  for (let i = 0; i < 100 && release.stats.releases === 0; i++) await sleep(20);
  assert.deepEqual(logs, []);
  assert.equal(release.stats.releases, 1, 'one collection requested and answered');
  // Right after a collection the heap has no slack: nothing is requested.
  release.release();
  await sleep(200);
  assert.equal(release.stats.releases, 1);
  // The event loop still turns after the collection.
  await sleep(10);
});
