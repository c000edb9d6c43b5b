import { type ClickHouseRule, rangeOf, topLevel } from '../context';
import { literal } from './server-memory';

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
