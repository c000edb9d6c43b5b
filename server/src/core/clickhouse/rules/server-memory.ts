import { parseNumber } from '../../quantity';
import { ratioDisablesServerLimit } from '../memory-limit';
import { settingValue } from '../settings-levels';
import { type ClickHouseRuleContext, topLevel } from '../context';
import { isSubstituted, type XmlElement } from '../xml';

// Helpers shared by the ClickHouse memory rules and the hover: literal values and the server's memory.

/** ClickHouse's default max_server_memory_usage_to_ram_ratio. */
export const DEFAULT_RATIO = 0.9;

/** A literal numeric setting value; undefined when absent, substituted or not a number. */
export function literal(element: XmlElement | undefined): number | undefined {
  if (!element || isSubstituted(element)) return undefined;
  const parsed = settingValue(element.name, element.text) ?? parseNumber(element.text);
  return parsed.ok ? parsed.value : undefined;
}

/** The memory the server allows itself: max_server_memory_usage, else ratio × pod memory. */
export function serverMemory(ctx: ClickHouseRuleContext): { bytes: number; how: string } | undefined {
  const absolute = literal(topLevel(ctx, 'max_server_memory_usage'));
  const ratio = literal(topLevel(ctx, 'max_server_memory_usage_to_ram_ratio')) ?? DEFAULT_RATIO;
  if (ratioDisablesServerLimit(ratio)) return undefined;
  const fromRatio = ctx.pod ? ctx.pod.bytes * ratio : undefined;
  if (absolute && absolute > 0) {
    const bytes = fromRatio !== undefined ? Math.min(absolute, fromRatio) : absolute;
    return { bytes, how: bytes === absolute ? 'max_server_memory_usage' : `ratio ${ratio} × ${ctx.pod!.from}` };
  }
  return fromRatio !== undefined ? { bytes: fromRatio, how: `ratio ${ratio} × ${ctx.pod!.from}` } : undefined;
}

