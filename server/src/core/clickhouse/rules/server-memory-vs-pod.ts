import { formatBytesHuman } from '../../quantity';
import { type ClickHouseRule, rangeOf, topLevel } from '../context';
import { DEFAULT_RATIO, literal } from './server-memory';
import { citeField } from '../../capacity/catalog';
import { ratioDisablesServerLimit } from '../memory-limit';

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
    if (ratioDisablesServerLimit(ratio)) return [];
    const ceiling = ctx.pod.bytes * ratio;
    if (bytes <= ceiling) return [];
    // The ratio the sizing model recommends (the chosen tier's, else the first ClickHouse tier that sets one: seed 004's 0.8).
    const recommended = (ctx.tier?.tier.clickhouse?.maxServerMemoryUsageToRamRatio !== undefined ? ctx.tier.tier : ctx.analysis.catalog.tiers('clickhouse').find((t) => t.clickhouse?.maxServerMemoryUsageToRamRatio !== undefined));
    const share = recommended?.clickhouse?.maxServerMemoryUsageToRamRatio;
    if (share === undefined) return [];
    const target = Math.floor(ctx.pod.bytes * share);
    return [{
      code: this.id, severity: 'warning', range: rangeOf(ctx, element.textSpan ?? element.nameSpan),
      message: `max_server_memory_usage ${formatBytesHuman(bytes)} is above ${ratio} × ${ctx.pod.from} (${formatBytesHuman(ceiling)}); ClickHouse lowers it to that at start-up. Set ${target} (${share} of the pod, the ratio of the ${recommended!.tier} tier), or drop it and use max_server_memory_usage_to_ram_ratio.`,
      citation: citeField(recommended!, 'clickhouse.maxServerMemoryUsageToRamRatio'),
      fixes: element.textSpan ? [{ title: `Set max_server_memory_usage to ${target}`, isPreferred: true, edits: [{ range: rangeOf(ctx, element.textSpan), newText: String(target) }] }] : [],
      related: ctx.pod.uri && ctx.pod.range ? [{ uri: ctx.pod.uri, range: ctx.pod.range, message: 'the container running this ClickHouse server' }] : undefined,
    }];
  },
};
