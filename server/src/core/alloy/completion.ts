import type { AnalysisContext } from '../context';
import type { CompletionResult, Position } from '../types';
import type { BlockStmt } from './ast';
import { blockPathAt } from './components';
import type { AlloyParsed } from './parser';
import { COMPONENTS, CONFIG_BLOCK_SPECS, argumentNote } from './schema/components';
import type { ArgSpec, BlockSpec, ComponentSpec } from './schema/types';
import { type AlloyType, assignable, formatAlloyType, parseAlloyType } from './schema/alloy-types';
import { availableIn, defaultIn } from './schema/versions';
import { importedModules } from './modules';
import { specPath, type AlloyScope } from './scope';
import type { TierSelection } from './tier';
import { formatAlloyBytes, formatDuration } from '../quantity';
import { recommended, recommendedReceiver } from './recommended';

/**
 * Top level (and in declare bodies and foreach templates): component names of the chosen release,
 * custom and imported components, config blocks. Inside a known block: the arguments and blocks not yet
 * written, with the tier's recommended value where there is one. After `name =`: allowed values,
 * true/false, and references to the exports of the file's components that have the type it takes.
 */
export function completion(parsed: AlloyParsed, position: Position, ctx: AnalysisContext, scope: AlloyScope, tier: TierSelection | undefined): CompletionResult[] {
  const offset = parsed.lines.offsetAt(position);
  const path = blockPathAt(parsed.ast.body, offset).filter((b) => b.openBrace.end <= offset && offset <= (b.closeBrace?.start ?? b.span.end));
  const atComponentLevel = path.every((b, i) => b.name === 'declare' || (b.name === 'template' && path[i - 1]?.name === 'foreach') || (b.name === 'foreach' && path[i + 1]?.name === 'template'));
  if (atComponentLevel) return componentNames(parsed, scope, path.length === 0);
  const at = specPath(path, scope);
  if (!at?.spec || at.spec.open) return [];
  const innermost = path[path.length - 1];
  const value = valueContext(parsed.doc.text, innermost, offset);
  if (value) {
    const arg = at.spec.args[value.name];
    return arg ? valueItems(scope, arg, value.inList) : [];
  }
  return memberItems(ctx, at.component, at.nested.map((b) => b.name), at.spec, innermost, scope, tier);
}

function componentNames(parsed: AlloyParsed, scope: AlloyScope, topLevel: boolean): CompletionResult[] {
  const snippet = (name: string) => `${name} "\${1:default}" {\n\t$0\n}`;
  const items: CompletionResult[] = COMPONENTS.filter((c) => availableIn(c, scope.version)).map((c) => ({
    label: c.name,
    kind: 'class' as const,
    detail: `Alloy component${c.stability !== 'ga' ? ` (${c.stability})` : ''}`,
    documentation: c.doc,
    insertText: snippet(c.name),
    isSnippet: true,
  }));
  for (const name of scope.index.declares.keys()) {
    items.push({ label: name, kind: 'class', detail: 'custom component (declare)', insertText: snippet(name), isSnippet: true });
  }
  for (const [namespace, block] of scope.index.imports) {
    for (const facts of importedModules(parsed.doc.uri, block, scope.modules.workspaceIndex())) {
      for (const declare of facts.alloy!.declares) {
        const name = `${namespace}.${declare.name}`;
        items.push({ label: name, kind: 'class', detail: `custom component from ${facts.uri}`, insertText: snippet(name), isSnippet: true });
      }
    }
  }
  if (topLevel) {
    for (const name of CONFIG_BLOCK_SPECS.keys()) {
      const labelled = name.startsWith('import.') || ['argument', 'export', 'foreach'].includes(name);
      items.push({ label: name, kind: 'module', detail: 'config block', insertText: labelled ? snippet(name) : `${name} {\n\t$0\n}`, isSnippet: true });
    }
    items.push({ label: 'declare', kind: 'module', detail: 'custom component', insertText: snippet('declare'), isSnippet: true });
  }
  return items;
}

function memberItems(ctx: AnalysisContext, component: ComponentSpec, names: string[], spec: BlockSpec, innermost: BlockStmt, scope: AlloyScope, tier: TierSelection | undefined): CompletionResult[] {
  const present = new Set(innermost.body.map((s) => s.name));
  const items: CompletionResult[] = [];
  for (const [name, arg] of Object.entries(spec.args)) {
    if (present.has(name) || !availableIn(arg, scope.version)) continue;
    // The sizing model's value where a document recommends one (the tier's, else the document's).
    const model = recommendedValue(ctx, component.name, [...names, name].join('.'), tier);
    const shownDefault = defaultIn(arg, scope.version);
    const value = model?.text ?? (shownDefault !== undefined && !['true', 'false'].includes(shownDefault) && !shownDefault.includes(' ') ? shownDefault : undefined);
    const note = arg.doc ?? argumentNote(component.name, names, name);
    items.push({
      label: name,
      kind: 'property',
      detail: `${formatAlloyType(parseAlloyType(arg.type))}${arg.required ? ' (required)' : ''}${arg.deprecated ? ' (deprecated)' : ''}${model ? ` — ${model.from}: ${model.text}` : ''}`,
      documentation: [note, shownDefault !== undefined ? `Default: \`${shownDefault}\`` : undefined, arg.enum ? `Allowed: ${arg.enum.map((v) => `"${v}"`).join(', ')}` : undefined].filter(Boolean).join('\n\n') || undefined,
      insertText: `${name} = ${value !== undefined ? `\${1:${value.replace(/[$}\\]/g, '\\$&')}}` : '$1'}`,
      isSnippet: true,
    });
  }
  for (const [name, block] of Object.entries(spec.blocks)) {
    if ((present.has(name) && !block.repeatable) || !availableIn(block, scope.version)) continue;
    items.push({
      label: name,
      kind: 'module',
      detail: `block${block.required ? ' (required)' : ''}${block.repeatable ? ', may repeat' : ''}`,
      documentation: block.doc,
      insertText: block.labelled ? `${name} "\${1:name}" {\n\t$0\n}` : `${name} {\n\t$0\n}`,
      isSnippet: true,
    });
  }
  return items;
}

/** `name = |` or `name = [a, |` in `block`, before `offset`: the argument and whether the cursor is in a list. */
function valueContext(text: string, block: BlockStmt, offset: number): { name: string; inList: boolean } | undefined {
  let depth = 0;
  let inList = false;
  for (let i = offset - 1; i >= block.openBrace.end; i--) {
    const c = text[i];
    if (c === ']' || c === ')' || c === '}') depth++;
    else if (c === '[' || c === '(' || c === '{') {
      if (depth > 0) { depth--; continue; }
      if (c !== '[') return undefined;
      inList = true;
      const before = /([A-Za-z_]\w*)\s*=\s*$/.exec(text.slice(block.openBrace.end, i));
      return before ? { name: before[1], inList } : undefined;
    } else if (depth === 0 && c === '\n' && !inList) {
      const line = text.slice(i + 1, offset);
      const m = /^\s*([A-Za-z_]\w*)\s*=\s*[^,]*$/.exec(line);
      return m ? { name: m[1], inList: false } : undefined;
    }
  }
  const m = /([A-Za-z_]\w*)\s*=\s*[^,\n]*$/.exec(text.slice(block.openBrace.end, offset));
  return m ? { name: m[1], inList: false } : undefined;
}

function valueItems(scope: AlloyScope, arg: ArgSpec, inList: boolean): CompletionResult[] {
  const items: CompletionResult[] = [];
  const type = parseAlloyType(arg.type);
  const wanted: AlloyType | undefined = inList ? (type.kind === 'list' ? type.elem : undefined) : type;
  if (!wanted) return [];
  for (const value of arg.enum ?? []) items.push({ label: `"${value}"`, kind: 'value', detail: 'allowed value', insertText: JSON.stringify(value) });
  if (wanted.kind === 'bool') for (const value of ['true', 'false']) items.push({ label: value, kind: 'value', insertText: value });
  // References to exports of the file's components that the argument accepts.
  if (['capsule', 'list', 'map'].includes(wanted.kind)) {
    for (const [key, block] of scope.index.components) {
      const resolution = scope.modules.resolve(block.name);
      if (resolution.kind !== 'builtin' && resolution.kind !== 'declare') continue;
      for (const [name, exportType] of Object.entries(resolution.spec.exports)) {
        const exported = parseAlloyType(exportType);
        if (exported.kind === 'any' || !assignable(exported, wanted)) continue;
        items.push({ label: `${key}.${name}`, kind: 'field', detail: formatAlloyType(exported), insertText: `${key}.${name}` });
      }
    }
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
