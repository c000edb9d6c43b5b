import type { AttributeStmt, BlockStmt, Statement } from '../ast';
import type { BlockSpec, ComponentSpec } from '../schema/types';
import { CONFIG_BLOCK_SPECS } from '../schema/components';
import type { ComponentResolution } from '../modules';
import { type AlloyRuleContext, checkedStatements } from '../rule-context';
import { availableIn } from '../schema/versions';

export interface SchemaVisit {
  component: ComponentSpec;
  componentBlock: BlockStmt;
  /** The block being visited (the component itself or a nested block) and its spec. */
  block: BlockStmt;
  spec: BlockSpec;
  /** Block names from the component down to `block` (empty for the component itself). */
  path: string[];
  /** `otelcol.exporter.otlp > client > tls`, for messages. */
  where: string;
}

/**
 * Every block of the file whose schema is known, with its spec: config blocks, built-in components,
 * custom components (declared or imported), and each nested block the spec knows; also inside
 * declare bodies and foreach templates. Open specs are visited but have nothing to check.
 */
export function forEachKnownBlock(ctx: AlloyRuleContext, visit: (v: SchemaVisit) => void): void {
  for (const v of knownBlocks(ctx)) visit(v);
}

const visits = new WeakMap<AlloyRuleContext, SchemaVisit[]>();

/** The blocks forEachKnownBlock visits, collected once per lint (every schema rule walks them). */
function knownBlocks(ctx: AlloyRuleContext): SchemaVisit[] {
  let out = visits.get(ctx);
  if (out) return out;
  out = [];
  for (const { block, spec } of componentBlocks(ctx)) {
    const walk = (current: BlockStmt, currentSpec: BlockSpec, path: string[], where: string) => {
      out!.push({ component: spec, componentBlock: block, block: current, spec: currentSpec, path, where });
      if (currentSpec.open) return;
      for (const statement of current.body) {
        if (statement.kind !== 'block') continue;
        const child = currentSpec.blocks[statement.name];
        if (child) walk(statement, child, [...path, statement.name], `${where} > ${statement.name}`);
      }
    };
    walk(block, spec, [], spec.name);
  }
  visits.set(ctx, out);
  return out;
}

export interface KnownComponentBlock {
  block: BlockStmt;
  spec: ComponentSpec;
  resolution?: ComponentResolution;
}

const known = new WeakMap<AlloyRuleContext, KnownComponentBlock[]>();

/** The blocks of the file that are components or config blocks whose spec is known (once per lint). */
export function componentBlocks(ctx: AlloyRuleContext): KnownComponentBlock[] {
  let out = known.get(ctx);
  if (!out) {
    out = collectComponentBlocks(ctx);
    known.set(ctx, out);
  }
  return out;
}

function collectComponentBlocks(ctx: AlloyRuleContext): KnownComponentBlock[] {
  const out: KnownComponentBlock[] = [];
  const visitStatements = (statements: Statement[]) => {
    for (const statement of statements) {
      if (statement.kind !== 'block') continue;
      if (statement.name === 'declare') {
        visitStatements(statement.body);
        continue;
      }
      const config = CONFIG_BLOCK_SPECS.get(statement.name);
      if (config) {
        if (!hasUnclosedBlock(statement)) out.push({ block: statement, spec: config });
        if (statement.name === 'foreach') {
          for (const template of statement.body) if (template.kind === 'block' && template.name === 'template') visitStatements(template.body);
        }
        continue;
      }
      // A block left open swallows what follows it (the syntax finding says so); judging its contents
      // against the schema would only repeat that error.
      if (hasUnclosedBlock(statement)) continue;
      const resolution = ctx.modules.resolve(statement.name);
      // A component the chosen release does not have is reported by alloy/unknown-component alone.
      if (resolution.kind === 'builtin' && !availableIn(resolution.spec, ctx.version)) continue;
      if (resolution.kind === 'builtin' || resolution.kind === 'declare') out.push({ block: statement, spec: resolution.spec, resolution });
    }
  };
  visitStatements(checkedStatements(ctx));
  return out;
}

/** Whether a block or one inside it lacks its `}` (kept per block: the AST of an unchanged statement is the same object across edits). */
const unclosed = new WeakMap<BlockStmt, boolean>();
function hasUnclosedBlock(block: BlockStmt): boolean {
  let found = unclosed.get(block);
  if (found === undefined) {
    found = !block.closeBrace || block.body.some((s) => s.kind === 'block' && hasUnclosedBlock(s));
    unclosed.set(block, found);
  }
  return found;
}

export function attributesOf(block: BlockStmt): AttributeStmt[] {
  return block.body.filter((s): s is AttributeStmt => s.kind === 'attribute');
}
