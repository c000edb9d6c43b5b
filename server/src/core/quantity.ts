// Every quantity Headroom reads, in one place. Parsers never throw and never return NaN: they return
// `{ ok: false, error }` with a sentence fit for a diagnostic. Values are base units: CPU cores, bytes,
// milliseconds.

/** Why a value the product accepts is still worth a warning; `message` is a sentence fit for a diagnostic. */
export interface QuantityNote {
  kind: 'milli-bytes' | 'below-millicore' | 'no-number';
  message: string;
}

export type QuantityResult =
  | { ok: true; value: number; suspicious?: QuantityNote }
  | { ok: false; error: string };

const fail = (error: string): QuantityResult => ({ ok: false, error });
const ok = (value: number, suspicious?: QuantityNote): QuantityResult =>
  Number.isFinite(value) ? (suspicious ? { ok: true, value, suspicious } : { ok: true, value }) : fail('the value is too large');

const KI = 1024;

// Kubernetes quantities, as k8s.io/apimachinery/pkg/api/resource reads them (kubernetes/kubernetes
// staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go @009f4971 parseQuantityString / ParseQuantity,
// suffix.go @7125a5f0 newSuffixer / interpret):
// - a sign, then a number whose parts may all be missing: `num = "0"` when no digit is left, so a bare
//   suffix or sign (`Mi`, `+`, `.`, `e3`) parses as 0 — only the empty string is an error;
// - a suffix made of the characters eEinumkKMGTP, optionally followed by a signed integer: decimal SI
//   n u m "" k M G T P E, binary SI Ki Mi Gi Ti Pi Ei, or e/E with an exponent (`e3`, `E-2`, not `e` alone).
//   Anything else (`K`, `mi`, `KB`) is rejected ("unable to parse quantity's suffix"); a character outside
//   that set (`2GB`, `1.2.3`) does not match the format at all;
// - UnmarshalJSON trims surrounding spaces first.
const BINARY_SI: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SI: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[+-]?\d*)$/;

/**
 * A Kubernetes resource quantity in base units. A string with no digit at all but an accepted suffix or
 * sign is 0 for Kubernetes too, and carries a `no-number` note.
 */
export function parseKubernetesQuantity(input: string | number): QuantityResult {
  if (typeof input === 'number') return Number.isFinite(input) ? ok(input) : fail('not a finite number');
  const text = input.trim();
  if (text === '') return fail('the quantity is empty');
  const match = QUANTITY.exec(text);
  if (!match) {
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)\s*[A-Za-z]+$/.test(text)) return fail(unknownSuffix(text, text.replace(/^[+-]?[\d.]+\s*/, '')));
    return fail(`"${text}" is not a Kubernetes quantity (expected a number with an optional suffix such as 500m, 2, 512Mi or 1G)`);
  }
  const [, sign, whole, fraction, suffix] = match;
  const exponent = /^[eE][+-]?\d+$/.test(suffix) ? { base: 10, power: Number(suffix.slice(1)) }
    : suffix in DECIMAL_SI ? { base: 10, power: DECIMAL_SI[suffix] }
      : suffix in BINARY_SI ? { base: 2, power: BINARY_SI[suffix] } : undefined;
  if (!exponent) return fail(unknownSuffix(text, suffix));
  const magnitude = Number(`${whole || '0'}.${fraction ?? ''}0`) * exponent.base ** exponent.power;
  const value = sign === '-' ? -magnitude : magnitude;
  if (whole === '' && !fraction) {
    return ok(0, { kind: 'no-number', message: `"${text}" has no number, and Kubernetes reads a missing number as 0 (a value that rendered empty?)` });
  }
  return ok(value === 0 ? 0 : value);
}

function unknownSuffix(text: string, suffix: string): string {
  const hint = /^[kmgtpe]i?b?$/i.test(suffix) || /^[KMGTPE]B$/.test(suffix) ? ` (Kubernetes writes ${suggestSuffix(suffix)})` : '';
  return `"${text}" is not a Kubernetes quantity: unknown suffix "${suffix}"${hint}`;
}

function suggestSuffix(suffix: string): string {
  const letter = suffix[0].toUpperCase();
  return `${letter === 'K' ? 'Ki' : `${letter}i`} for ${letter === 'K' ? 'kibi' : 'binary'} units or ${letter === 'K' ? 'k' : letter} for decimal units`;
}

/**
 * CPU in cores: `500m` = 0.5, `2` = 2, `1.5` = 1.5. Negative CPU is rejected by the API server
 * (kubernetes pkg/apis/core/validation/validation.go ValidateResourceQuantityValue → ValidateNonnegativeQuantity,
 * indexed at a7264f95).
 * Below 1m it is accepted: that validation only demands whole numbers of integer resources, which CPU is
 * not; but Kubernetes accounts CPU in millicores with Quantity.MilliValue(), which rounds up (ceil(q × 1000),
 * quantity.go), e.g. the scheduler's Resource.Add (pkg/scheduler/framework/types.go), so `100u` counts as 1m.
 */
export function parseCpuQuantity(input: string | number): QuantityResult {
  const result = parseKubernetesQuantity(input);
  if (!result.ok) return result;
  if (result.value < 0) return fail(`CPU cannot be negative (${input})`);
  if (result.value > 0 && result.value < 0.001) {
    return ok(result.value, { kind: 'below-millicore', message: `"${input}" is ${trimNumber(result.value)} cores, below 1m: the API server accepts it, but Kubernetes counts CPU in whole millicores and rounds it up to 1m` });
  }
  return result;
}

/**
 * Memory in bytes: `512Mi`, `1G`, `1e9`, `129M`. A lower-case `m` on memory means milli-bytes: legal,
 * but `128m` is 0.128 bytes and is almost always a typo for `128Mi`; it is returned as suspicious.
 */
export function parseMemoryQuantity(input: string | number): QuantityResult {
  const result = parseKubernetesQuantity(input);
  if (!result.ok || result.suspicious) return result;
  if (result.value < 0) return fail(`memory cannot be negative (${input})`);
  if (typeof input === 'string' && result.value > 0 && /\dm$/.test(input.trim())) {
    return ok(result.value, { kind: 'milli-bytes', message: `"${input}" means ${trimNumber(result.value)} bytes (m is milli); did you mean ${input.trim().slice(0, -1)}Mi?` });
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
  // µ (U+00B5) and μ (U+03BC), as escapes: scripts/build.mjs keeps the bundles ASCII (compile-cache.ts).
  const parts = [...body.matchAll(/(\d+(?:\.\d*)?|\.\d+)([a-z\u00b5\u03bc]*)/g)];
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

// GOMEMLIMIT as the Go runtime reads it (golang/go src/runtime/mgcpacer.go readGOMEMLIMIT, Go ≥ 1.19;
// src/runtime/string.go parseByteCount @010079df): the variable is used verbatim (no trimming); "" and "off"
// mean no limit; anything else must match ^[0-9]+(([KMGT]i)?B)?$ (strconv.ParseInt also takes a leading +)
// and fit an int64, or the runtime throws "malformed GOMEMLIMIT" while it initialises and the process exits.
const GO_MEMLIMIT = /^\+?(\d+)((?:[KMGT]i)?B)?$/;
const GO_MEMLIMIT_UNITS: Record<string, bigint> = { B: 1n, KiB: 1n << 10n, MiB: 1n << 20n, GiB: 1n << 30n, TiB: 1n << 40n };
const MAX_INT64 = (1n << 63n) - 1n;

/** True when GOMEMLIMIT is unset in effect: empty or `off`. */
export function goMemLimitIsOff(input: string): boolean {
  return input === '' || input === 'off';
}

/**
 * GOMEMLIMIT in bytes; `off` and "" (no limit) are Number.MAX_SAFE_INTEGER. A value the runtime calls
 * malformed is an error: the Go process does not start.
 */
export function parseGoMemLimit(input: string): QuantityResult {
  if (goMemLimitIsOff(input)) return ok(Number.MAX_SAFE_INTEGER);
  const match = GO_MEMLIMIT.exec(input);
  const bytes = match ? BigInt(match[1]) * GO_MEMLIMIT_UNITS[match[2] ?? 'B'] : undefined;
  if (bytes === undefined || bytes > MAX_INT64) {
    return fail(`GOMEMLIMIT "${input}" is malformed for the Go runtime, so the process does not start ("malformed GOMEMLIMIT"): it takes a whole number of bytes with an optional B, KiB, MiB, GiB or TiB suffix, or off`);
  }
  return ok(Number(bytes));
}

/**
 * A GOMEMLIMIT value that means one thing only, for a malformed one: a Kubernetes binary suffix missing
 * its B (`1800Mi`), a wrong case or stray spaces (`1800 mib`), or a fraction of a binary unit that is a
 * whole number of a smaller one (`1.5GiB` = `1536MiB`). Decimal units (`1G`, `1800MB`) are ambiguous.
 */
export function goMemLimitCorrection(input: string): string | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt])i(b?)\s*$/i.exec(input);
  if (!match) return undefined;
  const units = ['', 'K', 'M', 'G', 'T'];
  let index = units.indexOf(match[2].toUpperCase());
  let amount = Number(match[1]);
  while (!Number.isInteger(amount) && index > 0) {
    amount *= 1024;
    index--;
  }
  if (!Number.isInteger(amount)) return undefined;
  const corrected = `${amount}${index === 0 ? '' : `${units[index]}i`}B`;
  return corrected === input || !parseGoMemLimit(corrected).ok ? undefined : corrected;
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
