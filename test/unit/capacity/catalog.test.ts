import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultCatalog, loadCatalog, citeField } from '../../../server/src/core/capacity/catalog';
import { CATALOG_DATA } from '../../../server/src/core/capacity/catalog-data';
import { needsShared, seedPath } from '../../helpers/shared';
import { cite, readPrinted, section } from '../../../server/src/core/capacity/figures';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

test('the catalog covers the workloads the seeds size, smallest tier first', () => {
  assert.deepEqual(defaultCatalog.workloads().sort(), ['agent', 'ai-sorter', 'alloy', 'clickhouse', 'gateway', 'ingestion', 'kafka', 'operator', 'otel-collector', 'postgresql', 'redpanda', 'timescaledb']);
  assert.deepEqual(defaultCatalog.tiers('alloy').map((t) => t.tier), ['small', 'medium', 'large', 'xlarge']);
  assert.deepEqual(defaultCatalog.tiers('gateway').map((t) => t.tier), ['default', 'medium', 'large', 'enterprise']);
  assert.deepEqual(defaultCatalog.tiers('clickhouse').map((t) => t.tier), ['default', 'medium', 'large', 'enterprise', '100k-servers']);
  assert.deepEqual(defaultCatalog.tiers('ingestion').map((t) => t.tier), ['phase-1', 'phase-2', 'phase-3', 'phase-4']);
  assert.deepEqual(defaultCatalog.tiers('operator').map((t) => t.tier), ['small', 'medium', 'large', 'enterprise']);
  assert.deepEqual(defaultCatalog.tiers('alloy').map((t) => t.rank), [0, 1, 2, 3]);
});

test('quantities are converted to base units', () => {
  const medium = defaultCatalog.get('alloy', 'medium')!;
  assert.deepEqual(medium.requests, { cpu: 1, memory: 2 * GiB });
  assert.deepEqual(medium.limits, { cpu: 4, memory: 8 * GiB });
  assert.equal(medium.storage, 50 * GiB);
  assert.deepEqual(medium.batch, { sendBatchSize: 8192, sendBatchMaxSize: 16384, timeout: 1000 });
  assert.deepEqual(medium.memoryLimiter, { limit: 1000 * MiB, spikeLimit: 200 * MiB, checkInterval: 5000 });
  assert.equal(defaultCatalog.get('gateway', 'enterprise')!.goMemLimit, 1800 * MiB);
  assert.equal(defaultCatalog.get('clickhouse', 'enterprise')!.clickhouse!.maxMemoryUsage, 12_000_000_000);
  assert.equal(defaultCatalog.get('clickhouse', '100k-servers')!.clickhouse!.maxServerMemoryUsageToRamRatio, 0.8);
  assert.equal(defaultCatalog.get('kafka', '100k-servers')!.hardware!.memory, 32e9);
  assert.equal(defaultCatalog.get('operator', 'large')!.usage!.peakMemory, 256e6);
});

test('every entry cites a seed file that exists and a section heading found in it', needsShared('seeds'), () => {
  for (const workload of defaultCatalog.workloads()) {
    for (const tier of defaultCatalog.tiers(workload)) {
      for (const citation of [tier.source, ...Object.values(tier.fieldSources ?? {})]) {
        const file = seedPath(citation.document);
        assert.ok(fs.existsSync(file), `${workload}/${tier.tier}: ${citation.document}`);
        const text = fs.readFileSync(file, 'utf8');
        const last = citation.section.split(' > ').pop()!;
        assert.ok(text.split('\n').some((line) => /^#+ /.test(line) && line.includes(last)), `${workload}/${tier.tier}: "${last}" is a heading of ${citation.document}`);
      }
    }
  }
});

test('every field has its own citation; groups cite their first field; unknown fields fall back to the tier source', () => {
  const medium = defaultCatalog.get('alloy', 'medium')!;
  assert.match(citeField(medium, 'batch').section, /River Configuration/);
  assert.match(citeField(medium, 'limits').section, /Vertical Scaling/);
  assert.match(citeField(medium, 'limits.memory').section, /Vertical Scaling/);
  assert.match(citeField(medium, 'requests.memory').section, /Medium Deployment/);
  assert.match(citeField(medium, 'replicas').section, /Medium Deployment/);
  assert.match(citeField(medium, 'hpa.minReplicas').section, /Alloy Scaling/);
  assert.match(citeField(medium, 'nothing').section, /Medium Deployment/);
  const gateway = defaultCatalog.get('gateway', 'enterprise')!;
  assert.match(citeField(gateway, 'goMemLimit').section, /Gateway Environment Variables/);
  assert.match(citeField(gateway, 'replicas').section, /Gateway Scaling/);
  assert.equal(medium.figures!['requests.memory'].printed, '2Gi');
  assert.equal(medium.figures!['requests.memory'].key, 'Alloy / Memory');
});

test('invalid catalog data is rejected with the entry and the field named', () => {
  assert.throws(() => loadCatalog([{ workload: 'x', tier: 'y', source: { document: 'd', section: 's' }, requests: { memory: '2 GB' } }]), /catalog entry 0 \(x\/y\) requests\.memory: .*unknown suffix/);
  assert.throws(() => loadCatalog([{ workload: 'x', tier: 'y' }]), /catalog entry 0: source/);
  assert.throws(() => loadCatalog([{ workload: 'x', tier: 'y', source: { document: 'd', section: 's' }, hpa: { cpuUtilization: 150 } }]), /hpa\.cpuUtilization/);
});

test('a workspace extension adds a tier or replaces one in place', () => {
  const catalog = loadCatalog([...CATALOG_DATA,
    { workload: 'alloy', tier: 'medium', source: { document: 'ours.md', section: 'Sizing' }, requests: { cpu: '3', memory: '6Gi' } },
    { workload: 'alloy', tier: 'huge', source: { document: 'ours.md', section: 'Sizing' }, requests: { cpu: '16', memory: '32Gi' } }]);
  assert.deepEqual(catalog.tiers('alloy').map((t) => `${t.rank}:${t.tier}`), ['0:small', '1:medium', '2:large', '3:xlarge', '4:huge']);
  assert.equal(catalog.get('alloy', 'medium')!.requests!.cpu, 3);
});

test('readPrinted: every unit reads its tokens and refuses others with the token and unit named', () => {
  const ok: [string, Parameters<typeof readPrinted>[1], number][] = [
    ['500m', 'cpu', 0.5], ['16Gi+', 'memory', 16 * GiB], ['32MiB', 'bytes', 32 * MiB], ['1.5e9', 'decimal-bytes', 1.5e9], ['100GB', 'decimal-bytes', 1e11],
    ['500', 'decimal-bytes', 500], ['5s', 'duration', 5000], ['60', 'seconds', 60_000], ['15s', 'seconds', 15_000], ['500ms', 'milliseconds', 500],
    ['1s', 'milliseconds', 1000], ['2', 'milliseconds', 2], ['50', 'MB', 5e7], ['32', 'GB', 3.2e10], ['2', 'TB', 2e12], ['1000', 'mib', 1000 * MiB],
    ['$3,200', 'usd', 3200], ['$0.5', 'usd', 0.5], ['70%', 'percent', 70], ['60', 'percent', 60], ['80%', 'fraction', 0.8], ['100_000', 'number', 1e5],
    ['2.2K', 'number', 2200], ['100k+', 'number', 1e5], ['1.5M', 'number', 1.5e6], ['1.2B', 'number', 1.2e9], ['1e9', 'number', 1e9],
  ];
  for (const [printed, unit, value] of ok) assert.equal(readPrinted(printed, unit), value, `${printed} ${unit}`);
  const bad: [string, Parameters<typeof readPrinted>[1], RegExp][] = [
    ['2 GB', 'memory', /figure "2 GB" \(memory\): .*unknown suffix/], ['1TiB', 'decimal-bytes', /figure "1TiB" \(decimal-bytes\): not a decimal size$/],
    ['1m', 'seconds', /figure "1m" \(seconds\): not a number of seconds$/], ['1k', 'MB', /figure "1k" \(MB\): not a number of MB$/],
    ['1.5', 'mib', /figure "1.5" \(mib\): not a number of MiB$/], ['3,200', 'usd', /figure "3,200" \(usd\): not a dollar amount$/],
    ['x%', 'percent', /figure "x%" \(percent\): not a percentage$/], ['0.8', 'fraction', /figure "0.8" \(fraction\): not a percentage$/],
    ['1Gi', 'number', /figure "1Gi" \(number\): not a number$/], ['5x', 'cpu', /figure "5x" \(cpu\): /], ['5', 'bytes', /figure "5" \(bytes\): /],
    ['5q', 'duration', /figure "5q" \(duration\): /],
  ];
  for (const [printed, unit, message] of bad) assert.throws(() => readPrinted(printed, unit), message, `${printed} ${unit}`);
});

test('section figures carry their source and key; a recomputed figure keeps the printed value', () => {
  const at = section('doc.txt', 'A > B');
  const plain = at.figure('2Gi', 'memory', 'Row / Col');
  assert.deepEqual(plain, { value: 2 * GiB, printed: '2Gi', unit: 'memory', source: { document: 'doc.txt', section: 'A > B' }, key: 'Row / Col' });
  const wrong = at.figure('10,082', 'number', 'k', { value: 91.8, note: 'recomputed' });
  assert.deepEqual([wrong.value, wrong.printedValue, wrong.note], [91.8, 10_082, 'recomputed']);
  assert.equal(at.figure('15', 'number', 'k', { value: 125, printedValue: 15 }).printedValue, 15);
  assert.equal(cite(at.source), 'doc.txt § A > B');
});
