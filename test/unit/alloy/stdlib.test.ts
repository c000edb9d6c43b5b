import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';
import {
  DEPRECATED_ALIASES, STDLIB_CONSTANTS, STDLIB_FUNCTIONS, lookupStdlib, signatureOf,
} from '../../../server/src/core/alloy/stdlib';

// The standard-library table, signature help and hover. `|` marks the cursor in the inline cases.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

function at(textWithCursor: string): { text: string; position: { line: number; character: number } } {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

function help(textWithCursor: string) {
  const { text, position } = at(textWithCursor);
  const uri = 'file:///signature.alloy';
  engine.open({ uri, text });
  const result = engine.signatureHelp(uri, position);
  return result && { label: result.label, active: result.parameters[result.activeParameter] ? result.label.slice(...result.parameters[result.activeParameter].label) : undefined };
}

test('the table: every namespace of stdlib.go, its deprecated aliases and constants; links to the reference', () => {
  const names = STDLIB_FUNCTIONS.map((f) => f.name);
  for (const expected of ['sys.env', 'convert.nonsensitive', 'encoding.from_json', 'encoding.from_yaml', 'encoding.from_base64',
    'encoding.from_URLbase64', 'encoding.to_json', 'encoding.to_base64', 'encoding.to_URLbase64', 'encoding.url_encode',
    'encoding.url_decode', 'string.format', 'string.join', 'string.replace', 'string.split', 'string.to_lower', 'string.to_upper',
    'string.trim', 'string.trim_prefix', 'string.trim_suffix', 'string.trim_space', 'array.concat', 'array.combine_maps',
    'array.group_by', 'file.path_join', 'coalesce', 'json_path']) {
    assert.ok(names.includes(expected), expected);
  }
  assert.equal(names.length, 27);
  assert.equal(new Set(names).size, names.length);
  assert.deepEqual(STDLIB_CONSTANTS.map((c) => c.name), ['constants.hostname', 'constants.os', 'constants.arch', 'constants.version']);
  assert.equal(Object.keys(DEPRECATED_ALIASES).length, 16);
  for (const target of Object.values(DEPRECATED_ALIASES)) assert.ok(names.includes(target), target);
  for (const fn of STDLIB_FUNCTIONS) {
    assert.match(fn.docs, /^https:\/\/grafana\.com\/docs\/alloy\/latest\/reference\/stdlib\/[a-z_]+\/(#[a-z0-9_]+)?$/, fn.name);
    assert.ok(fn.summary.length > 10 && !fn.summary.includes('\n'), fn.name);
  }
  assert.deepEqual(STDLIB_FUNCTIONS.filter((f) => f.experimental).map((f) => f.name), ['array.combine_maps', 'array.group_by']);
});

test('signature labels: each parameter range covers `name: type`', () => {
  for (const fn of STDLIB_FUNCTIONS) {
    const { label, parameters } = signatureOf(fn);
    assert.ok(label.startsWith(`${fn.name}(`) && label.endsWith(`) → ${fn.returns}`), label);
    fn.parameters.forEach((param, i) => assert.match(label.slice(...parameters[i]), new RegExp(`^(\\.\\.\\.)?${param.name}\\??: `), label));
  }
  const format = lookupStdlib('string.format');
  assert.ok(format?.kind === 'function');
  assert.equal(signatureOf(format.fn).label, 'string.format(spec: string, ...values: any) → string');
});

test('signature help: the active argument counts top-level commas only', () => {
  assert.deepEqual(help('x "y" { a = string.replace(|) }'), { label: 'string.replace(string: string, substring: string, replacement: string) → string', active: 'string: string' });
  assert.deepEqual(help('x "y" { a = string.replace("a,b", |) }')?.active, 'substring: string');
  // Commas inside strings, nested calls, arrays, objects and comments are not this call's.
  assert.deepEqual(help('x "y" { a = string.replace("a,(b", string.join(["p", "q"], ","), {k = 1, l = 2} /* , */ |) }')?.active, 'replacement: string');
  // Inside a nested call, that call is the one shown.
  assert.deepEqual(help('x "y" { a = string.replace(sys.env(|), "", "") }')?.label, 'sys.env(name: string) → string');
  // In an array argument, the call around it.
  assert.deepEqual(help('x "y" { a = array.concat([1, 2|]) }')?.active, '...lists: list(any)');
});

test('signature help: variadic parameters stay active; optional ones are marked; calls being typed still work', () => {
  assert.equal(help('x "y" { a = string.format("%s %s %s", 1, 2, |) }')?.active, '...values: any');
  assert.equal(help('x "y" { a = array.combine_maps(l, r, ["k"], |) }')?.active, 'passthrough?: bool');
  // No closing parenthesis, no closing brace: the tree has errors there.
  assert.deepEqual(help('x "y" {\n  a = sys.env(|'), { label: 'sys.env(name: string) → string', active: 'name: string' });
  assert.equal(help('x "y" {\n  a = encoding.from_json(local.file.f.content, |\n}')?.label, 'encoding.from_json(json: string) → any');
  // A deprecated alias shows its own name.
  assert.equal(help('x "y" { a = env(|) }')?.label, 'env(name: string) → string');
});

test('signature help: nothing outside a call, after it, or for a function Alloy does not define', () => {
  assert.equal(help('x "y" { a = |sys.env("A") }'), null);
  assert.equal(help('x "y" { a = sys.env("A")| }'), null);
  assert.equal(help('x "y" { a = foo.bar(|) }'), null);
  assert.equal(help('x "y" { a = [1, |] }'), null);
  assert.equal(help('// sys.env(|\nx "y" { }'), null);
});

test('hover on standard-library functions and constants', () => {
  const hover = (textWithCursor: string) => {
    const { text, position } = at(textWithCursor);
    engine.open({ uri: 'file:///hover.alloy', text });
    return engine.hover('file:///hover.alloy', position);
  };
  const format = hover('x "y" { a = string.for|mat("%d", 1) }');
  assert.ok(format);
  assert.match(format.markdown, /^```\nstring\.format\(spec: string, \.\.\.values: any\) → string\n```\n\nFormats values printf-style/);
  assert.match(format.markdown, /\[string\.format reference\]\(https:\/\/grafana\.com\/docs\/alloy\/latest\/reference\/stdlib\/string\/#stringformat\)/);
  assert.deepEqual(format.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 25 } });
  assert.match(hover('x "y" { a = js|on_decode(v) }')!.markdown, /`json_decode` is a deprecated alias: write `encoding\.from_json`/);
  assert.match(hover('x "y" { a = array.group_b|y(l, "k", true) }')!.markdown, /Experimental: Alloy accepts it only with `--stability\.level=experimental`/);
  assert.match(hover('x "y" { a = constants.o|s }')!.markdown, /constants\.os: string/);
  // A component reference that happens to start like the library is the component.
  assert.doesNotMatch(hover('string.format "f" { }\nx "y" { a = string.format.f.out|put }')?.markdown ?? '', /printf/);
});
