import type { AnalysisContext } from '../context';
import type { CompletionResult, Position } from '../types';
import { blockPathAt } from './components';
import type { AlloyParsed } from './parser';
import { ALLOY_COMPONENT_NAMES } from './schema/component-names';
import { COMPONENTS_BY_NAME } from './schema/components';
import type { BlockSpec } from './schema/types';
import type { TierSelection } from './tier';
import { formatAlloyBytes, formatDuration } from '../quantity';

/**
 * Top level: component names (as a block snippet). Inside a component the schema knows: the
 * arguments and blocks not yet written, with the tier's recommended value where there is one.
 */
export function completion(parsed: AlloyParsed, position: Position, _ctx: AnalysisContext, tier: TierSelection | undefined): CompletionResult[] {
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
    const recommended = innermost === component ? recommendedValue(component.name, name, tier) : undefined;
    const value = recommended ?? (arg.default !== undefined && typeof arg.default !== 'boolean' && !String(arg.default).includes(' ') ? String(arg.default) : undefined);
    items.push({
      label: name,
      kind: 'property',
      detail: `${arg.type}${arg.required ? ' (required)' : ''}${recommended ? ` — ${tier!.tier.tier} tier: ${recommended}` : ''}`,
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

function recommendedValue(component: string, argument: string, tier: TierSelection | undefined): string | undefined {
  const t = tier?.tier;
  if (!t) return undefined;
  if (component === 'otelcol.processor.batch') {
    if (argument === 'send_batch_size') return t.batch?.sendBatchSize?.toString();
    if (argument === 'send_batch_max_size') return t.batch?.sendBatchMaxSize?.toString();
    if (argument === 'timeout' && t.batch?.timeout !== undefined) return `"${formatDuration(t.batch.timeout)}"`;
  }
  if (component === 'otelcol.processor.memory_limiter') {
    if (argument === 'limit' && t.memoryLimiter?.limit !== undefined) return `"${formatAlloyBytes(t.memoryLimiter.limit)}"`;
    if (argument === 'spike_limit' && t.memoryLimiter?.spikeLimit !== undefined) return `"${formatAlloyBytes(t.memoryLimiter.spikeLimit)}"`;
    if (argument === 'check_interval') return '"1s"';
  }
  return undefined;
}
