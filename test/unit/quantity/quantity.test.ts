import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatAlloyBytes, formatBytesHuman, formatDuration, formatGoMemLimit, formatKubernetesCpu, formatKubernetesMemory,
  parseAlloyBytes, parseClickHouseValue, parseCpuQuantity, parseGoDuration, parseGoMemLimit, parseMemoryQuantity, parseNumber,
  type QuantityResult,
} from '../../../server/src/core/quantity';

const Ki = 1024;
const Mi = Ki ** 2;
const Gi = Ki ** 3;

function value(result: QuantityResult): number {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

function error(result: QuantityResult): string {
  assert.equal(result.ok, false, `expected an error, got ${JSON.stringify(result)}`);
  return (result as { error: string }).error;
}

test('Kubernetes CPU', () => {
  const cases: [string | number, number][] = [['500m', 0.5], ['0.5', 0.5], ['2', 2], [2, 2], ['1.5', 1.5], ['100m', 0.1], ['1k', 1000], ['2e0', 2], ['+1', 1]];
  for (const [input, expected] of cases) assert.equal(value(parseCpuQuantity(input)), expected, String(input));
  assert.match(error(parseCpuQuantity('-1')), /negative/);
  assert.match(error(parseCpuQuantity('1u')), /below 1m/);
  assert.match(error(parseCpuQuantity('two')), /not a Kubernetes quantity/);
  assert.match(error(parseCpuQuantity('')), /empty/);
});

test('Kubernetes memory: binary and decimal suffixes, exponents, and milli-bytes flagged', () => {
  const cases: [string, number][] = [
    ['512Mi', 512 * Mi], ['1G', 1e9], ['1e9', 1e9], ['129M', 129e6], ['123Mi', 123 * Mi], ['2Gi', 2 * Gi], ['1Ti', Ki * Gi],
    ['128974848', 128974848], ['1.5Gi', 1.5 * Gi], ['1E3', 1000], ['0', 0], ['100k', 1e5], ['3Ki', 3 * Ki],
  ];
  for (const [input, expected] of cases) assert.equal(value(parseMemoryQuantity(input)), expected, input);
  const milli = parseMemoryQuantity('128m');
  assert.ok(milli.ok && Math.abs(milli.value - 0.128) < 1e-12);
  assert.match(milli.ok ? milli.suspicious ?? '' : '', /means 0\.128 bytes \(m is milli\); did you mean 128Mi\?/);
  assert.match(error(parseMemoryQuantity('2GB')), /unknown suffix "GB" \(Kubernetes writes Gi for binary units or G for decimal units\)/);
  assert.match(error(parseMemoryQuantity('512mi')), /unknown suffix "mi"/);
  assert.match(error(parseMemoryQuantity('1.2.3Gi')), /not a Kubernetes quantity/);
});

test('Alloy byte sizes (units.Base2Bytes)', () => {
  const cases: [string, number][] = [['512MiB', 512 * Mi], ['1GiB', Gi], ['4KB', 4 * Ki], ['1MB', Mi], ['1.5GiB', 1.5 * Gi], ['1GiB512MiB', Gi + 512 * Mi], ['0', 0], ['10B', 10]];
  for (const [input, expected] of cases) assert.equal(value(parseAlloyBytes(input)), expected, input);
  assert.match(error(parseAlloyBytes('1000')), /no unit: write for example "1000MiB"/);
  assert.match(error(parseAlloyBytes('1Gi')), /unknown unit "Gi"/);
  assert.match(error(parseAlloyBytes('lots')), /not a byte size/);
});

test('Go durations', () => {
  const cases: [string, number][] = [['200ms', 200], ['1m30s', 90_000], ['1.5h', 5_400_000], ['5s', 5000], ['0', 0], ['-5s', -5000], ['100us', 0.1], ['100µs', 0.1], ['1h2m3s4ms', 3_723_004]];
  for (const [input, expected] of cases) assert.equal(value(parseGoDuration(input)), expected, input);
  assert.match(error(parseGoDuration('1d')), /no days: use "24h"/);
  assert.match(error(parseGoDuration('5')), /without a unit: write for example "5s"/);
  assert.match(error(parseGoDuration('soon')), /not a duration/);
});

test('GOMEMLIMIT as the Go runtime reads it', () => {
  assert.equal(value(parseGoMemLimit('1800MiB')), 1800 * Mi);
  assert.equal(value(parseGoMemLimit('2GiB')), 2 * Gi);
  assert.equal(value(parseGoMemLimit('1000000')), 1_000_000);
  assert.equal(value(parseGoMemLimit('100B')), 100);
  assert.ok(value(parseGoMemLimit('off')) > 1e15);
  assert.match(error(parseGoMemLimit('1800MB')), /ignores it: write 1800MiB/);
  assert.match(error(parseGoMemLimit('1.5GiB')), /not valid for the Go runtime/);
});

// ClickHouse SettingsFields.cpp stringToNumber → ReadHelpers.h parseWithSizeSuffix / readText.
test('ClickHouse setting values by type: size suffixes on integers, no exponent, plain floats, four Bool spellings', () => {
  const valid: [string, string, number][] = [
    ['12000000000', 'UInt64', 12e9], ['10G', 'UInt64', 10e9], ['10Gi', 'UInt64', 10 * Gi], ['5k', 'UInt64', 5000], ['5K', 'UInt64', 5000],
    ['5ki', 'UInt64', 5 * Ki], ['5Ki', 'UInt64', 5 * Ki], ['3M', 'UInt64', 3e6], ['3Mi', 'UInt64', 3 * Mi], ['2T', 'UInt64', 2e12], ['2Ti', 'UInt64', 2 * Ki * Gi],
    ['+7', 'UInt64', 7], [' 100 ', 'NonZeroUInt64', 100], ['-5', 'Int64', -5], ['4096', 'Int32', 4096],
    ['0.8', 'Double', 0.8], ['.5', 'Float', 0.5], ['1e-1', 'Double', 0.1], ['2', 'Double', 2],
    ['1', 'Bool', 1], ['0', 'Bool', 0], ['true', 'Bool', 1], ['FALSE', 'Bool', 0],
  ];
  for (const [input, type, expected] of valid) assert.equal(value(parseClickHouseValue(input, type)!), expected, `${type} ${input}`);
  const invalid: [string, string][] = [
    ['1e10', 'UInt64'], ['1.5G', 'UInt64'], ['10GB', 'UInt64'], ['10g', 'UInt64'], ['10 G', 'UInt64'], ['10KI', 'UInt64'], ['10Gib', 'UInt64'], ['-5', 'UInt64'],
    ['lots', 'Int32'], ['', 'UInt64'], ['G', 'UInt64'], ['80%', 'Double'], ['0.8x', 'Float'], ['yes', 'Bool'], ['2', 'Bool'],
  ];
  for (const [input, type] of invalid) assert.equal(parseClickHouseValue(input, type)?.ok, false, `${type} ${JSON.stringify(input)} is rejected`);
  assert.match(error(parseClickHouseValue('1e10', 'UInt64')!), /not a ClickHouse UInt64: write a whole number with an optional k, M, G, T \(×1000ⁿ\) or Ki, Mi, Gi, Ti \(×1024ⁿ\) suffix/);
  assert.equal(parseClickHouseValue('auto', 'MaxThreads'), undefined, 'types Headroom does not check');
  assert.equal(parseClickHouseValue('inf', 'Double'), undefined);
  assert.equal(value(parseNumber('0.8')), 0.8);
  assert.match(error(parseNumber('eighty')), /not a number/);
});

test('no parser returns NaN or throws on hostile input', () => {
  const inputs = ['', ' ', 'NaN', 'Infinity', '1e999', '1e999Gi', '--1', '\u0000', '9'.repeat(400), 'ms', 'GiB', '.', '1..2', '١٢٣'];
  for (const input of inputs) {
    for (const parse of [parseCpuQuantity, parseMemoryQuantity, parseAlloyBytes, parseGoDuration, parseGoMemLimit, (t: string) => parseClickHouseValue(t, 'UInt64')!, (t: string) => parseClickHouseValue(t, 'Double') ?? parseNumber(t), parseNumber]) {
      const result = parse(input);
      if (result.ok) assert.ok(Number.isFinite(result.value), `${parse.name}(${JSON.stringify(input)})`);
      else assert.ok(result.error.length > 0 && !/NaN|undefined/.test(result.error.replace(input, '')), `${parse.name}(${JSON.stringify(input)}): ${result.error}`);
    }
  }
});

test('formatters', () => {
  assert.equal(formatKubernetesMemory(2 * Gi), '2Gi');
  assert.equal(formatKubernetesMemory(1536 * Mi), '1536Mi');
  assert.equal(formatKubernetesMemory(1e9), '954Mi'); // not a whole number of KiB: rounded up to whole MiB
  assert.equal(formatKubernetesCpu(0.5), '500m');
  assert.equal(formatKubernetesCpu(2), '2');
  assert.equal(formatAlloyBytes(Gi), '1GiB');
  assert.equal(formatAlloyBytes(1000 * Mi), '1000MiB');
  assert.equal(formatGoMemLimit(1800 * Mi + 5), '1800MiB');
  assert.equal(formatDuration(90_000), '1m30s');
  assert.equal(formatDuration(200), '200ms');
  assert.equal(formatDuration(1000), '1s');
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatBytesHuman(1.5 * Gi), '1.5 GiB');
  assert.equal(formatBytesHuman(512), '512 B');
});
