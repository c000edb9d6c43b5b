import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { needsShared } from '../../helpers/shared';
import { corpusSubjects } from '../../helpers/fuzz';
import { initAlloyParser, parseAlloy, type AlloyParsed } from '../../../server/src/core/alloy/parser';
import { LineIndex } from '../../../server/src/core/text';
import type { TextChange } from '../../../server/src/core/types';
import type { Statement } from '../../../server/src/core/alloy/ast';

// An Alloy document being edited keeps the AST and syntax problems of every statement whose subtree the
// incremental reparse reused (alloy/reuse.ts). After any sequence of edits, the AST and the syntax
// findings equal those of a fresh parse of the final text, and the statements the edit did not touch
// are really reused.

before(() => initAlloyParser());

const alloy = corpusSubjects().filter((s) => s.name.startsWith('alloy/'));

// Edits that change structure: braces, comments and strings that swallow what follows, statements on
// one line, errors in and out of blocks, labels, escapes, missing commas.
const PAYLOADS = ['{', '}', '}\n', '"', '`', '/*', '*/', '//', '\n', ' ', ',', '=', 'x', 'a = 1\n', 'b "c" {\n', 'b "1" { }\n',
  '"\\q"', '[1\n2]', 'true.x', '\r', '\uFEFF', '#', 'declare "m" {\n', ''];

const editsArb = fc.array(fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.constantFrom(...PAYLOADS),
}), { minLength: 1, maxLength: 12 });

function parseAfter(text: string, edits: { at: number; remove: number; insert: string }[]): { incremental: AlloyParsed; text: string } {
  let parsed = parseAlloy({ uri: 'file:///reuse.alloy', text });
  for (const edit of edits) {
    const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
    const end = Math.min(text.length, at + edit.remove);
    const change: TextChange = { range: new LineIndex(text).range(at, end), text: edit.insert };
    text = text.slice(0, at) + edit.insert + text.slice(end);
    parsed = parseAlloy({ uri: 'file:///reuse.alloy', text }, { parsed, changes: [change] });
  }
  return { incremental: parsed, text };
}

function assertSameAsFresh(incremental: AlloyParsed, text: string, label: string): void {
  const fresh = parseAlloy({ uri: 'file:///reuse.alloy', text });
  try {
    assert.deepEqual(incremental.ast, fresh.ast, `${label}: AST`);
    assert.deepEqual(incremental.syntax, fresh.syntax, `${label}: syntax findings`);
  } finally {
    fresh.dispose();
  }
}

test('after random edits, the AST and syntax findings of an Alloy file equal a fresh parse', needsShared('corpus'), () => {
  fc.assert(fc.property(fc.nat({ max: alloy.length - 1 }), editsArb, (index, edits) => {
    const { incremental, text } = parseAfter(alloy[index].text, edits);
    try {
      assertSameAsFresh(incremental, text, `${alloy[index].name} after ${JSON.stringify(edits)}`);
    } finally {
      incremental.dispose();
    }
  }), { seed: 20261129, numRuns: 60 });
});

test('edits that move blocks in and out of others, open comments and strings, keep the AST exact', () => {
  const base = [
    'prometheus.scrape "a" {',
    '  targets = [{"__address__" = "x:1"}]',
    '  forward_to = [prometheus.remote_write.b.receiver]',
    '}',
    '',
    'declare "m" {',
    '  argument "in" { }',
    '  loki.process "p" {',
    '    stage.json { expressions = { "a" = "b" } }',
    '    forward_to = []',
    '  }',
    '}',
    '',
    'prometheus.remote_write "b" {',
    '  endpoint { url = "http://x" }',
    '}',
    '',
  ].join('\n');
  const cases: { at: number; remove: number; insert: string }[][] = [
    [{ at: base.indexOf('}\n\ndeclare'), remove: 1, insert: '' }],                  // first block left open: the rest nests in it
    [{ at: base.indexOf('}\n\ndeclare'), remove: 1, insert: '' }, { at: base.indexOf('}\n\ndeclare'), remove: 0, insert: '}' }],
    [{ at: base.indexOf('declare'), remove: 0, insert: '/*' }],                      // a comment swallowing the rest
    [{ at: base.indexOf('declare'), remove: 0, insert: '/*' }, { at: base.indexOf('declare'), remove: 2, insert: '' }],
    [{ at: base.indexOf('"x:1"'), remove: 1, insert: '' }],                          // an unterminated string
    [{ at: base.indexOf('stage.json'), remove: 0, insert: '}\n' }],                  // a block closed early
    [{ at: 0, remove: 0, insert: 'a = 1\n' }, { at: 0, remove: 6, insert: '' }],    // everything moved, then back
    [{ at: base.indexOf('"b"'), remove: 3, insert: '"1b"' }],                        // an invalid label
    [{ at: base.length, remove: 0, insert: 'x = "\\q"\n' }],                         // an invalid escape at the end
  ];
  for (const edits of cases) {
    const { incremental, text } = parseAfter(base, edits);
    try {
      assertSameAsFresh(incremental, text, JSON.stringify(edits));
    } finally {
      incremental.dispose();
    }
  }
});

test('a text with an error is parsed as a fresh open parses it, whatever edits led to it', needsShared('corpus'), () => {
  // Found by `npm run fuzz -- --mode incremental --format alloy --seed 13`: tree-sitter's incremental
  // reparse recovered from the error differently (the array's ']' left missing inside the block).
  const subject = alloy.find((s) => s.name.endsWith('staticconvert__testdata__traces.alloy'));
  assert.ok(subject);
  const edits = [{ at: 0, remove: 2, insert: ' ' }, { at: 0, remove: 4, insert: '{' }, { at: 742676766, remove: 0, insert: '{{ .Values.x }}' },
    { at: 0, remove: 0, insert: ' ' }, { at: 198359247, remove: 3, insert: ' ' }];
  const { incremental, text } = parseAfter(subject.text, edits);
  try {
    assertSameAsFresh(incremental, text, subject.name);
  } finally {
    incremental.dispose();
  }
});

test('an edit inside one block reuses the AST of the others, moved to their new offsets', needsShared('corpus'), () => {
  const subject = alloy.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  // A document parsed once keeps nothing; from its first edit on, it keeps its statements.
  const opened = parseAlloy({ uri: 'file:///reuse.alloy', text: subject.text });
  const first = parseAlloy({ uri: 'file:///reuse.alloy', text: subject.text }, { parsed: opened, changes: [{ range: opened.lines.range(0, 0), text: '' }] });
  const before = first.ast.body.map((statement) => statement);
  // Type one character into the middle of the last top-level block's first line.
  const last = before[before.length - 1];
  const at = last.span.start + 1;
  const text = subject.text.slice(0, at) + 'x' + subject.text.slice(at);
  const second = parseAlloy({ uri: 'file:///reuse.alloy', text }, { parsed: first, changes: [{ range: first.lines.range(at, at), text: 'x' }] });
  try {
    const after = second.ast.body;
    assert.equal(after.length, before.length);
    // Every statement before the edit is the same object; the edited one is new.
    for (let i = 0; i < before.length - 1; i++) assert.equal(after[i], before[i], `statement ${i} reused`);
    assert.notEqual(after[after.length - 1], last);
    assertSameAsFresh(second, text, subject.name);

    // An edit at the very start moves every statement by one: reused (the same objects), every span moved.
    const starts = after.map((statement) => statement.span.start);
    const third = parseAlloy({ uri: 'file:///reuse.alloy', text: ` ${text}` }, { parsed: second, changes: [{ range: second.lines.range(0, 0), text: ' ' }] });
    try {
      assert.ok(third.ast.body.every((statement: Statement, i: number) => statement === after[i] && statement.span.start === starts[i] + 1));
      assertSameAsFresh(third, ` ${text}`, `${subject.name}, moved`);
    } finally {
      third.dispose();
    }
  } catch (error) {
    second.dispose();
    throw error;
  }
});

test('every span object of an AST belongs to one place (reuse.ts shifts reused spans in place)', needsShared('corpus'), () => {
  for (const subject of alloy) {
    const parsed = parseAlloy({ uri: 'file:///reuse.alloy', text: subject.text });
    try {
      const seen = new Set<object>();
      const pending: object[] = [parsed.ast];
      for (let node = pending.pop(); node; node = pending.pop()) {
        assert.ok(!seen.has(node), `${subject.name}: an AST object is reachable twice`);
        seen.add(node);
        for (const value of Object.values(node)) if (value !== null && typeof value === 'object') pending.push(value);
      }
    } finally {
      parsed.dispose();
    }
  }
});

test('a long edit session, whose stale statements are cleared from the reuse table, keeps the AST exact', () => {
  // Every keystroke converts the statements around it again and leaves their former entries stale;
  // reuse.ts clears them once they outnumber the live ones (by 64: tree-sitter reuses the addresses
  // of freed subtrees, so most stale keys are soon taken again).
  const block = (i: number) => `prometheus.scrape "s${i}" {\n  targets = [{"__address__" = "x:${i}"}]\n  forward_to = []\n}\n`;
  let text = Array.from({ length: 40 }, (_, i) => block(i)).join('\n');
  let parsed = parseAlloy({ uri: 'file:///reuse.alloy', text });
  try {
    for (let i = 0; i < 1500; i++) {
      const at = text.indexOf('forward_to', (i * 997) % text.length);
      const offset = at === -1 ? text.indexOf('forward_to') : at;
      // Type a character into an attribute's name, then delete it: the statement is new each time.
      const typed = i % 2 === 0;
      const change: TextChange = typed ? { range: parsed.lines.range(offset, offset), text: 'f' } : { range: parsed.lines.range(offset, offset + 1), text: '' };
      text = typed ? text.slice(0, offset) + 'f' + text.slice(offset) : text.slice(0, offset) + text.slice(offset + 1);
      const before = parsed.ast.body;
      parsed = parseAlloy({ uri: 'file:///reuse.alloy', text }, { parsed, changes: [change] });
      // The live statements survive the clearing: every block but the edited one is kept (from the
      // second version on: a document parsed once keeps nothing).
      const edited = before.findIndex((statement) => statement.span.start <= offset && offset < statement.span.end);
      if (i > 0) assert.ok(parsed.ast.body.every((statement, b) => (b === edited) !== (statement === before[b])), `keystroke ${i}: blocks reused`);
      if (i % 250 === 249) assertSameAsFresh(parsed, text, `after ${i + 1} keystrokes`);
    }
  } finally {
    parsed.dispose();
  }
});
