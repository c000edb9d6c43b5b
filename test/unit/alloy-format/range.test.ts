import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { parseAlloy } from '../../../server/src/core/alloy/parser';
import { formatAlloyRange } from '../../../server/src/core/alloy/format';
import { applyTextEdits, LineIndex } from '../../../server/src/core/text';
import type { Range } from '../../../server/src/core/types';
import { formatted, loadParser } from './format-helpers';

// Range formatting: the statements the range touches get the lines whole-document formatting gives
// them; everything else stays byte for byte.

before(loadParser);

function formatRange(text: string, range: Range): string {
  const parsed = parseAlloy({ uri: 'file:///range.alloy', text });
  try {
    const outcome = formatAlloyRange(parsed, range);
    if (!outcome.ok) throw new Error(outcome.refusal.message);
    return applyTextEdits(text, outcome.edits);
  } finally {
    parsed.dispose();
  }
}

/** The range of the `n`-th line (0-based), from its first to its last character. */
function lineRange(text: string, line: number): Range {
  const lines = new LineIndex(text);
  return { start: { line, character: 0 }, end: { line, character: lines.lineText(line).length } };
}

const SOURCE = [
  'top   =    1',
  'other = 2',
  'blk   "x" {',
  '    a = 1',
  '      long_name = [ 1, 2, ]',
  '   // a note',
  '        c = {',
  '  k = 1,',
  '}',
  '}',
  'last    =   "end"',
  '',
].join('\n');

test('a range on one attribute inside a block formats that attribute only, aligned with its whole run', () => {
  const out = formatRange(SOURCE, lineRange(SOURCE, 4));
  const lines = out.split('\n');
  // `long_name` gets the line full formatting gives it (its run includes `a` and `c`)...
  assert.equal(lines[4], formatted(SOURCE).split('\n')[5]);
  assert.equal(lines[4], '\tlong_name = [1, 2]');
  // ...and every other line is untouched.
  assert.deepEqual(lines.filter((_, i) => i !== 4), SOURCE.split('\n').filter((_, i) => i !== 4));
});

test('a cursor in the indentation of a line, or a whole-line selection, formats that line\'s statement only', () => {
  const expected = formatRange(SOURCE, lineRange(SOURCE, 4));
  assert.equal(formatRange(SOURCE, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }), expected);
  assert.equal(formatRange(SOURCE, { start: { line: 4, character: 0 }, end: { line: 4, character: 2 } }), expected);
  assert.equal(formatRange(SOURCE, { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }), expected);
});

test('a range touching only a comment or blank lines formats nothing', () => {
  assert.equal(formatRange(SOURCE, lineRange(SOURCE, 5)), SOURCE);
});

test('a range over the whole document equals formatting the document', () => {
  const everything = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
  assert.equal(formatRange(SOURCE, everything), formatted(SOURCE));
});

test('a range on a block header formats the whole block, not its neighbours', () => {
  const out = formatRange(SOURCE, lineRange(SOURCE, 2));
  assert.ok(out.startsWith('top   =    1\nother = 2\n'), out);
  assert.ok(out.endsWith('last    =   "end"\n'), out);
  assert.ok(out.includes('blk "x" {\n\ta         = 1\n\tlong_name = [1, 2]\n\t// a note\n\tc = {\n\t\tk = 1,\n\t}\n}\n'), out);
});

test('formatting each top-level statement in turn ends where formatting the document does', () => {
  let text = SOURCE;
  for (let i = 0; i < 4; i++) {
    // Statements move as earlier ones are formatted: find the i-th statement's first line again each time.
    const starts = text.split('\n').map((line, n) => (/^\S/.test(line) && !line.startsWith('}') ? n : -1)).filter((n) => n >= 0);
    text = formatRange(text, lineRange(text, starts[i]));
  }
  assert.equal(text, formatted(SOURCE));
});

test('a document with a syntax error is refused', () => {
  const parsed = parseAlloy({ uri: 'file:///broken.alloy', text: 'a = [1,\nb = 2\n' });
  try {
    const outcome = formatAlloyRange(parsed, lineRange('a = [1,\nb = 2\n', 1));
    assert.equal(outcome.ok, false);
  } finally {
    parsed.dispose();
  }
});
