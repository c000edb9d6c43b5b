import type { Citation } from '../types';
import { parseAlloyBytes, parseCpuQuantity, parseGoDuration, parseMemoryQuantity } from '../quantity';

// A figure is one number of a capacity-planning document, as the sizing model holds it: the value in
// base units, the token exactly as the document prints it, and where it stands (document, section
// heading path, and the key naming it in the section: `Row / Column` of a table, the key path of a
// configuration line, the label of a text line). The value is read from the printed token, so the
// model cannot drift from the document; where the document's own arithmetic is wrong the model keeps
// the recomputed value and records the printed one.

/** How a printed token is read. */
export type Unit =
  /** CPU cores from a Kubernetes quantity (`500m`, `2`). */
  | 'cpu'
  /** Bytes from a Kubernetes quantity (`512Mi`, `16Gi+`). */
  | 'memory'
  /** Bytes from a Go/Alloy size (`32MiB`, `512KiB`, `1800MiB`). */
  | 'bytes'
  /** Bytes from a decimal size (`16GB`, `1.5e9`, `500MB`): powers of 1000, as the documents write GB. */
  | 'decimal-bytes'
  /** Milliseconds from a Go duration (`5s`, `1m`), or a bare number of seconds with `unit: 'seconds'`. */
  | 'duration'
  | 'seconds'
  | 'milliseconds'
  /** Bytes from a bare number of decimal megabytes, gigabytes or terabytes (`50` in a "Memory (MB)" cell, `32  # GB`). */
  | 'MB'
  | 'GB'
  | 'TB'
  /** Mebibytes from a bare number (`limit_mib = 1000`). */
  | 'mib'
  /** A plain count or rate: `10,000`, `100_000`, `2.2K`, `100k+`, `1.5M`. */
  | 'number'
  /** US dollars per month: `$3,200`. */
  | 'usd'
  /** A percentage: `70%` or a bare `70` where the key says percent. */
  | 'percent'
  /** A percentage read as a fraction: `80%` → 0.8. */
  | 'fraction';

export interface Figure {
  /** Base units: cores, bytes, milliseconds, a count, dollars, percent (0–100). */
  value: number;
  /** The token as the document prints it. */
  printed: string;
  unit: Unit;
  source: Citation;
  /** Where in the section: `Row / Column` of a table, a configuration key path, or a text label. */
  key: string;
  /** When the document's arithmetic is wrong: the value it prints (value is the recomputed one). */
  printedValue?: number;
  note?: string;
}

const SCALE: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, B: 1e9 };
const DECIMAL_BYTES: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** Reads a printed token in `unit`; throws with the token named (model data is ours, checked at load). */
export function readPrinted(printed: string, unit: Unit): number {
  const text = printed.replace(/\+$/, '').replace(/[,_]/g, '');
  const fail = (why: string): never => { throw new Error(`figure "${printed}" (${unit}): ${why}`); };
  const must = (result: { ok: true; value: number } | { ok: false; error: string }) => (result.ok ? result.value : fail(result.error));
  switch (unit) {
    case 'cpu': return must(parseCpuQuantity(text));
    case 'memory': return must(parseMemoryQuantity(text));
    case 'bytes': return must(parseAlloyBytes(text));
    case 'duration': return must(parseGoDuration(text));
    case 'decimal-bytes': {
      const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([KMGT]?B)?$/.exec(text) ?? fail('not a decimal size');
      return Number(match[1]) * DECIMAL_BYTES[match[2] ?? 'B'];
    }
    case 'seconds':
    case 'milliseconds': {
      const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text) ?? fail('not a number of seconds');
      const seconds = match[2] === 'ms' ? Number(match[1]) / 1000 : unit === 'milliseconds' && !match[2] ? Number(match[1]) / 1000 : Number(match[1]);
      return seconds * 1000;
    }
    case 'MB':
    case 'GB':
    case 'TB': {
      const match = /^(\d+(?:\.\d+)?)$/.exec(text) ?? fail(`not a number of ${unit}`);
      return Number(match[1]) * DECIMAL_BYTES[unit];
    }
    case 'mib': {
      const match = /^(\d+)$/.exec(text) ?? fail('not a number of MiB');
      return Number(match[1]) * 2 ** 20;
    }
    case 'usd': {
      const match = /^\$(\d+(?:\.\d+)?)$/.exec(text) ?? fail('not a dollar amount');
      return Number(match[1]);
    }
    case 'percent': {
      const match = /^(\d+(?:\.\d+)?)%?$/.exec(text) ?? fail('not a percentage');
      return Number(match[1]);
    }
    case 'fraction': {
      const match = /^(\d+(?:\.\d+)?)%$/.exec(text) ?? fail('not a percentage');
      return Number(match[1]) / 100;
    }
    case 'number': {
      const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKMB]?)$/.exec(text) ?? fail('not a number');
      return Number(match[1]) * SCALE[match[2]];
    }
  }
}

/** Figures of one section of one document: `at.figure('500m', 'cpu', 'Alloy / CPU')`. */
export interface SectionFigures {
  readonly source: Citation;
  figure(printed: string, unit: Unit, key: string, extra?: { printedValue?: number; value?: number; note?: string }): Figure;
}

/** Every figure the model declares, in declaration order (the coverage test checks each against its document). */
export const FIGURE_REGISTRY: Figure[] = [];

export function section(document: string, heading: string): SectionFigures {
  const source = { document, section: heading };
  return {
    source,
    figure(printed, unit, key, extra = {}) {
      const read = readPrinted(printed, unit);
      const value = extra.value ?? read;
      const figure: Figure = { value, printed, unit, source, key, ...(extra.value !== undefined ? { printedValue: extra.printedValue ?? read } : {}), ...(extra.note ? { note: extra.note } : {}) };
      FIGURE_REGISTRY.push(figure);
      return figure;
    },
  };
}

/** `§` citation text of a figure, for messages and hovers. */
export function cite(source: Citation): string {
  return `${source.document} § ${source.section}`;
}
