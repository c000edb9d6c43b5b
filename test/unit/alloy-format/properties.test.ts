import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { alloyFile } from '../../helpers/alloy-arbitrary';
import { corpusPath, needsShared } from '../../helpers/shared';
import { mutate, mutationArb } from '../../helpers/fuzz';
import { format, loadParser, meaning } from './format-helpers';

// Properties of the formatter on generated and mutated files (fixed seeds): it never throws; what it
// accepts it formats to text that parses and means the same, comments included; what has a syntax
// error it refuses with a position inside the file; hostile sizes and depths are formatted or refused.

before(loadParser);

function checkFormat(text: string): void {
  const original = meaning(text);
  const outcome = format(text);
  if (original.syntaxErrors > 0) {
    assert.equal(outcome.ok, false, `formatted a file with a syntax error: ${JSON.stringify(text)}`);
    return;
  }
  if (!outcome.ok) {
    // Only nesting beyond the formatter's bound may be refused in a file without syntax error.
    assert.match(outcome.refusal.message, /nesting deeper than/, JSON.stringify(text));
    return;
  }
  const formatted = meaning(outcome.text);
  assert.equal(formatted.syntaxErrors, 0, `output does not parse: ${JSON.stringify(outcome.text)}`);
  assert.equal(formatted.meaning, original.meaning, `meaning changed: ${JSON.stringify(text)}`);
  assert.ok(outcome.text.endsWith('\n') && !outcome.text.endsWith('\n\n') || outcome.text === '\n', JSON.stringify(outcome.text));
}

test('generated valid Alloy: formatted, parses, means the same', () => {
  fc.assert(fc.property(alloyFile, checkFormat), { seed: 12, numRuns: 150 });
});

test('mutated corpus files: formatted with the same meaning, or refused when they have a syntax error', needsShared('corpus'), () => {
  const names = fs.readdirSync(corpusPath('alloy')).filter((name) => name.endsWith('.alloy')).sort();
  const texts = names.map((name) => fs.readFileSync(corpusPath('alloy', name), 'utf8'));
  fc.assert(fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (index, mutations) => {
    checkFormat(mutations.reduce(mutate, texts[index]));
  }), { seed: 1212, numRuns: 60 });
});

test('hostile inputs: 50,000 attributes, a 2,000-term chain, deep nesting and binary are formatted or refused, never thrown on', () => {
  const many = Array.from({ length: 50_000 }, (_, i) => `attr_${i} = ${i}`).join('\n');
  const outcome = format(many);
  assert.ok(outcome.ok);
  if (outcome.ok) assert.equal(outcome.text.split('\n').length, 50_001);
  checkFormat(`x = ${Array.from({ length: 2000 }, (_, i) => `a${i}`).join(' + ')}\n`);
  checkFormat(`x = ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
  checkFormat(`x = ${'{a = '.repeat(500)}1${'}'.repeat(500)}\n`);
  checkFormat(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
});
