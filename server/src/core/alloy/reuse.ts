import type Parser = require('web-tree-sitter');
import type { Statement } from './ast';
import type { StatementCache } from './cst-to-ast';
import type { Problem, ProblemCache } from './syntax';

type SyntaxNode = Parser.SyntaxNode;

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
// holds no error, its syntax problems do not either (syntax.ts ProblemCache). getChangedRanges was
// not used: it reports where the structure changed, not which subtrees were reused, and an edit inside
// a token changes no structure.

interface Entry {
  /** The id of the statement's first child in the tree it was found in (see above). */
  key: number;
  depth: number;
  /** Where the statement started in the version its `statement` and `problems` were found in. */
  start: number;
  length: number;
  statement: Statement;
  /** Undefined until the syntax walk has been through the statement. */
  problems?: Problem[];
  /** The entries of the statements inside it, carried over with it when it is reused. */
  inside: Entry[];
}

const states = new WeakMap<object, ReadonlyMap<number, Entry>>();

/**
 * For a statement this version took over from an earlier one: the statement as it was first converted
 * (its AST is this one's, every span shifted by the difference of their starts). Statements converted
 * afresh have none: they are their own origin. The statements inside a moved statement are copies too,
 * and have none either; their origin is the statement at the same place in their parent's origin.
 */
const origins = new WeakMap<Statement, Statement>();

export function originOf(statement: Statement): Statement | undefined {
  return origins.get(statement);
}

/**
 * State shared by every version of one document being edited (the lint cache keeps its findings
 * here), carried from a version to the next by `keep`. Undefined for a document parsed once.
 */
const sessions = new WeakMap<object, Record<string, unknown>>();

export function editSession(parsed: object): Record<string, unknown> | undefined {
  return sessions.get(parsed);
}

/** Converts one version of a document's tree, reusing what the previous version's conversion found. */
export class StatementReuse implements StatementCache, ProblemCache {
  private readonly produced: Entry[] = [];
  /** For each statement being converted: its key and where its inside starts in `produced`. */
  private readonly converting: { key: number | undefined; from: number }[] = [];
  private entries: Map<number, Entry> | undefined;

  /** `previous`: the parse result of the previous version, whose tree must still be alive. */
  constructor(previous: object | undefined) {
    this.previous = previous ? states.get(previous) : undefined;
    this.session = (previous && sessions.get(previous)) ?? {};
  }

  private readonly previous: ReadonlyMap<number, Entry> | undefined;
  private readonly session: Record<string, unknown>;

  reuse(node: SyntaxNode, depth: number): Statement | undefined {
    const key = keyOf(node);
    const entry = key === undefined ? undefined : this.previous?.get(key);
    if (entry && entry.depth === depth && entry.length === node.endIndex - node.startIndex) {
      for (const inside of entry.inside) this.produced.push(inside);
      this.produced.push(entry);
      const delta = node.startIndex - entry.start;
      if (delta === 0) return entry.statement;
      const copy = moved(entry.statement, delta);
      origins.set(copy, entry.statement);
      return copy;
    }
    this.converting.push({ key, from: this.produced.length });
    return undefined;
  }

  converted(node: SyntaxNode, depth: number, statement: Statement | undefined): void {
    const { key, from } = this.converting.pop()!;
    if (key === undefined || !statement || node.hasError) return;
    const start = node.startIndex;
    this.produced.push({ key, depth, start, length: node.endIndex - start, statement, inside: this.produced.slice(from) });
  }

  at(cursor: Parser.TreeCursor): { known: Problem[] } | { record(problems: Problem[]): void } | undefined {
    const start = cursor.startIndex;
    if (!cursor.gotoFirstChild()) return undefined;
    const key = cursor.startIndex === start ? cursor.nodeId : undefined;
    cursor.gotoParent();
    const entry = key === undefined ? undefined : this.current().get(key);
    if (!entry || entry.length !== cursor.endIndex - start) return undefined;
    const delta = start - entry.start;
    if (entry.problems) return { known: delta === 0 ? entry.problems : entry.problems.map((p) => ({ ...p, start: p.start + delta, end: p.end + delta })) };
    return {
      record(problems: Problem[]) {
        // Related information holds line-based ranges, which do not move with an offset.
        if (problems.some((p) => p.related)) return;
        entry.problems = delta === 0 ? problems : problems.map((p) => ({ ...p, start: p.start - delta, end: p.end - delta }));
      },
    };
  }

  /** Keeps this version's statements with `parsed`, for the conversion of its next version. */
  keep(parsed: object): void {
    states.set(parsed, this.current());
    sessions.set(parsed, this.session);
  }

  /** The statements of this version (the AST conversion must be done). */
  private current(): Map<number, Entry> {
    if (!this.entries) {
      this.entries = new Map();
      for (const entry of this.produced) this.entries.set(entry.key, entry);
    }
    return this.entries;
  }
}

/** The id of the statement's first child, which starts where the statement starts (see above). */
function keyOf(node: SyntaxNode): number | undefined {
  const first = node.firstChild;
  return first && first.startIndex === node.startIndex ? first.id : undefined;
}

/**
 * A copy of `statement` with every span moved by `delta`. Iterative: the AST may be MAX_DEPTH levels
 * deep. Every object with a numeric `start` is a span (ast.ts), whatever field holds it.
 */
function moved(statement: Statement, delta: number): Statement {
  type Node = Record<string, unknown>;
  const top: Node = {};
  const sources: Node[] = [statement as unknown as Node];
  const targets: Node[] = [top];
  for (let source = sources.pop(); source; source = sources.pop()) {
    const target = targets.pop()!;
    for (const key in source) {
      const value = source[key] as Node | null;
      if (value === null || typeof value !== 'object') {
        target[key] = value;
      } else if (typeof value.start === 'number') {
        target[key] = { start: value.start + delta, end: (value.end as number) + delta };
      } else {
        const copy = (Array.isArray(value) ? new Array(value.length) : {}) as Node;
        target[key] = copy;
        sources.push(value);
        targets.push(copy);
      }
    }
  }
  return top as unknown as Statement;
}
