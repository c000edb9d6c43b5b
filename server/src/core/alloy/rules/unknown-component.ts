import { closest, editDistance } from '../../directives';
import type { Finding, Fix } from '../../types';
import type { BlockStmt, Statement } from '../ast';
import { CONFIG_BLOCKS } from '../components';
import { BUILTIN_NAMESPACES, COMPONENTS, CONFIG_BLOCK_SPECS } from '../schema/components';
import { availability } from '../schema/versions';
import { importedModules } from '../modules';
import { type AlloyRule, type AlloyRuleContext, checkedStatements, rangeOf, replaceFix } from '../rule-context';

// Alloy loads a block as a component when it is not a config block; a name it does not know stops the
// load ("cannot find the definition of component name", grafana/alloy v1.18.1
// internal/component/registry.go). Names in a built-in namespace (otelcol.*, prometheus.*…) are checked against the
// components of the chosen release; other names may be custom components from modules Headroom does
// not see (test components, documentation snippets), so they are left alone.

/** Components Alloy removed, with what its CHANGELOG says to use instead (grafana/alloy v1.18.1 CHANGELOG.md). */
const REPLACED_BY: Record<string, string> = {
  // v1.5.0: "[`otelcol.exporter.logging`] Removed in favor of the `otelcol.exporter.debug`."
  'otelcol.exporter.logging': 'otelcol.exporter.debug',
  // v1.11.0: "The `otelcol.receiver.opencensus` component has been deprecated …, use `otelcol.receiver.otelp` instead."
  'otelcol.receiver.opencensus': 'otelcol.receiver.otlp',
};

export const unknownComponent: AlloyRule = {
  id: 'alloy/unknown-component',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'A block named like a built-in component that Alloy does not have in the chosen release (prometheus.scrapee, a component added in a later release or removed), or a component a module imported with import.file does not declare: Alloy refuses to load the config.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'internal/component/registry.go; component registrations' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const block of componentStatements(checkedStatements(ctx))) {
      const finding = checkName(ctx, block);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/** Blocks that Alloy reads as components: top level, in declare bodies and in foreach templates. */
function componentStatements(statements: Statement[]): BlockStmt[] {
  const out: BlockStmt[] = [];
  for (const statement of statements) {
    if (statement.kind !== 'block') continue;
    if (statement.name === 'declare') out.push(...componentStatements(statement.body));
    else if (statement.name === 'foreach') {
      for (const child of statement.body) if (child.kind === 'block' && child.name === 'template') out.push(...componentStatements(child.body));
    } else if (!CONFIG_BLOCKS.has(statement.name) && !CONFIG_BLOCK_SPECS.has(statement.name)) out.push(statement);
  }
  return out;
}

function checkName(ctx: AlloyRuleContext, block: BlockStmt): Finding | undefined {
  const resolution = ctx.modules.resolve(block.name);
  const range = rangeOf(ctx, block.nameSpan);
  if (resolution.kind === 'builtin') {
    const state = availability(resolution.spec, ctx.version);
    if (state.ok) return undefined;
    const replacement = REPLACED_BY[block.name];
    const message = 'removed' in state
      ? `${block.name} was removed in Alloy ${state.removed}${replacement ? ` in favor of ${replacement}` : ''}; Alloy ${ctx.version} (the alloyVersion checked against) refuses to load the config.`
      : `${block.name} was added in Alloy ${'since' in state ? state.since : ''}; Alloy ${ctx.version} (the alloyVersion checked against) refuses to load the config.`;
    return { code: 'alloy/unknown-component', severity: 'error', message, range };
  }
  if (resolution.kind !== 'unknown') return undefined;
  const dot = block.name.indexOf('.');
  const namespace = dot > 0 ? block.name.slice(0, dot) : block.name;
  const imported = ctx.index.imports.get(namespace);
  if (imported?.name === 'import.file') {
    const files = importedModules(ctx.parsed.doc.uri, imported, ctx.analysis.workspace);
    const declares = files.flatMap((f) => f.alloy!.declares.map((d) => `${namespace}.${d.name}`));
    const suggestion = closest(block.name, declares);
    return {
      code: 'alloy/unknown-component', severity: 'error', range,
      message: `The module imported as "${namespace}" declares no component "${block.name.slice(dot + 1)}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; Alloy refuses to load the config. It declares: ${declares.join(', ') || 'nothing'}.`,
      fixes: suggestion ? [replaceFix(ctx, `Rename to ${suggestion}`, block.nameSpan, suggestion)] : [],
    };
  }
  const names = COMPONENTS.filter((c) => availability(c, ctx.version).ok).map((c) => c.name);
  const suggestion = closest(block.name, names, 3);
  const inBuiltinNamespace = BUILTIN_NAMESPACES.has(namespace) && dot > 0;
  // Outside a built-in namespace, only a near miss of a built-in name is a typo (`otelcl.receiver.otlp`).
  if (!inBuiltinNamespace && !(suggestion && editDistance(block.name, suggestion) <= 2 && dot > 0)) return undefined;
  const fixes: Fix[] = suggestion ? [replaceFix(ctx, `Rename to ${suggestion}`, block.nameSpan, suggestion)] : [];
  return {
    code: 'alloy/unknown-component', severity: 'error', range, fixes,
    message: `Alloy ${ctx.version} has no component ${block.name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; it refuses to load the config ("cannot find the definition of component name").`,
  };
}
