import type { Finding } from '../../types';
import { citeField } from '../../capacity/catalog';
import { type ClickHouseRule, rangeOf, topLevel } from '../context';
import { literal } from './server-memory';

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
