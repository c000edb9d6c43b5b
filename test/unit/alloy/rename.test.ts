import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, newEngine } from '../../helpers/alloy';
import { corpusPath, needsShared } from '../../helpers/shared';
import type { HeadroomEngine } from '../../../server/src/core/engine';
import type { RenameResult } from '../../../server/src/core/editor-types';
import type { Position } from '../../../server/src/core/types';

// Rename, prepareRename and document highlights of Alloy names. `|` marks the cursor; the expected
// text after a rename is written out in full, so every byte outside the names is checked too.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const noDisk = () => undefined;

function cursor(textWithCursor: string): { text: string; position: Position } {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const lines = text.slice(0, offset).split('\n');
  return { text, position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

/** Renames in one open document and returns its new text, or the refusal. */
function renameIn(textWithCursor: string, newName: string): string | { error: string } {
  const { text, position } = cursor(textWithCursor);
  const uri = 'file:///single/config.alloy';
  engine.open({ uri, text });
  const result = engine.rename(uri, position, newName, noDisk);
  if ('error' in result) return result;
  assert.deepEqual(Object.keys(result.changes).filter((u) => u !== uri), [], 'no other file touched');
  return applyEdits(text, result.changes[uri] ?? []);
}

function prepare(textWithCursor: string) {
  const { text, position } = cursor(textWithCursor);
  engine.open({ uri: 'file:///single/config.alloy', text });
  return engine.prepareRename('file:///single/config.alloy', position, noDisk);
}

const pipeline = [
  'loki.source.file "default" {',
  '  targets    = []',
  '  forward_to = [loki.process.default.receiver, loki.write.default.receiver]',
  '}',
  'loki.process "default" {',
  '  forward_to = [loki.write.default.receiver]',
  '}',
  'loki.write "default" {',
  '  endpoint { url = "http://loki" }',
  '}',
  'declare "inner" {',
  '  loki.write "default" { }',
  '  loki.echo "e" { }',
  '  x "y" { v = loki.write.default.receiver }',
  '}',
].join('\n');

test('a component label: its header and every reference in its module, nothing else', () => {
  const lines = pipeline.split('\n');
  lines[2] = '  forward_to = [loki.process.default.receiver, loki.write.main.receiver]';
  lines[5] = '  forward_to = [loki.write.main.receiver]';
  lines[7] = 'loki.write "main" {';
  const expected = lines.join('\n');
  const fromHeader = renameIn(pipeline.replace('loki.write "default" {\n  endpoint', 'loki.write "def|ault" {\n  endpoint'), 'main');
  assert.equal(fromHeader, expected);
  // From a use, the same edits; the other loki.write "default" (inside the declare) keeps its name.
  const fromUse = renameIn(pipeline.replace('[loki.write.default.receiver]\n}', '[loki.write.|default.receiver]\n}'), 'main');
  assert.equal(fromUse, expected);
});

test('prepareRename: the range and text of the part under the cursor', () => {
  const label = prepare(pipeline.replace('loki.process.default.receiver,', 'loki.process.defa|ult.receiver,'));
  assert.deepEqual(label, { range: { start: { line: 2, character: 29 }, end: { line: 2, character: 36 } }, placeholder: 'default' });
  const header = prepare(pipeline.replace('loki.process "default"', 'loki.process "|default"'));
  assert.deepEqual(header, { range: { start: { line: 4, character: 14 }, end: { line: 4, character: 21 } }, placeholder: 'default' });
});

test('refusals say why: built-in names, schema names, library functions, keywords, invalid or clashing names', () => {
  const refusal = (textWithCursor: string, newName = 'renamed') => {
    const result = renameIn(textWithCursor, newName);
    assert.ok(typeof result !== 'string', `expected a refusal for ${textWithCursor}`);
    return result.error;
  };
  assert.match(refusal(pipeline.replace('loki.process "default"', 'loki.pro|cess "default"')), /`loki\.process` is a built-in component: Alloy fixes its name\. Rename its label instead\./);
  assert.match(refusal(pipeline.replace('[loki.write.default.receiver]\n}', '[lo|ki.write.default.receiver]\n}')), /`loki\.write` is a built-in component/);
  assert.match(refusal(pipeline.replace('[loki.write.default.receiver]\n}', '[loki.write.default.rec|eiver]\n}')), /`receiver` is an export of the built-in component `loki\.write`/);
  assert.match(refusal(pipeline.replace('endpoint {', 'endp|oint {')), /`endpoint` is a block of its component's schema/);
  assert.match(refusal(pipeline.replace('targets    =', 'tar|gets    =')), /`targets` is an argument of `loki\.source\.file`: Alloy fixes its name/);
  assert.match(refusal(pipeline.replace('declare "inner"', 'decl|are "inner"')), /`declare` is an Alloy configuration block/);
  assert.match(refusal('x "y" { v = sys.e|nv("A") }'), /`sys\.env` is an Alloy standard-library function/);
  assert.match(refusal('x "y" { v = "a|b" }'), /^Nothing to rename here/);
  assert.match(refusal('declare "d" {\n  argument "a" { }\n  x "y" { v = argu|ment.a.value }\n}'), /`argument` is an Alloy keyword/);
  assert.match(refusal('declare "d" {\n  argument "a" { }\n  x "y" { v = argument.a.val|ue }\n}'), /`value` is the field every argument exports/);
  assert.match(refusal('foreach "f" {\n  collection = [1]\n  var = "each"\n  template {\n    x "y" { v = ea|ch }\n  }\n}'), /the `var` of a foreach block/);
  // The new name must be one Alloy identifier, and free in its module.
  for (const bad of ['my-label', '1st', 'true', 'null', '', 'a b']) {
    assert.match(refusal(pipeline.replace('loki.process "default"', 'loki.process "|default"'), bad), /is not a valid Alloy identifier/, bad);
  }
  assert.equal(refusal('loki.echo "a" { }\nloki.echo "|b" { }', 'a'), '`loki.echo "a"` already exists on line 1.');
  // An empty label, or one written with an escape sequence, is no name to rename.
  assert.match(refusal('loki.echo "|" { }'), /^This label is empty, unterminated or written with escape sequences/);
  assert.match(refusal('loki.echo "\\x6|1" { }'), /^This label is empty, unterminated or written with escape sequences/);
});

test('renaming to the same name changes nothing; a non-ASCII identifier is valid', () => {
  assert.equal(renameIn('loki.echo "|a" { }', 'a'), 'loki.echo "a" { }');
  assert.equal(renameIn('loki.echo "|a" { }\nx "y" { v = loki.echo.a.receiver }', 'проверка'), 'loki.echo "проверка" { }\nx "y" { v = loki.echo.проверка.receiver }');
});

const customModule = [
  'declare "add" {',
  '  argument "a" { }',
  '  argument "b" { optional = true }',
  '  export "sum" {',
  '    value = argument.a.value + argument.b.value',
  '  }',
  '  declare "twice" {',
  '    add "inner" { a = 1 }',
  '  }',
  '  declare "shadow" {',
  '    declare "add" { }',
  '    add "other" { }',
  '  }',
  '}',
  'add "one" {',
  '  a = 1',
  '  b = 2',
  '}',
  'x "y" { v = add.one.sum }',
].join('\n');

test('a custom component: its declare label, its instances and references, in nested modules unless shadowed', () => {
  const expected = customModule
    .replace('declare "add" {\n  argument', 'declare "plus" {\n  argument')
    .replace('add "inner"', 'plus "inner"')
    .replace('add "one"', 'plus "one"')
    .replace('add.one.sum', 'plus.one.sum');
  assert.equal(renameIn(customModule.replace('declare "add" {\n  argument', 'declare "a|dd" {\n  argument'), 'plus'), expected);
  assert.equal(renameIn(customModule.replace('add "one"', 'ad|d "one"'), 'plus'), expected);
  assert.equal(renameIn(customModule.replace('add.one.sum', '|add.one.sum'), 'plus'), expected);
});

test('an argument: its label, argument.NAME.value in the body, and the attribute in every instance', () => {
  const expected = customModule
    .replace('argument "a" { }', 'argument "left" { }')
    .replace('argument.a.value', 'argument.left.value')
    .replace('add "inner" { a = 1 }', 'add "inner" { left = 1 }')
    .replace('  a = 1\n  b = 2', '  left = 1\n  b = 2');
  assert.equal(renameIn(customModule.replace('argument "a" { }', 'argument "|a" { }'), 'left'), expected);
  assert.equal(renameIn(customModule.replace('argument.a.value', 'argument.|a.value'), 'left'), expected);
  assert.equal(renameIn(customModule.replace('  a = 1\n  b = 2', '  |a = 1\n  b = 2'), 'left'), expected);
  assert.equal((renameIn(customModule.replace('argument "a" { }', 'argument "|a" { }'), 'b') as { error: string }).error, '`argument "b"` already exists on line 3.');
});

test('an export: its label and the references through every instance', () => {
  const expected = customModule.replace('export "sum"', 'export "total"').replace('add.one.sum', 'add.one.total');
  assert.equal(renameIn(customModule.replace('export "sum"', 'export "s|um"'), 'total'), expected);
  assert.equal(renameIn(customModule.replace('add.one.sum', 'add.one.s|um'), 'total'), expected);
});

test('an import namespace: its label, the instances and references through it', () => {
  const text = 'import.file "lib" { filename = "lib.alloy" }\nlib.f "a" { }\nx "y" { v = lib.f.a.out }\ndeclare "d" {\n  lib.f "b" { }\n}';
  assert.equal(renameIn(text.replace('"lib"', '"l|ib"'), 'helpers'),
    'import.file "helpers" { filename = "lib.alloy" }\nhelpers.f "a" { }\nx "y" { v = helpers.f.a.out }\ndeclare "d" {\n  helpers.f "b" { }\n}');
});

test('document highlights: the declaration is a write, the uses are reads', () => {
  const { text, position } = cursor(customModule.replace('add.one.sum', 'add.o|ne.sum'));
  engine.open({ uri: 'file:///single/config.alloy', text });
  const highlights = engine.documentHighlights('file:///single/config.alloy', position);
  assert.deepEqual(highlights.map((h) => `${h.kind} ${h.range.start.line}:${h.range.start.character}`), ['write 14:5', 'read 18:16']);
  const { text: libText, position: fnAt } = cursor('x "y" { a = sys.env("A") }\nz "w" { b = s|ys.env("B") }');
  engine.open({ uri: 'file:///single/config.alloy', text: libText });
  assert.deepEqual(engine.documentHighlights('file:///single/config.alloy', fnAt).map((h) => `${h.range.start.line}:${h.range.start.character}-${h.range.end.character}`), ['0:12-19', '1:12-19']);
  // An attribute name is no symbol: the same whole word is highlighted as text (not `timeout_ms`).
  const { text: words, position: wordAt } = cursor('a "b" {\n  time|out = "1s"\n}\nc "d" {\n  timeout = "2s"\n  timeout_ms = 1\n}');
  engine.open({ uri: 'file:///single/config.alloy', text: words });
  assert.deepEqual(engine.documentHighlights('file:///single/config.alloy', wordAt).map((h) => `${h.kind} ${h.range.start.line}`), ['text 1', 'text 4']);
  const { text: blank, position: blankAt } = cursor('a "b" {\n | \n}');
  engine.open({ uri: 'file:///single/config.alloy', text: blank });
  assert.deepEqual(engine.documentHighlights('file:///single/config.alloy', blankAt), []);
});

// Across files: the rename reads files that are not open through the callback, as the server reads disk.

const mainText = [
  'import.file "lib" {',
  '  filename = file.path_join(module_path, "modules/lib.alloy")',
  '}',
  'import.file "dir" {',
  '  filename = "modules"',
  '}',
  'lib.plus "two" { a = 1 }',
  'dir.plus "three" { a = 2 }',
  'x "y" { v = lib.plus.two.sum }',
].join('\n');
const libText = [
  'declare "plus" {',
  '  argument "a" { }',
  '  export "sum" { value = argument.a.value + 1 }',
  '}',
].join('\n');

function workspace(files: Record<string, string>, open: string[]): (uri: string) => string | undefined {
  const fresh = engine;
  for (const uri of fresh.uris()) fresh.close(uri);
  for (const [uri, text] of Object.entries(files)) {
    if (open.includes(uri)) fresh.open({ uri, text });
    else fresh.index({ uri, text });
  }
  return (uri) => (open.includes(uri) ? undefined : files[uri]);
}

function applyAll(files: Record<string, string>, result: RenameResult): Record<string, string> {
  assert.ok(!('error' in result), JSON.stringify(result));
  const out = { ...files };
  for (const [uri, edits] of Object.entries(result.changes)) out[uri] = applyEdits(files[uri], edits);
  return out;
}

test('across files: a declare renamed in its module updates the importers that are not open', () => {
  const files = { 'file:///ws/main.alloy': mainText, 'file:///ws/modules/lib.alloy': libText };
  const read = workspace(files, ['file:///ws/modules/lib.alloy']);
  const result = engine.rename('file:///ws/modules/lib.alloy', { line: 0, character: 10 }, 'add', read);
  const after = applyAll(files, result);
  assert.equal(after['file:///ws/modules/lib.alloy'], libText.replace('declare "plus"', 'declare "add"'));
  // Both imports load lib.alloy: through module_path, and as the directory it sits in.
  assert.equal(after['file:///ws/main.alloy'], mainText.replace('lib.plus "two"', 'lib.add "two"').replace('dir.plus "three"', 'dir.add "three"').replace('lib.plus.two.sum', 'lib.add.two.sum'));
});

test('across files: an argument and an export renamed from their use in the importer', () => {
  const files = { 'file:///ws/main.alloy': mainText, 'file:///ws/modules/lib.alloy': libText };
  const read = workspace(files, ['file:///ws/main.alloy']);
  const argument = applyAll(files, engine.rename('file:///ws/main.alloy', { line: 6, character: 17 }, 'base', read));
  assert.equal(argument['file:///ws/modules/lib.alloy'], libText.replace('argument "a"', 'argument "base"').replace('argument.a.value', 'argument.base.value'));
  assert.equal(argument['file:///ws/main.alloy'], mainText.replace('"two" { a = 1 }', '"two" { base = 1 }').replace('"three" { a = 2 }', '"three" { base = 2 }'));
  const exported = applyAll(files, engine.rename('file:///ws/main.alloy', { line: 8, character: 27 }, 'result', read));
  assert.equal(exported['file:///ws/modules/lib.alloy'], libText.replace('export "sum"', 'export "result"'));
  assert.equal(exported['file:///ws/main.alloy'], mainText.replace('lib.plus.two.sum', 'lib.plus.two.result'));
});

test('across files: a declare that is not in the workspace cannot be renamed from its uses', () => {
  const read = workspace({ 'file:///ws/main.alloy': mainText }, ['file:///ws/main.alloy']);
  const result = engine.rename('file:///ws/main.alloy', { line: 6, character: 5 }, 'add', read);
  assert.deepEqual(result, { error: 'The `declare "plus"` behind this name is not in the workspace, so its uses cannot all be found.' });
  // The import namespace itself is local, and can be.
  assert.ok(!('error' in engine.rename('file:///ws/main.alloy', { line: 6, character: 1 }, 'helpers', read)));
});

test('across files: a label used from another file of the same directory (one module for `alloy run DIR`)', () => {
  const files = {
    'file:///dir/a.alloy': 'loki.write "default" { }',
    'file:///dir/b.alloy': 'loki.process "p" { forward_to = [loki.write.default.receiver] }',
    // Declares its own loki.write "default": its references are its own.
    'file:///dir/c.alloy': 'loki.write "default" { }\nloki.process "q" { forward_to = [loki.write.default.receiver] }',
    'file:///other/d.alloy': 'loki.process "r" { forward_to = [loki.write.default.receiver] }',
  };
  const read = workspace(files, ['file:///dir/a.alloy']);
  const after = applyAll(files, engine.rename('file:///dir/a.alloy', { line: 0, character: 13 }, 'main', read));
  assert.equal(after['file:///dir/a.alloy'], 'loki.write "main" { }');
  assert.equal(after['file:///dir/b.alloy'], 'loki.process "p" { forward_to = [loki.write.main.receiver] }');
  assert.equal(after['file:///dir/c.alloy'], files['file:///dir/c.alloy']);
  assert.equal(after['file:///other/d.alloy'], files['file:///other/d.alloy']);
});

test('corpus: every declared name renamed and renamed back gives the file back byte for byte, with the same findings in between', needsShared('corpus'), () => {
  const dir = corpusPath('alloy');
  let renamed = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.alloy'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    // One folder per file: no directory peers between unrelated corpus files.
    const uri = `file:///corpus/${file}/config.alloy`;
    const read = workspace({ [uri]: text }, [uri]);
    const findings = (t: string) => {
      engine.open({ uri, text: t });
      return engine.lint(uri).map((f) => f.code).sort().join(',');
    };
    const before = findings(text);
    engine.open({ uri, text });
    const symbols = engine.workspaceSymbols('').filter((s) => s.uri === uri);
    for (const symbol of symbols.slice(0, 5)) {
      engine.open({ uri, text });
      // The cursor inside the label: the header's last character is its closing quote.
      const at = { line: symbol.range.end.line, character: symbol.range.end.character - 1 };
      const prepared = engine.prepareRename(uri, at, read);
      assert.ok(prepared && !('error' in prepared), `${file} ${symbol.name}: ${JSON.stringify(prepared)}`);
      const forward = engine.rename(uri, at, 'zz_renamed', read);
      assert.ok(!('error' in forward), `${file} ${symbol.name}: ${JSON.stringify(forward)}`);
      const changed = applyEdits(text, forward.changes[uri]);
      assert.equal(findings(changed), before, `${file}: renaming ${symbol.name} changed the findings`);
      const moved = { line: at.line, character: at.character + 'zz_renamed'.length - prepared.placeholder.length };
      const back = engine.rename(uri, moved, prepared.placeholder, read);
      // Parser test data may declare a name twice (Alloy's validator refuses that): renaming back clashes.
      const header = new RegExp(`^\\s*${symbol.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(' ', '\\s+')}`, 'gm');
      if ('error' in back && /already exists/.test(back.error) && (text.match(header) ?? []).length > 1) continue;
      assert.ok(!('error' in back), `${file} ${symbol.name} back: ${JSON.stringify(back)}`);
      assert.equal(applyEdits(changed, back.changes[uri]), text, `${file}: ${symbol.name} did not round-trip`);
      renamed++;
    }
  }
  assert.ok(renamed > 150, `only ${renamed} names renamed`);
});
