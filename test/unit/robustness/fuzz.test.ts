import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { fixturePath } from '../../helpers/paths';
import { needsShared } from '../../helpers/shared';
import { checkProperties, corpusSubjects, fuzzEngine, mutate, mutationArb, type Subject } from '../../helpers/fuzz';
import { alloyFile } from '../../helpers/alloy-arbitrary';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// A fixed-seed sample of the long fuzz run (`npm run fuzz -- --runs N`): the same properties, few runs.

let engine: HeadroomEngine;
let errors: string[];
before(async () => ({ engine, errors } = await fuzzEngine()));

const corpus = corpusSubjects();

test('every corpus file, as it is, keeps every property', needsShared('corpus'), () => {
  for (const subject of corpus) checkProperties(engine, errors, subject);
});

test('mutated corpus files (byte flips, truncation, lines deleted or duplicated, hostile insertions) keep every property', needsShared('corpus'), () => {
  fc.assert(fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (index, mutations) => {
    const base = corpus[index];
    const subject: Subject = { ...base, text: mutations.reduce(mutate, base.text) };
    checkProperties(engine, errors, subject);
  }), { seed: 20261122, numRuns: 150 });
});

test('generated valid Alloy parses with no syntax finding and keeps every property', () => {
  fc.assert(fc.property(alloyFile, (text) => {
    const uri = 'file:///fuzz/generated.alloy';
    engine.open({ uri, text });
    const syntax = engine.lint(uri).filter((f) => f.code === 'alloy/syntax');
    assert.deepEqual(syntax, [], text);
    checkProperties(engine, errors, { name: 'generated.alloy', text });
  }), { seed: 42, numRuns: 300 });
});

test('regression fixtures found by the long fuzz run keep every property', () => {
  // fix-all-overlapping-fixes.alloy: dangling-reference fixes and the memory-limiter insertion edit the
  // same output lists; fix all used to need a second round (seed 20261122).
  const folder = fixturePath('regressions');
  for (const name of fs.readdirSync(folder)) {
    const languageId = name.endsWith('.alloy') ? 'grafana-alloy' : name.endsWith('.xml') ? 'xml' : 'yaml';
    checkProperties(engine, errors, { name: `regressions/${name}`, text: fs.readFileSync(path.join(folder, name), 'utf8'), languageId });
  }
});

test('the long run reads its command line strictly: --help prints the usage, a bad option stops it before any run', () => {
  // The compiled script sits beside the compiled tests (out/scripts/, out/test/unit/robustness/). A
  // run that ignored its arguments would start a 1,000-run campaign: the timeout fails it instead.
  const script = path.join(__dirname, '..', '..', '..', 'scripts', 'fuzz.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 30_000 });
  const help = run('--help');
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^usage: npm run fuzz -- \[--runs N\] \[--format alloy\|k8s\|helm\|clickhouse\]/);
  for (const [args, problem] of [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--format', 'yml'], /--format is one of alloy, k8s, helm, clickhouse, not yml/],
    [['--mode', 'some'], /--mode is one of mutations, incremental, all, not some/],
    [['--runs', '0'], /--runs is a whole number of at least 1, not 0/],
    [['--seed', 'x'], /--seed is a whole number of at least 0, not x/],
    [['--minutes', '1.5'], /--minutes is a whole number of at least 0, not 1.5/],
  ] as const) {
    const bad = run(...args);
    assert.equal(bad.status, 2, `${args.join(' ')}: ${bad.stderr}`);
    assert.match(bad.stderr, problem);
    assert.match(bad.stderr, /usage: npm run fuzz/);
    assert.equal(bad.stdout, '', 'nothing ran');
  }
});
