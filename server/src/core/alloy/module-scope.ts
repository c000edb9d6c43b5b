import type { AlloyFile, BlockStmt, Expr, Span, Statement } from './ast';
import { referencePath } from './ast';
import { CONFIG_BLOCKS, childExprs } from './components';

// Alloy's name scopes, for rename, highlights and semantic tokens. A module — a file's top level, or
// the body of a `declare` block — is one scope for component labels: a `declare` body cannot see the
// components around it (it gets values through its `argument`s), and `foreach` templates see the
// components of their module (docs/sources/reference/config-blocks/foreach.md, v1.18.1). Custom
// component names (`declare`) and import namespaces are also visible in nested declare bodies:
// internal/runtime/internal/controller/custom_component_registry.go (v1.18.1) looks them up in the
// parent registry.

/** A dotted reference as written in an expression (`loki.write.default.receiver`, `argument.x.value`). */
export interface ReferenceChain {
  parts: string[];
  spans: Span[];
  /** The chain is the function of a call (`sys.env(...)`). */
  called: boolean;
  /** `var` names of the foreach templates around the chain. */
  vars: ReadonlySet<string>;
}

export interface ModuleScope {
  /** The `declare` block whose body this is; undefined for a file's top level. */
  declare?: BlockStmt;
  parent?: ModuleScope;
  /** The scopes of the `declare` blocks directly in this one. */
  children: ModuleScope[];
  /** Blocks at component level: the module's own blocks and those in its foreach templates (not declares). */
  blocks: BlockStmt[];
  /** Labelled component instances (built-in or custom) by `name.label`; the first of a duplicate wins. */
  components: Map<string, BlockStmt>;
  declares: Map<string, BlockStmt>;
  imports: Map<string, BlockStmt>;
  arguments: Map<string, BlockStmt>;
  exports: Map<string, BlockStmt>;
  /** Reference chains in this module's expressions (those of nested declares are in their own scope). */
  chains: ReferenceChain[];
}

const NO_VARS: ReadonlySet<string> = new Set();
const scopes = new WeakMap<AlloyFile, ModuleScope>();

/** The scope tree of a file (cached per AST). */
export function moduleScope(ast: AlloyFile): ModuleScope {
  let root = scopes.get(ast);
  if (!root) {
    root = newScope();
    collect(root, ast.body, NO_VARS);
    scopes.set(ast, root);
  }
  return root;
}

function newScope(declare?: BlockStmt, parent?: ModuleScope): ModuleScope {
  return {
    declare, parent, children: [], blocks: [], components: new Map(), declares: new Map(), imports: new Map(),
    arguments: new Map(), exports: new Map(), chains: [],
  };
}

function collect(scope: ModuleScope, statements: Statement[], vars: ReadonlySet<string>): void {
  for (const statement of statements) {
    if (statement.kind === 'attribute') {
      collectChains(scope, statement.value, vars);
      continue;
    }
    if (statement.name === 'declare') {
      const child = newScope(statement, scope);
      scope.children.push(child);
      if (statement.label !== undefined && !scope.declares.has(statement.label)) scope.declares.set(statement.label, statement);
      collect(child, statement.body, NO_VARS);
      continue;
    }
    scope.blocks.push(statement);
    const label = statement.label;
    if (label !== undefined) {
      const named = statement.name === 'argument' ? scope.arguments : statement.name === 'export' ? scope.exports
        : statement.name.startsWith('import.') ? scope.imports : undefined;
      if (named && !named.has(label)) named.set(label, statement);
      const key = `${statement.name}.${label}`;
      if (!CONFIG_BLOCKS.has(statement.name) && !scope.components.has(key)) scope.components.set(key, statement);
    }
    if (statement.name === 'foreach') {
      const inner = foreachVar(statement);
      const templateVars = inner ? new Set([...vars, inner]) : vars;
      for (const part of statement.body) {
        if (part.kind === 'block' && part.name === 'template') {
          scope.blocks.push(part);
          collect(scope, part.body, templateVars);
        } else if (part.kind === 'attribute') {
          collectChains(scope, part.value, vars);
        } else {
          collectNested(scope, part.body, vars);
        }
      }
      continue;
    }
    collectNested(scope, statement.body, vars);
  }
}

/** Expressions inside a component's body: nested blocks are settings, not components. */
function collectNested(scope: ModuleScope, statements: Statement[], vars: ReadonlySet<string>): void {
  for (const statement of statements) {
    if (statement.kind === 'attribute') collectChains(scope, statement.value, vars);
    else collectNested(scope, statement.body, vars);
  }
}

function collectChains(scope: ModuleScope, expr: Expr, vars: ReadonlySet<string>): void {
  const path = referencePath(expr);
  if (path) {
    scope.chains.push({ ...path, called: false, vars });
    return;
  }
  if (expr.kind === 'call') {
    const callee = referencePath(expr.callee);
    if (callee) {
      scope.chains.push({ ...callee, called: true, vars });
      for (const arg of expr.args) collectChains(scope, arg, vars);
      return;
    }
  }
  for (const child of childExprs(expr)) collectChains(scope, child, vars);
}

function foreachVar(block: BlockStmt): string | undefined {
  for (const statement of block.body) {
    if (statement.kind === 'attribute' && statement.name === 'var' && statement.value.kind === 'string') {
      return String(statement.value.value);
    }
  }
  return undefined;
}

/** The custom component `name` as seen from `scope`: declared in it or in a module around it. */
export function visibleDeclare(scope: ModuleScope, name: string): { block: BlockStmt; scope: ModuleScope } | undefined {
  for (let s: ModuleScope | undefined = scope; s; s = s.parent) {
    const block = s.declares.get(name);
    if (block) return { block, scope: s };
  }
  return undefined;
}

/** The import namespace `name` as seen from `scope`. */
export function visibleImport(scope: ModuleScope, name: string): { block: BlockStmt; scope: ModuleScope } | undefined {
  for (let s: ModuleScope | undefined = scope; s; s = s.parent) {
    const block = s.imports.get(name);
    if (block) return { block, scope: s };
  }
  return undefined;
}

/**
 * The component a chain refers to in `scope` (longest `name.label` prefix first, as Alloy's
 * references do), and how many parts name it.
 */
export function resolveComponent(components: ReadonlyMap<string, BlockStmt>, parts: string[]): { key: string; block: BlockStmt; length: number } | undefined {
  for (let end = parts.length; end >= 2; end--) {
    const key = parts.slice(0, end).join('.');
    const block = components.get(key);
    if (block) return { key, block, length: end };
  }
  return undefined;
}

/** Every scope of the tree, outermost first. */
export function allScopes(root: ModuleScope): ModuleScope[] {
  const out: ModuleScope[] = [];
  const visit = (scope: ModuleScope) => {
    out.push(scope);
    scope.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** The innermost scope whose declare body holds `offset`. */
export function scopeAt(root: ModuleScope, offset: number): ModuleScope {
  for (const child of root.children) {
    const body = child.declare!;
    if (body.openBrace.end <= offset && offset <= (body.closeBrace?.start ?? body.span.end)) return scopeAt(child, offset);
  }
  return root;
}

/**
 * Spans of the dotted parts of a block name (`otelcol.processor.batch`), read from the source: the
 * AST keeps only the whole name's span, and white space or comments may sit between the parts.
 */
export function namePartSpans(text: string, block: BlockStmt): Span[] {
  const spans: Span[] = [];
  const identifier = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
  let i = block.nameSpan.start;
  while (i < block.nameSpan.end) {
    if (text.startsWith('//', i)) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? block.nameSpan.end : newline + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? block.nameSpan.end : close + 2;
    } else {
      identifier.lastIndex = i;
      const match = identifier.exec(text);
      if (match) {
        spans.push({ start: i, end: i + match[0].length });
        i += match[0].length;
      } else {
        i++;
      }
    }
  }
  return spans;
}

/**
 * The label's text between its quotes, where a rename writes; undefined for an empty label, and for one
 * whose source is not its text between two quotes (an escape sequence, a missing closing quote).
 */
export function labelNameSpan(block: BlockStmt): Span | undefined {
  if (!block.labelSpan || block.label === undefined || block.labelSpan.end - block.labelSpan.start !== block.label.length + 2) return undefined;
  return { start: block.labelSpan.start + 1, end: block.labelSpan.end - 1 };
}
