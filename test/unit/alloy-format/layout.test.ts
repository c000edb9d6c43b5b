import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { format, formatted, hasMultiLineEmptyBrackets, loadParser, meaning } from './format-helpers';

// The formatting rules, input and verdict side by side. The `alloy fmt` cases were checked against
// Alloy's printer (grafana/alloy 66ebea856d, syntax/printer) when they were written; the `departs`
// cases are where Alloy's output would not mean what the input means, and the formatter keeps the
// meaning instead (server/src/core/alloy/format/index.ts lists them).

before(loadParser);

const ALLOY_FMT: { name: string; text: string; expect: string; notIdempotent?: string }[] = [
  { name: 'aligns = in a run of attributes', text: 'a = 1\nlong_name = 2\n', expect: 'a         = 1\nlong_name = 2\n' },
  { name: 'a blank line ends the run', text: 'a = 1\n\nlong_name = 2\n', expect: 'a = 1\n\nlong_name = 2\n' },
  {
    name: 'a multi-line value ends the run; its first line belongs to the run above',
    text: 'a = 1\nlist = [\n1,\n]\nlong_name = 2\nb = 3\n',
    expect: 'a    = 1\nlist = [\n\t1,\n]\nlong_name = 2\nb         = 3\n',
  },
  {
    name: 'widths in code points, trailing comments aligned',
    text: 'x = "😀" // one\nyy = "é" // two\nzzz = 1 // three\n',
    expect: 'x   = "😀" // one\nyy  = "é" // two\nzzz = 1   // three\n',
  },
  {
    name: 'one-line objects, lists and calls lose inner padding and trailing comma',
    text: 'x = { a = 1, }\ny = [ 1, 2, ]\nz = f( 1, 2 )\n',
    expect: 'x = {a = 1}\ny = [1, 2]\nz = f(1, 2)\n',
  },
  { name: 'cells of one-line objects line up with the run', text: 'x = { a = 1 }\nattr = {}\n', expect: 'x    = {a = 1}\nattr = {}\n' },
  { name: 'multi-line lists: one tab deeper, trailing comma', text: 'x = [\n  1,\n    2,\n]\n', expect: 'x = [\n\t1,\n\t2,\n]\n' },
  { name: 'no trailing comma when the bracket follows the last element', text: 'x = [1,\n2]\ny = f(a,\nb)\n', expect: 'x = [1,\n\t2]\ny = f(a,\n\tb)\n' },
  {
    name: 'object fields align; a field after a multi-line value starts a new run',
    text: 'x = {\n  a = 1,\n  long_key = 2,\n  nested = {\n    k = 1,\n  },\n  after = 3,\n}\n',
    expect: 'x = {\n\ta        = 1,\n\tlong_key = 2,\n\tnested   = {\n\t\tk = 1,\n\t},\n\tafter = 3,\n}\n',
  },
  { name: 'blank lines: leading and trailing dropped, several become one', text: '\n\n\na = 1\n\n\n\nb = 2\n\n\n', expect: 'a = 1\n\nb = 2\n' },
  { name: 'an empty file gives one newline', text: '', expect: '\n' },
  { name: 'comments only', text: '// a\n\n\n// b\n', expect: '// a\n\n// b\n' },
  {
    name: 'blocks: blank line before each, expanded bodies, empty bodies as { }',
    text: 'a = 1\nblk { a = 1 }\nempty {}\nempty2 {\n\n}\n',
    expect: 'a = 1\n\nblk {\n\ta = 1\n}\n\nempty { }\n\nempty2 { }\n',
  },
  { name: 'no blank line added after a block before an attribute', text: 'a {\n}\nb = 1\nc {\n}\n', expect: 'a { }\nb = 1\n\nc { }\n' },
  { name: 'nested blocks indent with tabs', text: 'a {\n b {\n c = 1\n }\n d = 2\n}\n', expect: 'a {\n\tb {\n\t\tc = 1\n\t}\n\td = 2\n}\n' },
  { name: 'an empty label is dropped', text: 'foo "" { }\n', expect: 'foo { }\n' },
  { name: '1 .a keeps its blank (1.a would scan as a number)', text: 'x = 1 .a\n', expect: 'x = 1 .a\n' },
  {
    name: 'operators: blanks around binary ones, none after unary ones or around . [ (',
    text: 'x=1+2*3\ny = - 1\nz = ! true\nw = (1+2)*3\nv = a[0].b[ "k" ]\n',
    expect: 'x = 1 + 2 * 3\ny = -1\nz = !true\nw = (1 + 2) * 3\nv = a[0].b["k"]\n',
  },
  {
    name: 'comments: trailing ones aligned, own-line ones kept, inline ones kept',
    text: 'blk {\n  a = 1 // one\n  long_name = 2 // two\n\n  // own line\n  c = 3 /* inline */\n}\n',
    expect: 'blk {\n\ta         = 1 // one\n\tlong_name = 2 // two\n\n\t// own line\n\tc = 3 /* inline */\n}\n',
  },
  { name: 'a block holding only a comment keeps it', text: 'blk {\n  // kept\n}\n', expect: 'blk {\n\t// kept\n}\n' },
  { name: 'a comment before a closing brace', text: 'blk {\n  a = 1\n  // last\n}\n', expect: 'blk {\n\ta = 1\n\t// last\n}\n' },
  { name: 'raw strings are printed as written', text: 'x = `a\n  b\nc`\ny = 1\n', expect: 'x = `a\n  b\nc`\ny = 1\n' },
  { name: 'CRLF: LF out, carriage returns dropped from comments', text: 'a = 1 // c\r\nlong = "x"\r\n/* b\r\n */\r\n', expect: 'a    = 1 // c\nlong = "x"\n/* b\n */\n' },
  { name: 'a leading byte order mark is dropped', text: '\ufeffa = 1\n', expect: 'a = 1\n' },
  {
    name: 'a harmless inline comment in a reference moves as Alloy moves it',
    text: 'x = a. /* c */ b.c\n',
    expect: 'x = a.b /* c */ .c\n',
    notIdempotent: 'Alloy moves it one token further on every pass; parity with the first pass wins',
  },
  {
    name: 'an empty object over two lines prints {} but still ends its run (the README\'s exception)',
    text: 'a = 1\nheaders = {\n}\nlong_name = 2\n',
    expect: 'a       = 1\nheaders = {}\nlong_name = 2\n',
    notIdempotent: 'the second pass aligns long_name with the run, as alloy fmt does',
  },
  {
    name: 'a tab in a raw string that Alloy\'s aligner turns back into a tab is left to it',
    text: 'blk {\n\tx = f(`\\\n\t`) /* c */\n}\n',
    expect: 'blk {\n\tx  = f(`\\\n\t`) /* c */\n}\n',
  },
];

for (const { name, text, expect, notIdempotent } of ALLOY_FMT) {
  test(`alloy fmt: ${name}`, () => {
    assert.equal(formatted(text), expect);
    if (notIdempotent) assert.notEqual(formatted(expect), expect, notIdempotent);
    else assert.equal(formatted(expect), expect, 'formatting the output again changes nothing');
    assert.equal(meaning(expect).meaning, meaning(text).meaning);
  });
}

const DEPARTS: { name: string; text: string; expect: string; alloy: string }[] = [
  { name: 'a tab inside a string stays a tab', text: 'x = "a\tb"\nlong = 1\n', expect: 'x    = "a\tb"\nlong = 1\n', alloy: 'x    = "a b"\nlong = 1\n' },
  { name: 'blanks before a line break in a raw string stay', text: 'x = `a  \nb`\n', expect: 'x = `a  \nb`\n', alloy: 'x = `a\nb`\n' },
  { name: 'a tab inside a raw string stays', text: 'x = `a\tb`\n', expect: 'x = `a\tb`\n', alloy: 'x = `a b`\n' },
  { name: 'f( newline ) gets no comma', text: 'x = f(\n)\n', expect: 'x = f(\n)\n', alloy: 'x = f(,\n)\n' },
  { name: 'a line comment inside a reference stays before the rest of it', text: 'x = a. // c\n  b.c\ny = 1\n', expect: 'x = a. // c\nb.c\ny = 1\n', alloy: 'x = a.b // c.c\ny = 1\n' },
  { name: 'the same inside a list', text: 'x = [a. // c\n  b, 2]\n', expect: 'x = [a. // c\nb, 2]\n', alloy: 'x = [a.b // c, 2]\n' },
  { name: 'a line comment inside a block name', text: 'prometheus. // c\n  scrape "x" {\n}\n', expect: 'prometheus. // c\nscrape "x" { }\n', alloy: 'prometheus.scrape // c\n"x" { }\n' },
  { name: 'a multi-line comment inside a reference', text: 'x = a. /* c\n */ b.c\n', expect: 'x = a. /* c\n */ b.c\n', alloy: 'x = a.b /* c\n */.c\n' },
  { name: 'a quoted key with an escape is kept as written', text: 'x = { "a\\nb" = 1 }\n', expect: 'x = {"a\\nb" = 1}\n', alloy: 'x = {"a\\\\nb" = 1}\n' },
];

for (const { name, text, expect, alloy } of DEPARTS) {
  test(`departs from alloy fmt to keep the meaning: ${name}`, () => {
    assert.equal(formatted(text), expect);
    assert.equal(formatted(expect), expect);
    const original = meaning(text);
    assert.equal(meaning(expect).meaning, original.meaning);
    // What Alloy prints either does not parse (by Alloy's rules) or means something else.
    assert.notEqual(alloy, expect);
  });
}

test('the corpus test\'s description of that exception recognises it, and nothing else', () => {
  assert.equal(hasMultiLineEmptyBrackets('headers = {\n}\n'), true);
  assert.equal(hasMultiLineEmptyBrackets('list = [\n\t]\n'), true);
  assert.equal(hasMultiLineEmptyBrackets('x = {\n\ta = 1,\n}\ns = "{\\n}"\n// {\n'), false);
});

test('refuses a file with a syntax error, with the position of the error', () => {
  for (const [text, line] of [['a = [1, 2\nb = 3\n', 0], ['blk {\n  a = 1\n', 0], ['blk "a-b" { }\n', 0], ['a = 1\nb = # no\n', 1]] as const) {
    const outcome = format(text);
    assert.equal(outcome.ok, false, text);
    if (!outcome.ok) {
      assert.equal(outcome.refusal.range.start.line, line, text);
      assert.match(outcome.refusal.message, /^cannot format a file with a syntax error: /);
    }
  }
});

test('refuses nesting too deep to format instead of exhausting the stack', () => {
  const depth = 5000;
  const outcome = format(`x = ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.match(outcome.refusal.message, /nesting deeper than/);
});
