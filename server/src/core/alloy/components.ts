import type { AlloyFile, BlockStmt, Expr, Span, Statement } from './ast';
import { referencePath } from './ast';

/** Blocks that configure Alloy itself rather than declaring a component instance. */
export const CONFIG_BLOCKS = new Set([
  'logging', 'tracing', 'argument', 'export', 'declare', 'foreach', 'http', 'remotecfg', 'livedebugging',
  'import.file', 'import.string', 'import.http', 'import.git',
]);

export interface ComponentReference {
  /** `name.label` of the referenced component. */
  key: string;
  /** From the first name part to the end of the label part, e.g. `otelcol.processor.batch.default`. */
  span: Span;
  /** The export accessed after the label (`input`, `receiver`, `targets`…), when there is one. */
  exportName?: string;
  /** The block whose body holds the reference. */
  from: BlockStmt;
}

/**
 * What an index of a document being edited keeps for the index of its next version: the references
 * found in each unit (a top-level block, or a statement in a declare body, at any depth of nested
 * declares: an edit in a large declare re-reads one of its statements, not all). A unit taken over
 * from an earlier version (the same object, its spans shifted: reuse.ts) has the same references,
 * moved, while the component names of the file and which of its blocks the index holds are the same:
 * references resolve against those alone.
 */
export interface ReferenceMemory {
  kept?: {
    signature: string;
    /** The keys and block names of the components of the index that found them: an index with the same ones takes its signature string. */
    componentKeys: string[];
    componentNames: string[];
    /** Updated in place by each version's index (entries of units gone are dropped). */
    statements: Map<Statement, KeptReferences>;
    /** Which index last found each unit (see KeptReferences.index). */
    indexes: number;
  };
}

interface KeptReferences {
  owned: string;
  inDeclare: boolean;
  /** Spans relative to the unit's start; `from` the block in the unit holding them, or null: the top-level declare around it. */
  references: { key: string; start: number; end: number; exportName?: string; from: BlockStmt | null }[];
  /** The references as last reported, and the unit's start then: the same objects while the unit has not moved. */
  reported: ComponentReference[];
  reportedStart: number;
  index: number;
}

const blockKeys = new WeakMap<BlockStmt, string>();
const NO_REFERENCES: readonly ComponentReference[] = [];

/** Component instances (labelled blocks that are not config blocks) and the references between them. */
export class ComponentIndex {
  readonly components = new Map<string, BlockStmt>();
  readonly references: ComponentReference[] = [];
  /** `declare "name"` blocks (custom components), at any depth, by name (the first wins). */
  readonly declares = new Map<string, BlockStmt>();
  /** `import.file|git|http|string "namespace"` blocks, at any depth, by namespace. */
  readonly imports = new Map<string, BlockStmt>();
  private componentSignature: string | undefined;
  private fileDeclarations: unknown[] | undefined;
  private referencesByKey: Map<string, ComponentReference[]> | undefined;

  /** `memory`: for a document being edited, what the index of its previous version found (updated to this one's). */
  constructor(private readonly ast: AlloyFile, memory?: ReferenceMemory) {
    this.collectComponents(ast.body);
    const last = memory?.kept;
    if (last && sameComponents(this.components, last.componentKeys, last.componentNames)) this.componentSignature = last.signature;
    const kept = memory ? (memory.kept ??= { signature: '', componentKeys: [], componentNames: [], statements: new Map(), indexes: 0 }) : undefined;
    if (kept && kept.signature !== this.signature) {
      kept.statements.clear();
      kept.signature = this.signature;
      kept.componentKeys = [...this.components.keys()];
      kept.componentNames = [...this.components.values()].map((block) => block.name);
    }
    if (kept) kept.indexes++;
    // A reference's owner is the innermost component holding it, else the top-level block holding it
    // (declares are not components: what is not in a component of a declare body belongs to the declare).
    const collectDeclare = (declare: BlockStmt, top: BlockStmt) => {
      for (const statement of declare.body) {
        if (statement.kind === 'block' && statement.name === 'declare') collectDeclare(statement, top);
        else this.collectUnit(statement, top, kept);
      }
    };
    for (const statement of ast.body) {
      if (statement.kind !== 'block') continue;
      if (statement.name === 'declare') collectDeclare(statement, statement);
      else this.collectUnit(statement, statement, kept);
    }
    if (kept) for (const [unit, references] of kept.statements) if (references.index !== kept.indexes) kept.statements.delete(unit);
  }

  /** The references of one unit; `top`: the top-level block holding it (itself at top level). */
  private collectUnit(unit: Statement, top: BlockStmt, kept: ReferenceMemory['kept']): void {
    if (unit.kind === 'attribute') {
      // An attribute at component level (in a declare body) is not kept: its references are few and its owner is the declare.
      this.collectFromExpr(top, unit.value);
      if (kept) kept.statements.delete(unit);
      return;
    }
    const first = this.references.length;
    const inDeclare = unit !== top;
    const start = unit.span.start;
    const old = kept?.statements.get(unit);
    if (old && old.inDeclare === inDeclare && this.sameOwnership(unit, old.owned)) {
      old.index = kept!.indexes;
      if (start === old.reportedStart && old.reported.every((r, i) => r.from === (old.references[i].from ?? top))) {
        for (const reference of old.reported) this.references.push(reference);
        return;
      }
      for (const r of old.references) {
        this.references.push({ key: r.key, span: { start: start + r.start, end: start + r.end }, exportName: r.exportName, from: r.from ?? top });
      }
      old.reported = this.references.slice(first);
      old.reportedStart = start;
      return;
    }
    this.collectReferences(unit === top || this.components.get(ComponentIndex.keyOf(unit) ?? '') === unit ? unit : top, unit.body);
    if (!kept) return;
    const reported = this.references.slice(first);
    kept.statements.set(unit, {
      owned: this.ownership(unit),
      inDeclare,
      references: reported.map((r) => ({
        key: r.key, start: r.span.start - start, end: r.span.end - start, exportName: r.exportName, from: inDeclare && r.from === top ? null : r.from,
      })),
      reported,
      reportedStart: start,
      index: kept.indexes,
    });
  }

  /** Whether this index holds the block: it is the component its `name.label` stands for (the first of a duplicate). */
  holds(block: BlockStmt): boolean {
    const key = ComponentIndex.keyOf(block);
    return key !== undefined && this.components.get(key) === block;
  }

  /** For each labelled block at component level in the statement (walkComponentLevel's order): '1' when this index holds it, else '0'. */
  ownership(statement: Statement): string {
    if (statement.kind !== 'block') return '';
    let flags = statement.label === undefined ? '' : this.holds(statement) ? '1' : '0';
    if (isComponentLevelContainer(statement)) for (const inner of statement.body) flags += this.ownership(inner);
    return flags;
  }

  /** Whether ownership(statement) is `expected`, compared as it goes (nothing allocated). */
  sameOwnership(statement: Statement, expected: string): boolean {
    return this.matchOwnership(statement, expected, 0) === expected.length;
  }

  /** Where in `expected` the flags of the statement end when they match from `at`, else -1. */
  private matchOwnership(statement: Statement, expected: string, at: number): number {
    if (statement.kind !== 'block') return at;
    if (statement.label !== undefined) {
      if (expected.charCodeAt(at) !== (this.holds(statement) ? 49 /* 1 */ : 48 /* 0 */)) return -1;
      at++;
    }
    if (!isComponentLevelContainer(statement)) return at;
    for (const inner of statement.body) {
      at = this.matchOwnership(inner, expected, at);
      if (at < 0) return -1;
    }
    return at;
  }

  /** Every component's `name.label` and block name, in order: equal strings, equal component names. */
  get signature(): string {
    if (this.componentSignature === undefined) {
      let signature = '';
      for (const [key, block] of this.components) signature += `${key}\u0000${block.name}\n`;
      this.componentSignature = signature;
    }
    return this.componentSignature;
  }

  /**
   * What the file's custom components and imports are made of, in document order: each declare's
   * label, what its custom component's spec takes of its argument blocks, its export blocks and the
   * import blocks (the statements themselves: the same object has the same text), and where each
   * declare ends. Equal items (by identity) and equal components (`signature`): the same specs for
   * the file's custom components, given the same other files (lint-cache.ts, modules.ts).
   */
  get declarations(): readonly unknown[] {
    if (!this.fileDeclarations) {
      const declarations: unknown[] = [];
      const visit = (statements: Statement[], declare: BlockStmt | undefined) => {
        for (const statement of statements) {
          if (statement.kind === 'block' && statement.name === 'declare') {
            declarations.push(DECLARE, statement.label);
            visit(statement.body, statement);
            declarations.push(END_OF_DECLARE);
            continue;
          }
          const declaration = declarationOf(statement, declare);
          if (declaration !== undefined) declarations.push(declaration);
        }
      };
      visit(this.ast.body, undefined);
      this.fileDeclarations = declarations;
    }
    return this.fileDeclarations;
  }

  /** `otelcol.processor.batch.default` for `otelcol.processor.batch "default"`. */
  static keyOf(block: BlockStmt): string | undefined {
    if (block.label === undefined) return undefined;
    // Kept per block: a block's name and label never change (an edit makes a new block, or keeps the
    // object with its spans moved: reuse.ts), and every edit looks up the key of every component.
    let key = blockKeys.get(block);
    if (key === undefined) {
      key = `${block.name}.${block.label}`;
      blockKeys.set(block, key);
    }
    return key;
  }

  /** The references to the component `key`, in document order (looked up by key: rules ask once per component). */
  referencesTo(key: string): readonly ComponentReference[] {
    if (!this.referencesByKey) {
      this.referencesByKey = new Map();
      for (const reference of this.references) {
        const list = this.referencesByKey.get(reference.key);
        if (list) list.push(reference);
        else this.referencesByKey.set(reference.key, [reference]);
      }
    }
    return this.referencesByKey.get(key) ?? NO_REFERENCES;
  }

  /** The component the expression refers to, trying the longest `name.label` prefix first. */
  resolve(expr: Expr): { key: string; block: BlockStmt; span: Span; exportName?: string } | undefined {
    const path = referencePath(expr) ?? referencePath(innermostObject(expr));
    if (!path || path.parts.length < 2) return undefined;
    for (let end = path.parts.length; end >= 2; end--) {
      const key = path.parts.slice(0, end).join('.');
      const block = this.components.get(key);
      if (block) {
        return { key, block, span: { start: path.spans[0].start, end: path.spans[end - 1].end }, exportName: path.parts[end] };
      }
    }
    return undefined;
  }

  private collectComponents(statements: Statement[]): void {
    walkComponentLevel(statements, (block) => {
      if (block.name === 'declare') {
        if (block.label !== undefined && !this.declares.has(block.label)) this.declares.set(block.label, block);
        return;
      }
      if (block.name.startsWith('import.') && block.label !== undefined && !this.imports.has(block.label)) this.imports.set(block.label, block);
      const key = isComponentLevelContainer(block) ? undefined : ComponentIndex.keyOf(block);
      if (key && !CONFIG_BLOCKS.has(block.name) && !this.components.has(key)) this.components.set(key, block);
    });
  }

  /** The components of `statements` that this index holds (the first of a duplicate key), in document order. */
  componentsAmong(statements: Statement[]): BlockStmt[] {
    const out: BlockStmt[] = [];
    walkComponentLevel(statements, (block) => {
      const key = ComponentIndex.keyOf(block);
      if (key !== undefined && this.components.get(key) === block) out.push(block);
    });
    return out;
  }

  private collectReferences(owner: BlockStmt, statements: Statement[]): void {
    for (const statement of statements) {
      if (statement.kind === 'attribute') this.collectFromExpr(owner, statement.value);
      else {
        const nextOwner = this.components.get(ComponentIndex.keyOf(statement) ?? '') === statement ? statement : owner;
        this.collectReferences(nextOwner, statement.body);
      }
    }
  }

  private collectFromExpr(owner: BlockStmt, expr: Expr): void {
    const resolved = this.resolve(expr);
    if (resolved) {
      this.references.push({ key: resolved.key, span: resolved.span, exportName: resolved.exportName, from: owner });
      return;
    }
    for (const child of childExprs(expr)) this.collectFromExpr(owner, child);
  }
}

const DECLARE = Symbol('declare');
const END_OF_DECLARE = Symbol('end of declare');

/** What declarationOf found for an argument block: the same statement object has the same text. */
const argumentDeclarations = new WeakMap<Statement, string>();

/**
 * What a unit adds to the file's declarations: an argument block of a declare, what its custom
 * component's spec takes from it (modules.ts declareSpec: label, optional, comment), so typing
 * elsewhere in it changes nothing; an export block of a declare or an import block (also in a foreach
 * template), the statement itself (the same object while its text is the same).
 */
function declarationOf(statement: Statement, declare: BlockStmt | undefined): unknown {
  if (statement.kind !== 'block') return undefined;
  if (declare && statement.name === 'argument') {
    let declaration = argumentDeclarations.get(statement);
    if (declaration === undefined) {
      const literal = (name: string) => {
        const attribute = statement.body.find((s) => s.kind === 'attribute' && s.name === name);
        if (attribute?.kind !== 'attribute') return 'absent';
        const value = attribute.value;
        return value.kind === 'bool' || value.kind === 'string' ? `${value.kind} ${String(value.value)}` : 'computed';
      };
      declaration = `argument ${statement.label === undefined ? '(no label)' : JSON.stringify(statement.label)}\u0000${literal('optional')}\u0000${literal('comment')}`;
      argumentDeclarations.set(statement, declaration);
    }
    return declaration;
  }
  if (declare && statement.name === 'export') return statement;
  return hasImport(statement) ? statement : undefined;
}

function hasImport(block: BlockStmt): boolean {
  if (block.name.startsWith('import.')) return true;
  return (block.name === 'foreach' || block.name === 'template') && block.body.some((s) => s.kind === 'block' && hasImport(s));
}

/** Whether the components are these keys for blocks of these names, in this order. */
function sameComponents(components: Map<string, BlockStmt>, keys: string[], names: string[]): boolean {
  if (components.size !== keys.length) return false;
  let i = 0;
  let same = true;
  components.forEach((block, key) => {
    same &&= key === keys[i] && block.name === names[i];
    i++;
  });
  return same;
}

/** Blocks whose body is at component level too: components declared inside a module or a foreach template are referenced by the same names. */
function isComponentLevelContainer(block: BlockStmt): boolean {
  return block.name === 'declare' || block.name === 'foreach' || block.name === 'template';
}

/** Every block at component level among `statements`, in document order, descending into declare bodies and foreach templates. */
function walkComponentLevel(statements: Statement[], visit: (block: BlockStmt) => void): void {
  for (const statement of statements) {
    if (statement.kind !== 'block') continue;
    visit(statement);
    if (isComponentLevelContainer(statement)) walkComponentLevel(statement.body, visit);
  }
}

/** For `a.b.c[0]` or `f(a.b)`, the reference chain under an index; calls are searched by collectFromExpr. */
function innermostObject(expr: Expr): Expr {
  return expr.kind === 'index' ? innermostObject(expr.object) : expr;
}

export function childExprs(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'array': return expr.elements;
    case 'object': return expr.fields.map((field) => field.value);
    case 'access': return [expr.object];
    case 'index': return [expr.object, expr.index];
    case 'call': return [expr.callee, ...expr.args];
    case 'unary': return [expr.operand];
    case 'binary': return [expr.left, expr.right];
    case 'paren': return [expr.inner];
    default: return [];
  }
}

/** The innermost block whose span holds `offset`, with its ancestors (outermost first). */
export function blockPathAt(statements: Statement[], offset: number): BlockStmt[] {
  for (const statement of statements) {
    if (statement.kind === 'block' && statement.span.start <= offset && offset <= statement.span.end) {
      return [statement, ...blockPathAt(statement.body, offset)];
    }
  }
  return [];
}

/** Every expression in the file with the block holding it, for position look-ups. */
export function findExprAt(statements: Statement[], offset: number): Expr | undefined {
  for (const statement of statements) {
    if (offset < statement.span.start || offset > statement.span.end) continue;
    if (statement.kind === 'block') return findExprAt(statement.body, offset);
    return innermostExpr(statement.value, offset);
  }
  return undefined;
}

function innermostExpr(expr: Expr, offset: number): Expr | undefined {
  if (offset < expr.span.start || offset > expr.span.end) return undefined;
  for (const child of childExprs(expr)) {
    const inner = innermostExpr(child, offset);
    if (inner) {
      // A reference chain is one unit: return the whole access chain, not its first identifier.
      return expr.kind === 'access' && referencePath(expr) ? expr : inner;
    }
  }
  return expr;
}
