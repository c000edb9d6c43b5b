import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { corpusSubjects, mutate, mutationArb } from '../../helpers/fuzz';
import { alloyFile } from '../../helpers/alloy-arbitrary';
import { initAlloyParser, parseAlloy, type AlloyParsed } from '../../../server/src/core/alloy/parser';
import { LineIndex } from '../../../server/src/core/text';
import type { TextChange } from '../../../server/src/core/types';
import { toAst } from './old-conversion/cst-to-ast';
import { syntaxFindings } from './old-conversion/syntax';

// TEMPORARY: the one-pass cursor conversion against the two node-API walks it replaced.

before(() => initAlloyParser());

const uri = 'file:///diff.alloy';

function fixtures(dir: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...fixtures(full));
    else if (entry.name.endsWith('.alloy')) out.push({ name: full, text: fs.readFileSync(full, 'utf8') });
  }
  return out;
}

const deep = (n: number, open: string, close: string, inner: string) => open.repeat(n) + inner + close.repeat(n);
const TARGETED = [
  'x = "\\q"\n', 'y = /* a\n', 'b "1a" { }\n', 'b "true" { }\n', 'b "" { }\n', 'b "a\\n" { }\n', 'b "ok" {\n', 'a = [1\n2]\n',
  'a = "open\n', '}\n', 'a = 1 b = 2\n', 'a\n= 1\n', 'true.x = 1\n', 'a.true { }\n', 'x = a.\ntrue\n', '# c\n', "a = 'x'\n",
  'a = 1;\n', 'a: 1\n', 'a = `x\n', 'a = 1 | 2\n', 'a = 1 & 2\n', 'a = \f1\n', 'a = /* x', 'a = 1 /* x\ny */\n', 'x = "😀\\u00e9" // 😀\n',
  'b "l" {\n  c {\n    d = 1\n  }\n', 'b {\n  c {\n}\n  e = 1\n', 'a = f(1,\n2)\n', 'a = {x = 1\ny = 2}\n', 'a = {"k" = 1, `r\r` = 2}\n',
  'a = -!x[1].y(2, 3)\n', 'a = (1 + 2) * 3 ^ 4 ^ 5 || !b && c != d\n', 'a = ()\n', 'a = [,]\n', 'a = x.\n', 'a = 1\0\n', '\uFEFFa = 1\n\uFEFF\n',
  'a = "\uD800"\n', '= 1\n', 'b "x" "y" { }\n', 'a = 1\r\nb { c = 2 }\r\n', '{\n', 'b { a = [1, 2\n] }\n', 'b.c.d "e" { f = g.h }\n',
  `a = ${deep(1200, '[', ']', '1')}\n`, `a = ${deep(1200, '(', ')', '1')}\n`, `a = ${deep(600, '{x = ', '}', '1')}\n`,
  `${deep(700, 'b {\n', '}\n', 'a = 1\n')}`, `${deep(700, 'b "l" {\n', '}\n', 'a = [1, {x = "\\q"}]\n')}`, `a = ${Array(3000).fill('x.y').join(' + ')}\n`,
  `a = ${deep(1200, 'f(', ')', '1')}\n`, `${deep(700, 'b {\n', '\n', 'a = 1\n')}`,
];

const subjects = [
  ...TARGETED.map((text, i) => ({ name: `targeted #${i}`, text })),
  ...corpusSubjects().filter((s) => s.name.startsWith('alloy/')),
  ...fixtures(path.join(__dirname, '../../../../test/fixtures')),
];

function check(parsed: AlloyParsed, label: string): void {
  const ast = toAst(parsed.tree.rootNode);
  const syntax = syntaxFindings(parsed.tree.rootNode, ast, parsed.lines, parsed.doc);
  assert.deepStrictEqual(parsed.ast, ast, `${label}: AST`);
  assert.deepStrictEqual(parsed.syntax, syntax, `${label}: syntax`);
}

function fresh(text: string, label: string): void {
  const parsed = parseAlloy({ uri, text });
  try {
    check(parsed, label);
  } finally {
    parsed.dispose();
  }
}

const variants = (text: string) => [text, text.replace(/\n/g, '\r\n'), text.replace(/"([a-z])/g, '"😀$1'), `\uFEFF${text}`];

test('fresh: every corpus and fixture file, and CRLF / astral variants', () => {
  assert.ok(subjects.length > 10);
  for (const subject of subjects) {
    variants(subject.text).forEach((text, i) => fresh(text, `${subject.name} #${i}`));
  }
});

test('fresh: generated configs', () => {
  fc.assert(fc.property(alloyFile, fc.array(mutationArb, { maxLength: 2 }), (text, mutations) => {
    for (const mutation of mutations) text = mutate(text, mutation);
    fresh(text, JSON.stringify(text));
  }), { seed: Number(process.env.DIFF_SEED ?? 1), numRuns: Number(process.env.DIFF_RUNS ?? 300) });
});

test('fresh: mutated texts', () => {
  fc.assert(fc.property(fc.nat({ max: subjects.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (index, mutations) => {
    let text = subjects[index].text;
    for (const mutation of mutations) text = mutate(text, mutation);
    fresh(text, `${subjects[index].name} ${JSON.stringify(mutations)}`);
  }), { seed: Number(process.env.DIFF_SEED ?? 1), numRuns: Number(process.env.DIFF_RUNS ?? 300) });
});

const PAYLOADS = ['{', '}', '}\n', '"', '`', '/*', '*/', '//', '\n', ' ', ',', '=', 'x', 'a = 1\n', 'b "c" {\n', 'b "1" { }\n',
  '"\\q"', '[1\n2]', 'true.x', '\r', '\uFEFF', '#', 'declare "m" {\n', '', '😀', '\r\n', 'f(1,\n2)', '"\\u00e9"', '\uD800', '\uDC00', '\0', '😀😀', '\uFEFF\uFEFF'];

test('incremental: edit sequences', () => {
  fc.assert(fc.property(fc.nat({ max: subjects.length - 1 }), fc.array(fc.record({
    at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.constantFrom(...PAYLOADS),
  }), { minLength: 1, maxLength: 12 }), (index, edits) => {
    let text = subjects[index].text;
    let parsed = parseAlloy({ uri, text });
    try {
      for (const edit of edits) {
        const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
        const end = Math.min(text.length, at + edit.remove);
        const change: TextChange = { range: new LineIndex(text).range(at, end), text: edit.insert };
        text = text.slice(0, at) + edit.insert + text.slice(end);
        parsed = parseAlloy({ uri, text }, { parsed, changes: [change] });
        try {
          check(parsed, `${subjects[index].name} ${JSON.stringify(edits)}`);
        } catch (error) {
          if (process.env.DIFF_DEBUG) console.error(String(error).slice(0, 3000));
          throw error;
        }
      }
    } finally {
      parsed.dispose();
    }
  }), { seed: Number(process.env.DIFF_SEED ?? 1), numRuns: Number(process.env.DIFF_RUNS ?? 150), verbose: 1 });
});
