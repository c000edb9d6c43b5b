import type { Finding } from '../../types';
import { citeField } from '../../capacity/catalog';
import { type ClickHouseRule, rangeOf, topLevel } from '../context';
import { literal } from './server-memory';

export const clickhouseTier: ClickHouseRule = {
  id: 'clickhouse/tier',
  defaultSeverity: 'info',
  doc: 'With a tier chosen (or a load stated), the top-level server settings the tier\'s document sets (seed 004 enterprise: memory ratio, concurrent queries, connections, background pools, async insert threads; seed 002: ratio and concurrent queries) compared with its values.',
  sources: [{ document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling > ClickHouse Scaling' }],
  check(ctx) {
    const tier = ctx.tier?.tier;
    const recommended = tier?.clickhouse;
    if (!tier || !recommended) return [];
    const pairs: [string, keyof typeof recommended][] = [
      ['max_server_memory_usage_to_ram_ratio', 'maxServerMemoryUsageToRamRatio'],
      ['max_concurrent_queries', 'maxConcurrentQueries'],
      ['max_connections', 'maxConnections'],
      ['background_pool_size', 'backgroundPoolSize'],
      ['background_schedule_pool_size', 'backgroundSchedulePoolSize'],
      ['async_insert_threads', 'asyncInsertThreads'],
    ];
    const findings: Finding[] = [];
    for (const [name, field] of pairs) {
      const target = recommended[field];
      const element = topLevel(ctx, name);
      const value = literal(element);
      if (!element?.textSpan || value === undefined || target === undefined || value === target) continue;
      findings.push({
        code: this.id, severity: 'info', range: rangeOf(ctx, element.textSpan), citation: citeField(tier, `clickhouse.${field}`),
        message: `<${name}> is ${value}; the ${tier.tier} tier (from ${ctx.tier!.how}) uses ${target}.`,
        fixes: [{ title: `Set ${name} to ${target}`, isPreferred: true, edits: [{ range: rangeOf(ctx, element.textSpan), newText: String(target) }] }],
      });
    }
    return findings;
  },
};
