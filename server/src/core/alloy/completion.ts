import type { AnalysisContext } from '../context';
import type { CompletionResult, Position } from '../types';
import { blockPathAt } from './components';
import type { AlloyParsed } from './parser';
import { ALLOY_COMPONENT_NAMES } from './schema/component-names';
import { COMPONENTS_BY_NAME } from './schema/components';
import type { BlockSpec } from './schema/types';
import type { TierSelection } from './tier';
import { formatAlloyBytes, formatDuration } from '../quantity';
import { recommended, recommendedReceiver } from './recommended';

/**
 * Top level: component names (as a block snippet). Inside a component the schema knows: the
 * arguments and blocks not yet written, with the tier's recommended value where there is one.
 */
export function completion(parsed: AlloyParsed, position: Position, ctx: AnalysisContext, tier: TierSelection | undefined): CompletionResult[] {
  const offset = parsed.lines.offsetAt(position);
  const path = blockPathAt(parsed.ast.body, offset).filter((b) => b.openBrace.end <= offset && offset <= (b.closeBrace?.start ?? b.span.end));
  if (path.length === 0) {
    return ALLOY_COMPONENT_NAMES.map((name) => ({
      label: name,
      kind: 'class' as const,
      detail: 'Alloy component',
      insertText: `${name} "\${1:default}" {\n\t$0\n}`,
      isSnippet: true,
    }));
  }
  const component = path.find((b) => COMPONENTS_BY_NAME.has(b.name));
  if (!component) return [];
  let spec: BlockSpec | undefined = COMPONENTS_BY_NAME.get(component.name);
  for (const block of path.slice(path.indexOf(component) + 1)) spec = spec?.blocks[block.name];
  if (!spec || spec.open) return [];
  const innermost = path[path.length - 1];
  const present = new Set(innermost.body.map((s) => s.name));
  const items: CompletionResult[] = [];
  for (const [name, arg] of Object.entries(spec.args)) {
    if (present.has(name)) continue;
    const blockPath = path.slice(path.indexOf(component) + 1).map((b) => b.name);
    const recommended = recommendedValue(ctx, component.name, [...blockPath, name].join('.'), tier);
    const value = recommended?.text ?? (arg.default !== undefined && typeof arg.default !== 'boolean' && !String(arg.default).includes(' ') ? String(arg.default) : undefined);
    items.push({
      label: name,
      kind: 'property',
      detail: `${arg.type}${arg.required ? ' (required)' : ''}${recommended ? ` — ${recommended.from}: ${recommended.text}` : ''}`,
      documentation: `${arg.doc}${arg.default !== undefined ? `\n\nDefault: \`${arg.default}\`` : ''}`,
      insertText: `${name} = ${value !== undefined ? `\${1:${value.replace(/[$}]/g, '\\$&')}}` : '$1'}`,
      isSnippet: true,
    });
  }
  for (const [name, block] of Object.entries(spec.blocks)) {
    if (present.has(name) && !block.repeatable) continue;
    items.push({ label: name, kind: 'module', detail: `block${block.required ? ' (required)' : ''}`, documentation: block.doc, insertText: `${name} {\n\t$0\n}`, isSnippet: true });
  }
  return items;
}

/** Arguments whose recommended value the sizing model holds, by component and argument path. */
const MODEL_ARGUMENTS: Record<string, Record<string, { group: 'batch' | 'memoryLimiter'; field: string; format: (n: number) => string } | { receiver: string; format: (n: number) => string }>> = {
  'otelcol.processor.batch': {
    send_batch_size: { group: 'batch', field: 'sendBatchSize', format: String },
    send_batch_max_size: { group: 'batch', field: 'sendBatchMaxSize', format: String },
    timeout: { group: 'batch', field: 'timeout', format: (n) => `"${formatDuration(n)}"` },
  },
  'otelcol.processor.memory_limiter': {
    limit: { group: 'memoryLimiter', field: 'limit', format: (n) => `"${formatAlloyBytes(n)}"` },
    spike_limit: { group: 'memoryLimiter', field: 'spikeLimit', format: (n) => `"${formatAlloyBytes(n)}"` },
    check_interval: { group: 'memoryLimiter', field: 'checkInterval', format: (n) => `"${formatDuration(n)}"` },
  },
  'otelcol.receiver.otlp': {
    'grpc.max_recv_msg_size': { receiver: 'grpc.max_recv_msg_size', format: (n) => `"${formatAlloyBytes(n)}"` },
    'grpc.max_concurrent_streams': { receiver: 'grpc.max_concurrent_streams', format: String },
    'grpc.read_buffer_size': { receiver: 'grpc.read_buffer_size', format: (n) => `"${formatAlloyBytes(n)}"` },
    'grpc.write_buffer_size': { receiver: 'grpc.write_buffer_size', format: (n) => `"${formatAlloyBytes(n)}"` },
    'http.max_request_body_size': { receiver: 'http.max_request_body_size', format: (n) => `"${formatAlloyBytes(n)}"` },
    'http.read_timeout': { receiver: 'http.read_timeout', format: (n) => `"${formatDuration(n)}"` },
    'http.write_timeout': { receiver: 'http.write_timeout', format: (n) => `"${formatDuration(n)}"` },
  },
};

/** The sizing model's value for an argument, labelled with where it comes from (the tier, else the document). */
function recommendedValue(ctx: AnalysisContext, component: string, argument: string, tier: TierSelection | undefined): { text: string; from: string } | undefined {
  const spec = MODEL_ARGUMENTS[component]?.[argument];
  if (!spec) return undefined;
  const model = 'receiver' in spec ? recommendedReceiver(ctx.catalog, tier, spec.receiver)
    : recommended(ctx.catalog, tier, spec.group, spec.field as never);
  return model ? { text: spec.format(model.value), from: model.from } : undefined;
}
