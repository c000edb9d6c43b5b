import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatAlloyBytes, formatBytesHuman, formatDuration, formatGoMemLimit, formatKubernetesCpu, formatKubernetesMemory,
  goMemLimitCorrection, parseAlloyBytes, parseClickHouseValue, parseCpuQuantity, parseGoDuration, parseGoMemLimit, parseKubernetesQuantity,
  parseMemoryQuantity, parseNumber,
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

function note(result: QuantityResult): string | undefined {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.suspicious?.kind;
}

// Table tests against apimachinery's ParseQuantity (quantity.go parseQuantityString, suffix.go interpret):
// [input, value or 'error', note kind].
test('Kubernetes quantity grammar, case by case as ParseQuantity reads it', () => {
  const cases: [string, number | 'error', string?][] = [
    ['0', 0], ['1', 1], ['+1', 1], ['-1', -1], ['1.5', 1.5], ['1.', 1], ['.5', 0.5], ['007', 7],
    ['500m', 0.5], ['100u', 1e-4], ['5n', 5e-9], ['1k', 1000], ['1M', 1e6], ['1G', 1e9], ['1T', 1e12], ['1P', 1e15], ['1E', 1e18],
    ['1Ki', 1024], ['1Mi', 2 ** 20], ['1.5Gi', 1.5 * 2 ** 30], ['1Ti', 2 ** 40], ['1Pi', 2 ** 50], ['1Ei', 2 ** 60],
    ['1e3', 1000], ['1E3', 1000], ['1e-3', 0.001], ['1e+3', 1000], ['  2Gi ', 2 * 2 ** 30],
    // A suffix or sign with no digit is 0 (num = "0"): what `{{ .Values.mem }}Mi` renders to when the value is empty.
    ['Mi', 0, 'no-number'], ['+', 0, 'no-number'], ['-', 0, 'no-number'], ['.', 0, 'no-number'], ['e3', 0, 'no-number'], ['m', 0, 'no-number'], ['E', 0, 'no-number'],
    // Not suffixes: K alone, lower-case binary, e without an exponent, two suffixes, decimal byte units.
    ['1K', 'error'], ['K', 'error'], ['512mi', 'error'], ['1e', 'error'], ['e', 'error'], ['1Kim', 'error'], ['1-3', 'error'],
    ['2GB', 'error'], ['1.2.3Gi', 'error'], ['two', 'error'], ['', 'error'], ['1 Gi', 'error'],
  ];
  for (const [input, expected, kind] of cases) {
    const result = parseKubernetesQuantity(input);
    if (expected === 'error') assert.equal(result.ok, false, `${JSON.stringify(input)} is rejected`);
    else {
      assert.ok(result.ok && Math.abs(result.value - expected) <= Math.abs(expected) * 1e-12, `${JSON.stringify(input)} = ${expected}, got ${JSON.stringify(result)}`);
      assert.equal(note(result), kind, `${JSON.stringify(input)} note`);
    }
  }
  assert.match(error(parseKubernetesQuantity('1K')), /unknown suffix "K" \(Kubernetes writes Ki for kibi units or k for decimal units\)/);
});

test('Kubernetes CPU: negative rejected, below 1m accepted and counted as 1m', () => {
  const cases: [string | number, number][] = [['500m', 0.5], ['0.5', 0.5], ['2', 2], [2, 2], ['1.5', 1.5], ['100m', 0.1], ['1k', 1000], ['2e0', 2], ['+1', 1], ['1m', 0.001], ['0', 0]];
  for (const [input, expected] of cases) {
    assert.equal(value(parseCpuQuantity(input)), expected, String(input));
    assert.equal(note(parseCpuQuantity(input)), undefined, String(input));
  }
  assert.match(error(parseCpuQuantity('-1')), /negative/);
  for (const input of ['100u', '0.5m', '5n', '999u']) {
    const result = parseCpuQuantity(input);
    assert.equal(note(result), 'below-millicore', input);
    assert.match(result.ok ? result.suspicious!.message : '', /below 1m: the API server accepts it, but Kubernetes counts CPU in whole millicores and rounds it up to 1m/);
  }
  assert.equal(note(parseCpuQuantity('Mi')), 'no-number');
  assert.match(error(parseCpuQuantity('two')), /not a Kubernetes quantity/);
  assert.match(error(parseCpuQuantity('')), /empty/);
});

test('Kubernetes memory: binary and decimal suffixes, exponents, and milli-bytes flagged', () => {
  const cases: [string, number][] = [
    ['512Mi', 512 * Mi], ['1G', 1e9], ['1e9', 1e9], ['129M', 129e6], ['123Mi', 123 * Mi], ['2Gi', 2 * Gi], ['1Ti', Ki * Gi],
    ['128974848', 128974848], ['1.5Gi', 1.5 * Gi], ['1E3', 1000], ['0', 0], ['100k', 1e5], ['3Ki', 3 * Ki], ['0m', 0],
  ];
  for (const [input, expected] of cases) {
    assert.equal(value(parseMemoryQuantity(input)), expected, input);
    assert.equal(note(parseMemoryQuantity(input)), undefined, input);
  }
  const milli = parseMemoryQuantity('128m');
  assert.ok(milli.ok && Math.abs(milli.value - 0.128) < 1e-12);
  assert.equal(note(milli), 'milli-bytes');
  assert.match(milli.ok ? milli.suspicious!.message : '', /means 0\.128 bytes \(m is milli\); did you mean 128Mi\?/);
  assert.equal(note(parseMemoryQuantity('Mi')), 'no-number');
  assert.match(error(parseMemoryQuantity('-1Gi')), /negative/);
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

// golang/go src/runtime/string.go parseByteCount (^[0-9]+(([KMGT]i)?B)?$, int64) and mgcpacer.go readGOMEMLIMIT ("" and off).
test('GOMEMLIMIT as the Go runtime reads it: anything else is malformed and the process does not start', () => {
  const valid: [string, number][] = [['1800MiB', 1800 * Mi], ['2GiB', 2 * Gi], ['1000000', 1_000_000], ['100B', 100], ['1KiB', Ki], ['1TiB', Ki * Gi], ['0', 0], ['+5MiB', 5 * Mi]];
  for (const [input, expected] of valid) assert.equal(value(parseGoMemLimit(input)), expected, input);
  for (const off of ['off', '']) assert.ok(value(parseGoMemLimit(off)) > 1e15, JSON.stringify(off));
  for (const malformed of ['1800MB', '1.5GiB', '1800Mi', '1G', '1800mib', ' 1800MiB', '1800MiB ', 'OFF', '-1', '1PiB', '1EiB', '9223372036854775808', '8388608TiB', 'B', 'MiB']) {
    assert.match(error(parseGoMemLimit(malformed)), /malformed for the Go runtime, so the process does not start/, malformed);
  }
  assert.equal(value(parseGoMemLimit('9223372036854775807')), 9223372036854775807);
});

test('GOMEMLIMIT corrections only where the value means one thing', () => {
  const cases: [string, string | undefined][] = [
    ['1800Mi', '1800MiB'], ['2Gi', '2GiB'], ['1800mib', '1800MiB'], ['1800 MiB', '1800MiB'], ['1.5GiB', '1536MiB'], ['0.5Ki', '512B'],
    ['1800MB', undefined], ['1G', undefined], ['2GB', undefined], ['1800MiB', undefined], ['1.3MiB', undefined],
  ];
  for (const [input, expected] of cases) assert.equal(goMemLimitCorrection(input), expected, input);
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
