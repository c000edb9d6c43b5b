import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { needsShared } from '../../helpers/shared';
import { corpusSubjects, fuzzEngine, incrementalEditsArb, checkIncremental } from '../../helpers/fuzz';
import { parseYaml, manifestModel, valuesModel } from '../../../server/src/core/k8s/model';
import { parseYamlChunked } from '../../../server/src/core/k8s/incremental';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// The diagnostics after any sequence of incremental edits equal those of a fresh open of the final
// text, in every format (Alloy reuses its tree-sitter tree, YAML its unchanged chunks). A fixed-seed
// sample of `npm run fuzz -- --mode incremental`.

let engine: HeadroomEngine;
let errors: string[];
before(async () => ({ engine, errors } = await fuzzEngine()));

const corpus = corpusSubjects();

test('YAML parsed in chunks gives the documents of a whole-text parse on every corpus file', needsShared('corpus'), () => {
  for (const subject of corpus.filter((s) => s.languageId === 'yaml')) {
    const whole = parseYaml(subject.text);
    const chunked = parseYamlChunked(subject.text).documents;
    assert.deepEqual(JSON.stringify(manifestModel(chunked)), JSON.stringify(manifestModel(whole)), subject.name);
    assert.deepEqual(JSON.stringify(valuesModel(chunked)), JSON.stringify(valuesModel(whole)), subject.name);
  }
});

test('YAML chunking stays exact where chunks would cut a construct in two, and falls back where it cannot', () => {
  const cases = [
    'a: "one\nb: two"\nc: 1\n',              // a quoted scalar spanning what looks like a root key
    'a: [1,\nb: 2]\n',                       // a flow sequence across lines
    '--- |\nkey: not a key\n',               // a root block scalar whose content looks like a key
    '%YAML 1.2\n---\na: 1\n',                // a directive
    'a: &x 1\nb: *x\n',                      // an alias to an anchor in another chunk
    '---\n# only a comment\n---\nkind: Deployment\n...\n',
    '- a\nb: 1\n',                           // a root sequence followed by a key
    'a: 1\r\nb:\r\n  c: 2\r\n',              // CRLF
    '\uFEFFa: 1\nb: 2\n',                    // BOM
  ];
  for (const text of cases) {
    const whole = parseYaml(text);
    const chunked = parseYamlChunked(text).documents;
    assert.equal(JSON.stringify(valuesModel(chunked)), JSON.stringify(valuesModel(whole)), JSON.stringify(text));
    assert.equal(JSON.stringify(manifestModel(chunked)), JSON.stringify(manifestModel(whole)), JSON.stringify(text));
  }
});

for (const format of ['alloy', 'k8s', 'helm', 'clickhouse']) {
  test(`${format}: after random incremental edits the findings equal a fresh open of the final text`, needsShared('corpus'), () => {
    const subjects = corpus.filter((s) => FOLDER_FORMATS[format].some((folder) => s.name.startsWith(folder)));
    fc.assert(fc.property(fc.nat({ max: subjects.length - 1 }), incrementalEditsArb, (index, edits) => {
      checkIncremental(engine, errors, subjects[index], edits);
    }), { seed: 20261129, numRuns: format === 'alloy' ? 40 : 25 });
  });
}

const FOLDER_FORMATS: Record<string, string[]> = { alloy: ['alloy/'], k8s: ['hpa/', 'k8s-workloads/'], helm: ['helm-values/'], clickhouse: ['clickhouse/'] };
