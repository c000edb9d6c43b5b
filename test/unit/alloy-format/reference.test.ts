import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusPath, needsShared, sharedDir } from '../../helpers/shared';
import { format, formatted, loadParser } from './format-helpers';

// Byte-for-byte parity with `alloy fmt` on the reference outputs in ../shared/alloy-fmt (README.txt
// there says how they were made): Alloy's own printer test data, and the output for every parsing
// file of the Alloy corpus.

before(loadParser);

describe('alloy fmt printer test data', needsShared('alloy-fmt'), () => {
  const dir = () => path.join(sharedDir('alloy-fmt')!, 'printer-testdata');
  const inputs = () => fs.readdirSync(dir()).filter((name) => name.endsWith('.in')).sort();

  test('every X.in with an X.expect formats to it (Alloy compares with trailing white space removed, then one newline)', () => {
    let compared = 0;
    for (const input of inputs()) {
      const expectPath = path.join(dir(), input.replace(/\.in$/, '.expect'));
      if (!fs.existsSync(expectPath)) continue;
      const expected = `${fs.readFileSync(expectPath, 'utf8').replace(/\s+$/, '')}\n`;
      assert.equal(formatted(fs.readFileSync(path.join(dir(), input), 'utf8')), expected, input);
      compared++;
    }
    assert.equal(compared, 9);
  });

  test('every X.in with an X.error is refused, at the position of Alloy\'s first error', () => {
    let refused = 0;
    for (const input of inputs()) {
      const errorPath = path.join(dir(), input.replace(/\.in$/, '.error'));
      if (!fs.existsSync(errorPath)) continue;
      const outcome = format(fs.readFileSync(path.join(dir(), input), 'utf8'));
      assert.equal(outcome.ok, false, input);
      if (outcome.ok) continue;
      // raw_string_label_error.in:5:7: expected block label to be a double quoted string (README.txt).
      assert.deepEqual(outcome.refusal.range.start, { line: 4, character: 6 }, input);
      assert.match(outcome.refusal.message, /syntax error/);
      refused++;
    }
    assert.equal(refused, 1);
  });
});

describe('alloy fmt on the corpus', needsShared('alloy-fmt', 'corpus'), () => {
  const expectations = () => {
    const sums = new Map(fs.readFileSync(path.join(sharedDir('alloy-fmt')!, 'inputs.sha256'), 'utf8').trim().split('\n')
      .map((line) => /^([0-9a-f]{64}) [ *](.+)$/.exec(line)!).map(([, sum, name]) => [name, sum]));
    return fs.readdirSync(path.join(sharedDir('alloy-fmt')!, 'corpus')).filter((name) => name.endsWith('.expect')).sort()
      .map((name) => ({ name: name.replace(/\.expect$/, ''), sum: sums.get(name.replace(/\.expect$/, '')) }));
  };

  test('there is an expected output for all 57 parsing corpus files', () => {
    assert.equal(expectations().length, 57);
  });

  for (const { name, sum } of needsShared('alloy-fmt', 'corpus').skip ? [] : expectations()) {
    const input = corpusPath('alloy', name);
    const stale = !fs.existsSync(input) ? 'its input is not in the corpus' :
      createHash('sha256').update(fs.readFileSync(input)).digest('hex') !== sum ? 'its input changed since the expectation was made (inputs.sha256): stale' : undefined;
    test(name, stale ? { skip: stale } : {}, () => {
      const expected = fs.readFileSync(path.join(sharedDir('alloy-fmt')!, 'corpus', `${name}.expect`), 'utf8');
      assert.equal(formatted(fs.readFileSync(input, 'utf8')), expected);
    });
  }
});
