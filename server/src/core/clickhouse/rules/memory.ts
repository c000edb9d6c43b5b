import type { Finding } from '../../types';
import { formatBytesHuman, parseNumber } from '../../quantity';
import { citeField } from '../../capacity/catalog';
import { type ClickHouseRule, type ClickHouseRuleContext, profileSettings, rangeOf, topLevel } from '../context';
import { isSubstituted, type XmlElement } from '../xml';
import { NUMERIC_SETTINGS } from '../settings-levels';

const DEFAULT_RATIO = 0.9;

function literal(element: XmlElement | undefined): number | undefined {
  if (!element || isSubstituted(element)) return undefined;
  const parsed = parseNumber(element.text);
  return parsed.ok ? parsed.value : undefined;
}

/** The memory the server allows itself: max_server_memory_usage, else ratio × pod memory. */
export function serverMemory(ctx: ClickHouseRuleContext): { bytes: number; how: string } | undefined {
  const absolute = literal(topLevel(ctx, 'max_server_memory_usage'));
  const ratio = literal(topLevel(ctx, 'max_server_memory_usage_to_ram_ratio')) ?? DEFAULT_RATIO;
  const fromRatio = ctx.pod ? ctx.pod.bytes * ratio : undefined;
  if (absolute && absolute > 0) {
    const bytes = fromRatio !== undefined ? Math.min(absolute, fromRatio) : absolute;
    return { bytes, how: bytes === absolute ? 'max_server_memory_usage' : `ratio ${ratio} × ${ctx.pod!.from}` };
  }
  return fromRatio !== undefined ? { bytes: fromRatio, how: `ratio ${ratio} × ${ctx.pod!.from}` } : undefined;
}

export const invalidValue: ClickHouseRule = {
  id: 'clickhouse/invalid-value',
  defaultSeverity: 'error',
  doc: 'A numeric setting whose value is not a number (ClickHouse fails to parse the config); values from incl/from_env/from_zk are not checked.',
  sources: [{ document: 'ClickHouse src/Core/ServerSettings.cpp', section: 'server settings' }],
  check(ctx) {
    const elements = [...(ctx.parsed.xml.root?.children ?? []), ...profileSettings(ctx).map((p) => p.element)];
    return elements.filter((e) => NUMERIC_SETTINGS.has(e.name) && !isSubstituted(e) && e.children.length === 0 && !parseNumber(e.text).ok).map((e) => ({
      code: this.id, severity: 'error' as const, range: rangeOf(ctx, e.textSpan ?? e.nameSpan),
      message: `<${e.name}> must be a number, not "${e.text}"${e.name.endsWith('_usage') || e.name.endsWith('_size') ? ' (a whole number of bytes, such as 12000000000)' : ''}.`,
    }));
  },
};

export const memoryRatio: ClickHouseRule = {
  id: 'clickhouse/memory-ratio',
  defaultSeverity: 'warning',
  doc: 'max_server_memory_usage_to_ram_ratio outside (0, 1]: at or below 0 ClickHouse has no memory; above 1 it may use more than the container limit and is OOM-killed. In a pod "RAM" is the cgroup limit. Seed 004 uses 0.8.',
  sources: [{ document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling > ClickHouse Scaling' }],
  check(ctx) {
    const element = topLevel(ctx, 'max_server_memory_usage_to_ram_ratio');
    const ratio = literal(element);
    if (ratio === undefined || !element) return [];
    if (ratio > 0 && ratio <= 1) return [];
    return [{
      code: this.id, severity: ratio <= 0 ? 'error' : 'warning', range: rangeOf(ctx, element.textSpan ?? element.nameSpan),
      message: ratio <= 0 ? `max_server_memory_usage_to_ram_ratio ${ratio} leaves the server no memory. Seed 004 uses 0.8.`
        : `max_server_memory_usage_to_ram_ratio ${ratio} lets ClickHouse use more than the pod's memory limit, so the kernel kills it before its own limit acts. Seed 004 uses 0.8.`,
      fixes: element.textSpan ? [{ title: 'Set the ratio to 0.8', isPreferred: true, edits: [{ range: rangeOf(ctx, element.textSpan), newText: '0.8' }] }] : [],
      citation: this.sources[0],
    }];
  },
};

export const serverMemoryVsPod: ClickHouseRule = {
  id: 'clickhouse/server-memory-vs-pod',
  defaultSeverity: 'warning',
  doc: 'max_server_memory_usage above 90% of the memory of the pod running the server: ClickHouse lowers it silently to memory × ratio ("Setting max_server_memory_usage was lowered"), so the configured number is not what runs; above the pod limit it is an OOM kill waiting to happen.',
  sources: [{ document: 'ClickHouse programs/server/Server.cpp', section: 'max_server_memory_usage' }],
  check(ctx) {
    const element = topLevel(ctx, 'max_server_memory_usage');
    const bytes = literal(element);
    if (!element || bytes === undefined || bytes <= 0 || !ctx.pod) return [];
    const ratio = literal(topLevel(ctx, 'max_server_memory_usage_to_ram_ratio')) ?? DEFAULT_RATIO;
    const ceiling = ctx.pod.bytes * ratio;
    if (bytes <= ceiling) return [];
    const target = Math.floor(ctx.pod.bytes * 0.8);
    return [{
      code: this.id, severity: 'warning', range: rangeOf(ctx, element.textSpan ?? element.nameSpan),
      message: `max_server_memory_usage ${formatBytesHuman(bytes)} is above ${ratio} × ${ctx.pod.from} (${formatBytesHuman(ceiling)}); ClickHouse lowers it to that at start-up. Set ${target} (80%, as seed 004's ratio), or drop it and use max_server_memory_usage_to_ram_ratio.`,
      fixes: element.textSpan ? [{ title: `Set max_server_memory_usage to ${target}`, isPreferred: true, edits: [{ range: rangeOf(ctx, element.textSpan), newText: String(target) }] }] : [],
      related: ctx.pod.uri && ctx.pod.range ? [{ uri: ctx.pod.uri, range: ctx.pod.range, message: 'the container running this ClickHouse server' }] : undefined,
    }];
  },
};

export const maxMemoryUsageVsServer: ClickHouseRule = {
  id: 'clickhouse/max-memory-usage-vs-server',
  defaultSeverity: 'warning',
  doc: 'A per-query max_memory_usage at or above the memory the whole server may use: one query can take everything, and concurrent queries fail with "Memory limit (total) exceeded". Seed 004 pairs 12e9 with a 16Gi pod at ratio 0.8.',
  sources: [{ document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling > ClickHouse Scaling' }],
  check(ctx) {
    const server = serverMemory(ctx);
    if (!server) return [];
    const findings: Finding[] = [];
    const candidates = [topLevel(ctx, 'max_memory_usage'), ...profileSettings(ctx).filter((p) => p.element.name === 'max_memory_usage').map((p) => p.element)];
    for (const element of candidates) {
      const bytes = literal(element);
      if (!element || bytes === undefined || bytes === 0 || bytes < server.bytes) continue;
      findings.push({
        code: this.id, severity: 'warning', range: rangeOf(ctx, element.textSpan ?? element.nameSpan), citation: this.sources[0],
        message: `max_memory_usage ${formatBytesHuman(bytes)} per query is not below the server's ${formatBytesHuman(server.bytes)} (${server.how}): a single query can exhaust the server. Keep it well below, as seed 004 does (12e9 of a 16Gi × 0.8 server).`,
      });
    }
    return findings;
  },
};

export const clickhouseTier: ClickHouseRule = {
  id: 'clickhouse/tier',
  defaultSeverity: 'info',
  doc: 'With a tier chosen, server settings compared with the tier (seed 004 enterprise: ratio 0.8, max_memory_usage 12e9 for a 16Gi pod, 200 concurrent queries, 1000 connections, background pools 16, async_insert_threads 8).',
  sources: [{ document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling > ClickHouse Scaling' }],
  check(ctx) {
    const tier = ctx.tier?.tier;
    const recommended = tier?.clickhouse;
    if (!tier || !recommended) return [];
    const pairs: [string, number | undefined][] = [
      ['max_server_memory_usage_to_ram_ratio', recommended.maxServerMemoryUsageToRamRatio],
      ['max_concurrent_queries', recommended.maxConcurrentQueries],
      ['max_connections', recommended.maxConnections],
      ['background_pool_size', recommended.backgroundPoolSize],
      ['background_schedule_pool_size', recommended.backgroundSchedulePoolSize],
      ['async_insert_threads', recommended.asyncInsertThreads],
    ];
    const findings: Finding[] = [];
    for (const [name, target] of pairs) {
      const element = topLevel(ctx, name);
      const value = literal(element);
      if (!element?.textSpan || value === undefined || target === undefined || value === target) continue;
      findings.push({
        code: this.id, severity: 'info', range: rangeOf(ctx, element.textSpan), citation: citeField(tier, 'clickhouse'),
        message: `<${name}> is ${value}; the ${tier.tier} tier (from ${ctx.tier!.how}) uses ${target}.`,
        fixes: [{ title: `Set ${name} to ${target}`, isPreferred: true, edits: [{ range: rangeOf(ctx, element.textSpan), newText: String(target) }] }],
      });
    }
    return findings;
  },
};
