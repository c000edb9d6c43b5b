import type { AnalysisContext } from '../context';
import type { TierRecommendation } from '../capacity/catalog-types';
import { citeField } from '../capacity/catalog';
import { formatBytesHuman, formatDuration, formatKubernetesCpu, formatKubernetesMemory } from '../quantity';
import type { HoverResult, Position } from '../types';
import type { AttributeStmt, BlockStmt } from './ast';
import { blockPathAt } from './components';
import type { AlloyParsed } from './parser';
import { COMPONENTS_BY_NAME } from './schema/components';
import type { BlockSpec } from './schema/types';
import type { TierSelection } from './tier';
import { sizedFor } from './estimates';
import { cite } from '../capacity/figures';
import { bytesArg, durationArg, known, numberArg } from './rules/values';

const DOCS = 'https://grafana.com/docs/alloy/latest/reference/components/';

/** Hover on an argument name inside a component the schema knows: its documentation, default and tier row. */
export function argumentHover(parsed: AlloyParsed, position: Position, ctx: AnalysisContext, tier: TierSelection | undefined): HoverResult | null {
  const offset = parsed.lines.offsetAt(position);
  const path = blockPathAt(parsed.ast.body, offset);
  const component = path.find((b) => COMPONENTS_BY_NAME.has(b.name));
  if (!component) return null;
  const innermost = path[path.length - 1];
  const attribute = innermost.body.find((s): s is AttributeStmt => s.kind === 'attribute' && s.nameSpan.start <= offset && offset <= s.nameSpan.end);
  if (!attribute) return null;
  const spec = specFor(component, path);
  const arg = spec?.args[attribute.name];
  if (!arg) return null;
  const lines = [
    `**${attribute.name}** — \`${arg.type}\`${arg.required ? ', required' : ''}${arg.default !== undefined ? `, default \`${arg.default}\`` : ''}`,
    '',
    arg.doc,
  ];
  const blockPath = path.slice(path.indexOf(component) + 1).map((b) => b.name);
  const table = tierTable(component, [...blockPath, attribute.name].join('.'), ctx, tier);
  if (table) lines.push('', ...table);
  lines.push('', `[${component.name} reference](${DOCS}${COMPONENTS_BY_NAME.get(component.name)!.docs.replace(/\.md$/, '/')})`);
  return { range: parsed.lines.range(attribute.nameSpan.start, attribute.nameSpan.end), markdown: lines.join('\n') };
}

/** Schema notes for a component header hover: what it does and its capacity arguments as set. */
export function componentDocs(block: BlockStmt, ctx: AnalysisContext, tier: TierSelection | undefined): string[] {
  const spec = COMPONENTS_BY_NAME.get(block.name);
  if (!spec) return [];
  const lines = ['', spec.doc];
  const table = block.name === 'otelcol.processor.batch' ? tierTable(block, 'send_batch_size', ctx, tier)
    : block.name === 'otelcol.processor.memory_limiter' ? tierTable(block, 'limit', ctx, tier)
      : block.name === 'otelcol.receiver.otlp' ? tierTable(block, 'grpc.max_recv_msg_size', ctx, tier) : undefined;
  if (table) lines.push('', ...table);
  lines.push('', `[Reference](${DOCS}${spec.docs.replace(/\.md$/, '/')})`);
  return lines;
}

function specFor(component: BlockStmt, path: BlockStmt[]): BlockSpec | undefined {
  let spec: BlockSpec | undefined = COMPONENTS_BY_NAME.get(component.name);
  for (const block of path.slice(path.indexOf(component) + 1)) spec = spec?.blocks[block.name];
  return spec;
}

/**
 * The tier ladder of the alloy workload with this argument's recommendation in each row; the row of
 * the selected tier is marked, and the current value is shown beside it.
 */
function tierTable(component: BlockStmt, argument: string, ctx: AnalysisContext, tier: TierSelection | undefined): string[] | undefined {
  const tiers = ctx.catalog.tiers('alloy');
  const column = COLUMNS[`${component.name}.${argument}`];
  if (!column || tiers.length === 0) return undefined;
  const current = column.current(component);
  const rows = tiers.map((t) => {
    const marker = tier?.tier.tier === t.tier ? ' ◀ this file' : '';
    return `| ${tier?.tier.tier === t.tier ? `**${t.tier}**` : t.tier} | ${sizedFor(t) ?? '–'} | ${t.replicas ?? '–'} | ${t.requests?.cpu !== undefined ? formatKubernetesCpu(t.requests.cpu) : '–'} | ${memoryOf(t)} | ${column.recommended(t) ?? '–'}${marker} |`;
  });
  const source = citeField(tiers[0], column.field);
  const lines = [
    `Current value: **${current ?? 'not set'}**${tier ? ` · tier **${tier.tier.tier}** (from ${tier.how})` : ' · no tier chosen: add `// headroom: load otlp=<requests>/min` or `// headroom: workload=alloy tier=medium`'}`,
  ];
  if (tier?.selection) lines.push('', `Load → tier: ${tier.selection.reasons.join('; ')}${tier.selection.beyond.length ? `. ${tier.selection.beyond.join('; ')}` : ''}`);
  lines.push(
    '',
    `| alloy tier | sized for | replicas | CPU request | memory request (limit) | ${column.title} |`,
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Source: ${source.document} § ${source.section}; tiers: ${tiers[0].source.document} § Deployment Sizes`,
  );
  for (const conflict of (tier?.tier ?? tiers[0]).conflicts ?? []) {
    lines.push('', `Conflict in the document (${conflict.subject}): ${conflict.first.says} (${cite(conflict.first.figure.source)}); ${conflict.second.says} (${cite(conflict.second.figure.source)}). Headroom: ${conflict.resolution}.`);
  }
  return lines;
}

function memoryOf(tier: TierRecommendation): string {
  const limit = tier.limits?.memory;
  const request = tier.requests?.memory;
  if (limit !== undefined && request !== undefined) return `${formatKubernetesMemory(request)} (limit ${formatKubernetesMemory(limit)})`;
  return limit !== undefined ? formatKubernetesMemory(limit) : request !== undefined ? formatKubernetesMemory(request) : '–';
}

interface Column {
  title: string;
  field: string;
  current(block: BlockStmt): string | undefined;
  recommended(tier: TierRecommendation): string | undefined;
}

const shownNumber = (block: BlockStmt, name: string, fallback: number) => {
  const value = numberArg(block, name, fallback);
  return known(value) ? `${value.value}${value.state === 'default' ? ' (default)' : ''}` : undefined;
};

const COLUMNS: Record<string, Column> = {
  'otelcol.processor.batch.send_batch_size': {
    title: 'send_batch_size', field: 'batch.sendBatchSize',
    current: (b) => shownNumber(b, 'send_batch_size', 2000),
    recommended: (t) => t.batch?.sendBatchSize?.toString(),
  },
  'otelcol.processor.batch.send_batch_max_size': {
    title: 'send_batch_max_size', field: 'batch.sendBatchMaxSize',
    current: (b) => shownNumber(b, 'send_batch_max_size', 3000),
    recommended: (t) => t.batch?.sendBatchMaxSize?.toString(),
  },
  'otelcol.processor.batch.timeout': {
    title: 'timeout', field: 'batch.timeout',
    current: (b) => { const v = durationArg(b, 'timeout', 200); return known(v) ? formatDuration(v.value) : undefined; },
    recommended: (t) => (t.batch?.timeout !== undefined ? formatDuration(t.batch.timeout) : undefined),
  },
  'otelcol.processor.memory_limiter.limit': {
    title: 'limit (≤ 80% of the memory limit)', field: 'memoryLimiter.limit',
    current: (b) => { const v = bytesArg(b, 'limit'); return known(v) ? formatBytesHuman(v.value) : undefined; },
    recommended: (t) => {
      // Only a memory limit caps the pod (a request reserves); tiers without one get the document's value alone.
      const container = t.limits?.memory;
      const seed = t.memoryLimiter?.limit !== undefined ? formatBytesHuman(t.memoryLimiter.limit) : undefined;
      return container ? `${seed ?? ''}${seed ? ', ' : ''}≤ ${formatBytesHuman(container * 0.8)}` : seed;
    },
  },
  'otelcol.processor.memory_limiter.spike_limit': {
    title: 'spike_limit', field: 'memoryLimiter.spikeLimit',
    current: (b) => { const v = bytesArg(b, 'spike_limit'); return known(v) ? formatBytesHuman(v.value) : '20% of limit (default)'; },
    recommended: (t) => (t.memoryLimiter?.spikeLimit !== undefined ? formatBytesHuman(t.memoryLimiter.spikeLimit) : undefined),
  },
  'otelcol.processor.memory_limiter.check_interval': {
    title: 'check_interval', field: 'memoryLimiter.checkInterval',
    current: (b) => { const v = durationArg(b, 'check_interval'); return known(v) ? formatDuration(v.value) : undefined; },
    recommended: (t) => (t.memoryLimiter?.checkInterval !== undefined ? formatDuration(t.memoryLimiter.checkInterval) : undefined),
  },
  ...Object.fromEntries(['grpc.max_recv_msg_size', 'grpc.max_concurrent_streams', 'grpc.read_buffer_size', 'grpc.write_buffer_size', 'http.max_request_body_size', 'http.read_timeout', 'http.write_timeout'].map((path) => [
    `otelcol.receiver.otlp.${path}`,
    {
      title: path, field: `receiver.${path}`,
      current: (b: BlockStmt) => receiverValue(b, path),
      recommended: (t: TierRecommendation) => {
        const value = t.receiver?.[path];
        return value === undefined ? undefined : path.endsWith('streams') ? String(value) : path.endsWith('timeout') ? formatDuration(value) : formatBytesHuman(value);
      },
    } satisfies Column,
  ])),
};

/** The current value of a receiver argument by block path, as written. */
function receiverValue(receiver: BlockStmt, path: string): string | undefined {
  const [blockName, argument] = path.split('.');
  const block = receiver.body.find((s): s is BlockStmt => s.kind === 'block' && s.name === blockName);
  if (!block) return undefined;
  if (argument.endsWith('timeout')) {
    const duration = durationArg(block, argument);
    return known(duration) ? formatDuration(duration.value) : undefined;
  }
  if (argument.endsWith('streams')) {
    const count = numberArg(block, argument);
    return count?.state === 'set' ? String(count.value) : undefined;
  }
  const bytes = bytesArg(block, argument);
  return known(bytes) ? formatBytesHuman(bytes.value) : undefined;
}
