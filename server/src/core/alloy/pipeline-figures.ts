import type { TierRecommendation } from '../capacity/catalog-types';
import { formatKubernetesMemory, parseAlloyBytes } from '../quantity';
import { recommendedAlloySetting } from '../report/sizing';
import type { BlockStmt } from './ast';
import { attribute, childBlock } from './rule-context';
import { COMPONENTS_BY_NAME } from './schema/components';
import type { BlockSpec } from './schema/types';
import { defaultIn } from './schema/versions';

// The capacity figures a pipeline node shows: the settings that size a component (batch flush size and
// interval, memory limiter limits, queue sizes, scrape interval), as written or as Alloy's default, with
// the chosen tier's value next to them when the sizing model gives one.

export interface NodeFigure {
  /** The argument path inside the component: `send_batch_size`, `sending_queue.queue_size`. */
  name: string;
  /** As written in the file, or Alloy's documented default. */
  value: string;
  /** The value is Alloy's default (the argument is not written). */
  isDefault?: boolean;
  /** The chosen tier's value, and where the sizing model has it from (`document § section`). */
  recommended?: { value: string; source: string };
  /** A computed comparison, e.g. the memory limiter's share of the pod's memory. */
  note?: string;
}

/** Which arguments size which components: exact names, or a family prefix ending in `.`. */
const SIZING_ARGUMENTS: [string, string[]][] = [
  ['otelcol.processor.batch', ['send_batch_size', 'send_batch_max_size', 'timeout']],
  ['otelcol.processor.memory_limiter', ['limit', 'limit_percentage', 'spike_limit', 'check_interval']],
  ['otelcol.exporter.', ['sending_queue.queue_size', 'sending_queue.num_consumers']],
  ['prometheus.remote_write', ['endpoint.queue_config.capacity', 'endpoint.queue_config.max_shards']],
  ['loki.write', ['endpoint.batch_size', 'endpoint.queue_config.capacity']],
  ['prometheus.scrape', ['scrape_interval', 'scrape_timeout']],
];

/** `version`: the Alloy release checked against (alloyVersion), whose defaults are shown for unwritten arguments. */
export function componentFigures(block: BlockStmt, tier: TierRecommendation | undefined, pod: { bytes: number; from: string } | undefined, version: string): NodeFigure[] {
  const entry = SIZING_ARGUMENTS.find(([name]) => (name.endsWith('.') ? block.name.startsWith(name) : block.name === name));
  if (!entry) return [];
  const figures: NodeFigure[] = [];
  for (const path of entry[1]) {
    const written = writtenValue(block, path);
    const fallback = written === undefined ? schemaDefault(block.name, path, version) : undefined;
    const value = written ?? fallback;
    if (value === undefined) continue;
    // `limit_percentage` defaults to 0 (unused): show it only where it is written.
    if (written === undefined && path.endsWith('_percentage')) continue;
    const figure: NodeFigure = { name: path, value, ...(written === undefined ? { isDefault: true } : {}) };
    const recommended = tier ? recommendedAlloySetting(tier, block.name, path) : undefined;
    if (recommended) figure.recommended = recommended;
    if (block.name === 'otelcol.processor.memory_limiter' && path === 'limit' && pod) {
      const bytes = parseAlloyBytes(value.replace(/^"|"$/g, ''));
      if (bytes.ok && bytes.value > 0) {
        figure.note = `${Math.round((bytes.value / pod.bytes) * 100)}% of ${formatKubernetesMemory(pod.bytes)}, ${pod.from}`;
      }
    }
    figures.push(figure);
  }
  return figures;
}

/** The literal text of `a.b.c` (blocks by name, the first of repeated ones), or undefined when not written. */
function writtenValue(block: BlockStmt, path: string): string | undefined {
  const parts = path.split('.');
  let current: BlockStmt | undefined = block;
  for (const part of parts.slice(0, -1)) current = current && childBlock(current, part);
  const attr = current && attribute(current, parts[parts.length - 1]);
  return attr ? (attr.value.kind === 'string' || attr.value.kind === 'number' || attr.value.kind === 'bool' ? attr.value.raw : 'expression') : undefined;
}

/** Alloy's default for an argument path in a release, from the component schema. */
function schemaDefault(component: string, path: string, version: string): string | undefined {
  let spec: BlockSpec | undefined = COMPONENTS_BY_NAME.get(component);
  const parts = path.split('.');
  for (const part of parts.slice(0, -1)) spec = spec?.blocks[part];
  const arg = spec?.args[parts[parts.length - 1]];
  return arg ? defaultIn(arg, version) : undefined;
}

