import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzEngine } from '../../helpers/fuzz';
import { parseHeadroomYaml } from '../../../server/src/core/config';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// Hostile inputs: each gets a clear finding or the documented size cut-off, within a time bound,
// without an internal error and with memory bounded.

let engine: HeadroomEngine;
let errors: string[];
before(async () => ({ engine, errors } = await fuzzEngine()));

function run(name: string, text: string, languageId?: string, boundMs = 5000) {
  errors.length = 0;
  const uri = `file:///hostile/${name}`;
  const started = Date.now();
  engine.open({ uri, text, languageId });
  const findings = engine.lint(uri);
  engine.symbols(uri);
  engine.foldingRanges(uri);
  engine.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } });
  engine.hover(uri, { line: 0, character: 3 });
  const elapsed = Date.now() - started;
  engine.close(uri);
  assert.ok(elapsed < boundMs, `${name} took ${elapsed} ms`);
  assert.deepEqual(errors, [], `${name}: ${errors.join('\n')}`);
  assert.ok(!findings.some((f) => f.code === 'headroom/internal-error'), name);
  return findings;
}

const deep = 10_000;

test('10k-deep nesting in every format', () => {
  // Alloy sets no depth limit, so these are valid: no syntax finding, and no stack overflow.
  const alloy = run('deep.alloy', `a = ${'['.repeat(deep)}${']'.repeat(deep)}\n`);
  assert.deepEqual(alloy.filter((f) => f.code === 'alloy/syntax'), []);
  assert.deepEqual(run('chain.alloy', `a = ${Array(deep).fill('x.y').join(' + ')}\n`).filter((f) => f.code === 'alloy/syntax'), []);
  run('blocks.alloy', `${'b {\n'.repeat(deep)}${'}\n'.repeat(deep)}`);
  run('unary.alloy', `a = ${'-'.repeat(deep)}1\n`);
  run('deep.yaml', `apiVersion: apps/v1\nkind: Deployment\nx: ${'['.repeat(deep)}${']'.repeat(deep)}\n`, 'yaml');
  run('deep.xml', `<clickhouse>${'<a>'.repeat(deep)}${'</a>'.repeat(deep)}</clickhouse>`, 'xml');
});

test('a YAML alias bomb (billion laughs) is never expanded', () => {
  const levels = 'abcdefghij'.split('');
  const bomb = ['apiVersion: apps/v1', 'kind: Deployment', `a: &a ["${'x'.repeat(10)}"]`,
    ...levels.slice(1).map((c, i) => `${c}: &${c} [${Array(10).fill(`*${levels[i]}`).join(', ')}]`)].join('\n');
  const heapBefore = process.memoryUsage().heapUsed;
  run('bomb.yaml', bomb, 'yaml', 2000);
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 200e6, 'memory stays bounded');
  assert.equal(parseHeadroomYaml(bomb).file, undefined);
});

test('XML internal and external entities are not expanded and nothing is read', () => {
  const marker = path.join(os.tmpdir(), `headroom-xxe-${process.pid}`);
  fs.writeFileSync(marker, 'SECRET-MARKER');
  const text = `<!DOCTYPE clickhouse [<!ENTITY a "xxxxxxxxxx"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c SYSTEM "file://${marker}">]>\n<clickhouse><max_memory_usage>&b;&c;</max_memory_usage></clickhouse>\n`;
  const findings = run('xxe.xml', text, 'xml');
  assert.ok(findings.some((f) => /DOCTYPE and ENTITY declarations are ignored/.test(f.message)));
  assert.ok(!findings.some((f) => f.message.includes('SECRET-MARKER')));
  fs.unlinkSync(marker);
});

test('files over maxFileBytes (10 MB) get the documented cut-off', () => {
  const findings = run('big.alloy', `a = "${'x'.repeat(10 * 1024 * 1024)}"\n`);
  assert.deepEqual(findings.map((f) => f.code), ['headroom/file-too-large']);
});

test('100k-line files are analysed within the bound', () => {
  run('lines.alloy', `a {\n${'  x = 1\n'.repeat(100_000)}}\n`, undefined, 15_000);
  run('lines.yaml', `apiVersion: v1\nkind: ConfigMap\ndata:\n${Array.from({ length: 100_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`, 'yaml', 15_000);
  run('lines.xml', `<clickhouse>\n${'  <x>1</x>\n'.repeat(100_000)}</clickhouse>\n`, 'xml', 15_000);
});

test('binary content with a config extension', () => {
  const binary = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  const findings = run('binary.alloy', binary);
  assert.ok(findings.some((f) => f.code === 'alloy/syntax'));
  run('binary.yaml', `apiVersion: v1\nkind: Pod\n${binary}`, 'yaml');
  run('binary.xml', `<clickhouse>${binary}</clickhouse>`, 'xml');
});

test('.headroom.yaml is data only: tags, anchors and includes do nothing', () => {
  for (const text of ['!!js/function "function(){}"', 'defaultTier: !include /etc/passwd', 'catalog: *nowhere', '__proto__: {polluted: true}']) {
    const { findings } = parseHeadroomYaml(text);
    assert.ok(findings.length > 0, text);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
