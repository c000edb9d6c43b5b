import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { corpusPath, needsShared } from '../../helpers/shared';
import { format, formatted, hasMultiLineEmptyBrackets, loadParser, meaning } from './format-helpers';

// Every Alloy file of the corpus formatted twice: the output parses, means what the input means (AST
// and comments), and formatting it again changes nothing, except in the one case where `alloy fmt`
// itself is not idempotent and parity with its first pass wins (format-helpers.ts).

before(loadParser);

test('every corpus Alloy file: meaning kept, idempotent (or Alloy\'s known exception), syntax errors refused', needsShared('corpus'), () => {
  const names = fs.readdirSync(corpusPath('alloy')).filter((name) => /\.(alloy|river)$/.test(name)).sort();
  assert.ok(names.length >= 57, `${names.length} files`);
  let checked = 0;
  for (const name of names) {
    const input = fs.readFileSync(corpusPath('alloy', name), 'utf8');
    const original = meaning(input);
    const first = format(input);
    if (original.syntaxErrors > 0) {
      assert.equal(first.ok, false, `${name} has a syntax error and must be refused`);
      continue;
    }
    assert.ok(first.ok, name);
    if (!first.ok) continue;
    const reparsed = meaning(first.text);
    assert.equal(reparsed.syntaxErrors, 0, `${name}: output does not parse`);
    assert.equal(reparsed.meaning, original.meaning, `${name}: output means something else`);
    const second = formatted(first.text);
    if (second !== first.text) {
      assert.ok(hasMultiLineEmptyBrackets(input), `${name} is not idempotent`);
      assert.equal(formatted(second), second, `${name} does not settle on the second pass`);
    }
    checked++;
  }
  assert.ok(checked >= 57, `${checked} files formatted`);
});
