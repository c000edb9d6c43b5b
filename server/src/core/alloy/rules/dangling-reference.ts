import { closest } from '../../directives';
import type { Finding } from '../../types';
import type { BlockStmt } from '../ast';
import { type AlloyRule, type AlloyRuleContext, rangeOf } from '../rule-context';
import { type ReferenceChain, referenceChains, siblingComponentKeys } from './references';

// A reference must name a component of the config ("component %q does not exist or is out of scope",
// grafana/alloy v1.18.1 internal/util/ast/references.go); under `alloy run DIR` the config is every .alloy file of the
// folder (docs/sources/reference/cli/run.md). Inside a declare block, `argument.NAME.value` reads the
// declare's own `argument "NAME"` block (docs/sources/reference/config-blocks/argument.md).

export const danglingReference: AlloyRule = {
  id: 'alloy/dangling-reference',
  scope: 'block',
  defaultSeverity: 'warning',
  doc: 'A reference to a component that neither the file nor the other .alloy files of its folder declare (otelcol.processor.batch.defualt.input), or to an argument its declare block does not have (argument.tagets.value): Alloy refuses to load the config. A warning, not an error, for components: `alloy run DIR` loads a whole folder, and a sibling file Headroom has not seen may declare it. Skipped while the file has syntax errors, whose recovery can hide declarations.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'docs/sources/get-started/expressions/referencing_exports.md; docs/sources/reference/cli/run.md' }],
  check(ctx) {
    if (ctx.parsed.syntax.length > 0) return [];
    const findings: Finding[] = [];
    const declared = [...ctx.index.components.keys()];
    let siblings: Map<string, string> | undefined;
    for (const chain of referenceChains(ctx)) {
      if (chain.parts[0] === 'argument') {
        if (chain.declare) {
          const finding = undeclaredArgument(ctx, chain, chain.declare);
          if (finding) findings.push(finding);
        }
        continue;
      }
      const dangling = danglingKey(ctx, chain.parts);
      if (!dangling) continue;
      siblings ??= siblingComponentKeys(ctx);
      const missing = dangling.join('.');
      if (siblings.has(missing)) continue;
      const span = { start: chain.spans[0].start, end: chain.spans[dangling.length - 1].end };
      const prefix = `${dangling.slice(0, -1).join('.')}.`;
      const suggestion = closest(missing, [...declared, ...siblings.keys()].filter((k) => k.startsWith(prefix)));
      const where = ctx.modules.siblings().length > 0 ? 'in this file or the other .alloy files of its folder' : 'in this file';
      findings.push({
        code: this.id,
        severity: 'warning',
        message: `${missing} is not declared ${where}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; Alloy refuses to load a reference to a component that does not exist (unless a file loaded alongside declares it).`,
        range: rangeOf(ctx, span),
        fixes: suggestion ? [{ title: `Change to ${suggestion}`, isPreferred: true, edits: [{ range: rangeOf(ctx, span), newText: suggestion }] }] : [],
      });
    }
    return findings;
  },
};

/**
 * `name.label` parts when the chain starts with a component name followed by an undeclared label.
 * A chain whose prefix is a declared component is fine, whatever follows (`grafana_cloud.stack.receivers.metrics`).
 */
export function danglingKey(ctx: AlloyRuleContext, parts: string[]): string[] | undefined {
  // prefixes[i] = parts[0..i] joined with dots.
  const prefixes: string[] = [parts[0]];
  for (let i = 1; i < parts.length; i++) prefixes.push(`${prefixes[i - 1]}.${parts[i]}`);
  for (let end = parts.length; end >= 2; end--) {
    if (ctx.index.components.has(prefixes[end - 1])) return undefined;
  }
  for (let end = parts.length - 1; end >= 1; end--) {
    const resolution = ctx.modules.resolve(prefixes[end - 1]);
    // Built-in and declared names are exact; a component of a module Headroom cannot read is `ns.name`;
    // a bare name (`self_collect.example.out`) is a component only when a declare defines it.
    const isComponentName = resolution.kind === 'builtin' || resolution.kind === 'declare'
      || (resolution.kind === 'open' && end === 2);
    if (!isComponentName) continue;
    return parts.slice(0, end + 1);
  }
  return undefined;
}

function undeclaredArgument(ctx: AlloyRuleContext, chain: ReferenceChain, declare: BlockStmt): Finding | undefined {
  const name = chain.parts[1];
  const args = declare.body.filter((s): s is BlockStmt => s.kind === 'block' && s.name === 'argument' && s.label !== undefined).map((s) => s.label!);
  if (args.includes(name)) return undefined;
  const suggestion = closest(name, args);
  const span = chain.spans[1];
  return {
    code: 'alloy/dangling-reference',
    severity: 'error',
    message: `declare "${declare.label}" has no argument "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; Alloy refuses to load the config. Its arguments: ${args.join(', ') || 'none'}.`,
    range: rangeOf(ctx, span),
    fixes: suggestion ? [{ title: `Change to ${suggestion}`, isPreferred: true, edits: [{ range: rangeOf(ctx, span), newText: suggestion }] }] : [],
  };
}
