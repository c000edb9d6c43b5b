import type { Expr, Span, Statement } from './ast';
import type { StatementCache } from './cst-to-ast';
import type { Problem } from './syntax';

// Per-statement reuse across versions of one document: after an incremental reparse, every attribute
// and block (at any depth) whose subtree tree-sitter reused keeps the AST and syntax problems found for
// it before, moved to its new offsets; only the statements around an edit are converted and inspected
// again. Walking the tree through web-tree-sitter's node API is what a keystroke cost (about 90% of
// it on a 107 KB file, the reparse itself under 1 ms).
//
// A statement is recognised by the identity of its subtree, not by its text: tree-sitter keeps a
// subtree it reuses in the same allocation, and a node's `id` is the address of its slot in its
// parent's child array. A statement's first child (its name: `attribute` and `block` start with a
// visible field) sits in the statement's own allocation, so the id of that first child names the
// statement's subtree. The previous tree stays alive until the new result is built (parser.ts), so an
// address found in both trees is the same, unchanged subtree: the same text, parsed the same way. Its
// AST depends on nothing else but its depth (the MAX_DEPTH cut, which is compared too), and, when it
// holds no error, its syntax problems do not either (cst-to-ast.ts StatementCache). getChangedRanges was
// not used: it reports where the structure changed, not which subtrees were reused, and an edit inside
// a token changes no structure.
//
// A reused statement is the same object in the new AST: when it moved, its spans are shifted in place.
// The previous version's AST is given up by then (parser.ts frees its result once the new one is
// built, and nothing reads the AST of a superseded version), and copying every statement after an
// edit, with the garbage it left, was the largest part of a keystroke's conversion. So a statement's
// identity is its origin: the same object, the same subtree, for as long as the document is edited.
// Every span object belongs to one place in the AST (cst-to-ast.ts makes a new one for each), so
// shifting it once moves exactly that place.

interface Entry {
  /** The id of the statement's first child in the tree it was found in (see above). */
  key: number;
  depth: number;
  /** Where the statement starts in the version whose AST holds it (moved with it). */
  start: number;
  length: number;
  statement: Statement;
  /** Undefined until the syntax check has been through the statement (not inside an ERROR root); at this version's offsets (moved with it). */
  problems?: Problem[];
  /** The entries of the statements inside it, carried over with it when it is reused. */
  inside: Entry[];
  /** The last version of the document that holds the statement (see `Table`). */
  version: number;
}

/**
 * The statements of one document being edited, by key. One table serves every version: an entry is
 * valid for the version its `version` says (the keys of the others may name new subtrees now, their
 * trees freed), so a version adds the statements it converted and stamps those it reused, instead of
 * building a table of them all (every statement of the file, on every keystroke). Stale entries are
 * cleared once they outnumber the live ones.
 */
interface Table {
  entries: Map<number, Entry>;
  version: number;
}

const tables = new WeakMap<object, Table>();

/**
 * State shared by every version of one document being edited (the lint cache keeps its findings
 * here), carried from a version to the next by `keep`. Undefined for a document parsed once.
 */
const sessions = new WeakMap<object, Record<string, unknown>>();

export function editSession(parsed: object): Record<string, unknown> | undefined {
  return sessions.get(parsed);
}

/** Converts one version of a document's tree, reusing what the previous version's conversion found. */
export class StatementReuse implements StatementCache {
  private readonly table: Table;
  /** The version the statements to reuse are stamped with; -1: none (a first conversion). */
  private readonly previousVersion: number;
  private readonly version: number;
  /** The entries of the statements converted or reused inside the statements being converted, for their `inside`. */
  private readonly produced: Entry[] = [];
  /** How many statements are being converted (one inside the other). */
  private converting = 0;
  /** How many entries this version holds. */
  private live = 0;
  private readonly session: Record<string, unknown>;

  /** `previous`: the parse result of the previous version, whose tree must still be alive. */
  constructor(previous: object | undefined) {
    const table = previous ? tables.get(previous) : undefined;
    this.table = table ?? { entries: new Map(), version: -1 };
    this.previousVersion = table ? table.version : -1;
    this.version = this.previousVersion + 1;
    this.session = (previous && sessions.get(previous)) ?? {};
  }

  reuse(key: number, start: number, length: number, depth: number): Entry | undefined {
    const entry = this.table.entries.get(key);
    if (!entry || entry.version !== this.previousVersion || entry.depth !== depth || entry.length !== length) return undefined;
    const delta = start - entry.start;
    if (delta !== 0) {
      shiftSpans(entry.statement, delta);
      for (const inside of entry.inside) moveEntry(inside, delta);
      moveEntry(entry, delta);
    }
    for (const inside of entry.inside) inside.version = this.version;
    entry.version = this.version;
    this.live += entry.inside.length + 1;
    if (this.converting > 0) {
      for (const inside of entry.inside) this.produced.push(inside);
      this.produced.push(entry);
    }
    return entry;
  }

  begin(): number {
    this.converting++;
    return this.produced.length;
  }

  converted(mark: number, key: number, start: number, length: number, depth: number, statement: Statement, problems: Problem[] | undefined): void {
    const entry: Entry = { key, depth, start, length, statement, problems, inside: this.produced.slice(mark), version: this.version };
    this.table.entries.set(key, entry);
    this.live++;
    this.produced.push(entry);
    this.end();
  }

  abandon(mark: number, inAst: boolean): void {
    if (!inAst) {
      for (let i = mark; i < this.produced.length; i++) this.produced[i].version = -1;
      this.produced.length = mark;
    }
    this.end();
  }

  private end(): void {
    // Outside every statement being converted, no `inside` list needs them any more.
    if (--this.converting === 0) this.produced.length = 0;
  }

  /** Keeps this version's statements with `parsed`, for the conversion of its next version. */
  keep(parsed: object): void {
    const { entries } = this.table;
    if (entries.size > 2 * this.live + 64) {
      for (const [key, entry] of entries) if (entry.version !== this.version) entries.delete(key);
    }
    this.table.version = this.version;
    tables.set(parsed, this.table);
    sessions.set(parsed, this.session);
  }
}

/** Moves an entry whose statement's spans were shifted by `delta` (in place, like them). */
function moveEntry(entry: Entry, delta: number): void {
  entry.start += delta;
  if (entry.problems?.length) entry.problems = entry.problems.map((p) => ({ ...p, start: p.start + delta, end: p.end + delta }));
}

/**
 * Moves every span of `statement` by `delta`, in place. Iterative: the AST may be MAX_DEPTH levels
 * deep. Field by field rather than by enumerating keys (three times faster on a 107 KB file); the
 * switch over the expression kinds is exhaustive, so a new kind does not compile without its spans
 * here, and a new span field of an existing kind fails the reuse tests (moved AST = fresh AST).
 */
function shiftSpans(statement: Statement, delta: number): void {
  const shift = (span: Span) => {
    span.start += delta;
    span.end += delta;
  };
  const statements: Statement[] = [statement];
  const exprs: Expr[] = [];
  for (let current = statements.pop(); current; current = statements.pop()) {
    shift(current.span);
    shift(current.nameSpan);
    if (current.kind === 'attribute') {
      exprs.push(current.value);
    } else {
      if (current.labelSpan) shift(current.labelSpan);
      shift(current.openBrace);
      if (current.closeBrace) shift(current.closeBrace);
      for (const inner of current.body) statements.push(inner);
    }
    for (let expr = exprs.pop(); expr; expr = exprs.pop()) {
      shift(expr.span);
      switch (expr.kind) {
        case 'string': case 'number': case 'bool': case 'null': case 'identifier': case 'error':
          break;
        case 'array':
          for (const element of expr.elements) exprs.push(element);
          break;
        case 'object':
          for (const field of expr.fields) {
            shift(field.span);
            shift(field.keySpan);
            exprs.push(field.value);
          }
          break;
        case 'access':
          shift(expr.memberSpan);
          exprs.push(expr.object);
          break;
        case 'index':
          exprs.push(expr.object, expr.index);
          break;
        case 'call':
          exprs.push(expr.callee);
          for (const arg of expr.args) exprs.push(arg);
          break;
        case 'unary':
          exprs.push(expr.operand);
          break;
        case 'binary':
          exprs.push(expr.left, expr.right);
          break;
        case 'paren':
          exprs.push(expr.inner);
          break;
        default:
          return expr satisfies never;
      }
    }
  }
}
