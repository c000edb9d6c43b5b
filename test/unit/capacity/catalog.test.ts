import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultCatalog, loadCatalog, citeField, figureOf } from '../../../server/src/core/capacity/catalog';
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
  const headings = new Map<string, string[]>();
  for (const workload of defaultCatalog.workloads()) {
    for (const tier of defaultCatalog.tiers(workload)) {
      for (const citation of [tier.source, ...Object.values(tier.fieldSources ?? {})]) {
        const file = seedPath(citation.document);
        assert.ok(fs.existsSync(file), `${workload}/${tier.tier}: ${citation.document}`);
        if (!headings.has(file)) headings.set(file, fs.readFileSync(file, 'utf8').split('\n').filter((line) => /^#+ /.test(line)));
        const last = citation.section.split(' > ').pop()!;
        assert.ok(headings.get(file)!.some((line) => line.includes(last)), `${workload}/${tier.tier}: "${last}" is a heading of ${citation.document}`);
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
    // Several decimals and exponent digits, a bare B, a fractional percentage.
    ['1.25GB', 'decimal-bytes', 1.25e9], ['1.5e10', 'decimal-bytes', 1.5e10], ['2B', 'decimal-bytes', 2], ['1.25', 'seconds', 1250],
    ['1.25', 'GB', 1.25e9], ['$1.25', 'usd', 1.25], ['12.25%', 'percent', 12.25], ['12.25%', 'fraction', 0.1225], ['1.5e10', 'number', 1.5e10],
  ];
  for (const [printed, unit, value] of ok) assert.equal(readPrinted(printed, unit), value, `${printed} ${unit}`);
  const bad: [string, Parameters<typeof readPrinted>[1], RegExp][] = [
    ['2 GB', 'memory', /figure "2 GB" \(memory\): .*unknown suffix/], ['1TiB', 'decimal-bytes', /figure "1TiB" \(decimal-bytes\): not a decimal size$/],
    ['1m', 'seconds', /figure "1m" \(seconds\): not a number of seconds$/], ['1k', 'MB', /figure "1k" \(MB\): not a number of MB$/],
    ['1.5', 'mib', /figure "1.5" \(mib\): not a number of MiB$/], ['3,200', 'usd', /figure "3,200" \(usd\): not a dollar amount$/],
    ['x%', 'percent', /figure "x%" \(percent\): not a percentage$/], ['0.8', 'fraction', /figure "0.8" \(fraction\): not a percentage$/],
    ['1Gi', 'number', /figure "1Gi" \(number\): not a number$/], ['5x', 'cpu', /figure "5x" \(cpu\): /], ['5', 'bytes', /figure "5" \(bytes\): /],
    ['5q', 'duration', /figure "5q" \(duration\): /],
    // A CPU token is read as CPU (memory would say "memory cannot be negative"); only a trailing + is a lower bound.
    ['-1', 'cpu', /figure "-1" \(cpu\): CPU cannot be negative/], ['1+5', 'number', /figure "1\+5" \(number\): not a number$/],
    // Each form is the whole token, nothing before or after it.
    ['x5GB', 'decimal-bytes', /not a decimal size$/], ['x5', 'seconds', /not a number of seconds$/], ['x5', 'GB', /not a number of GB$/],
    ['x$5', 'usd', /not a dollar amount$/], ['$5x', 'usd', /not a dollar amount$/], ['x5%', 'percent', /not a percentage$/],
    ['5%x', 'percent', /not a percentage$/], ['x5%', 'fraction', /not a percentage$/], ['5%x', 'fraction', /not a percentage$/],
    ['x5', 'number', /not a number$/],
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

test('a workspace tier is converted field by field to base units; fields it does not give stay undefined', () => {
  const source = { document: 'ours.md', section: 'Sizing' };
  const catalog = loadCatalog([{
    workload: 'w', tier: 'full', source, fieldSources: { replicas: { document: 'ours.md', section: 'Replicas' } }, replicas: 3,
    requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' }, storage: '10Gi',
    hpa: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 100, memoryUtilization: 1 }, goMemLimit: '1800MiB',
    batch: { sendBatchSize: 8192, sendBatchMaxSize: 16384, timeout: '2s' },
    memoryLimiter: { limit: '1000MiB', spikeLimit: '200MiB', checkInterval: '5s' },
    clickhouse: { maxServerMemoryUsageToRamRatio: 1, maxMemoryUsage: 10, asyncInsert: true },
    throughput: { value: 1000, unit: 'log rows/s' }, monthlyCost: 0, notes: ['ours'],
  }, { workload: 'w', tier: 'sparse', source, requests: { cpu: '1' }, batch: {}, memoryLimiter: {}, clickhouse: { maxConnections: 5 } },
  { workload: 'w', tier: 'bare', source }]);
  const [full, sparse, bare] = catalog.tiers('w');
  assert.deepEqual(full, {
    workload: 'w', tier: 'full', rank: 0, source, fieldSources: { replicas: { document: 'ours.md', section: 'Replicas' } }, replicas: 3,
    requests: { cpu: 0.5, memory: GiB }, limits: { cpu: 2, memory: 4 * GiB }, storage: 10 * GiB,
    hpa: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 100, memoryUtilization: 1 }, goMemLimit: 1800 * MiB,
    batch: { sendBatchSize: 8192, sendBatchMaxSize: 16384, timeout: 2000 },
    memoryLimiter: { limit: 1000 * MiB, spikeLimit: 200 * MiB, checkInterval: 5000 },
    clickhouse: { maxServerMemoryUsageToRamRatio: 1, maxMemoryUsage: 10, asyncInsert: 1 },
    throughput: { value: 1000, unit: 'log rows/s' }, monthlyCost: 0, notes: ['ours'],
  });
  assert.deepEqual([sparse.requests, sparse.batch, sparse.memoryLimiter, sparse.clickhouse, sparse.rank],
    [{ cpu: 1, memory: undefined }, { sendBatchSize: undefined, sendBatchMaxSize: undefined, timeout: undefined },
      { limit: undefined, spikeLimit: undefined, checkInterval: undefined }, { maxConnections: 5, asyncInsert: undefined }, 1]);
  for (const field of ['requests', 'limits', 'storage', 'goMemLimit', 'batch', 'memoryLimiter', 'clickhouse', 'throughput', 'monthlyCost'] as const) {
    assert.equal(bare[field], undefined, field);
  }
  // Citations of a workspace tier: its own per field, else the tier's; it has no figures.
  assert.equal(citeField(full, 'replicas').section, 'Replicas');
  assert.deepEqual(citeField(full, 'requests.cpu'), source);
  assert.deepEqual(citeField(bare, 'replicas'), source);
  assert.equal(figureOf(full, 'replicas'), undefined);
  // Unknown workloads and tiers.
  assert.deepEqual(catalog.tiers('none'), []);
  assert.equal(catalog.get('none', 'full'), undefined);
  assert.equal(catalog.get('w', 'none'), undefined);
});

test('each field of a workspace tier that does not parse is named in the error', () => {
  const entry = (fields: object) => [{ workload: 'x', tier: 'y', source: { document: 'd', section: 's' }, ...fields }];
  const cases: [object, RegExp][] = [
    [{ requests: { cpu: '5x' } }, /catalog entry 0 \(x\/y\) requests\.cpu: /],
    [{ limits: { memory: '2 GB' } }, /catalog entry 0 \(x\/y\) limits\.memory: /],
    [{ limits: { cpu: 'lots' } }, /catalog entry 0 \(x\/y\) limits\.cpu: /],
    [{ storage: '10 GB' }, /catalog entry 0 \(x\/y\) storage: /],
    [{ goMemLimit: 'lots' }, /catalog entry 0 \(x\/y\) goMemLimit: /],
    [{ batch: { timeout: '5q' } }, /catalog entry 0 \(x\/y\) batch\.timeout: /],
    [{ memoryLimiter: { limit: '5' } }, /catalog entry 0 \(x\/y\) memoryLimiter\.limit: /],
    [{ memoryLimiter: { spikeLimit: '5' } }, /catalog entry 0 \(x\/y\) memoryLimiter\.spikeLimit: /],
    [{ memoryLimiter: { checkInterval: '5q' } }, /catalog entry 0 \(x\/y\) memoryLimiter\.checkInterval: /],
  ];
  for (const [fields, message] of cases) assert.throws(() => loadCatalog(entry(fields)), message, JSON.stringify(fields));
});

test('the shape of a workspace tier: bounds and unknown keys refused, every problem listed', () => {
  const entry = (fields: object) => [{ workload: 'x', tier: 'y', source: { document: 'd', section: 's' }, ...fields }];
  const refused: [object, RegExp][] = [
    [{ hpa: { cpuUtilization: 0 } }, /hpa\.cpuUtilization/], [{ hpa: { cpuUtilization: 101 } }, /hpa\.cpuUtilization/],
    [{ hpa: { memoryUtilization: 0 } }, /hpa\.memoryUtilization/], [{ hpa: { memoryUtilization: 101 } }, /hpa\.memoryUtilization/],
    [{ clickhouse: { maxServerMemoryUsageToRamRatio: 1.5 } }, /clickhouse\.maxServerMemoryUsageToRamRatio/],
    [{ clickhouse: { maxServerMemoryUsageToRamRatio: 0 } }, /clickhouse\.maxServerMemoryUsageToRamRatio/],
    [{ batch: { size: 1 } }, /batch: Unrecognized key/], [{ memoryLimiter: { limit_mib: 1 } }, /memoryLimiter: Unrecognized key/],
    [{ clickhouse: { max_memory_usage: 1 } }, /clickhouse: Unrecognized key/], [{ throughput: { value: 1, unit: 'x', per: 's' } }, /throughput: Unrecognized key/],
    [{ throughput: { value: 1, unit: '' } }, /throughput\.unit/],
  ];
  for (const [fields, message] of refused) assert.throws(() => loadCatalog(entry(fields)), message, JSON.stringify(fields));
  assert.throws(() => loadCatalog([{ workload: '', tier: 'y', source: { document: 'd', section: '' } }]), /^Error: catalog entry 0: workload: .+; source\.section: /);
  assert.doesNotThrow(() => loadCatalog(entry({ hpa: { cpuUtilization: 1, memoryUtilization: 100 }, clickhouse: { maxServerMemoryUsageToRamRatio: 1 }, throughput: { value: 1, unit: 'rows/s' } })));
});

test('replacing the first tier keeps its rank; a model tier\'s figures and group citations are reachable', () => {
  const catalog = loadCatalog([...CATALOG_DATA, { workload: 'alloy', tier: 'small', source: { document: 'ours.md', section: 'Sizing' }, replicas: 9 }]);
  assert.deepEqual(catalog.tiers('alloy').map((t) => `${t.rank}:${t.tier}`), ['0:small', '1:medium', '2:large', '3:xlarge']);
  assert.equal(catalog.get('alloy', 'small')!.replicas, 9);
  const medium = defaultCatalog.get('alloy', 'medium')!;
  assert.equal(figureOf(medium, 'requests.memory')!.printed, '2Gi');
  assert.equal(figureOf(medium, 'requests'), undefined);
  // A field the model does not give cites its group's first field, not the tier.
  assert.match(citeField(medium, 'limits.nothing').section, /Vertical Scaling/);
  // A field whose own section differs from its group's: its own.
  const warm = defaultCatalog.get('clickhouse', '100k-servers')!;
  assert.match(citeField(warm, 'clickhouse.maxMemoryUsage').section, /ClickHouse Warm Storage Performance/);
  assert.match(citeField(warm, 'clickhouse').section, /Performance Optimization Strategies/);
  // {figure, unit} pairs become { value, unit }.
  assert.deepEqual(defaultCatalog.get('clickhouse', 'enterprise')!.throughput, { value: 100_000, unit: 'log rows/s' });
});
