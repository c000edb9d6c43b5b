// Every quantity Headroom reads, in one place. Parsers never throw and never return NaN: they return
// `{ ok: false, error }` with a sentence fit for a diagnostic. Values are base units: CPU cores, bytes,
// milliseconds.

export type QuantityResult =
  | { ok: true; value: number; suspicious?: string }
  | { ok: false; error: string };

const fail = (error: string): QuantityResult => ({ ok: false, error });
const ok = (value: number, suspicious?: string): QuantityResult =>
  Number.isFinite(value) ? (suspicious ? { ok: true, value, suspicious } : { ok: true, value }) : fail('the value is too large');

const KI = 1024;
const BINARY_SI: Record<string, number> = { Ki: KI, Mi: KI ** 2, Gi: KI ** 3, Ti: KI ** 4, Pi: KI ** 5, Ei: KI ** 6 };
const DECIMAL_SI: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * A Kubernetes resource quantity (apimachinery `resource.Quantity`): a signed decimal number followed by
 * a binary-SI suffix (Ki…Ei), a decimal-SI suffix (n u m k M G T P E) or a decimal exponent (e3, E-2).
 */
export function parseKubernetesQuantity(input: string | number): QuantityResult {
  if (typeof input === 'number') return Number.isFinite(input) ? ok(input) : fail('not a finite number');
  const text = input.trim();
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(text);
  if (!match) {
    if (text === '') return fail('the quantity is empty');
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)\s*[A-Za-z]+$/.test(text)) {
      const suffix = text.replace(/^[+-]?[\d.]+\s*/, '');
      const hint = /^[kmgtpe]i?b?$/i.test(suffix) || /^[KMGTPE]B$/.test(suffix) ? ` (Kubernetes writes ${suggestSuffix(suffix)})` : '';
      return fail(`"${text}" is not a Kubernetes quantity: unknown suffix "${suffix}"${hint}`);
    }
    return fail(`"${text}" is not a Kubernetes quantity (expected a number with an optional suffix such as 500m, 2, 512Mi or 1G)`);
  }
  const number = Number(match[1]);
  if (match[2]) return ok(number * 10 ** Number(match[2].slice(1)));
  const suffix = match[3] ?? '';
  return ok(number * (BINARY_SI[suffix] ?? DECIMAL_SI[suffix]));
}

function suggestSuffix(suffix: string): string {
  const letter = suffix[0].toUpperCase();
  return `${letter === 'K' ? 'Ki' : `${letter}i`} for ${letter === 'K' ? 'kibi' : 'binary'} units or ${letter === 'K' ? 'k' : letter} for decimal units`;
}

/** CPU in cores: `500m` = 0.5, `2` = 2, `1.5` = 1.5. */
export function parseCpuQuantity(input: string | number): QuantityResult {
  const result = parseKubernetesQuantity(input);
  if (!result.ok) return result;
  if (result.value < 0) return fail(`CPU cannot be negative (${input})`);
  if (result.value > 0 && result.value < 0.001) return fail(`"${input}" is below 1m, the smallest CPU amount Kubernetes accepts`);
  return result;
}

/**
 * Memory in bytes: `512Mi`, `1G`, `1e9`, `129M`. A lower-case `m` on memory means milli-bytes: legal,
 * but `128m` is 0.128 bytes and is almost always a typo for `128Mi`; it is returned as suspicious.
 */
export function parseMemoryQuantity(input: string | number): QuantityResult {
  const result = parseKubernetesQuantity(input);
  if (!result.ok) return result;
  if (result.value < 0) return fail(`memory cannot be negative (${input})`);
  if (typeof input === 'string' && /m$/.test(input.trim())) {
    return ok(result.value, `"${input}" means ${trimNumber(result.value)} bytes (m is milli); did you mean ${input.trim().slice(0, -1)}Mi?`);
  }
  return result;
}

const GO_BYTE_UNITS: Record<string, number> = {
  B: 1, KiB: KI, MiB: KI ** 2, GiB: KI ** 3, TiB: KI ** 4, PiB: KI ** 5, EiB: KI ** 6,
  // alecthomas/units.ParseBase2Bytes also accepts the old names, with the same base-2 meaning.
  KB: KI, MB: KI ** 2, GB: KI ** 3, TB: KI ** 4, PB: KI ** 5, EB: KI ** 6,
};

/**
 * An Alloy byte size (Go `units.Base2Bytes`): `"512MiB"`, `"1GiB"`, `"1.5GiB"`, `"1GiB512MiB"`; `KB`/`MB`
 * are base 2 too. A bare `"0"` is allowed; any other number needs a unit.
 */
export function parseAlloyBytes(input: string): QuantityResult {
  const text = input.trim();
  if (text === '0') return ok(0);
  if (text === '') return fail('the size is empty');
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)([A-Za-z]*)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    return fail(`"${text}" is not a byte size (expected a number and a unit, such as "512MiB" or "1GiB")`);
  }
  let total = 0;
  for (const [, number, unit] of parts) {
    if (unit === '') return fail(`"${text}" has no unit: write for example "${number}MiB"`);
    const factor = GO_BYTE_UNITS[unit];
    if (factor === undefined) return fail(`"${text}" has an unknown unit "${unit}" (use B, KiB, MiB, GiB or TiB)`);
    total += Number(number) * factor;
  }
  return ok(total);
}

const GO_DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration (`time.ParseDuration`): `"200ms"`, `"1m30s"`, `"1.5h"`, `"-5s"`; no `d`. Returns milliseconds. */
export function parseGoDuration(input: string): QuantityResult {
  const text = input.trim();
  if (text === '0' || text === '+0' || text === '-0') return ok(0);
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '');
  if (body === '') return fail('the duration is empty');
  const parts = [...body.matchAll(/(\d+(?:\.\d*)?|\.\d+)([a-zµμ]*)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== body) {
    return fail(`"${text}" is not a duration (expected for example "200ms", "5s" or "1m30s")`);
  }
  let total = 0;
  for (const [, number, unit] of parts) {
    if (unit === '') return fail(`"${text}" has a number without a unit: write for example "${number}s"`);
    const factor = GO_DURATION_UNITS[unit];
    if (factor === undefined) {
      const hint = unit === 'd' ? ' (Go durations have no days: use "24h")' : ' (use ns, us, ms, s, m or h)';
      return fail(`"${text}" has an unknown unit "${unit}"${hint}`);
    }
    total += Number(number) * factor;
  }
  return ok(sign * total);
}

/**
 * GOMEMLIMIT as the Go runtime reads it: a whole number of bytes with an optional B, KiB, MiB, GiB or TiB
 * suffix, or `off`. Decimal units (MB) and fractions are rejected by the runtime, which then ignores
 * the variable; that is reported as an error.
 */
export function parseGoMemLimit(input: string): QuantityResult {
  const text = input.trim();
  // `off` disables the limit: the runtime uses math.MaxInt64, effectively no limit.
  if (text === 'off') return ok(Number.MAX_SAFE_INTEGER);
  const match = /^(\d+)(B|KiB|MiB|GiB|TiB)?$/.exec(text);
  if (!match) {
    const decimal = /^(\d+)\s*(KB|MB|GB|TB|Mi|Gi|Ki|M|G|K)$/i.exec(text);
    const hint = decimal ? `: write ${decimal[1]}${decimal[2][0].toUpperCase()}iB` : ' (expected for example 1800MiB)';
    return fail(`GOMEMLIMIT "${text}" is not valid for the Go runtime, which then ignores it${hint}`);
  }
  return ok(Number(match[1]) * (match[2] ? GO_BYTE_UNITS[match[2]] : 1));
}

// ClickHouse setting values as ClickHouse reads them from the config (src/Core/SettingsFields.cpp
// stringToNumber, the same in every version read): Bool is 0, 1, true or false (any case); every other
// number goes through parseWithSizeSuffix (src/IO/ReadHelpers.h readTextWithSizeSuffix). For integer
// types that is readIntText, then an optional suffix k or K (×1000, or ×1024 followed by i), M, G, T
// (×1000ⁿ, or ×1024ⁿ followed by i), then the end of the text: `10G`, `10Gi`, `5k` and `5Ki` are valid,
// `1e10`, `1.5G`, `10GB`, `10g` and `10 G` are not. Floating-point types (ratios) are a plain readText:
// no suffix. Other types (timespans, enums, strings, max_threads' `auto`) are not checked here.
const CLICKHOUSE_INTEGER_TYPES = new Set(['UInt64', 'NonZeroUInt64', 'UInt32', 'Int64', 'Int32']);
const CLICKHOUSE_FLOAT_TYPES = new Set(['Float', 'Double']);
const CLICKHOUSE_SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, ki: 2 ** 10, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Whether Headroom checks values of this ClickHouse setting type. */
export function isCheckedClickHouseType(type: string): boolean {
  return type === 'Bool' || CLICKHOUSE_INTEGER_TYPES.has(type) || CLICKHOUSE_FLOAT_TYPES.has(type);
}

/** A ClickHouse setting value of the given type (see above); undefined for a type that is not checked. */
export function parseClickHouseValue(input: string, type: string): QuantityResult | undefined {
  const text = input.trim();
  if (type === 'Bool') {
    if (/^(0|1|true|false)$/i.test(text)) return ok(/^(1|true)$/i.test(text) ? 1 : 0);
    return fail(`"${text}" is not a ClickHouse Bool: write 0, 1, true or false`);
  }
  if (CLICKHOUSE_INTEGER_TYPES.has(type)) {
    const match = /^([+-]?)(\d+)([kKMGT]i?)?$/.exec(text);
    if (!match || (match[1] === '-' && type.includes('UInt'))) {
      return fail(`"${text}" is not a ClickHouse ${type}: write a whole number with an optional k, M, G, T (×1000ⁿ) or Ki, Mi, Gi, Ti (×1024ⁿ) suffix, such as 10000000000, 10G or 10Gi`);
    }
    const value = Number(match[2]) * (match[3] ? CLICKHOUSE_SUFFIX[match[3]] : 1);
    return ok(match[1] === '-' ? -value : value);
  }
  if (CLICKHOUSE_FLOAT_TYPES.has(type)) {
    if (/^[+-]?(inf|nan)$/i.test(text)) return undefined;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return fail(`"${text}" is not a ClickHouse ${type}: write a decimal number such as 0.8 (no unit or % sign)`);
    return ok(Number(text));
  }
  return undefined;
}

/** A plain decimal number (ratios, counts, percentages). */
export function parseNumber(input: string): QuantityResult {
  const text = input.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return fail(`"${text}" is not a number`);
  return ok(Number(text));
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** Bytes as a Kubernetes memory quantity: the largest binary unit that divides it (`2Gi`, `1536Mi`). */
export function formatKubernetesMemory(bytes: number): string {
  const rounded = Math.ceil(bytes);
  for (const [suffix, factor] of [['Ti', KI ** 4], ['Gi', KI ** 3], ['Mi', KI ** 2], ['Ki', KI]] as const) {
    if (rounded >= factor && rounded % factor === 0) return `${rounded / factor}${suffix}`;
  }
  return rounded >= KI ** 2 ? `${Math.ceil(rounded / KI ** 2)}Mi` : String(rounded);
}

/** Cores as a Kubernetes CPU quantity: whole cores plainly, otherwise millicores (`500m`). */
export function formatKubernetesCpu(cores: number): string {
  return Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`;
}

/** Bytes as an Alloy size string content (no quotes): `1GiB`, `1000MiB`. */
export function formatAlloyBytes(bytes: number): string {
  if (bytes >= KI ** 3 && bytes % KI ** 3 === 0) return `${bytes / KI ** 3}GiB`;
  return `${Math.round(bytes / KI ** 2)}MiB`;
}

/** Bytes as a GOMEMLIMIT value, in whole MiB (`1800MiB`). */
export function formatGoMemLimit(bytes: number): string {
  return `${Math.floor(bytes / KI ** 2)}MiB`;
}

/** Milliseconds as a Go duration string: `1s`, `200ms`, `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000 || !Number.isInteger(ms / 1000)) return `${trimNumber(ms)}ms`;
  let seconds = ms / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}

/** Bytes for people: `1.5 GiB`, `512 MiB`. */
export function formatBytesHuman(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${trimNumber(Number(value.toFixed(2)))} ${units[unit]}`;
}
