import type { Finding, Fix, TextEdit } from '../../types';
import type { AttributeStmt, BlockStmt } from '../ast';
import { ComponentIndex } from '../components';
import { RECEIVER_CAPSULES, parseAlloyType } from '../schema/alloy-types';
import type { ComponentSpec } from '../schema/types';
import { type AlloyRule, type AlloyRuleContext, bodyIndent, childBlock, headerOf, rangeOf } from '../rule-context';
import { componentBlocks } from './walk';
import { navigationSpan } from './spans';
import { referenceChains } from './references';
import { danglingKey } from './dangling-reference';

// Telemetry moves only along references: a component receives data when another one lists its
// receiver export (`input`, `receiver`) in an output block, a forward_to or a write_to, and sends it
// where its own lists point (grafana/alloy v1.18.1 docs/sources/get-started/component_controller.md,
// docs/sources/shared/reference/components/output-block.md: "By default, telemetry data is dropped").

const SIGNALS = ['metrics', 'logs', 'traces'] as const;

// This rule reads the whole file on every lint: what it derives from a spec, or from a block and its
// spec, is kept for as long as they are the same objects (built-in specs are constants; a statement
// an edit did not touch is the same object, with the same text, in the next version: alloy/reuse.ts).
const receiverExportsOf = new WeakMap<ComponentSpec, string[]>();
const senderListsOf = new WeakMap<BlockStmt, { spec: ComponentSpec; lists: AttributeStmt[] }>();

/** Exports through which a component receives telemetry (otelcol.Consumer, MetricsReceiver…). */
function receiverExports(spec: ComponentSpec): string[] {
  let exports = receiverExportsOf.get(spec);
  if (!exports) {
    exports = Object.entries(spec.exports).filter(([, type]) => {
      const t = parseAlloyType(type);
      return t.kind === 'capsule' && RECEIVER_CAPSULES.has(t.name);
    }).map(([name]) => name);
    receiverExportsOf.set(spec, exports);
  }
  return exports;
}

/** Arguments through which a component sends telemetry (forward_to, output lists…), with their values. */
function senderLists(block: BlockStmt, spec: ComponentSpec): AttributeStmt[] {
  const kept = senderListsOf.get(block);
  if (kept?.spec === spec) return kept.lists;
  const lists = findSenderLists(block, spec);
  senderListsOf.set(block, { spec, lists });
  return lists;
}

function findSenderLists(block: BlockStmt, spec: ComponentSpec): AttributeStmt[] {
  const lists: AttributeStmt[] = [];
  const collect = (current: BlockStmt, specArgs: ComponentSpec['args']) => {
    for (const statement of current.body) {
      if (statement.kind !== 'attribute') continue;
      const type = specArgs[statement.name] ? parseAlloyType(specArgs[statement.name].type) : undefined;
      if (type?.kind === 'list' && type.elem.kind === 'capsule' && RECEIVER_CAPSULES.has(type.elem.name)) lists.push(statement);
    }
  };
  collect(block, spec.args);
  const output = childBlock(block, 'output');
  if (output && spec.blocks.output) collect(output, spec.blocks.output.args);
  return lists;
}

/** Whether something refers to the component `key`, here or (looked up only when needed) in another file of the folder. */
function referencedBy(ctx: AlloyRuleContext): (key: string) => boolean {
  let siblings: Set<string> | undefined;
  return (key) => {
    if (ctx.index.referencesTo(key).length > 0) return true;
    siblings ??= new Set(ctx.modules.siblings().flatMap((facts) => facts.alloy!.referenced));
    return siblings.has(key);
  };
}

export const unwiredComponent: AlloyRule = {
  id: 'alloy/unwired',
  scope: 'file',
  defaultSeverity: 'warning',
  doc: 'A pipeline piece that is not connected: in a file with a source of telemetry (a receiver, a scrape, a log source), a processor or exporter nothing sends to (its input export is never referenced here or in the other files of the folder), such as a memory limiter that receives nothing and so limits nothing (seed 000); or a component whose output lists are all empty, so its data is dropped. The memory limiter case has a fix that wires it in front of the batch processor.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'docs/sources/shared/reference/components/output-block.md' }],
  check(ctx) {
    if (ctx.parsed.syntax.length > 0) return [];
    const findings: Finding[] = [];
    const referenced = referencedBy(ctx);
    const components = componentBlocks(ctx).filter(({ spec, resolution }) => spec.origin === 'builtin' && resolution);
    // A file without a source of telemetry (a receiver, a scrape, a log source) is a fragment, not a
    // pipeline: what its processors receive comes from elsewhere.
    const hasSource = components.some(({ block, spec }) => receiverExports(spec).length === 0
      && senderLists(block, spec).some((list) => list.value.kind !== 'array' || list.value.elements.length > 0));
    // A file that refers to components it does not declare is part of a larger config (`alloy run DIR`,
    // a module): what it sends to or receives from may live in a file Headroom has not seen.
    let fragment: boolean | undefined;
    const isFragment = () => (fragment ??= referenceChains(ctx).some((chain) => chain.parts[0] !== 'argument' && danglingKey(ctx, chain.parts) !== undefined));
    for (const { block, spec } of components) {
      const key = ComponentIndex.keyOf(block);
      if (!key || ctx.index.components.get(key) !== block) continue;
      const inputs = receiverExports(spec);
      // A memory limiter skipped by this file's own receivers (they feed the batch processor directly,
      // seed 000) is unwired whatever other files hold.
      const bypassed = block.name === 'otelcol.processor.memory_limiter' && batchesFedByOutputs(ctx).length > 0;
      if (inputs.length > 0 && hasSource && !referenced(key) && (bypassed || !isFragment())) {
        findings.push(receivesNothing(ctx, block, key, inputs));
        continue;
      }
      const lists = senderLists(block, spec);
      // A relabel component with `forward_to = []` is there for its `rules` export.
      const usedOtherwise = ctx.index.referencesTo(key).some((r) => r.exportName !== undefined && !inputs.includes(r.exportName));
      if (!usedOtherwise && lists.length > 0 && lists.every((list) => list.value.kind === 'array' && list.value.elements.length === 0)) {
        findings.push({
          code: this.id,
          severity: 'warning',
          message: `${headerOf(block)} sends its data nowhere: ${lists.map((l) => l.name).join(', ')} ${lists.length === 1 ? 'is' : 'are'} empty, so everything it receives is dropped.`,
          range: rangeOf(ctx, navigationSpan(block)),
        });
      }
    }
    return findings;
  },
};

function receivesNothing(ctx: AlloyRuleContext, block: BlockStmt, key: string, inputs: string[]): Finding {
  const limiter = block.name === 'otelcol.processor.memory_limiter';
  const fix = limiter ? wireLimiterFix(ctx, block, key) : undefined;
  const exports = inputs.map((name) => `${key}.${name}`).join(' or ');
  return {
    code: 'alloy/unwired',
    severity: 'warning',
    message: limiter
      ? `${headerOf(block)} receives nothing: no component sends to ${exports}, so it limits nothing and the pipeline runs without memory protection. Put it in front of the batch processor (receivers → memory_limiter → batch).`
      : `${headerOf(block)} receives nothing: no component sends to ${exports}, so it does no work.`,
    range: rangeOf(ctx, navigationSpan(block)),
    fixes: fix ? [fix] : [],
  };
}

/**
 * Receivers → batch becomes receivers → memory_limiter → batch: the feeders' references to the batch
 * processor point at the memory limiter, and the memory limiter's output sends each of those signals
 * to the batch processor. Offered when exactly one batch processor is fed by output lists.
 */
function wireLimiterFix(ctx: AlloyRuleContext, limiter: BlockStmt, limiterKey: string): Fix | undefined {
  const fed = batchesFedByOutputs(ctx);
  if (fed.length !== 1 || !limiter.closeBrace) return undefined;
  const [{ batch, key: batchKey, feeds }] = fed;
  const signals = SIGNALS.filter((signal) => feeds.some((feed) => feed.signal === signal));
  const edits: TextEdit[] = feeds.map((feed) => ({ range: rangeOf(ctx, feed.span), newText: limiterKey }));
  const output = childBlock(limiter, 'output');
  if (output && output.body.some((s) => s.kind === 'attribute' && (SIGNALS as readonly string[]).includes(s.name))) return undefined;
  const lines = ctx.parsed.lines;
  const ownIndent = /^[ \t]*/.exec(lines.lineText(lines.positionAt(limiter.span.start).line))![0];
  const indent = bodyIndent(ctx, limiter);
  const unit = indent.slice(ownIndent.length) || '\t';
  const width = Math.max(...signals.map((s) => s.length));
  const assignments = signals.map((signal) => `${signal.padEnd(width)} = [${batchKey}.input]`);
  if (output) {
    const at = output.openBrace.end;
    edits.push({ range: rangeOf(ctx, { start: at, end: at }), newText: assignments.map((a) => `\n${indent}${unit}${a}`).join('') });
  } else {
    // Before the closing brace, on its own lines: `\n\n<indent>output {\n…\n<indent>}` after the last statement.
    const last = limiter.body[limiter.body.length - 1];
    const at = last ? last.span.end : limiter.openBrace.end;
    const block = ['', '', `${indent}output {`, ...assignments.map((a) => `${indent}${unit}${a}`), `${indent}}`].join('\n');
    edits.push({ range: rangeOf(ctx, { start: at, end: at }), newText: last ? block : `${block}\n${ownIndent}` });
  }
  return { title: `Wire ${headerOf(limiter)} in front of ${headerOf(batch)}`, isPreferred: true, edits };
}

/** Batch processors that other components' output lists send to, with those references. */
function batchesFedByOutputs(ctx: AlloyRuleContext): { batch: BlockStmt; key: string; feeds: ReturnType<typeof outputFeeds> }[] {
  return [...ctx.index.components.values()]
    .filter((b) => b.name === 'otelcol.processor.batch')
    .map((batch) => ({ batch, key: ComponentIndex.keyOf(batch)!, feeds: outputFeeds(ctx, ComponentIndex.keyOf(batch)!) }))
    .filter((b) => b.feeds.length > 0);
}

/** The references to `key` that sit in a signal list of another component's output block. */
function outputFeeds(ctx: AlloyRuleContext, key: string): { signal: string; span: { start: number; end: number } }[] {
  const feeds: { signal: string; span: { start: number; end: number } }[] = [];
  for (const reference of ctx.index.referencesTo(key)) {
    const output = childBlock(reference.from, 'output');
    for (const statement of output?.body ?? []) {
      if (statement.kind === 'attribute' && (SIGNALS as readonly string[]).includes(statement.name)
        && statement.value.span.start <= reference.span.start && reference.span.end <= statement.value.span.end) {
        feeds.push({ signal: statement.name, span: reference.span });
      }
    }
  }
  return feeds;
}
