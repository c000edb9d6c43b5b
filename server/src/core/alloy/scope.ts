import type { AnalysisContext } from '../context';
import type { DocumentFacts } from '../workspace';
import type { AlloyParsed } from './parser';
import { ComponentIndex, type ReferenceMemory } from './components';
import { editSession } from './reuse';
import { ComponentResolver } from './modules';
import { ExprTyper } from './expr-types';
import { alloyTypeText } from './schema/alloy-types';
import { resolveAlloyVersion } from './schema/versions';
import type { BlockStmt } from './ast';
import type { BlockSpec, ComponentSpec } from './schema/types';
import { CONFIG_BLOCK_SPECS, blockAt } from './schema/components';

/** What every Alloy feature needs to know about a document besides its AST. */
export interface AlloyScope {
  index: ComponentIndex;
  /** Minor Alloy release checked against (`1.18`). */
  version: string;
  modules: ComponentResolver;
  typer: ExprTyper;
}

/**
 * Component indexes are derived from the AST; keep one per parse result. A document being edited
 * hands what its index found to the next version's (components.ts ReferenceMemory).
 */
const indexes = new WeakMap<AlloyParsed, ComponentIndex>();
export function componentIndex(parsed: AlloyParsed): ComponentIndex {
  let index = indexes.get(parsed);
  if (!index) {
    const session = editSession(parsed);
    let memory: ReferenceMemory | undefined;
    if (session) memory = (session.componentIndex ??= {}) as ReferenceMemory;
    index = new ComponentIndex(parsed.ast, memory);
    indexes.set(parsed, index);
  }
  return index;
}

/** The facts of every other file of the workspace: what module resolution reads of it (by identity). */
export function otherFiles(parsed: AlloyParsed, ctx: AnalysisContext): readonly DocumentFacts[] {
  const uri = parsed.doc.uri;
  return ctx.workspace.all().filter((facts) => facts.uri !== uri);
}

const scopes = new WeakMap<AlloyParsed, { config: unknown; others: readonly DocumentFacts[]; scope: AlloyScope }>();

/**
 * The scope of a parse result under the configuration and workspace of `ctx`. Module resolution reads
 * the other files' facts, so the scope is kept only while they are the same objects (the facts and
 * the lint of one version, hovers and hints between two edits share it, with what it resolved).
 */
export function alloyScope(parsed: AlloyParsed, ctx: AnalysisContext): AlloyScope {
  const others = otherFiles(parsed, ctx);
  const kept = scopes.get(parsed);
  if (kept && kept.config === ctx.config && kept.others.length === others.length && kept.others.every((facts, i) => facts === others[i])) return kept.scope;
  const index = componentIndex(parsed);
  let modules: ComponentResolver | undefined;
  const typer = new ExprTyper(index, () => modules!);
  modules = new ComponentResolver(parsed.doc.uri, index, ctx.workspace, (value) => alloyTypeText(typer.typeOf(value)));
  const scope = { index, version: resolveAlloyVersion(ctx.config.alloyVersion), modules, typer };
  scopes.set(parsed, { config: ctx.config, others, scope });
  return scope;
}

export interface SpecPath {
  /** The component (or config block) the position is in, and its spec. */
  componentBlock: BlockStmt;
  component: ComponentSpec;
  /** Blocks below the component down to the innermost one. */
  nested: BlockStmt[];
  /** Spec of the innermost block; undefined when a block on the way is unknown. */
  spec: BlockSpec | undefined;
}

/**
 * The schema for a chain of blocks from the top of the file (blockPathAt): declare bodies and foreach
 * templates are passed through to the component inside them.
 */
export function specPath(path: BlockStmt[], scope: AlloyScope): SpecPath | undefined {
  let i = 0;
  while (i < path.length) {
    if (path[i].name === 'declare') i++;
    else if (path[i].name === 'foreach' && path[i + 1]?.name === 'template') i += 2;
    else break;
  }
  const componentBlock = path[i];
  if (!componentBlock) return undefined;
  let component = CONFIG_BLOCK_SPECS.get(componentBlock.name);
  if (!component) {
    const resolution = scope.modules.resolve(componentBlock.name);
    if (resolution.kind !== 'builtin' && resolution.kind !== 'declare') return undefined;
    component = resolution.spec;
  }
  const nested = path.slice(i + 1);
  return { componentBlock, component, nested, spec: blockAt(component, nested.map((b) => b.name)) };
}
