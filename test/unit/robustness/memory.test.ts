import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { HeadroomEngine } from '../../../server/src/core/engine';
import { ALL_FORMATS } from '../../../server/src/core/formats';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { LineIndex } from '../../../server/src/core/text';

// Memory is bounded: engines created, used and disposed over and over, and one document edited over
// and over, keep the process's memory flat, and the last results equal the first. Parse trees live in
// the wasm heap, outside the JavaScript garbage collector: before engines freed their documents'
// trees, some tens of thousands of cycles made tree-sitter abort and every later text silently got
// no findings. Bounds are on memory, never on time.
//
// Resident memory is read after a full garbage collection, so what remains is what is kept: the JS
// heap and the wasm heap's touched pages. The first cycles warm up (JIT code, heap pages); growth is
// measured from then on. A leaked tree of the pipeline below costs about 2.5 MB per thousand cycles.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

/**
 * The least of three readings, each after a full collection and a short pause: V8 gives freed pages back
 * on background threads, and on a busy machine a single reading caught pages not returned yet (one
 * reading 32 MB above the others, during a fresh-clone run next to another test suite). A leak stays in
 * every reading.
 */
async function settledRss(): Promise<number> {
  let least = Infinity;
  for (let reading = 0; reading < 3; reading++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    least = Math.min(least, process.memoryUsage().rss);
  }
  return least;
}

/** A batch processor with a syntax error, a missing argument and a batch max below its size. */
const PIPELINE = 'otelcol.processor.batch "x" {\n  send_batch_size = 10\n  send_batch_max_size = 1\n}\nb = \n';
const YAML = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: alloy\nspec:\n  template:\n    spec:\n      containers:\n        - name: alloy\n          image: grafana/alloy\n          resources:\n            requests: { memory: 2GB }\n';
const XML = '<clickhouse>\n  <max_memory_usage>abc</max_memory_usage>\n</clickhouse>\n';

function lintAll(engine: HeadroomEngine): string {
  const docs = [
    { uri: 'file:///cycle/pipeline.alloy', text: PIPELINE },
    { uri: 'file:///cycle/deployment.yaml', text: YAML },
    { uri: 'file:///cycle/config.xml', text: XML },
  ];
  for (const doc of docs) engine.open(doc);
  return JSON.stringify(docs.map((doc) => engine.lint(doc.uri)));
}

test('50,000 engine create/lint/dispose cycles: memory stays bounded and the last findings equal the first', async () => {
  let first = '';
  let last = '';
  let warm = 0;
  let peak = 0;
  for (let cycle = 0; cycle < 50_000; cycle++) {
    const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, log: (message) => assert.fail(message) });
    await engine.init();
    if (cycle % 1000 === 0 || cycle === 49_999) {
      last = lintAll(engine);
      if (cycle === 0) first = last;
    } else {
      // The Alloy document is the one whose tree lives in the wasm heap: every cycle parses it.
      engine.open({ uri: 'file:///cycle/pipeline.alloy', text: PIPELINE });
      engine.lint('file:///cycle/pipeline.alloy');
    }
    engine.dispose();
    if (cycle === 10_000) warm = await settledRss();
    if (cycle > 10_000 && cycle % 5_000 === 0) peak = Math.max(peak, await settledRss());
  }
  assert.match(first, /alloy\/syntax.*alloy\/batch-max-below-size.*k8s\/.*clickhouse\//s);
  assert.equal(last, first);
  assert.ok(peak - warm < 32 * MB, `RSS grew from ${Math.round(warm / MB)} MB to ${Math.round(peak / MB)} MB over 40,000 cycles`);
});

test('100,000 incremental edits of one document: memory stays bounded and the diagnostics equal a fresh open', async () => {
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, log: (message) => assert.fail(message) });
  await engine.init();
  const uri = 'file:///edits/pipeline.alloy';
  let text = PIPELINE;
  let version = 1;
  engine.open({ uri, text, version });
  // Typing and deleting a digit of send_batch_size, so the text (and the work) keeps its size.
  const at = PIPELINE.indexOf('10') + 2;
  let warm = 0;
  let peak = 0;
  for (let edit = 1; edit <= 100_000; edit++) {
    const lines = new LineIndex(text);
    const typing = edit % 2 === 1;
    const change = typing ? { range: lines.range(at, at), text: '0' } : { range: lines.range(at, at + 1), text: '' };
    text = typing ? `${text.slice(0, at)}0${text.slice(at)}` : text.slice(0, at) + text.slice(at + 1);
    engine.update({ uri, text, version: ++version }, [change]);
    if (edit % 10 === 0) engine.lint(uri);
    if (edit === 20_000) warm = await settledRss();
    if (edit > 20_000 && edit % 10_000 === 0) peak = Math.max(peak, await settledRss());
  }
  const incremental = engine.lint(uri);
  engine.open({ uri: 'file:///edits/fresh.alloy', text });
  assert.deepEqual(incremental, engine.lint('file:///edits/fresh.alloy'));
  engine.dispose();
  assert.ok(peak - warm < 32 * MB, `RSS grew from ${Math.round(warm / MB)} MB to ${Math.round(peak / MB)} MB over 80,000 edits`);
});
