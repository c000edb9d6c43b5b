import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { corpusPath, needsShared } from '../../helpers/shared';
import { initAlloyParser, parseAlloy, type AlloyParsed } from '../../../server/src/core/alloy/parser';
import { LineIndex } from '../../../server/src/core/text';
import type { TextChange } from '../../../server/src/core/types';

before(() => initAlloyParser());

function change(text: string, start: number, end: number, insert: string): { text: string; change: TextChange } {
  const lines = new LineIndex(text);
  return {
    text: text.slice(0, start) + insert + text.slice(end),
    change: { range: lines.range(start, end), text: insert },
  };
}

function snapshot(parsed: AlloyParsed) {
  return { tree: parsed.tree.rootNode.toString(), syntax: parsed.syntax, ast: parsed.ast };
}

test('incremental reparses equal fresh parses over a sequence of edits, including non-ASCII text', needsShared('corpus'), () => {
  let text = fs.readFileSync(corpusPath('alloy', 'grafana__alloy-scenarios__otel-tracing-service-graphs__config.alloy'), 'utf8');
  let parsed = parseAlloy({ uri: 'file:///t.alloy', text });
  const edits: [number, number, string][] = [
    [0, 0, '// é😀 header\n'],
    [text.indexOf('{') + 20, text.indexOf('{') + 20, '\n  broken = [1,\n 2\n'],
    [10, 25, ''],
    [text.length - 5, text.length - 5, '\nlast "é" { a = 1 }\n'],
    [30, 30, '}'],
  ];
  for (const [start, end, insert] of edits) {
    const clampedStart = Math.min(start, text.length);
    const step = change(text, clampedStart, Math.min(Math.max(end, clampedStart), text.length), insert);
    const incremental = parseAlloy({ uri: 'file:///t.alloy', text: step.text }, { parsed, changes: [step.change] });
    const fresh = parseAlloy({ uri: 'file:///t.alloy', text: step.text });
    assert.deepEqual(snapshot(incremental), snapshot(fresh));
    fresh.dispose();
    parsed = incremental;
    text = step.text;
  }
  parsed.dispose();
});

test('several changes in one notification apply in order', () => {
  const original = 'a = 1\nb = 2\n';
  const parsed = parseAlloy({ uri: 'file:///t.alloy', text: original });
  const first = change(original, 4, 5, '10');
  const second = change(first.text, first.text.length, first.text.length, 'c "x" {\n}\n');
  const result = parseAlloy({ uri: 'file:///t.alloy', text: second.text }, { parsed, changes: [first.change, second.change] });
  assert.equal(result.ast.body.length, 3);
  assert.deepEqual(result.syntax, []);
  result.dispose();
});

test('changes that do not lead to the new text fall back to a fresh parse', () => {
  const parsed = parseAlloy({ uri: 'file:///t.alloy', text: 'a = 1\n' });
  const result = parseAlloy(
    { uri: 'file:///t.alloy', text: 'b = 2\n' },
    { parsed, changes: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] },
  );
  assert.equal(result.ast.body[0].kind === 'attribute' && result.ast.body[0].name, 'b');
  result.dispose();
});

test('a change checked against the new text: a text that differs before or after it, or is longer, is parsed afresh', () => {
  // The old text has a NUL, an illegal character: a trusted change carries it over, moved by the
  // change's length, and the findings then differ from a fresh parse's.
  const old = 'a = 1\nb = "\0"\nc = 3\n';
  const nul = old.indexOf('\0');
  const cases = [
    { what: 'after the change', change: change(old, 0, 1, 'x'), text: 'x' + old.slice(1, nul) + 'q' + old.slice(nul + 1) },
    { what: 'before the change', change: change(old, old.length - 2, old.length - 1, '4'), text: old.slice(0, nul) + 'q' + old.slice(nul + 1, old.length - 2) + '4\n' },
    { what: 'longer in the change', change: change(old, 0, 1, 'x'), text: 'xy' + old.slice(1) },
  ];
  for (const { what, change: { change: edit, text: claimed }, text } of cases) {
    assert.notEqual(text, claimed, what);
    // A version made by an edit (here an empty one) is what carries its character problems to the next.
    const opened = parseAlloy({ uri: 'file:///t.alloy', text: old });
    const parsed = parseAlloy({ uri: 'file:///t.alloy', text: old }, { parsed: opened, changes: [change(old, 0, 0, '').change] });
    assert.ok(parsed.syntax.some((f) => f.message === 'illegal character NUL'), what);
    const result = parseAlloy({ uri: 'file:///t.alloy', text }, { parsed, changes: [edit] });
    const fresh = parseAlloy({ uri: 'file:///t.alloy', text });
    assert.deepEqual(snapshot(result), snapshot(fresh), what);
    result.dispose();
    fresh.dispose();
  }
});
