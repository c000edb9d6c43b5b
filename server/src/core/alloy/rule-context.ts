import type { AnalysisContext } from '../context';
import type { Rule } from '../rule';
import type { AttributeStmt, BlockStmt, Span, Statement } from './ast';
import type { AlloyParsed } from './parser';
import type { ComponentIndex } from './components';
import type { TierSelection } from './tier';
import type { Fix, Range } from '../types';
import type { ComponentResolver } from './modules';
import type { ExprTyper } from './expr-types';

export interface AlloyRuleContext {
  parsed: AlloyParsed;
  index: ComponentIndex;
  analysis: AnalysisContext;
  tier?: TierSelection;
  /** Minor Alloy release checked against (`1.18`), from `alloyVersion` or the newest. */
  version: string;
  /** What each component name stands for (built-in, declared, imported). */
  modules: ComponentResolver;
  typer: ExprTyper;
  /**
   * The one statement a block-scoped rule checks (lint-cache.ts), with the declare block around it;
   * undefined when the whole file is checked. The helpers below that find what to check
   * (checkedStatements, componentsNamed, forEachKnownBlock, componentBlocks, referenceChains) see only
   * this statement; lookups (index, modules, typer) always see the whole file.
   */
  unit?: CheckedUnit;
}

export interface CheckedUnit {
  statement: Statement;
  /** The innermost declare block whose body holds the statement. */
  declare?: BlockStmt;
}

export interface AlloyRule extends Rule<AlloyRuleContext> {
  /**
   * `block`: the rule's findings about a statement at component level (a top-level statement, or one
   * in a declare body) depend on that statement alone and on what every block rule may read of the
   * rest (lint-cache.ts `Environment`: configuration, tier, other files' facts, the component names
   * of the file, its declare and import blocks); it finds what to check through the helpers of this
   * module and puts its ranges and fixes inside the statement's lines. The lint driver then runs it
   * per statement and reuses its findings for statements an edit did not touch. `file` (the default):
   * it reads the file as a whole (the pipeline's wiring) and runs over the whole file on every lint.
   */
  readonly scope?: 'block' | 'file';
}

/** The statements a rule checks: the unit of a block-scoped run, else the file's top level. */
export function checkedStatements(ctx: AlloyRuleContext): Statement[] {
  return ctx.unit ? [ctx.unit.statement] : ctx.parsed.ast.body;
}

const componentsChecked = new WeakMap<AlloyRuleContext, BlockStmt[]>();

/** Component blocks named `name` among the checked statements (also inside declare and foreach templates). */
export function componentsNamed(ctx: AlloyRuleContext, name: string): BlockStmt[] {
  let components = componentsChecked.get(ctx);
  if (!components) {
    components = ctx.unit ? ctx.index.componentsAmong([ctx.unit.statement]) : [...ctx.index.components.values()];
    componentsChecked.set(ctx, components);
  }
  return components.filter((block) => block.name === name);
}

export function attribute(block: BlockStmt, name: string): AttributeStmt | undefined {
  return block.body.find((s): s is AttributeStmt => s.kind === 'attribute' && s.name === name);
}

export function childBlock(block: BlockStmt, name: string): BlockStmt | undefined {
  return block.body.find((s): s is BlockStmt => s.kind === 'block' && s.name === name);
}

export function rangeOf(ctx: AlloyRuleContext, span: Span): Range {
  return ctx.parsed.lines.range(span.start, span.end);
}

export function headerOf(block: BlockStmt): string {
  return block.label !== undefined ? `${block.name} "${block.label}"` : block.name;
}

export function replaceFix(ctx: AlloyRuleContext, title: string, span: Span, newText: string, isPreferred = true): Fix {
  return { title, isPreferred, edits: [{ range: rangeOf(ctx, span), newText }] };
}

/** The indentation used for statements inside `block` (its first statement's, else the block's own plus one tab). */
export function bodyIndent(ctx: AlloyRuleContext, block: BlockStmt): string {
  const first: Statement | undefined = block.body[0];
  const lines = ctx.parsed.lines;
  if (first) {
    const line = lines.lineText(lines.positionAt(first.span.start).line);
    return /^[ \t]*/.exec(line)![0];
  }
  const own = /^[ \t]*/.exec(lines.lineText(lines.positionAt(block.span.start).line))![0];
  return `${own}${own.includes(' ') && !own.includes('\t') ? '  ' : '\t'}`;
}

/**
 * A fix that adds `attribute = value` as a new line in `block`: after its last attribute (or right
 * after `{`), with the block's indentation. Minimal: one insertion, nothing else moves.
 */
export function insertAttributeFix(ctx: AlloyRuleContext, block: BlockStmt, name: string, value: string, title: string, isPreferred = true): Fix {
  const lines = ctx.parsed.lines;
  const indent = bodyIndent(ctx, block);
  const attributes = block.body.filter((s) => s.kind === 'attribute');
  const anchor = attributes.length > 0 ? attributes[attributes.length - 1].span.end : block.openBrace.end;
  const anchorLine = lines.positionAt(anchor).line;
  const sameLineAsClose = block.closeBrace && lines.positionAt(block.closeBrace.start).line === anchorLine;
  if (sameLineAsClose) {
    // A one-line block: `blk { a = 1 }` becomes `blk { a = 1\n<indent>name = value }` would be odd; put it before `}`.
    return { title, isPreferred, edits: [{ range: lines.range(block.closeBrace!.start, block.closeBrace!.start), newText: `\n${indent}${name} = ${value}\n` }] };
  }
  const at = lines.lineEnd(anchorLine);
  return { title, isPreferred, edits: [{ range: lines.range(at, at), newText: `\n${indent}${name} = ${value}` }] };
}
