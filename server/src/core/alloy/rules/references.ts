import type { BlockStmt, Expr, Span, Statement } from '../ast';
import { referencePath } from '../ast';
import { childExprs } from '../components';
import { type AlloyRuleContext, checkedStatements } from '../rule-context';

export interface ReferenceChain {
  /** The whole `a.b.c.d` access chain (identifiers and `.member` only). */
  expr: Expr;
  parts: string[];
  spans: Span[];
  /** The innermost `declare` block holding the reference, if any. */
  declare?: BlockStmt;
  /** The top-level block holding the reference. */
  owner: BlockStmt;
}

/**
 * Every reference chain of at least two parts in attribute values of the checked statements, with
 * the declare block around it (module scope), in document order. A chain under an index or call is reached too.
 */
export function referenceChains(ctx: AlloyRuleContext): ReferenceChain[] {
  let chains = cache.get(ctx);
  if (!chains) {
    chains = collectChains(ctx);
    cache.set(ctx, chains);
  }
  return chains;
}

const cache = new WeakMap<AlloyRuleContext, ReferenceChain[]>();

function collectChains(ctx: AlloyRuleContext): ReferenceChain[] {
  const chains: ReferenceChain[] = [];
  const visitExpr = (expr: Expr, owner: BlockStmt, declare?: BlockStmt) => {
    const path = referencePath(expr);
    if (path && expr.kind === 'access') {
      chains.push({ expr, parts: path.parts, spans: path.spans, declare, owner });
      return;
    }
    for (const child of childExprs(expr)) visitExpr(child, owner, declare);
  };
  const visit = (statements: Statement[], owner: BlockStmt | undefined, declare?: BlockStmt) => {
    for (const statement of statements) {
      if (statement.kind === 'attribute') {
        if (owner) visitExpr(statement.value, owner, declare);
      } else {
        if (statement.name === 'declare') visit(statement.body, undefined, statement);
        else visit(statement.body, owner ?? statement, declare);
      }
    }
  };
  visit(checkedStatements(ctx), undefined, ctx.unit?.declare);
  return chains;
}

/** `name.label` keys of components declared by the other .alloy files of the folder. */
export function siblingComponentKeys(ctx: AlloyRuleContext): Map<string, string> {
  const keys = new Map<string, string>();
  for (const facts of ctx.modules.siblings()) {
    for (const component of facts.alloy!.components) if (!keys.has(component.key)) keys.set(component.key, facts.uri);
  }
  return keys;
}
