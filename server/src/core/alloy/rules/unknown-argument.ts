import { closest } from '../../directives';
import type { AttributeStmt, BlockStmt } from '../ast';
import type { Finding, Fix } from '../../types';
import type { ArgSpec, BlockSpec } from '../schema/types';
import { availability, availableIn } from '../schema/versions';
import { type AlloyRule, type AlloyRuleContext, replaceFix, rangeOf } from '../rule-context';
import { forEachKnownBlock, type SchemaVisit } from './walk';

/**
 * OpenTelemetry Collector YAML names that people carry into Alloy (seed 000 does), with the Alloy
 * argument and how the value converts: `limit_mib = 1000` means `limit = "1000MiB"`.
 */
export const COLLECTOR_NAMES: Record<string, Record<string, { alloy: string; unit?: 'MiB' }>> = {
  'otelcol.processor.batch': { batch_size: { alloy: 'send_batch_size' } },
  'otelcol.processor.memory_limiter': {
    limit_mib: { alloy: 'limit', unit: 'MiB' },
    spike_limit_mib: { alloy: 'spike_limit', unit: 'MiB' },
  },
};

// Alloy's decoder rejects names a block does not have: "unrecognized attribute name" / "unrecognized
// block name" (grafana/alloy v1.18.1 syntax/vm/struct_decoder.go); `alloy validate` reports the same.

export const unknownArgument: AlloyRule = {
  id: 'alloy/unknown-argument',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'An argument the component or block does not have in the chosen Alloy release (a typo, an OpenTelemetry Collector name, an argument added later or removed): Alloy refuses to load the config ("unrecognized attribute name"). Every component of Alloy is known; custom components take the arguments of their declare block.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'syntax/vm/struct_decoder.go; component Arguments struct tags' }],
  check(ctx) {
    return unknownStatements(ctx, 'attribute');
  },
};

export const unknownBlock: AlloyRule = {
  id: 'alloy/unknown-block',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'A block the component or block does not have in the chosen Alloy release: Alloy refuses to load the config ("unrecognized block name"). Custom components (declare) take no blocks.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'syntax/vm/struct_decoder.go; component Arguments struct tags' }],
  check(ctx) {
    return unknownStatements(ctx, 'block');
  },
};

/** Attributes (or blocks) of every known block that its spec does not have in the chosen release. */
function unknownStatements(ctx: AlloyRuleContext, kind: 'attribute' | 'block'): Finding[] {
  const findings: Finding[] = [];
  forEachKnownBlock(ctx, (visit) => {
    if (visit.spec.open) return;
    for (const statement of visit.block.body) {
      if (statement.kind !== kind) continue;
      const spec = statement.kind === 'attribute' ? visit.spec.args[statement.name] : visit.spec.blocks[statement.name];
      if (!spec) findings.push(statement.kind === 'attribute' ? unknownAttribute(ctx, visit, statement) : unknownChildBlock(ctx, visit, statement));
      else if (!availableIn(spec, ctx.version)) findings.push(notInVersion(ctx, visit, statement, spec));
    }
  });
  return findings;
}

function available<T extends { since?: string; removed?: string }>(entries: Record<string, T>, version: string): string[] {
  return Object.entries(entries).filter(([, spec]) => availableIn(spec, version)).map(([name]) => name);
}

function listed(names: string[]): string {
  return names.length === 0 ? 'none' : names.length > 12 ? `${names.slice(0, 12).join(', ')}… (${names.length})` : names.join(', ');
}

function unknownAttribute(ctx: AlloyRuleContext, visit: SchemaVisit, attribute: AttributeStmt): Finding {
  const collector = visit.block === visit.componentBlock ? COLLECTOR_NAMES[visit.component.name]?.[attribute.name] : undefined;
  const fixes: Fix[] = [];
  let message: string;
  const names = available(visit.spec.args, ctx.version);
  if (collector) {
    const value = attribute.value;
    if (collector.unit && value.kind === 'number' && typeof value.value === 'number') {
      fixes.push(replaceFix(ctx, `Replace with ${collector.alloy} = "${value.raw}${collector.unit}"`, attribute.span, `${collector.alloy} = "${value.raw}${collector.unit}"`));
    } else if (!collector.unit) {
      fixes.push(replaceFix(ctx, `Rename to ${collector.alloy}`, attribute.nameSpan, collector.alloy));
    }
    message = `${visit.where} has no argument "${attribute.name}": that is the OpenTelemetry Collector YAML name; Alloy calls it ${collector.alloy}${collector.unit ? ` and takes a size string such as "1000MiB"` : ''}. Alloy refuses to load the config as it is.`;
  } else {
    const present = new Set(visit.block.body.map((s) => s.name));
    const suggestion = closest(attribute.name, names.filter((n) => !present.has(n)));
    if (suggestion) fixes.push(replaceFix(ctx, `Rename to ${suggestion}`, attribute.nameSpan, suggestion));
    const asBlock = attribute.name in visit.spec.blocks ? ` ${attribute.name} is a block: write ${attribute.name} { … }.` : '';
    message = `${visit.where} has no argument "${attribute.name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; Alloy refuses to load the config.${asBlock} Arguments: ${listed(names)}.`;
  }
  return { code: 'alloy/unknown-argument', severity: 'error', message, range: rangeOf(ctx, attribute.nameSpan), fixes };
}

function unknownChildBlock(ctx: AlloyRuleContext, visit: SchemaVisit, block: BlockStmt): Finding {
  const names = available(visit.spec.blocks, ctx.version);
  const suggestion = closest(block.name, names);
  const fixes = suggestion ? [replaceFix(ctx, `Rename to ${suggestion}`, block.nameSpan, suggestion)] : [];
  const asArgument = block.name in visit.spec.args ? ` ${block.name} is an argument: write ${block.name} = … .` : '';
  const custom = visit.component.origin === 'declare' && visit.block === visit.componentBlock ? ' A custom component takes arguments only.' : '';
  return {
    code: 'alloy/unknown-block',
    severity: 'error',
    message: `${visit.where} has no block "${block.name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; Alloy refuses to load the config.${asArgument}${custom} Blocks: ${listed(names)}.`,
    range: rangeOf(ctx, block.nameSpan),
    fixes,
  };
}

/** An argument or block that exists in the schema but not in the chosen release. */
function notInVersion(ctx: AlloyRuleContext, visit: SchemaVisit, statement: AttributeStmt | BlockStmt, spec: ArgSpec | BlockSpec): Finding {
  const kind = statement.kind === 'attribute' ? 'argument' : 'block';
  const code = statement.kind === 'attribute' ? 'alloy/unknown-argument' : 'alloy/unknown-block';
  const state = availability(spec, ctx.version);
  const fixes: Fix[] = [];
  let message: string;
  if ('removed' in state) {
    const replacement = spec.deprecated && spec.deprecated !== 'deprecated' && (visit.spec.args[spec.deprecated] ?? visit.spec.blocks[spec.deprecated]) ? spec.deprecated : undefined;
    if (replacement && !visit.block.body.some((s) => s.name === replacement)) fixes.push(replaceFix(ctx, `Rename to ${replacement}`, statement.nameSpan, replacement));
    message = `${visit.where}: the ${kind} "${statement.name}" was removed in Alloy ${state.removed}${replacement ? `; use ${replacement}` : ''}. Alloy ${ctx.version} refuses to load the config.`;
  } else {
    message = `${visit.where}: the ${kind} "${statement.name}" was added in Alloy ${'since' in state ? state.since : ''}; Alloy ${ctx.version} (the alloyVersion checked against) refuses to load the config.`;
  }
  return { code, severity: 'error', message, range: rangeOf(ctx, statement.nameSpan), fixes };
}
