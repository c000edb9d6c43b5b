import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance } from '../../../server/src/core/directives';

// `closest` and `editDistance` skip work that cannot change their answer (candidates whose length
// alone rules them out, rows past a known bound). These compare them with the plain definitions.

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** The first candidate at the smallest distance within `maxDistance`, compared in lower case. */
function plainClosest(word: string, candidates: readonly string[], maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = levenshtein(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// Few letters, so that near misses are common; `İ` lower-cases to two characters.
const ALPHABET = ['a', 'b', 'c', '.', '_', 'A', 'İ'];
const word = (next: () => number, maxLength: number) =>
  Array.from({ length: Math.floor(next() * (maxLength + 1)) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');

test('editDistance equals the Levenshtein distance, and with a bound answers min(distance, bound)', () => {
  const next = random(13);
  for (let run = 0; run < 3000; run++) {
    const a = word(next, 9);
    const b = word(next, 9);
    const exact = levenshtein(a, b);
    assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
    const bound = Math.floor(next() * 6);
    assert.equal(editDistance(a, b, bound), Math.min(exact, bound), `${a} / ${b} bound ${bound}`);
  }
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('closest picks what comparing every candidate in full picks', () => {
  const next = random(29);
  for (let run = 0; run < 2000; run++) {
    const target = word(next, 10);
    const candidates = Array.from({ length: Math.floor(next() * 12) }, () => word(next, 10));
    const maxDistance = next() < 0.5 ? undefined : Math.floor(next() * 5);
    assert.equal(closest(target, candidates, maxDistance), plainClosest(target, candidates, maxDistance), `${target} in ${candidates.join(',')} (max ${maxDistance})`);
  }
  assert.equal(closest('otelcl.receiver.otlp', ['otelcol.receiver.otlp', 'otelcol.receiver.kafka']), 'otelcol.receiver.otlp');
});
