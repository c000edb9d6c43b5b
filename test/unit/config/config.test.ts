import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, mergeConfig, parseHeadroomYaml } from '../../../server/src/core/config';
import { parseDirectives } from '../../../server/src/core/directives';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { LineIndex } from '../../../server/src/core/text';
import { headroomJsonSchema } from '../../../scripts/gen-schema';
import { repoRoot } from '../../helpers/paths';

test('.headroom.yaml: a valid file merges under the editor settings', () => {
  const { file, findings } = parseHeadroomYaml('defaultTier: medium\ntiers:\n  gateway: enterprise\nseverity:\n  alloy/batch-tier: off\n  "k8s/*": warning\n');
  assert.deepEqual(findings, []);
  const config = mergeConfig(file, { severity: { 'alloy/batch-tier': 'hint', bogus: 'loud' }, maxFileBytes: 1000 });
  assert.deepEqual(config, {
    defaultTier: 'medium', tiers: { gateway: 'enterprise' }, severity: { 'alloy/batch-tier': 'hint', 'k8s/*': 'warning' }, maxFileBytes: 1000, load: {},
  });
  assert.equal(mergeConfig(undefined, undefined).maxFileBytes, DEFAULT_MAX_FILE_BYTES);
});

test('.headroom.yaml: invalid content gives findings with positions, and no config', () => {
  const text = 'defaultTier: medium\nseverity:\n  alloy/batch-tier: loud\nmaxFileBytes: -3\nunknown: 1\n';
  const { file, findings } = parseHeadroomYaml(text);
  assert.equal(file, undefined);
  const where = findings.map((f) => `${f.range.start.line + 1}: ${f.message}`);
  assert.ok(where.some((w) => w.startsWith('3: .headroom.yaml severity.alloy/batch-tier')), where.join('\n'));
  assert.ok(where.some((w) => w.startsWith('4: .headroom.yaml maxFileBytes')), where.join('\n'));
  assert.ok(where.some((w) => /unknown|Unrecognized/i.test(w)), where.join('\n'));
  assert.ok(findings.every((f) => f.code === 'headroom/config' && f.severity === 'error'));
  const syntax = parseHeadroomYaml('tiers: [unclosed\n');
  assert.equal(syntax.file, undefined);
  assert.equal(syntax.findings.length > 0, true);
});

test('.headroom.yaml: an alias bomb is refused, not expanded', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
  const started = Date.now();
  const { file, findings } = parseHeadroomYaml(bomb);
  assert.equal(file, undefined);
  assert.ok(findings.length > 0);
  assert.ok(Date.now() - started < 2000);
});

test('the committed JSON schema is what the zod schema generates', () => {
  const committed = fs.readFileSync(path.join(repoRoot(), 'schemas', 'headroom.schema.json'), 'utf8');
  assert.equal(committed, headroomJsonSchema(), 'run: npx tsc && node out/scripts/gen-schema.js');
});

test('directives: workload and tier, with did-you-mean for typos', () => {
  const text = '// headroom: workload=alloy tier=medum\n// headroom: workload=allloy\n// headroom: size=big\n// headroom: workload=gateway tier=enterprise\n';
  const { directives, findings } = parseDirectives(new LineIndex(text), 'slash', defaultCatalog);
  assert.deepEqual(directives.map((d) => [d.line, d.workload, d.tier]), [[0, 'alloy', 'medum'], [1, 'allloy', undefined], [2, undefined, undefined], [3, 'gateway', 'enterprise']]);
  assert.deepEqual(findings.map((f) => `${f.range.start.line}: ${f.message.split(';')[0]}`), [
    '0: workload alloy has no tier "medum" (did you mean "medium"?)',
    '1: unknown workload "allloy" (did you mean "alloy"?)',
    '2: unknown headroom directive "size=big": write headroom: workload=<id> tier=<name>, or headroom: load <metric>=<value>',
  ]);
  const yaml = parseDirectives(new LineIndex('# headroom: workload=clickhouse tier=enterprise\n'), 'hash', defaultCatalog);
  assert.deepEqual(yaml.directives.map((d) => d.tier), ['enterprise']);
  const xml = parseDirectives(new LineIndex('<!-- headroom: workload=clickhouse tier=large -->\n'), 'xml', defaultCatalog);
  assert.deepEqual(xml.directives.map((d) => d.tier), ['large']);
});

test('load directives: metrics by short or full name, rates converted, typos and bad values reported', () => {
  const text = [
    '// headroom: load otlp=40000/min',
    '// headroom: load otlp=667/s users=20',
    '// headroom: workload=gateway load agents=80 rps=1.5k',
    '// headroom: load otpl=4',
    '// headroom: load agents=80/s volumes=lots logs=0',
    '// headroom: load otlpRequestsPerMinute=2,000 logs=1M/h',
  ].join('\n');
  const { directives, findings } = parseDirectives(new LineIndex(text), 'slash', defaultCatalog);
  assert.deepEqual(directives.map((d) => d.load), [
    { otlpRequestsPerMinute: 40000 },
    { otlpRequestsPerMinute: 40020, concurrentUsers: 20 },
    { agents: 80, requestsPerSecond: 1500 },
    {},
    {},
    { otlpRequestsPerMinute: 2000, logRowsPerSecond: 1e6 / 3600 },
  ]);
  assert.equal(directives[2].workload, 'gateway');
  assert.deepEqual(findings.map((f) => `${f.range.start.line}: ${f.message.split(';')[0]}`), [
    '3: unknown load "otpl" (did you mean "otlp"?)',
    '4: load agents: agents is a count, not a rate: drop "/s"',
    '4: load volumes: "lots" is not a load: write a number, optionally with k or M and a rate (/s, /min, /h)',
    '4: load logs: the load must be above 0',
  ]);
});

test('.headroom.yaml load: per workload, metric names checked, merged into the configuration', () => {
  const { file, findings } = parseHeadroomYaml('load:\n  alloy:\n    otlpRequestsPerMinute: 40000\n  gateway:\n    agents: 80\n');
  assert.deepEqual(findings, []);
  assert.deepEqual(mergeConfig(file, undefined).load, { alloy: { otlpRequestsPerMinute: 40000 }, gateway: { agents: 80 } });
  const bad = parseHeadroomYaml('load:\n  alloy:\n    otlp: 40000\n    concurrentUsers: -1\n');
  assert.deepEqual(bad.findings.map((f) => `${f.range.start.line}: ${f.message.split(':')[0]}`).sort(), ['2: .headroom.yaml load.alloy', '3: .headroom.yaml load.alloy.concurrentUsers']);
});
