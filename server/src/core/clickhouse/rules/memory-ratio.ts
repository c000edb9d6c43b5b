import type { TierRecommendation } from '../../capacity/catalog-types';
import { citeField } from '../../capacity/catalog';
import { type ClickHouseRule, type ClickHouseRuleContext, rangeOf, topLevel } from '../context';
import { ratioDisablesServerLimit } from '../memory-limit';
import { literal } from './server-memory';

/** The tier that recommends a ratio: the chosen tier when it has one, else the catalog's ClickHouse tier that does. */
function recommendation(ctx: ClickHouseRuleContext): TierRecommendation | undefined {
  const chosen = ctx.tier?.tier;
  if (chosen?.clickhouse?.maxServerMemoryUsageToRamRatio !== undefined) return chosen;
  return ctx.analysis.catalog.tiers('clickhouse').find((t) => t.clickhouse?.maxServerMemoryUsageToRamRatio !== undefined);
}

export const memoryRatio: ClickHouseRule = {
  id: 'clickhouse/memory-ratio',
  defaultSeverity: 'warning',
  doc: 'max_server_memory_usage_to_ram_ratio outside (0, 1]. 0 removes the server\'s own memory limit (ClickHouse lowers max_server_memory_usage to memory × 0 = 0, and a limit of 0 is no limit), so only the kernel stops it; a negative ratio makes that product meaningless; above 1 ClickHouse may use more than the container limit and is OOM-killed first. In a pod "RAM" is the cgroup limit. The fix uses the ratio of the capacity documents (seed 004).',
  sources: [
    { document: 'ClickHouse programs/server/Server.cpp', section: 'max_server_memory_usage_to_ram_ratio' },
    { document: '004_8f602a648d2b47bd.txt', section: 'Component Scaling > ClickHouse Scaling' },
  ],
  check(ctx) {
    const element = topLevel(ctx, 'max_server_memory_usage_to_ram_ratio');
    const ratio = literal(element);
    if (ratio === undefined || !element) return [];
    if (ratio > 0 && ratio <= 1) return [];
    const tier = recommendation(ctx);
    const recommended = tier?.clickhouse?.maxServerMemoryUsageToRamRatio;
    const advice = tier && recommended !== undefined ? ` The ${tier.tier} ${tier.workload} tier uses ${recommended}.` : '';
    const message = ratioDisablesServerLimit(ratio)
      ? `max_server_memory_usage_to_ram_ratio 0 removes the server's memory limit: ClickHouse lowers max_server_memory_usage to memory × 0 = 0, and 0 means no limit, so nothing but the kernel's OOM killer stops it.${advice}`
      : ratio < 0 ? `max_server_memory_usage_to_ram_ratio ${ratio} is negative: ClickHouse multiplies the memory by it into an unsigned byte count, so the limit it ends up with is meaningless.${advice}`
        : `max_server_memory_usage_to_ram_ratio ${ratio} lets ClickHouse use more than the pod's memory limit, so the kernel kills it before its own limit acts.${advice}`;
    return [{
      code: this.id, severity: ratio < 0 ? 'error' : 'warning', range: rangeOf(ctx, element.textSpan ?? element.nameSpan), message,
      fixes: element.textSpan && recommended !== undefined
        ? [{ title: `Set the ratio to ${recommended}`, isPreferred: true, edits: [{ range: rangeOf(ctx, element.textSpan), newText: String(recommended) }] }] : [],
      citation: tier ? citeField(tier, 'clickhouse') : undefined,
    }];
  },
};
