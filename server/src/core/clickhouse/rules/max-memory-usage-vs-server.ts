import type { Finding } from '../../types';
import { formatBytesHuman } from '../../quantity';
import { type ClickHouseRule, profileSettings, rangeOf, topLevel } from '../context';
import { literal, serverMemory } from './server-memory';

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
