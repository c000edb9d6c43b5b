import type { Finding } from '../../types';
import { formatBytesHuman } from '../../quantity';
import { type ClickHouseRule, profileSettings, rangeOf, topLevel } from '../context';
import { literal, serverMemory } from './server-memory';
import { citeField } from '../../capacity/catalog';

export const maxMemoryUsageVsServer: ClickHouseRule = {
  id: 'clickhouse/max-memory-usage-vs-server',
  defaultSeverity: 'warning',
  doc: 'A per-query max_memory_usage at or above the memory the whole server may use: one query can take everything, and concurrent queries fail with "Memory limit (total) exceeded". Seed 004\'s enterprise profile keeps it well below its server memory.',
  sources: [{ document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling > ClickHouse Scaling' }],
  check(ctx) {
    const server = serverMemory(ctx);
    if (!server) return [];
    // The sizing model's example of a per-query limit beside its server memory (seed 004's enterprise profile).
    const example = ctx.analysis.catalog.tiers('clickhouse').find((t) => t.clickhouse?.maxMemoryUsage !== undefined && t.limits?.memory !== undefined && t.clickhouse.maxServerMemoryUsageToRamRatio !== undefined);
    const findings: Finding[] = [];
    const candidates = [topLevel(ctx, 'max_memory_usage'), ...profileSettings(ctx).filter((p) => p.element.name === 'max_memory_usage').map((p) => p.element)];
    for (const element of candidates) {
      const bytes = literal(element);
      if (!element || bytes === undefined || bytes === 0 || bytes < server.bytes) continue;
      findings.push({
        code: this.id, severity: 'warning', range: rangeOf(ctx, element.textSpan ?? element.nameSpan), citation: example ? citeField(example, 'clickhouse.maxMemoryUsage') : this.sources[0],
        message: `max_memory_usage ${formatBytesHuman(bytes)} per query is not below the server's ${formatBytesHuman(server.bytes)} (${server.how}): a single query can exhaust the server. Keep it well below${example ? `, as the ${example.tier} tier does (${example.figures?.['clickhouse.maxMemoryUsage']?.printed ?? example.clickhouse!.maxMemoryUsage} with a ${example.figures?.['limits.memory']?.printed ?? ''} pod at ratio ${example.clickhouse!.maxServerMemoryUsageToRamRatio})` : ''}.`,
      });
    }
    return findings;
  },
};
