import type {
  DocumentSymbolResult, FoldingRangeResult, LocationResult, Position, Range,
} from '../types';
import type { AlloyParsed } from './parser';
import type { BlockStmt, Expr, Statement } from './ast';
import { referencePath } from './ast';
import type { AlloyScope } from './scope';
import { CONFIG_BLOCKS, ComponentIndex, blockPathAt, childExprs, findExprAt } from './components';

// Outline, folding and component navigation for Alloy. Pure functions over the parsed document.

export function documentSymbols(parsed: AlloyParsed): DocumentSymbolResult[] {
  const toSymbols = (statements: Statement[], depth: number): DocumentSymbolResult[] =>
    statements.map((statement) => {
      const range = parsed.lines.range(statement.span.start, statement.span.end);
      if (statement.kind === 'attribute') {
        return {
          name: statement.name,
          kind: 'property' as const,
          range,
          selectionRange: parsed.lines.range(statement.nameSpan.start, statement.nameSpan.end),
          children: [],
        };
      }
      const header = headerSpan(statement);
      return {
        name: statement.label !== undefined ? `${statement.name} "${statement.label}"` : statement.name,
        detail: depth === 0 ? (CONFIG_BLOCKS.has(statement.name) ? 'config block' : 'component') : undefined,
        kind: depth === 0 ? (CONFIG_BLOCKS.has(statement.name) ? 'module' : 'class') : 'object',
        range,
        selectionRange: parsed.lines.range(header.start, header.end),
        children: toSymbols(statement.body, depth + 1),
      };
    });
  return toSymbols(parsed.ast.body, 0);
}

export function headerSpan(block: BlockStmt): { start: number; end: number } {
  return { start: block.nameSpan.start, end: block.labelSpan?.end ?? block.nameSpan.end };
}

export function foldingRanges(parsed: AlloyParsed): FoldingRangeResult[] {
  const ranges: FoldingRangeResult[] = [];
  const add = (start: number, end: number, kind?: 'comment') => {
    const startLine = parsed.lines.positionAt(start).line;
    // Fold up to the line before the closing bracket so the bracket stays visible, as VS Code does.
    const endLine = parsed.lines.positionAt(end).line - (kind ? 0 : 1);
    if (endLine > startLine) ranges.push({ startLine, endLine, kind });
  };
  const visitExpr = (expr: Expr) => {
    if (expr.kind === 'array' || expr.kind === 'object' || expr.kind === 'call') add(expr.span.start, expr.span.end);
    childExprs(expr).forEach(visitExpr);
  };
  const visit = (statements: Statement[]) => {
    for (const statement of statements) {
      if (statement.kind === 'block') {
        add(statement.span.start, statement.closeBrace?.start ?? statement.span.end);
        visit(statement.body);
      } else {
        visitExpr(statement.value);
      }
    }
  };
  visit(parsed.ast.body);
  const comments = /\/\*[\s\S]*?\*\//g;
  for (const match of parsed.doc.text.matchAll(comments)) add(match.index!, match.index! + match[0].length, 'comment');
  return ranges;
}

/** The component at `position`: a reference to it, or its own block header. */
export function componentAt(parsed: AlloyParsed, index: ComponentIndex, position: Position):
  { key: string; block: BlockStmt; range: Range } | undefined {
  const offset = parsed.lines.offsetAt(position);
  const reference = index.references.find((r) => r.span.start <= offset && offset <= r.span.end);
  if (reference) {
    const block = index.components.get(reference.key)!;
    return { key: reference.key, block, range: parsed.lines.range(reference.span.start, reference.span.end) };
  }
  for (const [key, block] of index.components) {
    const header = headerSpan(block);
    if (header.start <= offset && offset <= header.end) return { key, block, range: parsed.lines.range(header.start, header.end) };
  }
  const expr = findExprAt(parsed.ast.body, offset);
  const resolved = expr && index.resolve(expr);
  if (resolved) return { key: resolved.key, block: resolved.block, range: parsed.lines.range(resolved.span.start, resolved.span.end) };
  return undefined;
}

export function definition(parsed: AlloyParsed, scope: AlloyScope, position: Position): LocationResult[] {
  const offset = parsed.lines.offsetAt(position);
  const path = blockPathAt(parsed.ast.body, offset);
  // The name of a custom component: its declare block, here or in the module that declares it.
  const named = path[path.length - 1];
  if (named && named.nameSpan.start <= offset && offset <= named.nameSpan.end) {
    const local = scope.index.declares.get(named.name);
    if (local) return [{ uri: parsed.doc.uri, range: parsed.lines.range(headerSpan(local).start, headerSpan(local).end) }];
    const resolution = scope.modules.resolve(named.name);
    if (resolution.kind === 'declare' && resolution.location) return [resolution.location];
  }
  const target = componentAt(parsed, scope.index, position);
  if (target) {
    const header = headerSpan(target.block);
    return [{ uri: parsed.doc.uri, range: parsed.lines.range(header.start, header.end) }];
  }
  // `argument.NAME.value` inside a declare: its argument block.
  const declare = [...path].reverse().find((b) => b.name === 'declare');
  const expr = findExprAt(parsed.ast.body, offset);
  const chain = expr && referencePath(expr);
  if (declare && chain && chain.parts[0] === 'argument' && chain.parts.length >= 2) {
    const argument = declare.body.find((s): s is BlockStmt => s.kind === 'block' && s.name === 'argument' && s.label === chain.parts[1]);
    if (argument) return [{ uri: parsed.doc.uri, range: parsed.lines.range(headerSpan(argument).start, headerSpan(argument).end) }];
  }
  // A component declared in another file of the folder.
  if (chain) {
    for (const facts of scope.modules.siblings()) {
      for (let end = chain.parts.length; end >= 2; end--) {
        const component = facts.alloy!.components.find((c) => c.key === chain.parts.slice(0, end).join('.'));
        if (component) return [{ uri: facts.uri, range: component.range }];
      }
    }
  }
  return [];
}

export function references(parsed: AlloyParsed, scope: AlloyScope, position: Position, includeDeclaration = true): LocationResult[] {
  const target = componentAt(parsed, scope.index, position);
  if (!target) return [];
  const locations = scope.index.referencesTo(target.key).map((r) => ({ uri: parsed.doc.uri, range: parsed.lines.range(r.span.start, r.span.end) }));
  if (includeDeclaration) {
    const header = headerSpan(target.block);
    locations.unshift({ uri: parsed.doc.uri, range: parsed.lines.range(header.start, header.end) });
  }
  return locations;
}
