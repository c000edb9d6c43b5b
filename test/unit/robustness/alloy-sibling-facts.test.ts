import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeadroomEngine } from '../../../server/src/core/engine';
import { ALL_FORMATS } from '../../../server/src/core/formats';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { alloyService } from '../../../server/src/core/alloy/service';
import type { FormatService } from '../../../server/src/core/service';
import { LineIndex } from '../../../server/src/core/text';
import { actualFindings, expectedFindings, newEngine } from '../../helpers/alloy';

// An open Alloy document's facts read other files' facts: its declares' export types read the declares
// of the other .alloy files of its folder and of the modules it imports (alloy/modules.ts). When such a
// file's facts change (opened, edited, closed, indexed, forgotten, added by a CLI worker), the engine
// makes the facts of the open documents reading it again, and of those reading them in turn: they, and
// the findings that read them, equal a fresh engine's with the same files, in whatever order it opens them.

const DIR = 'file:///workspace/mods/';
const A = `${DIR}a.alloy`;
const B = `${DIR}b.alloy`;
const C = `${DIR}c.alloy`;

/** A's export: an otelcol.Consumer, or a list of metrics receivers. */
const A_CONSUMER = [
  'declare "a" {',
  '  otelcol.processor.batch "x" {',
  '    output { }',
  '  }',
  '',
  '  export "out" {',
  '    value = otelcol.processor.batch.x.input',
  '  }',
  '}',
  '',
].join('\n');
const A_RECEIVERS = A_CONSUMER
  .replace('otelcol.processor.batch "x" {\n    output { }\n  }', 'prometheus.remote_write "x" {\n    endpoint {\n      url = "http://mimir:9009/api/v1/push"\n    }\n  }')
  .replace('otelcol.processor.batch.x.input', '[prometheus.remote_write.x.receiver]');

/** B's export is A's; C's export is B's, and C hands it to a scrape's forward_to. */
const B_TEXT = 'declare "b" {\n  a "x" { }\n\n  export "out" {\n    value = a.x.out\n  }\n}\n';
const cText = (expect: string) => [
  'declare "c" {',
  '  b "y" { }',
  '',
  '  export "out" {',
  '    value = b.y.out',
  '  }',
  '}',
  '',
  'c "i" { }',
  '',
  'prometheus.scrape "p" {',
  '  targets    = []',
  `  forward_to = c.i.out${expect}`,
  '}',
  '',
].join('\n');
const C_TEXT = cText('');

/** The types of the exports of a file's declares, as its facts give them. */
function exportTypes(engine: HeadroomEngine, uri: string): unknown {
  return engine.get(uri)?.alloy?.declares.map((d) => [d.name, d.exports.map((e) => `${e.name}: ${e.type}`)]);
}

type Files = { uri: string; text: string }[];

/** Facts of every file and findings of every open one in a fresh engine that opens `open` in this order, after indexing `indexed`. */
async function fresh(open: Files, indexed: Files = []): Promise<{ facts: unknown[]; findings: unknown[] }> {
  const engine = await newEngine();
  try {
    for (const file of indexed) engine.index(file);
    for (const file of open) engine.open(file);
    return {
      facts: [...open, ...indexed].map((f) => engine.get(f.uri)),
      findings: open.map((f) => engine.lint(f.uri)),
    };
  } finally {
    engine.dispose();
  }
}

/** `engine` has the facts and findings of a fresh engine with the same files, opened in dependency order or the reverse. */
async function assertFresh(engine: HeadroomEngine, open: Files, indexed: Files = [], message = ''): Promise<void> {
  const now = { facts: [...open, ...indexed].map((f) => engine.get(f.uri)), findings: open.map((f) => engine.lint(f.uri)) };
  assert.deepEqual(now, await fresh(open, indexed), `in dependency order ${message}`);
  assert.deepEqual(now, await fresh([...open].reverse(), indexed).then((r) => ({ facts: reorder(r.facts), findings: r.findings.reverse() })), `in reverse order ${message}`);
  function reorder(facts: unknown[]): unknown[] {
    return [...facts.slice(0, open.length).reverse(), ...facts.slice(open.length)];
  }
}

/** The whole-text replacement of `uri`'s text, as one incremental change. */
function replaceAll(engine: HeadroomEngine, uri: string, text: string): boolean {
  const old = engine.text(uri)!;
  return engine.update({ uri, text }, [{ range: new LineIndex(old).range(0, old.length), text }]);
}

test('a declare changed in A reaches B, whose export is A\'s, and C, whose export is B\'s: facts and findings as a fresh engine\'s', async () => {
  const engine = await newEngine();
  try {
    engine.open({ uri: A, text: A_CONSUMER });
    engine.open({ uri: B, text: B_TEXT });
    engine.open({ uri: C, text: C_TEXT });
    assert.deepEqual(exportTypes(engine, C), [['c', ['out: capsule(otelcol.Consumer)']]]);
    // forward_to given an otelcol.Consumer through two files.
    const consumerC = cText(' // expect: alloy/wrong-type');
    assert.deepEqual(actualFindings(engine.lint(C)), expectedFindings(consumerC));
    await assertFresh(engine, [{ uri: A, text: A_CONSUMER }, { uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }]);

    // A edited: B's and C's export types follow at once, and C's finding goes (this failed before the engine made them again).
    assert.equal(replaceAll(engine, A, A_RECEIVERS), true);
    assert.deepEqual(exportTypes(engine, B), [['b', ['out: list(capsule(MetricsReceiver))']]]);
    assert.deepEqual(exportTypes(engine, C), [['c', ['out: list(capsule(MetricsReceiver))']]]);
    assert.deepEqual(actualFindings(engine.lint(C)), expectedFindings(C_TEXT));
    await assertFresh(engine, [{ uri: A, text: A_RECEIVERS }, { uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }]);

    // Typed inside A's export: the reference is broken for a keystroke, then restored.
    const broken = A_RECEIVERS.replace('.receiver]', '.receive]');
    replaceAll(engine, A, broken);
    await assertFresh(engine, [{ uri: A, text: broken }, { uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }]);
    replaceAll(engine, A, A_CONSUMER);
    assert.deepEqual(actualFindings(engine.lint(C)), expectedFindings(consumerC));
    await assertFresh(engine, [{ uri: A, text: A_CONSUMER }, { uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }]);

    // A closed (no file on disk in this engine): B's component `a` is unknown, the types are gone.
    assert.equal(engine.close(A), true);
    assert.deepEqual(exportTypes(engine, C), [['c', ['out: any']]]);
    await assertFresh(engine, [{ uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }]);
    // Opened again with the other export.
    assert.equal(engine.open({ uri: A, text: A_RECEIVERS }), true);
    await assertFresh(engine, [{ uri: A, text: A_RECEIVERS }, { uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }]);

    // B closed: C reads A's declare no more; reopened.
    engine.close(B);
    assert.deepEqual(exportTypes(engine, C), [['c', ['out: any']]]);
    await assertFresh(engine, [{ uri: A, text: A_RECEIVERS }, { uri: C, text: C_TEXT }]);
    engine.open({ uri: B, text: B_TEXT });
    await assertFresh(engine, [{ uri: A, text: A_RECEIVERS }, { uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }]);

    // The configuration changed (every document's facts made again, in opening order).
    engine.setConfig({ ...engine.currentConfig, alloyVersion: '1.5' });
    const old = await newEngine();
    try {
      old.setConfig({ ...old.currentConfig, alloyVersion: '1.5' });
      for (const uri of [C, B, A]) old.open({ uri, text: engine.text(uri)! });
      assert.deepEqual([A, B, C].map((uri) => engine.get(uri)), [A, B, C].map((uri) => old.get(uri)));
    } finally {
      old.dispose();
    }
  } finally {
    engine.dispose();
  }
});

test('A as a file that is not open: indexed, changed on disk, forgotten, its facts added by a CLI worker', async () => {
  const engine = await newEngine();
  const open: Files = [{ uri: B, text: B_TEXT }, { uri: C, text: C_TEXT }];
  try {
    assert.equal(engine.index({ uri: A, text: A_CONSUMER }), true);
    for (const file of open) engine.open(file);
    await assertFresh(engine, open, [{ uri: A, text: A_CONSUMER }]);
    assert.equal(engine.index({ uri: A, text: A_RECEIVERS }), true);
    await assertFresh(engine, open, [{ uri: A, text: A_RECEIVERS }]);
    assert.equal(engine.forget(A), true);
    assert.deepEqual(exportTypes(engine, C), [['c', ['out: any']]]);
    await assertFresh(engine, open);

    const worker = await newEngine();
    try {
      worker.open({ uri: A, text: A_CONSUMER });
      engine.addFacts(worker.get(A)!);
    } finally {
      worker.dispose();
    }
    await assertFresh(engine, open, [{ uri: A, text: A_CONSUMER }]);
  } finally {
    engine.dispose();
  }
});

test('a module imported with import.file: the importer and its folder sibling follow the module\'s changes', async () => {
  const lib = 'file:///workspace/lib/a.alloy';
  const importer = 'file:///workspace/app/b.alloy';
  const sibling = 'file:///workspace/app/c.alloy';
  const bText = 'import.file "lib" {\n  filename = "lib/a.alloy"\n}\n\ndeclare "b" {\n  lib.a "x" { }\n\n  export "out" {\n    value = lib.a.x.out\n  }\n}\n';
  const engine = await newEngine();
  try {
    engine.open({ uri: lib, text: A_CONSUMER });
    engine.open({ uri: importer, text: bText });
    engine.open({ uri: sibling, text: C_TEXT });
    assert.deepEqual(exportTypes(engine, sibling), [['c', ['out: capsule(otelcol.Consumer)']]]);
    replaceAll(engine, lib, A_RECEIVERS);
    assert.deepEqual(exportTypes(engine, sibling), [['c', ['out: list(capsule(MetricsReceiver))']]]);
    const files = [{ uri: lib, text: A_RECEIVERS }, { uri: importer, text: bText }, { uri: sibling, text: C_TEXT }];
    await assertFresh(engine, files);
    // A second lib/a.alloy elsewhere makes the relative filename ambiguous: nothing is imported.
    const other = { uri: 'file:///elsewhere/lib/a.alloy', text: A_CONSUMER };
    engine.open(other);
    assert.deepEqual(exportTypes(engine, sibling), [['c', ['out: any']]]);
    await assertFresh(engine, [...files, other]);
    engine.close(other.uri);
    await assertFresh(engine, files);
  } finally {
    engine.dispose();
  }
});

test('files reading each other (A reads B reads A): a chain through both settles as a fresh engine\'s; a type reading only itself settles', async () => {
  // A's "second" is B's "mid", which is A's "first": an edit of "first" takes three rounds to settle.
  const aText = (first: string, second = 'b.x.mid') =>
    `declare "a" {\n  b "x" { }\n\n  export "first" {\n    value = ${first}\n  }\n\n  export "second" {\n    value = ${second}\n  }\n}\n`;
  const bText = 'declare "b" {\n  a "x" { }\n\n  export "mid" {\n    value = a.x.first\n  }\n\n  export "back" {\n    value = a.x.second\n  }\n}\n';
  const logged: string[] = [];
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, log: (message) => logged.push(message) });
  await engine.init();
  try {
    engine.open({ uri: A, text: aText('"s"') });
    engine.open({ uri: B, text: bText });
    assert.deepEqual(exportTypes(engine, A), [['a', ['first: string', 'second: string']]]);
    await assertFresh(engine, [{ uri: A, text: aText('"s"') }, { uri: B, text: bText }]);
    replaceAll(engine, A, aText('1'));
    assert.deepEqual(exportTypes(engine, A), [['a', ['first: number', 'second: number']]]);
    assert.deepEqual(exportTypes(engine, B), [['b', ['mid: number', 'back: number']]]);
    await assertFresh(engine, [{ uri: A, text: aText('1') }, { uri: B, text: bText }]);
    // "second" made B's "back", which is "second" itself: a type with nothing to read but itself. It
    // settles at once (A's facts read B's, which still say number: they do not change); a fresh engine,
    // whose first file sees no other, says any. Which of the two a type that reads only itself keeps is
    // left to history: finding it would mean making every file of such a cycle again on every keystroke.
    replaceAll(engine, A, aText('1', 'b.x.back'));
    // Broken by an edit: both settle as a fresh engine's again.
    replaceAll(engine, A, aText('[]', '"t"'));
    assert.deepEqual(exportTypes(engine, B), [['b', ['mid: list(any)', 'back: string']]]);
    await assertFresh(engine, [{ uri: A, text: aText('[]', '"t"') }, { uri: B, text: bText }]);
    assert.deepEqual(logged, []);
  } finally {
    engine.dispose();
  }
});

/** An engine whose Alloy service counts the facts it makes, per file. */
async function countingEngine(): Promise<{ engine: HeadroomEngine; made: Map<string, number> }> {
  const made = new Map<string, number>();
  const counting: FormatService = {
    ...(alloyService as FormatService),
    facts(parsed, ctx) {
      made.set(parsed.doc.uri, (made.get(parsed.doc.uri) ?? 0) + 1);
      return alloyService.facts(parsed as never, ctx);
    },
  };
  const engine = new HeadroomEngine({ services: ALL_FORMATS.map((s) => (s === alloyService ? counting : s)), catalog: defaultCatalog });
  await engine.init();
  return { engine, made };
}

test('an edit makes again the facts of the files that can read the edited one, and of no other', async () => {
  const { engine, made } = await countingEngine();
  const plain = `${DIR}plain.alloy`;
  const elsewhere = 'file:///workspace/other/c.alloy';
  try {
    engine.open({ uri: A, text: A_CONSUMER });
    engine.open({ uri: B, text: B_TEXT });
    // Same folder, but no declare exporting anything: its facts read no other file.
    engine.open({ uri: plain, text: 'declare "p" {\n  argument "x" { }\n}\n\notelcol.processor.batch "x" {\n  output { }\n}\n' });
    // Exports from declares, in another folder.
    engine.open({ uri: elsewhere, text: C_TEXT });
    let text = A_CONSUMER;
    const type = (at: string, remove: number, insert: string) => {
      const offset = text.indexOf(at);
      assert.ok(offset >= 0, at);
      const lines = new LineIndex(text);
      text = text.slice(0, offset) + insert + text.slice(offset + remove);
      return engine.update({ uri: A, text }, [{ range: lines.range(offset, offset + remove), text: insert }]);
    };
    type('  }\n\n  export', 0, '  ');
    made.clear();
    // A keystroke that changes no facts (a blank line inside a component): no other file's facts are made.
    assert.equal(type('    output', 0, '\n'), false);
    assert.deepEqual([...made], [[A, 1]]);
    made.clear();
    // A keystroke in the export (the reference breaks, so its type changes): B's facts are made again
    // (B's component `a` is A's declare). They change, but no file reads B: A's declare names built-in
    // components only, `plain` exports nothing, and the other folder's C reads its own folder.
    assert.equal(type('.input', 0, 'x'), true);
    assert.deepEqual(new Map(made), new Map([[A, 1], [B, 1]]));
    made.clear();
    // A's declare given a component `b`, B's declare: A's export types can now read B's facts. B's do not change.
    assert.equal(type('  export "out"', 0, '  b "y" { }\n\n'), true);
    assert.deepEqual(new Map(made), new Map([[A, 1], [B, 1]]));
    made.clear();
    // The reference mended: B's facts change, and A's are made again once more, as they can read B's.
    assert.equal(type('xx.input', 1, ''), true);
    assert.deepEqual(new Map(made), new Map([[A, 2], [B, 1]]));
  } finally {
    engine.dispose();
  }
});

test('facts that never settle (each file\'s facts change whenever the other\'s do) stop after the stated bound, with a log line', async () => {
  // A format whose facts are new on every call and read every other file: the worst a service can do.
  let calls = 0;
  const restless: FormatService = {
    ...(alloyService as FormatService),
    claims: (doc) => doc.uri.endsWith('.restless'),
    parse: (doc) => ({ format: 'alloy', doc, lines: new LineIndex(doc.text) }),
    facts: (parsed) => ({ uri: parsed.doc.uri, format: 'alloy', workloads: [], hpas: [], memoryLimiters: [{ label: String(++calls), range: new LineIndex('').range(0, 0) }] }),
    factsDependOn: (parsed, uri) => uri !== parsed.doc.uri,
  };
  const logged: string[] = [];
  const engine = new HeadroomEngine({ services: [restless], catalog: defaultCatalog, log: (message) => logged.push(message) });
  try {
    engine.open({ uri: 'file:///w/a.restless', text: '' });
    assert.equal(calls, 1);
    engine.open({ uri: 'file:///w/b.restless', text: '' });
    // b's own facts, then 16 rounds, each making again the facts of the one file reading the other.
    assert.equal(calls, 2 + 16);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /still changed after 16 rounds/);
  } finally {
    engine.dispose();
  }
});
