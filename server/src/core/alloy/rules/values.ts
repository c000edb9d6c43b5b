import type { AttributeStmt, BlockStmt } from '../ast';
import { parseAlloyBytes, parseGoDuration } from '../../quantity';
import { attribute } from '../rule-context';
import { builtinDefault } from '../schema/versions';

/**
 * What an argument evaluates to, when Headroom can tell: a literal, or the documented default when the
 * argument is absent. `unknown` for expressions (sys.env(...), references) evaluated at run time.
 */
export type Resolved<T> = { state: 'set'; value: T; attribute: AttributeStmt } | { state: 'default'; value: T } | { state: 'unknown' } | { state: 'invalid' };

export function numberArg(block: BlockStmt, name: string, fallback?: number): Resolved<number> | undefined {
  const attr = attribute(block, name);
  if (!attr) return fallback === undefined ? undefined : { state: 'default', value: fallback };
  const value = attr.value;
  if (value.kind === 'number' && typeof value.value === 'number') return { state: 'set', value: value.value, attribute: attr };
  if (value.kind === 'string' && /^\d+(\.\d+)?$/.test(String(value.value))) return { state: 'set', value: Number(value.value), attribute: attr };
  if (value.kind === 'string' || value.kind === 'bool') return { state: 'invalid' };
  return { state: 'unknown' };
}

export function durationArg(block: BlockStmt, name: string, fallbackMs?: number): Resolved<number> | undefined {
  const attr = attribute(block, name);
  if (!attr) return fallbackMs === undefined ? undefined : { state: 'default', value: fallbackMs };
  if (attr.value.kind !== 'string') return attr.value.kind === 'number' ? { state: 'invalid' } : { state: 'unknown' };
  const parsed = parseGoDuration(String(attr.value.value));
  return parsed.ok ? { state: 'set', value: parsed.value, attribute: attr } : { state: 'invalid' };
}

export function bytesArg(block: BlockStmt, name: string): Resolved<number> | undefined {
  const attr = attribute(block, name);
  if (!attr) return undefined;
  if (attr.value.kind !== 'string') return attr.value.kind === 'number' ? { state: 'invalid' } : { state: 'unknown' };
  const parsed = parseAlloyBytes(String(attr.value.value));
  return parsed.ok ? { state: 'set', value: parsed.value, attribute: attr } : { state: 'invalid' };
}

export function known<T>(resolved: Resolved<T> | undefined): resolved is { state: 'set'; value: T; attribute: AttributeStmt } | { state: 'default'; value: T } {
  return resolved !== undefined && (resolved.state === 'set' || resolved.state === 'default');
}

/**
 * Alloy's defaults in the release checked against (alloyVersion), from the generated schema: v1.11 changed
 * send_batch_size/send_batch_max_size from 8192/0 to 2000/3000 (grafana/alloy CHANGELOG v1.11.0); timeout 200ms.
 */
export function batchDefaults(version: string): { size: number; max: number; timeoutMs: number } {
  const read = (name: string) => builtinDefault('otelcol.processor.batch', name, version) ?? '';
  const timeout = parseGoDuration(read('timeout').replace(/"/g, ''));
  return { size: Number(read('send_batch_size')), max: Number(read('send_batch_max_size')), timeoutMs: timeout.ok ? timeout.value : NaN };
}
