import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElasticTabs, codePoints } from '../../../server/src/core/alloy/format/elastic-tabs';

// The column aligner on its own: Go text/tabwriter's rules as `alloy fmt` configures them (padding 1,
// tabs for indentation, empty soft columns dropped, widths in code points), then trailing blanks cut.

function aligned(...chunks: (string | { verbatim: string })[]): string {
  const tabs = new ElasticTabs();
  for (const chunk of chunks) {
    if (typeof chunk === 'string') tabs.write(chunk);
    else tabs.writeVerbatim(chunk.verbatim);
  }
  return tabs.finish();
}

test('cells of consecutive lines align at the widest plus one', () => {
  assert.equal(aligned('a\v= 1\nlong\v= 2\n'), 'a    = 1\nlong = 2\n');
});

test('a line without the column ends the block; a form feed ends the section', () => {
  assert.equal(aligned('a\v= 1\nplain\nlong\v= 2\n'), 'a = 1\nplain\nlong = 2\n');
  assert.equal(aligned('a\v= 1\flong\v= 2\n'), 'a = 1\nlong = 2\n');
});

test('leading empty cells are indentation: one tab each', () => {
  assert.equal(aligned('\t\ta\v= 1\n\t\tlong\v= 2\n'), '\t\ta    = 1\n\t\tlong = 2\n');
});

test('an indentation cell next to a wide cell pads to the next multiple of 8 with tabs', () => {
  assert.equal(aligned('\tx\v= 1\nwide_cell_text\tb\n'), '\t\tx = 1\nwide_cell_text b\n');
});

test('empty soft columns are dropped; empty hard ones are kept', () => {
  assert.equal(aligned('a\v\vb\nc\v\vd\n'), 'a b\nc d\n');
  assert.equal(aligned('\tb\n\td\n'), '\tb\n\td\n');
});

test('trailing blanks are cut, verbatim text is neither split nor trimmed', () => {
  assert.equal(aligned('a   \nb\t\n'), 'a\nb\n');
  assert.equal(aligned('x\v= ', { verbatim: 'a\tb  ' }, '\nlong\v= 2\n'), 'x    = a\tb  \nlong = 2\n');
});

test('widths count code points: an emoji is one, a combining mark one more ("😀" with its quotes is 3)', () => {
  assert.equal(codePoints('😀'), 1);
  assert.equal(codePoints('e\u0301'), 2);
  assert.equal(aligned('"😀"\v// a\nxyzw\v// b\n'), '"😀"  // a\nxyzw // b\n');
});

test('text after the last line break is kept; nothing is added at the end', () => {
  assert.equal(aligned('a\v= 1\nlong\v= 2'), 'a    = 1\nlong = 2');
  assert.equal(aligned(''), '');
});
