import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initAlloyParser, parseAlloy, type AlloyParsed } from '../../../server/src/core/alloy/parser';
import { isValidIdentifier } from '../../../server/src/core/alloy/identifier';
import { NON_ASCII_DIGITS, NON_ASCII_LETTERS } from '../../../server/src/core/alloy/unicode-tables';
import type { AttributeStmt, BlockStmt, Expr, ObjectExpr } from '../../../server/src/core/alloy/ast';

// What Alloy accepts and rejects, class by class (issue 12), written from grafana/alloy's own rules at
// 66ebea856d: syntax/scanner/scanner.go (terminator insertion, findLineEnd, isLetter/isDigit, BOM,
// NUL, UTF-8, comments, strings) and syntax/parser/internal.go (statements, block names, fields).
// Accepted texts parse with no finding; rejected ones get an alloy/syntax finding, the first of them
// on the line where Alloy reports its first error.

before(() => initAlloyParser());

function parse(text: string): AlloyParsed {
  return parseAlloy({ uri: 'file:///t.alloy', text });
}

function findings(text: string): string[] {
  const parsed = parse(text);
  try {
    return parsed.syntax.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
  } finally {
    parsed.dispose();
  }
}

const accepted: { name: string; text: string }[] = [
  // isLetter: any rune unicode.IsLetter accepts; isDigit after the first character.
  { name: 'CJK identifier as a value', text: 'x = 日本\n' },
  { name: 'Hangul attribute name', text: '한국어 = 1\n' },
  { name: 'letters above U+1092B (mathematical italic, CJK extension B)', text: '𝑥𝑦 = 1\n𠀀 = 2\n' },
  { name: 'titlecase and modifier letters', text: 'ǅʰ = 1\n' },
  { name: 'Unicode decimal digits after the first letter', text: 'a١٢ = 1\nb߀ = 2\n' },
  { name: 'Unicode block name and label', text: 'métrica.日本 "ラベル" {\n}\n' },
  // parseField: a field name is any STRING token, raw strings included.
  { name: 'raw string object key', text: 'a = { `k` = 1, "q" = 2, i = 3 }\n' },
  // findLineEnd: a /* */ holding a newline after an operand is that newline, so it ends the statement.
  { name: 'two statements separated by a multi-line block comment', text: 'a = 1 /* one\ntwo */ b = 2\n' },
  { name: 'a one-line block comment, then more of the expression', text: 'a = 1 /* c */ + 2\n' },
  { name: 'comments then the end of the line', text: 'a = 1 /* c */ /* d */ // e\nb = 2 /* f\n*/\n' },
  // A newline is white space after '=', '.', '(', '[', '{', ',' and operators (no insertTerm).
  { name: 'a line may end after . in a block name', text: 'loki.\nsource.file "x" {\n}\n' },
  { name: 'a line may end after = . ( [ { , and operators', text: 'a =\n  b.\n  c\nd = f(\n  1,\n)[\n  0] + (\n  2 *\n  3)\ne = {\n  f = !\n    true,\n}\n' },
  { name: 'a multi-line block comment after an operator', text: 'a = 1 + /* one\ntwo */ 2\n' },
  { name: 'a line comment with no newline at the end of the file', text: 'a = 1 // c' },
  // New: a BOM is allowed as the very first character only.
  { name: 'byte order mark as the first character', text: '\uFEFFa = 1\n' },
  { name: 'an empty block label is no label', text: 'blk "" {\n}\n' },
  { name: 'CRLF line ends', text: 'a = 1\r\nb {\r\n  c = [\r\n    1,\r\n  ]\r\n}\r\n' },
];

for (const { name, text } of accepted) {
  test(`Alloy accepts: ${name}`, () => {
    assert.deepEqual(findings(text), []);
  });
}

const rejected: { name: string; text: string; at: string; message: RegExp }[] = [
  // token.Lookup: true, false and null are BOOL and NULL tokens, never IDENT.
  { name: 'true as an attribute name', text: 'true = 1\n', at: '1:1', message: /'true' is a literal/ },
  { name: 'null as a block name', text: 'null {\n}\n', at: '1:1', message: /'null' is a literal/ },
  { name: 'null as a block name part', text: 'a.null.b {\n}\n', at: '1:3', message: /'null' is a literal/ },
  { name: 'null as an object key', text: 'a = { null = 1 }\n', at: '1:7', message: /'null' is a literal/ },
  { name: 'false as a member', text: 'a = b.false\n', at: '1:7', message: /'false' is a literal/ },
  { name: 'true as an unquoted block label', text: 'b true {\n}\n', at: '1:3', message: /'true' is a literal/ },
  { name: 'true as a quoted block label (IsValidIdentifier)', text: 'b "true" {\n}\n', at: '1:3', message: /not a valid identifier: true is a literal/ },
  // insertTerm after an identifier, literal, ')', ']' or '}': the newline is a TERMINATOR.
  { name: 'newline between an attribute name and =', text: 'action\n= "keep"\n', at: '1:7', message: /'action' must be followed on the same line by '='/ },
  { name: 'line comment then newline before =', text: 'action // the action\n= "keep"\n', at: '1:', message: /'action' must be followed on the same line/ },
  { name: 'newline between a block name and {', text: 'prometheus\n{\n}\n', at: '1:11', message: /'prometheus' must be followed on the same line by '=' .* or '\{'/ },
  { name: 'newline between a label and {', text: 'blk "x"\n{\n}\n', at: '1:', message: /'blk "x"' must be followed on the same line by '\{'/ },
  { name: 'newline before the . of a block name', text: 'loki\n.source_file "x" {\n}\n', at: '1:5', message: /unexpected end of line/ },
  { name: 'newline before the ) of a parenthesised expression', text: 'x = (1\n+ 2)\n', at: '1:7', message: /unexpected end of line/ },
  { name: 'newline before the ] of an index', text: 'x = a[1\n]\n', at: '1:8', message: /unexpected end of line/ },
  { name: 'newline between an object key and =', text: 'x = { a\n= 1 }\n', at: '1:8', message: /unexpected end of line/ },
  { name: 'newline before a binary operator', text: 'x = a\n+ b\n', at: '2:1', message: /unexpected '\+ b'/ },
  { name: 'a name alone on its line', text: 'a = 1\nforward_to\nb = 2\n', at: '2:1', message: /'forward_to' must be followed on the same line by '=' .* or '\{'/ },
  { name: 'multi-line block comment after an operand in an expression', text: 'x = a /* one\ntwo */ + b\n', at: '2:8', message: /unexpected '\+ b'/ },
  { name: 'missing comma before a line comment', text: 'a = [\n  1,\n  2 // two\n]\n', at: '3:3', message: /missing ','/ },
  { name: 'missing comma before a multi-line block comment', text: 'a = [\n  1,\n  2 /* two\n  */ ]\n', at: '3:3', message: /missing ','/ },
  { name: 'missing comma after a multi-line element, on its last line', text: 'a = [\n  {\n    b = 1,\n  }\n]\n', at: '4:3', message: /missing ','/ },
  { name: 'two blocks on one line', text: 'a {} b {}\n', at: '1:6', message: /separated by a newline/ },
  // skipWhitespace: only ' ', '\t', '\r' and '\n'; anything else that starts no token is illegal.
  { name: 'form feed', text: 'a = 1\f\n', at: '1:6', message: /illegal character U\+000C/ },
  { name: 'illegal character', text: 'a = 1 $\n', at: '1:7', message: /illegal character U\+0024 '\$'/ },
  { name: 'single |', text: 'a = true | false\n', at: '1:10', message: /missing second '\|'/ },
  // next(): a BOM after the first character, NUL and invalid UTF-8 anywhere, strings and comments included.
  { name: 'byte order mark after the first character', text: 'a = 1\n\uFEFFb = 2\n', at: '2:1', message: /illegal byte order mark/ },
  { name: 'byte order mark inside a string', text: 'a = "x\uFEFFy"\n', at: '1:7', message: /illegal byte order mark/ },
  { name: 'byte order mark inside a comment', text: '// c \uFEFF\na = 1\n', at: '1:6', message: /illegal byte order mark/ },
  { name: 'NUL inside a string', text: 'a = "\0"\n', at: '1:6', message: /illegal character NUL/ },
  { name: 'lone surrogate (cannot be UTF-8)', text: 'a = "\uD800"\n', at: '1:6', message: /illegal UTF-8 encoding/ },
  // scanString / scanComment.
  { name: 'string left open at the end of the line; the next line still parses', text: 'a = "open\nb = 1\n', at: '1:5', message: /string is not terminated/ },
  { name: 'backslash at the end of an open string', text: 'a = "open\\\nb = 1\n', at: '1:5', message: /string is not terminated/ },
  { name: 'unterminated raw string', text: 'a = 1\nb = `open\nc = 1\n', at: '2:5', message: /raw string is not terminated/ },
  { name: 'unterminated block comment', text: 'a = 1\n/* open\nb = 2\n', at: '2:1', message: /block comment is not terminated/ },
  // parseBody at the top level: a '}' closes nothing.
  { name: "'}' that closes no block", text: 'a {\n}\n}\nb = 1\n', at: '3:1', message: /closes nothing/ },
  // parseBlockName: a label is a double-quoted string.
  { name: 'raw string block label', text: 'b `x` {\n}\n', at: '1:3', message: /unexpected/ },
];

for (const { name, text, at, message } of rejected) {
  test(`Alloy rejects: ${name}`, () => {
    const list = findings(text);
    assert.ok(list.length > 0, `no finding for ${JSON.stringify(text)}`);
    assert.ok(list[0].startsWith(at), `first finding at ${at} expected, got ${list[0]}`);
    assert.match(list[0], message);
  });
}

test('an unclosed block is reported at its header, saying the end of the file came first', () => {
  const text = 'outer "x" {\n  a = 1\n';
  const parsed = parse(text);
  try {
    assert.equal(parsed.syntax.length, 1, JSON.stringify(parsed.syntax));
    const [finding] = parsed.syntax;
    assert.deepEqual(finding.range.start, { line: 0, character: 0 });
    assert.match(finding.message, /block outer "x" opened at line 1 is never closed: expected '}' before end of file/);
    assert.deepEqual(finding.related?.map((r) => [r.uri, r.range.start]), [['file:///t.alloy', { line: 2, character: 0 }]]);
  } finally {
    parsed.dispose();
  }
});

test('Alloy has no depth limit: long chains and deep nesting are valid, and the AST is built without recursion', () => {
  const depth = 20_000;
  for (const text of [
    `a = ${Array.from({ length: depth }, (_, i) => `x${i}`).join(' + ')}\n`,
    `a = ${Array(depth).fill('x').join('.')}\n`,
    `a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    `a = ${'-'.repeat(depth)}1\n`,
    `${'b {\n'.repeat(depth)}${'}\n'.repeat(depth)}`,
  ]) {
    const parsed = parse(text);
    try {
      assert.deepEqual(parsed.syntax, [], text.slice(0, 40));
      assert.equal(parsed.ast.body.length, 1);
    } finally {
      parsed.dispose();
    }
  }
});

test('a flat chain keeps its shape: left-associative, the last operand on the right', () => {
  const parsed = parse(`a = ${Array.from({ length: 500 }, (_, i) => `x${i}`).join(' + ')}\n`);
  try {
    let expr = (parsed.ast.body[0] as AttributeStmt).value;
    assert.equal(expr.kind === 'binary' && expr.right.kind === 'identifier' && expr.right.name, 'x499');
    let count = 1;
    while (expr.kind === 'binary') {
      expr = expr.left;
      count++;
    }
    assert.equal(expr.kind === 'identifier' && expr.name, 'x0');
    assert.equal(count, 500);
  } finally {
    parsed.dispose();
  }
});

test('a raw string key is a quoted key with its text as the name; an open string keeps its text', () => {
  const parsed = parse('a = { `k.1` = 1 }\nb = "open\n');
  try {
    const object = (parsed.ast.body[0] as AttributeStmt).value as ObjectExpr;
    assert.deepEqual(object.fields.map((f) => [f.key, f.quoted]), [['k.1', true]]);
    const open = (parsed.ast.body[1] as AttributeStmt).value as Expr & { value: unknown };
    assert.deepEqual([open.kind, open.value], ['string', 'open']);
  } finally {
    parsed.dispose();
  }
});

test('statements after a stray brace or an open string are still analysed', () => {
  const parsed = parse('a = "open\nb {\n}\n}\nc = 1\n');
  try {
    assert.deepEqual(parsed.ast.body.map((s) => s.name), ['a', 'b', 'c']);
    assert.ok((parsed.ast.body[1] as BlockStmt).closeBrace);
  } finally {
    parsed.dispose();
  }
});

/** The [first, last] code point ranges of a generated character class. */
function ranges(klass: string): [number, number][] {
  return [...klass.matchAll(/\\u\{([0-9A-F]+)\}(?:-\\u\{([0-9A-F]+)\})?/g)]
    .map((m) => [parseInt(m[1], 16), parseInt(m[2] ?? m[1], 16)]);
}

test("the scanner's identifier tables and the language server's agree, at every range boundary", () => {
  const letters = ranges(NON_ASCII_LETTERS);
  const digits = ranges(NON_ASCII_DIGITS);
  const inAny = (list: [number, number][], cp: number) => list.some(([first, last]) => cp >= first && cp <= last);
  const candidates = new Set<number>();
  for (const [first, last] of [...letters, ...digits]) {
    for (const cp of [first - 1, first, last, last + 1]) if (cp >= 0x80 && (cp < 0xd800 || cp > 0xdfff)) candidates.add(cp);
  }
  const mismatches: string[] = [];
  for (const cp of candidates) {
    const ch = String.fromCodePoint(cp);
    const letter = inAny(letters, cp);
    const digit = inAny(digits, cp);
    // As a whole name, as the start of one, and after a first letter.
    const cases: [string, boolean][] = [[`${ch}`, letter], [`a${ch}`, letter || digit]];
    for (const [name, valid] of cases) {
      const parsed = parse(`${name} = 1\n`);
      const accepted = parsed.syntax.length === 0;
      parsed.dispose();
      if (accepted !== valid || isValidIdentifier(name) !== valid) mismatches.push(`U+${cp.toString(16)} in ${JSON.stringify(name)}`);
    }
  }
  assert.deepEqual(mismatches, []);
  assert.ok(candidates.size > 1000);
});
