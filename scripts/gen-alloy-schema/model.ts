import type { Val } from './go-packages';
import type { ArgFacts } from '../../server/src/core/alloy/schema/data-types';

// The generator's working model of a component schema (before shared blocks are factored out into
// the committed data, server/src/core/alloy/schema/data/components.json).

export type SchemaArg = ArgFacts;

export interface SchemaBlock {
  args: Record<string, SchemaArg>;
  blocks: Record<string, SchemaBlock>;
  required?: boolean;
  repeatable?: boolean;
  /** Takes a label (`rule "name" { }`). */
  labelled?: boolean;
  /** One of an ordered list of blocks (loki.process `stage.*`): order matters, each may repeat. */
  ordered?: boolean;
  deprecated?: string;
  since?: string;
  removed?: string;
  /** Go type the block decodes into (generator only: names shared blocks). */
  goType?: string;
  /** The block is its ancestor of this Go type again (generator only: becomes a reference). */
  recursive?: string;
}

export interface SchemaComponent extends SchemaBlock {
  name: string;
  stability: 'generally-available' | 'public-preview' | 'experimental';
  community?: boolean;
  exports: Record<string, string>;
  /** Reference page under docs/sources/reference/components/. */
  page?: string;
}

/** A Go duration as Alloy's docs write it: `200ms`, `1m30s`, `0s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3600e9], ['m', 60e9], ['s', 1e9], ['ms', 1e6], ['us', 1e3], ['ns', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) { parts.push(`${n}${unit}`); rest -= n * size; }
  }
  return sign + parts.join('');
}

/** A byte count as a units.Base2Bytes string, exactly: `512KiB`, `4MiB`, `0B`. */
export function formatAlloyBytes(bytes: number): string {
  for (const [unit, size] of [['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}B`;
}

/** An evaluated Go default in Alloy syntax for an argument of type `type`, or undefined when unknown. */
export function formatDefault(type: string, value: Val): string | undefined {
  switch (value.k) {
    case 'unknown': return undefined;
    case 'nil': return type.startsWith('list(') ? undefined : type.startsWith('map(') ? undefined : 'null';
    case 'bool': return type === 'bool' ? String(value.v) : undefined;
    // math.MaxInt64 nanoseconds is how Go code says "no limit"; the docs write "infinity".
    case 'dur': return type === 'duration' && value.ns < 9e18 ? `"${formatGoDuration(value.ns)}"` : undefined;
    case 'bytes': return type === 'bytes' ? `"${formatAlloyBytes(value.n)}"` : type === 'number' ? String(value.n) : undefined;
    case 'num':
      if (type === 'duration') return `"${formatGoDuration(value.v)}"`;
      if (type === 'bytes') return `"${formatAlloyBytes(value.v)}"`;
      if (type === 'number') return String(value.v);
      // A number in a string-decoded field is a Go enum (an int with UnmarshalText): its text is unknown here.
      return undefined;
    case 'str':
      if (['string', 'secret', 'optional_secret', 'duration', 'bytes'].includes(type)) return JSON.stringify(value.v);
      return undefined;
    case 'list': {
      if (!type.startsWith('list(')) return undefined;
      const inner = type.slice(5, -1);
      const items = value.items.map((item) => formatDefault(inner, item));
      if (items.some((i) => i === undefined)) return undefined;
      return `[${items.join(', ')}]`;
    }
    case 'map': {
      if (!type.startsWith('map(')) return undefined;
      const inner = type.slice(4, -1);
      const entries = value.entries.map(([k, v]) => (k.k === 'str' ? `${JSON.stringify(k.v)} = ${formatDefault(inner, v)}` : undefined));
      if (entries.some((e) => e === undefined || e.endsWith('undefined'))) return undefined;
      return entries.length === 0 ? '{}' : `{${entries.join(', ')}}`;
    }
    default: return undefined;
  }
}
