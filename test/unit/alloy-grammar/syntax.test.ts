import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initAlloyParser, parseAlloy } from '../../../server/src/core/alloy/parser';

before(() => initAlloyParser());

/** Each case: the input, then the expected findings as `line:col message-pattern` (1-based line/col). */
const cases: { name: string; text: string; expect: [string, RegExp][] }[] = [
  { name: 'valid file', text: 'a {\n  b = [1, 2]\n}\n', expect: [] },
  { name: 'missing trailing comma in multi-line array', text: 'a = [\n  1,\n  2\n]\n', expect: [['3:3', /missing ',' after this element/]] },
  { name: 'missing trailing comma in multi-line object', text: 'a = {\n  b = 1,\n  c = 2\n}\n', expect: [['3:3', /missing ','/]] },
  { name: 'hash comment', text: '# note\na = 1\n', expect: [['1:1', /'#' does not start a comment/]] },
  { name: 'single-quoted string', text: "a = 'x'\n", expect: [['1:5', /single-quoted strings are not allowed/]] },
  { name: 'two attributes on one line', text: 'a = 1 b = 2\n', expect: [['1:7', /separated by a newline/]] },
  { name: 'unknown escape', text: 'a = "x\\qy"\n', expect: [['1:7', /unknown escape sequence \\q/]] },
  { name: 'octal escape above 255', text: 'a = "\\777"\n', expect: [['1:6', /unknown escape sequence \\777/]] },
  { name: 'label that is not an identifier', text: 'blk "with space" {\n}\n', expect: [['1:5', /not a valid identifier/]] },
  { name: 'unclosed block at end of file', text: 'outer "x" {\n  inner {\n    a = 1\n  }\n', expect: [['1:1', /block outer "x" opened at line 1 is never closed/]] },
  {
    name: 'unclosed inner block closed by a brace indented for its parent',
    text: 'outer {\n  inner {\n    a = 1\n}\nnext {\n}\n',
    expect: [['2:3', /block inner opened at line 2 is never closed/]],
  },
  { name: 'object with colon', text: 'a = { b: 1 }\n', expect: [['1:8', /'=', not ':'/]] },
];

for (const { name, text, expect } of cases) {
  test(`syntax: ${name}`, () => {
    const parsed = parseAlloy({ uri: 'file:///t.alloy', text });
    try {
      const actual = parsed.syntax.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
      assert.equal(parsed.syntax.length, expect.length, actual.join('\n'));
      expect.forEach(([where, pattern], i) => {
        assert.ok(actual[i].startsWith(`${where} `), `finding ${i}: expected at ${where}, got ${actual[i]}`);
        assert.match(actual[i], pattern);
        assert.equal(parsed.syntax[i].severity, 'error');
      });
    } finally {
      parsed.dispose();
    }
  });
}

test('syntax findings never leave the document', () => {
  for (const text of ['a = [', 'blk {', 'a = "unterminated', '"', '}', 'a.b.c "x" { y = }', '\uFEFFa = 1', 'a = `raw']) {
    const parsed = parseAlloy({ uri: 'file:///t.alloy', text });
    for (const finding of parsed.syntax) {
      assert.ok(parsed.lines.offsetAt(finding.range.end) <= text.length);
      assert.ok(finding.range.start.line <= finding.range.end.line);
    }
    assert.ok(parsed.syntax.length >= (text === '\uFEFFa = 1' ? 0 : 1), `no finding for ${JSON.stringify(text)}`);
    parsed.dispose();
  }
});
