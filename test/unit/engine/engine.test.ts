import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeadroomEngine } from '../../../server/src/core/engine';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { defaultConfig } from '../../../server/src/core/config';
import type { FormatService, ParsedDocument } from '../../../server/src/core/service';
import { LineIndex } from '../../../server/src/core/text';
import { emptyFacts } from '../../../server/src/core/workspace';

// A small format for the engine's own behaviour: every line "bad" is an error with a fix to "good";
// the word "boom" makes lint throw; "huge" facts publish a workload.
const testFormat: FormatService = {
  format: 'k8s',
  claims: (doc) => doc.uri.endsWith('.test'),
  parse: (doc) => ({ format: 'k8s', doc, lines: new LineIndex(doc.text) }),
  facts: (parsed) => {
    const facts = emptyFacts(parsed.doc.uri, 'k8s');
    if (parsed.doc.text.includes('huge')) facts.workloads.push({ kind: 'Deployment', name: 'huge', containers: [], range: parsed.lines.range(0, 0) });
    return facts;
  },
  lint: (parsed: ParsedDocument) => {
    if (parsed.doc.text.includes('boom')) throw new Error('boom');
    const findings = [];
    for (const match of parsed.doc.text.matchAll(/bad/g)) {
      const range = parsed.lines.range(match.index!, match.index! + 3);
      findings.push({ code: 'k8s/bad', severity: 'error' as const, message: 'bad', range, fixes: [{ title: 'good', isPreferred: true, edits: [{ range, newText: 'good' }] }] });
    }
    findings.push({ code: 'k8s/far', severity: 'hint' as const, message: 'out of range', range: { start: { line: 99, character: 0 }, end: { line: 120, character: 5 } } });
    return findings;
  },
  hover: () => { throw new Error('hover broke'); },
  inlayHints: () => [], codeLenses: () => [], symbols: () => [], foldingRanges: () => [], completion: () => [], definition: () => [], references: () => [],
};

function engine(config = defaultConfig()) {
  const logs: string[] = [];
  return { engine: new HeadroomEngine({ services: [testFormat], catalog: defaultCatalog, config, log: (m) => logs.push(m) }), logs };
}

test('unclaimed documents get nothing; claimed ones are linted with ranges clamped into the document', () => {
  const { engine: e } = engine();
  e.open({ uri: 'file:///x.yaml', text: 'bad' });
  assert.deepEqual(e.lint('file:///x.yaml'), []);
  e.open({ uri: 'file:///x.test', text: 'ok\nbad\n' });
  const findings = e.lint('file:///x.test');
  assert.deepEqual(findings.map((f) => f.code), ['k8s/bad', 'k8s/far']);
  assert.deepEqual(findings[1].range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
});

test('a failing service becomes one internal-error finding and a log line, never an exception', () => {
  const { engine: e, logs } = engine();
  e.open({ uri: 'file:///x.test', text: 'boom' });
  const findings = e.lint('file:///x.test');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].code, 'headroom/internal-error');
  assert.equal(e.hover('file:///x.test', { line: 0, character: 0 }), null);
  assert.ok(logs.some((l) => l.includes('lint failed')) && logs.some((l) => l.includes('hover failed')));
});

test('severity settings: per code, per prefix, and off', () => {
  const config = defaultConfig();
  config.severity = { 'k8s/*': 'warning', 'k8s/far': 'off' };
  const { engine: e } = engine(config);
  e.open({ uri: 'file:///x.test', text: 'bad' });
  assert.deepEqual(e.lint('file:///x.test').map((f) => `${f.code}:${f.severity}`), ['k8s/bad:warning']);
});

test('files over maxFileBytes get one finding and are not parsed', () => {
  const config = defaultConfig();
  config.maxFileBytes = 10;
  const { engine: e } = engine(config);
  e.open({ uri: 'file:///x.test', text: 'bad bad bad bad' });
  const findings = e.lint('file:///x.test');
  assert.deepEqual(findings.map((f) => f.code), ['headroom/file-too-large']);
  assert.match(findings[0].message, /15 bytes, more than headroom\.maxFileBytes \(10\)/);
});

test('fix all takes every preferred fix once and reaches a fixed point', () => {
  const { engine: e } = engine();
  e.open({ uri: 'file:///x.test', text: 'bad bad\nbad' });
  const edits = e.fixAll('file:///x.test');
  assert.equal(edits.length, 3);
  e.open({ uri: 'file:///x.test', text: 'good good\ngood' });
  assert.deepEqual(e.fixAll('file:///x.test'), []);
});

test('facts feed the workspace index; open/update/close report whether they changed', () => {
  const { engine: e } = engine();
  assert.equal(e.open({ uri: 'file:///a.test', text: 'small' }), false);
  assert.equal(e.update({ uri: 'file:///a.test', text: 'huge' }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, text: 'huge' }]), true);
  assert.deepEqual(e.all().flatMap((f) => f.workloads.map((w) => w.name)), ['huge']);
  assert.equal(e.close('file:///a.test'), true);
  assert.deepEqual(e.all(), []);
});

test('scanned files join the index without being open; an open document overrides its scanned facts', () => {
  const { engine: e } = engine();
  const names = () => e.all().filter((f) => f.workloads.length > 0).map((f) => `${f.uri}:${f.workloads.map((w) => w.name).join(',')}`);
  assert.equal(e.index({ uri: 'file:///disk.test', text: 'huge' }), true);
  assert.equal(e.index({ uri: 'file:///disk.test', text: 'huge' }), false, 'same facts: nothing to re-lint');
  assert.equal(e.index({ uri: 'file:///notes.txt', text: 'huge' }), false, 'unclaimed files are not indexed');
  assert.deepEqual(names(), ['file:///disk.test:huge']);
  assert.deepEqual(e.uris(), [], 'indexing keeps no document');

  // Opened with unsaved edits: the editor's text wins, once; closed, the disk's facts are back.
  assert.equal(e.open({ uri: 'file:///disk.test', text: 'small' }), true, 'the scanned workload is hidden: dependants re-lint');
  assert.deepEqual(names(), []);
  assert.equal(e.close('file:///disk.test'), true);
  assert.deepEqual(names(), ['file:///disk.test:huge']);

  assert.equal(e.index({ uri: 'file:///big.test', text: `huge ${'x'.repeat(64)}` }), true);
  assert.equal(e.forget('file:///big.test'), true);
  assert.equal(e.forget('file:///big.test'), false);
  const small = engine({ ...defaultConfig(), maxFileBytes: 10 }).engine;
  assert.equal(small.index({ uri: 'file:///big.test', text: `huge ${'x'.repeat(64)}` }), false, 'over maxFileBytes: not indexed');
  assert.deepEqual(small.all(), []);
});

test('fix all: while its scratch copy is linted, the original document is not counted twice in the index', () => {
  const seen: number[] = [];
  const counting: FormatService = {
    ...testFormat,
    lint: (parsed, ctx) => {
      seen.push(ctx.workspace.all().filter((f) => f.workloads.some((w) => w.name === 'huge')).length);
      return testFormat.lint(parsed, ctx);
    },
  };
  const e = new HeadroomEngine({ services: [counting], catalog: defaultCatalog, config: defaultConfig() });
  e.open({ uri: 'file:///x.test', text: 'huge bad\nbad' });
  // Overlapping fixes force a second round on the scratch copy.
  assert.ok(e.fixAll('file:///x.test').length > 0);
  assert.ok(seen.length >= 2, `lint ran ${seen.length} times`);
  assert.deepEqual(seen, seen.map(() => 1));
  assert.equal(e.all().filter((f) => f.workloads.length > 0).length, 1);
});
