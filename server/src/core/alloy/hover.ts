import type { AnalysisContext } from '../context';
import type { TierRecommendation } from '../capacity/catalog-types';
import { citeField } from '../capacity/catalog';
import { formatBytesHuman, formatDuration, formatKubernetesCpu, formatKubernetesMemory } from '../quantity';
import type { HoverResult, Position } from '../types';
import type { AttributeStmt, BlockStmt } from './ast';
import { referencePath } from './ast';
import { blockPathAt, findExprAt } from './components';
import type { AlloyParsed } from './parser';
import { CONFIG_BLOCK_SPECS, argumentNote, configBlockUrl, referenceUrl } from './schema/components';
import type { ComponentSpec } from './schema/types';
import { formatAlloyType, parseAlloyType } from './schema/alloy-types';
import { availability, availableIn, defaultIn } from './schema/versions';
import type { TierSelection } from './tier';
import { componentAt } from './navigation';
import { importedModules } from './modules';
import { specPath, type AlloyScope } from './scope';
import { headerOf } from './rule-context';
import { sizedFor } from './estimates';
import { cite } from '../capacity/figures';
import { batchDefaults, bytesArg, durationArg, known, numberArg } from './rules/values';
import { CONTAINER_SHARE } from './rules/memory-limiter';

/**
 * Hover on an argument or block name, a standard library function (`stdlib`, the editor's), a component
 * header, a reference, or an `argument.X.value`.
 */
export function alloyHover(parsed: AlloyParsed, position: Position, ctx: AnalysisContext, scope: AlloyScope, tier: TierSelection | undefined, stdlib: () => HoverResult | null): HoverResult | null {
  return argumentHover(parsed, position, ctx, scope, tier)
    ?? nestedBlockHover(parsed, position, scope)
    ?? stdlib()
    ?? componentHover(parsed, position, ctx, scope, tier)
    ?? declareArgumentHover(parsed, position, scope);
}

/** Hover on an argument name inside a known block: type, default in the chosen release, allowed values, versions, our note, the tier row. */
function argumentHover(parsed: AlloyParsed, position: Position, ctx: AnalysisContext, scope: AlloyScope, tier: TierSelection | undefined): HoverResult | null {
  const offset = parsed.lines.offsetAt(position);
  const path = blockPathAt(parsed.ast.body, offset);
  const innermost = path[path.length - 1];
  const attribute = innermost?.body.find((s): s is AttributeStmt => s.kind === 'attribute' && s.nameSpan.start <= offset && offset <= s.nameSpan.end);
  if (!attribute) return null;
  const at = specPath(path, scope);
  const arg = at?.spec?.args[attribute.name];
  if (!at || !arg) return null;
  const names = at.nested.map((b) => b.name);
  const shownDefault = defaultIn(arg, scope.version);
  const lines = [
    `**${attribute.name}** — \`${formatAlloyType(parseAlloyType(arg.type))}\`${arg.required ? ', required' : ''}${shownDefault !== undefined ? `, default \`${shownDefault}\`` : ''}`,
    '',
  ];
  const note = arg.doc ?? argumentNote(at.component.name, names, attribute.name);
  if (note) lines.push(note, '');
  if (arg.enum) lines.push(`Allowed values: ${arg.enum.map((v) => `\`"${v}"\``).join(', ')}${arg.enumFromDocs ? ' (as the reference page lists them)' : ''}.`, '');
  const versions = versionNotes(arg, scope.version);
  if (versions) lines.push(versions, '');
  if (arg.defaults && arg.defaults.length > 1) {
    lines.push(`Default by release: ${arg.defaults.map(([from, value]) => `${value ?? 'unset'} from ${from}`).join(', ')}.`, '');
  }
  const table = tierTable(at.componentBlock, [...names, attribute.name].join('.'), ctx, tier, scope.version);
  if (table) lines.push(...table, '');
  const link = referenceLink(at.component, names[names.length - 1]);
  if (link) lines.push(link);
  return { range: parsed.lines.range(attribute.nameSpan.start, attribute.nameSpan.end), markdown: lines.join('\n').trimEnd() };
}

/** Hover on the name of a nested block (`queue_config`, `stage.json`). */
function nestedBlockHover(parsed: AlloyParsed, position: Position, scope: AlloyScope): HoverResult | null {
  const offset = parsed.lines.offsetAt(position);
  const path = blockPathAt(parsed.ast.body, offset);
  const innermost = path[path.length - 1];
  if (!innermost || offset < innermost.nameSpan.start || offset > innermost.nameSpan.end) return null;
  const at = specPath(path, scope);
  if (!at || at.nested.length === 0 || !at.spec) return null;
  const spec = at.spec;
  const traits = [spec.required ? 'required' : 'optional', spec.repeatable ? (spec.ordered ? 'may repeat, applied in order' : 'may repeat') : undefined, spec.labelled ? 'takes a label' : undefined].filter(Boolean);
  const lines = [`**${innermost.name}** block of ${[at.component.name, ...at.nested.slice(0, -1).map((b) => b.name)].join(' > ')} — ${traits.join(', ')}`, ''];
  if (!spec.open) {
    const args = Object.entries(spec.args).filter(([, a]) => availableIn(a, scope.version));
    const blocks = Object.entries(spec.blocks).filter(([, b]) => availableIn(b, scope.version));
    lines.push(`Arguments: ${args.map(([n, a]) => `\`${n}\`${a.required ? ' (required)' : ''}`).join(', ') || 'none'}.`);
    if (blocks.length > 0) lines.push(`Blocks: ${blocks.map(([n]) => `\`${n}\``).join(', ')}.`);
    lines.push('');
  }
  const versions = versionNotes(spec, scope.version);
  if (versions) lines.push(versions, '');
  const link = referenceLink(at.component, innermost.name);
  if (link) lines.push(link);
  return { range: parsed.lines.range(innermost.nameSpan.start, innermost.nameSpan.end), markdown: lines.join('\n').trimEnd() };
}

/** Hover on a component header or a reference to it: where it is declared and used, and what it is. */
function componentHover(parsed: AlloyParsed, position: Position, ctx: AnalysisContext, scope: AlloyScope, tier: TierSelection | undefined): HoverResult | null {
  const offset = parsed.lines.offsetAt(position);
  const path = blockPathAt(parsed.ast.body, offset);
  const innermost = path[path.length - 1];
  const onHeader = innermost && offset >= innermost.nameSpan.start && offset <= (innermost.labelSpan?.end ?? innermost.nameSpan.end);
  if (onHeader && innermost.name.startsWith('import.')) return importHover(parsed, innermost, scope);
  const target = componentAt(parsed, scope.index, position);
  if (!target) {
    // The header of an unlabelled config block (logging, tracing, http…) or a custom component name.
    if (onHeader && path.length === 1) {
      const spec = CONFIG_BLOCK_SPECS.get(innermost.name);
      if (spec) return { range: parsed.lines.range(innermost.nameSpan.start, innermost.nameSpan.end), markdown: [`**${innermost.name}** — config block`, '', `[${innermost.name} reference](${configBlockUrl(innermost.name)})`].join('\n') };
    }
    return null;
  }
  const uses = scope.index.referencesTo(target.key);
  const header = headerOf(target.block);
  const line = parsed.lines.positionAt(target.block.span.start).line + 1;
  const lines = [`**${header}** — component declared at line ${line}`, ''];
  if (uses.length === 0) {
    lines.push('Not referenced by any other component in this file.');
  } else {
    lines.push(`Referenced ${uses.length} time${uses.length === 1 ? '' : 's'}:`);
    for (const use of uses) {
      lines.push(`- line ${parsed.lines.positionAt(use.span.start).line + 1}, in \`${headerOf(use.from)}\`${use.exportName ? ` (\`.${use.exportName}\`)` : ''}`);
    }
  }
  const expr = findExprAt(parsed.ast.body, offset);
  const reference = expr ? scope.typer.reference(expr) : undefined;
  if (reference?.exportName && reference.spec?.exports[reference.exportName]) {
    lines.push('', `Export \`${reference.exportName}\`: \`${formatAlloyType(parseAlloyType(reference.spec.exports[reference.exportName]))}\``);
  }
  lines.push(...componentDocs(target.block, ctx, scope, tier));
  return { range: target.range, markdown: lines.join('\n') };
}

/** Schema notes for a component header hover: what it is, its exports, its capacity arguments as set. */
export function componentDocs(block: BlockStmt, ctx: AnalysisContext, scope: AlloyScope, tier: TierSelection | undefined): string[] {
  const resolution = scope.modules.resolve(block.name);
  if (resolution.kind === 'open') return ['', `Imported: ${resolution.reason}.`];
  if (resolution.kind === 'unknown') return [];
  const spec = resolution.spec;
  const lines = [''];
  if (resolution.kind === 'declare') {
    const where = resolution.from ? `declared in ${resolution.from}` : 'declared in this file';
    lines.push(`Custom component (${where}).`);
    const args = Object.entries(spec.args);
    lines.push(`Arguments: ${args.map(([n, a]) => `\`${n}\`${a.required ? ' (required)' : ''}`).join(', ') || 'none'}.`);
  } else {
    if (spec.doc) lines.push(spec.doc, '');
    lines.push(stabilityNote(spec));
    const versions = versionNotes(spec, scope.version);
    if (versions) lines.push('', versions);
  }
  const exports = Object.entries(spec.exports);
  lines.push('', exports.length > 0 ? `Exports: ${exports.map(([n, t]) => `\`${n}\` (${formatAlloyType(parseAlloyType(t))})`).join(', ')}.` : 'Exports nothing.');
  const table = block.name === 'otelcol.processor.batch' ? tierTable(block, 'send_batch_size', ctx, tier, scope.version)
    : block.name === 'otelcol.processor.memory_limiter' ? tierTable(block, 'limit', ctx, tier, scope.version)
      : block.name === 'otelcol.receiver.otlp' ? tierTable(block, 'grpc.max_recv_msg_size', ctx, tier, scope.version) : undefined;
  if (table) lines.push('', ...table);
  const link = referenceLink(spec);
  if (link) lines.push('', link);
  return lines;
}

function stabilityNote(spec: ComponentSpec): string {
  // Stability gating: grafana/alloy v1.18.1 internal/featuregate, `--stability.level`; community
  // components need --feature.community-components.enabled (internal/component/registry.go).
  const stability = spec.stability === 'ga' ? 'Generally available.'
    : spec.stability === 'public-preview' ? 'Public preview: Alloy runs it only with `--stability.level=public-preview` (or experimental).'
      : 'Experimental: Alloy runs it only with `--stability.level=experimental`.';
  return spec.community ? `${stability} Community component: needs \`--feature.community-components.enabled\`.` : stability;
}

function versionNotes(spec: { since?: string; removed?: string; deprecated?: string }, version: string): string | undefined {
  const notes: string[] = [];
  if (spec.since) notes.push(`Added in Alloy ${spec.since}.`);
  if (spec.removed) notes.push(`Removed in Alloy ${spec.removed}${spec.deprecated && spec.deprecated !== 'deprecated' ? ` (use \`${spec.deprecated}\`)` : ''}.`);
  else if (spec.deprecated) notes.push(`Deprecated${spec.deprecated !== 'deprecated' ? `: use \`${spec.deprecated}\`` : ''}.`);
  if (notes.length === 0) return undefined;
  const state = availability(spec, version);
  if (!state.ok) notes.push(`Not available in Alloy ${version} (the alloyVersion checked against).`);
  return notes.join(' ');
}

function referenceLink(spec: ComponentSpec, anchor?: string): string | undefined {
  const url = spec.origin === 'config' ? configBlockUrl(spec.name) : referenceUrl(spec);
  if (!url) return undefined;
  return `[${spec.name} reference](${url}${anchor ? `#${anchor.replace(/\./g, '')}` : ''})`;
}

/** Hover on an import block header: what it imports and whether Headroom read it. */
function importHover(parsed: AlloyParsed, block: BlockStmt, scope: AlloyScope): HoverResult {
  const namespace = block.label ?? '';
  const lines = [`**${block.name} "${namespace}"** — module import`, ''];
  const declared = [...scope.index.components.values()].filter((b) => b.name.startsWith(`${namespace}.`));
  const probe = declared[0]?.name ?? `${namespace}.`;
  const resolution = scope.modules.resolve(probe);
  if (block.name === 'import.file') {
    const files = importedModules(parsed.doc.uri, block, scope.modules.workspaceIndex());
    if (files.length > 0) {
      lines.push(`Read from the workspace: ${files.map((f) => f.uri).join(', ')}.`);
      lines.push(`Components: ${files.flatMap((f) => f.alloy!.declares.map((d) => `\`${namespace}.${d.name}\``)).join(', ') || 'none'}.`);
    } else {
      lines.push(resolution.kind === 'open' ? `${resolution.reason}.` : 'The module is not in the workspace, so its components are not checked.');
    }
  } else {
    lines.push(`${block.name} sources are not fetched: the components of "${namespace}" are not checked.`);
  }
  lines.push('', `[${block.name} reference](${configBlockUrl(block.name)})`);
  return { range: parsed.lines.range(block.nameSpan.start, block.labelSpan?.end ?? block.nameSpan.end), markdown: lines.join('\n') };
}

/** Hover on `argument.NAME.value` inside a declare: the argument block it reads. */
function declareArgumentHover(parsed: AlloyParsed, position: Position, scope: AlloyScope): HoverResult | null {
  const offset = parsed.lines.offsetAt(position);
  const expr = findExprAt(parsed.ast.body, offset);
  const chain = expr && referencePath(expr);
  if (!expr || !chain || chain.parts[0] !== 'argument' || chain.parts.length < 2) return null;
  const declare = [...blockPathAt(parsed.ast.body, offset)].reverse().find((b) => b.name === 'declare');
  if (!declare?.label) return null;
  const spec = scope.modules.localDeclare(declare.label);
  const arg = spec?.args[chain.parts[1]];
  if (!arg) return null;
  const lines = [`**argument "${chain.parts[1]}"** of declare "${declare.label}" — ${arg.required ? 'required' : 'optional'}`];
  if (arg.doc) lines.push('', arg.doc);
  return { range: parsed.lines.range(expr.span.start, expr.span.end), markdown: lines.join('\n') };
}

/**
 * The tier ladder of the alloy workload with this argument's recommendation in each row; the row of
 * the selected tier is marked, and the current value is shown beside it.
 */
function tierTable(component: BlockStmt, argument: string, ctx: AnalysisContext, tier: TierSelection | undefined, version: string): string[] | undefined {
  const tiers = ctx.catalog.tiers('alloy');
  const column = COLUMNS[`${component.name}.${argument}`];
  if (!column || tiers.length === 0) return undefined;
  const current = column.current(component, version);
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
  /** The value as written, else Alloy's default in the release checked against. */
  current(block: BlockStmt, version: string): string | undefined;
  recommended(tier: TierRecommendation): string | undefined;
}

const shownNumber = (block: BlockStmt, name: string, fallback: number) => {
  const value = numberArg(block, name, fallback);
  return known(value) ? `${value.value}${value.state === 'default' ? ' (default)' : ''}` : undefined;
};

const COLUMNS: Record<string, Column> = {
  'otelcol.processor.batch.send_batch_size': {
    title: 'send_batch_size', field: 'batch.sendBatchSize',
    current: (b, version) => shownNumber(b, 'send_batch_size', batchDefaults(version).size),
    recommended: (t) => t.batch?.sendBatchSize?.toString(),
  },
  'otelcol.processor.batch.send_batch_max_size': {
    title: 'send_batch_max_size', field: 'batch.sendBatchMaxSize',
    current: (b, version) => shownNumber(b, 'send_batch_max_size', batchDefaults(version).max),
    recommended: (t) => t.batch?.sendBatchMaxSize?.toString(),
  },
  'otelcol.processor.batch.timeout': {
    title: 'timeout', field: 'batch.timeout',
    current: (b, version) => { const v = durationArg(b, 'timeout', batchDefaults(version).timeoutMs); return known(v) ? formatDuration(v.value) : undefined; },
    recommended: (t) => (t.batch?.timeout !== undefined ? formatDuration(t.batch.timeout) : undefined),
  },
  'otelcol.processor.memory_limiter.limit': {
    title: `limit (≤ ${Math.round(CONTAINER_SHARE * 100)}% of the memory limit)`, field: 'memoryLimiter.limit',
    current: (b) => { const v = bytesArg(b, 'limit'); return known(v) ? formatBytesHuman(v.value) : undefined; },
    recommended: (t) => {
      // Only a memory limit caps the pod (a request reserves); tiers without one get the document's value alone.
      const container = t.limits?.memory;
      const seed = t.memoryLimiter?.limit !== undefined ? formatBytesHuman(t.memoryLimiter.limit) : undefined;
      return container ? `${seed ?? ''}${seed ? ', ' : ''}≤ ${formatBytesHuman(container * CONTAINER_SHARE)}` : seed;
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
