import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newEngine } from '../../helpers/alloy';
import { corpusPath, needsShared } from '../../helpers/shared';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// Semantic tokens of Alloy: each case lists every token as `text:type[+modifier…]`, in document order.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

function tokens(text: string): string[] {
  const uri = 'file:///tokens.alloy';
  engine.open({ uri, text });
  const lines = text.split('\n');
  return engine.semanticTokens(uri).map((t) =>
    `${lines[t.line].slice(t.character, t.character + t.length)}:${[t.type, ...t.modifiers].join('+')}`);
}

test('built-in components, labels, attributes, nested blocks and a reference chain', () => {
  assert.deepEqual(tokens([
    'otelcol.processor.batch "default" {',
    '  timeout = "1s"',
    '  output {',
    '    traces = [otelcol.exporter.otlp.tempo.input]',
    '  }',
    '}',
  ].join('\n')), [
    'otelcol:namespace+defaultLibrary', 'processor:namespace+defaultLibrary', 'batch:class+defaultLibrary', 'default:variable+declaration',
    'timeout:property',
    'output:property',
    'traces:property',
    // The chain is a reference although no `otelcol.exporter.otlp "tempo"` is declared in this file.
    // Unresolved, it is left to the TextMate grammar.
  ]);
});

test('a reference to a declared component: name parts, label, export and the fields after it', () => {
  assert.deepEqual(tokens([
    'loki.write "default" { }',
    'loki.process "p" { forward_to = [loki.write.default.receiver] }',
    'x "y" { v = loki.process.p.receiver.field }',
  ].join('\n')), [
    'loki:namespace+defaultLibrary', 'write:class+defaultLibrary', 'default:variable+declaration',
    'loki:namespace+defaultLibrary', 'process:class+defaultLibrary', 'p:variable+declaration', 'forward_to:property',
    'loki:namespace+defaultLibrary', 'write:class+defaultLibrary', 'default:variable', 'receiver:property+readonly',
    // An unknown component name is a class, not library.
    'x:class', 'y:variable+declaration', 'v:property',
    'loki:namespace+defaultLibrary', 'process:class+defaultLibrary', 'p:variable', 'receiver:property+readonly', 'field:property+readonly',
  ]);
});

test('declare, argument, export, custom instances, imports and config blocks', () => {
  assert.deepEqual(tokens([
    'import.file "lib" { filename = "lib.alloy" }',
    'declare "add" {',
    '  argument "a" { optional = false }',
    '  export "sum" { value = argument.a.value + 1 }',
    '}',
    'add "one" { a = 1 }',
    'lib.plus "two" { a = add.one.sum }',
    'logging { level = "info" }',
  ].join('\n')), [
    'import:keyword', 'file:keyword', 'lib:namespace+declaration', 'filename:property',
    'declare:keyword', 'add:class+declaration',
    'argument:keyword', 'a:parameter+declaration', 'optional:property',
    'export:keyword', 'sum:property+declaration', 'value:property', 'argument:keyword', 'a:parameter', 'value:property+readonly',
    // The attributes of a custom component's instance are its arguments.
    'add:class', 'one:variable+declaration', 'a:parameter',
    'lib:namespace', 'plus:class', 'two:variable+declaration', 'a:parameter', 'add:class', 'one:variable', 'sum:property+readonly',
    'logging:keyword', 'level:property',
  ]);
});

test('standard-library functions and constants, a deprecated alias, and a foreach variable', () => {
  assert.deepEqual(tokens([
    'foreach "f" {',
    '  collection = [1]',
    '  var = "each"',
    '  template {',
    '    x "y" {',
    '      a = string.format("%s-%s", sys.env("HOST"), constants.hostname)',
    '      b = coalesce(env("X"), each)',
    '    }',
    '  }',
    '}',
  ].join('\n')), [
    'foreach:keyword', 'f:variable+declaration', 'collection:property', 'var:property',
    'template:keyword',
    'x:class', 'y:variable+declaration',
    'a:property', 'string:namespace+defaultLibrary', 'format:function+defaultLibrary', 'sys:namespace+defaultLibrary', 'env:function+defaultLibrary',
    'constants:namespace+defaultLibrary', 'hostname:variable+readonly+defaultLibrary',
    'b:property', 'coalesce:function+defaultLibrary', 'env:function+defaultLibrary+deprecated', 'each:variable',
  ]);
});

test('a component inside a declare body is not visible outside it, nor an outer one inside', () => {
  const text = [
    'declare "m" {',
    '  loki.write "inner" { }',
    '  v "w" { r = loki.write.outer.receiver }',
    '}',
    'loki.write "outer" { }',
    'v "z" { r = loki.write.inner.receiver }',
  ].join('\n');
  const list = tokens(text);
  // Neither chain resolves in its module: only the headers and attribute names are tokens.
  assert.equal(list.filter((t) => t.startsWith('receiver')).length, 0, list.join(' '));
});

test('block names split by a comment, and a label outside the BMP, keep exact UTF-16 positions', () => {
  assert.deepEqual(tokens('prometheus /* c */ .scrape "𝒳_déf" { job_name = "x" }'), [
    'prometheus:namespace+defaultLibrary', 'scrape:class+defaultLibrary', '𝒳_déf:variable+declaration', 'job_name:property',
  ]);
});

test('corpus: tokens are in order, do not overlap, stay on one line, and each covers a whole identifier', needsShared('corpus'), () => {
  const dir = corpusPath('alloy');
  let count = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.alloy'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const uri = `file:///corpus/${file}`;
    engine.open({ uri, text });
    const lines = text.split(/\r\n|\r|\n/);
    let previous = { line: -1, end: 0 };
    for (const token of engine.semanticTokens(uri)) {
      const line = lines[token.line];
      const word = line.slice(token.character, token.character + token.length);
      assert.ok(token.line > previous.line || token.character >= previous.end, `${file}:${token.line + 1} overlaps or out of order`);
      assert.match(word, /^[\p{L}_][\p{L}\p{Nd}_]*$/u, `${file}:${token.line + 1}:${token.character + 1} "${word}"`);
      assert.doesNotMatch(line.slice(token.character + token.length, token.character + token.length + 1), /[\p{L}\p{Nd}_]/u, `${file}:${token.line + 1} cuts a word`);
      previous = { line: token.line, end: token.character + token.length };
      count++;
    }
    engine.close(uri);
  }
  assert.ok(count > 1000, `only ${count} tokens over the corpus`);
});
