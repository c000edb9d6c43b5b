import type Parser = require('web-tree-sitter');
import type {
  AlloyFile, AttributeStmt, BinaryExpr, BlockStmt, Expr, ObjectField, Span, Statement,
} from './ast';
import type { Problem, SyntaxProblems } from './syntax';

// Builds Headroom's typed AST from the tree-sitter tree and collects its syntax problems, in one
// pass of a tree cursor. ERROR regions are skipped (statements) or become `error` expressions
// (values), so rules always see a well-typed tree of what did parse.
//
// One pass, with a cursor: web-tree-sitter's node API makes a JavaScript object for every node it
// hands out, and a new array of them for every `children`; walking a 107 KB file that way (once for
// the AST, once more for the syntax check) was most of the time from a parse to the first
// diagnostics. The cursor reads each node's type, field and offsets as plain numbers; a `Node` is
// made only where a syntax problem is described from a node's neighbours (syntax.ts) or an error
// flag is read.
//
// Alloy sets no limit on nesting (a flat `a + b + …` of any length is a deep left-leaning tree, and
// it is valid), so the walk keeps its own stack instead of recursing. The analyses that walk the AST
// recurse, though, so the AST keeps MAX_DEPTH levels: below that, an expression becomes an `error`
// expression and statements are left out. That is a limit of the analysis only, not of the
// language: nothing is reported for it. A level is one AST step: a statement list, a statement, an
// expression, an object field (a block's body is a level between the block and its statements; a
// call's arguments are one level below the call, like its callee).

export const MAX_DEPTH = 1000;

/**
 * A statement converted for an earlier version of the tree (reuse.ts): its AST, and the syntax
 * problems found in its subtree, if they were collected (at this version's offsets).
 */
export interface KnownStatement {
  readonly statement: Statement;
  problems?: Problem[];
}

/**
 * Lets a caller reuse the statements it converted for an earlier version of the tree (reuse.ts): a
 * statement's AST depends only on its own subtree and on its depth (the MAX_DEPTH cut), and, when it
 * holds no error, its syntax problems depend on its own text alone (an error region is described
 * from its neighbours).
 */
export interface StatementCache {
  /**
   * The statement at `depth` whose subtree is named by `key` (the id of its first child) and spans
   * [start, start + length), if it is one converted before (moved to `start`); else undefined.
   */
  reuse(key: number, start: number, length: number, depth: number): KnownStatement | undefined;
  /** A statement that was not reused is being converted: a mark for `converted` or `abandon`. */
  begin(): number;
  /** The statement begun at `mark`, converted (after the statements inside it) and without errors. */
  converted(mark: number, key: number, start: number, length: number, depth: number, statement: Statement, problems: Problem[] | undefined): void;
  /**
   * The statement begun at `mark` is not kept: it holds an error (`inAst`: the statements inside it
   * are kept), or it is not in the AST (nor are they).
   */
  abandon(mark: number, inAst: boolean): void;
}

/** What a node type is to the conversion; by type name, as the grammar names it. */
const enum Kind {
  Other, Error, Attribute, Block, BlockName, Identifier, String, RawString, Number, True, False, Null,
  Access, Index, Call, Unary, Binary, Paren, Array, Object, ObjectField, Arguments,
  Comment, MissingComma, MissingQuote, UnmatchedBrace, Escape, Quote, OpenBrace, CloseBrace,
}

const KIND_OF_TYPE: Record<string, Kind> = {
  ERROR: Kind.Error, attribute: Kind.Attribute, block: Kind.Block, block_name: Kind.BlockName,
  identifier: Kind.Identifier, string: Kind.String, raw_string: Kind.RawString, number: Kind.Number,
  true: Kind.True, false: Kind.False, null: Kind.Null,
  access_expression: Kind.Access, index_expression: Kind.Index, call_expression: Kind.Call,
  unary_expression: Kind.Unary, binary_expression: Kind.Binary, parenthesized_expression: Kind.Paren,
  array: Kind.Array, object: Kind.Object, object_field: Kind.ObjectField, arguments: Kind.Arguments,
  comment: Kind.Comment, missing_comma: Kind.MissingComma, missing_quote: Kind.MissingQuote,
  unmatched_brace: Kind.UnmatchedBrace, escape_sequence: Kind.Escape, '"': Kind.Quote, '{': Kind.OpenBrace, '}': Kind.CloseBrace,
};

const enum Field { None, Name, Value, Label, Body, Object, Member, Index, Function, Arguments, Operand, Operator, Left, Right, Key }

const FIELD_OF_NAME: Record<string, Field> = {
  name: Field.Name, value: Field.Value, label: Field.Label, body: Field.Body, object: Field.Object, member: Field.Member,
  index: Field.Index, function: Field.Function, arguments: Field.Arguments, operand: Field.Operand,
  operator: Field.Operator, left: Field.Left, right: Field.Right, key: Field.Key,
};

/** The grammar's node types and fields as numbers, indexed by tree-sitter's ids. */
interface Symbols {
  kinds: Kind[];
  named: boolean[];
  names: string[];
  fields: Field[];
}

/** tree-sitter's id of the ERROR type (ts_builtin_sym_error, `(TSSymbol)-1`): outside the language's own ids. */
const ERROR_TYPE_ID = 0xffff;

const symbolsOf = new WeakMap<Parser.Language, Symbols>();

function symbols(language: Parser.Language): Symbols {
  let known = symbolsOf.get(language);
  if (!known) {
    const kinds: Kind[] = [];
    const named: boolean[] = [];
    const names: string[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      // The cursor stops at visible nodes only, whose type name is their symbol's name.
      const name = language.nodeTypeIsVisible(id) ? language.nodeTypeForId(id) ?? '' : '';
      names.push(name);
      kinds.push(KIND_OF_TYPE[name] ?? Kind.Other);
      named.push(language.nodeTypeIsNamed(id));
    }
    const fields: Field[] = [Field.None];
    for (let id = 1; id <= language.fieldCount; id++) fields.push(FIELD_OF_NAME[language.fieldNameForId(id) ?? ''] ?? Field.None);
    known = { kinds, named, names, fields };
    symbolsOf.set(language, known);
  }
  return known;
}

/** The named node types that are tokens (the grammar's terminals and external tokens): they have no children. */
const LEAVES: ReadonlySet<Kind> = new Set([
  Kind.Identifier, Kind.Number, Kind.RawString, Kind.True, Kind.False, Kind.Null, Kind.Comment, Kind.Escape, Kind.MissingComma, Kind.MissingQuote,
]);

/** What a converted node is to its parent. */
const enum Slot { None, Item, First, Second, Name, Body, Args }

/** What a node becomes in the AST. */
const enum Role { None, Statements, Attribute, Block, BlockName, Expr, Args, Field }

/** One node on the cursor's path, with what its conversion has gathered so far. */
interface Frame {
  role: Role;
  kind: Kind;
  slot: Slot;
  start: number;
  end: number;
  /** The AST level (see above); for `Args`, the call's. */
  level: number;
  /** Whether syntax problems are collected in this subtree (not inside an ERROR root). */
  syntax: boolean;
  /** Statements of a list, elements of an array or argument list, fields of an object, name parts of a block. */
  items?: unknown[];
  /** By role: an attribute's or field's value, an expression's first operand. */
  first?: Expr;
  second?: Expr;
  /** The operator of a unary or binary expression; the member of an access. */
  token?: string;
  tokenSpan?: Span;
  /** The name child of a statement, the key of a field, the label of a block. */
  name?: Frame;
  nameParts?: string[];
  nameMissing?: boolean;
  label?: Frame;
  body?: Statement[];
  openBrace?: Span;
  closeBrace?: Span;
  /** A string's escapes, as [start, end) pairs, and the kind of its last child. */
  escapes?: number[];
  lastChild?: Kind;
  /** A statement being converted: its key (undefined: none), the reuse mark, where its problems start. */
  key?: number;
  mark?: number;
  problemsFrom?: number;
  /** A statement reused without its problems: they are collected in this walk and kept with it. */
  known?: KnownStatement;
  /** A block: the place of its label problem (syntax.ts), filled if the label is not a valid identifier. */
  labelProblem?: Problem;
}

export interface Converted {
  ast: AlloyFile;
  problems: SyntaxProblems;
}

/** Converts `tree` (parsed from `text`) to the AST and collects its syntax problems, in one walk. */
export function convertTree(tree: Parser.Tree, text: string, problems: SyntaxProblems, cache?: StatementCache): Converted {
  const { kinds, named, names, fields } = symbols(tree.getLanguage());
  const cursor = tree.walk();
  // A statement's error flag is read only when the tree has an error somewhere.
  const treeHasError = cache !== undefined && tree.rootNode.hasError;
  const kindAt = (typeId: number) => (typeId === ERROR_TYPE_ID ? Kind.Error : kinds[typeId]);
  const isNamed = (typeId: number) => typeId === ERROR_TYPE_ID || named[typeId];
  const spanOf = (frame: Frame): Span => ({ start: frame.start, end: frame.end });
  const errorAt = (frame: Frame): Expr => ({ kind: 'error', span: spanOf(frame) });
  /** The text between two offsets, as a string of its own for the AST (copyOf). */
  const cut = (start: number, end: number) => copyOf(text.slice(start, end));

  const frames: Frame[] = [];
  let root: AlloyFile | undefined;

  /** Reads the offsets of the node at the cursor into `frame`, if not read yet (see `enter`). */
  const locate = (frame: Frame) => {
    if (frame.start < 0) {
      frame.start = cursor.startIndex;
      frame.end = cursor.endIndex;
    }
  };

  /**
   * Sets up the frame of the node at the cursor, below `parent`, and says whether to walk its
   * children. Each read through the cursor is a call into wasm, so a token (an anonymous node: most
   * of the tree's leaves) is read only as far as it matters: its type, its field under an operator,
   * its offsets where it becomes part of the AST, and whether it is missing. Tokens have no children.
   */
  const enter = (parent: Frame | undefined): boolean => {
    const typeId = cursor.nodeTypeId;
    const kind = kindAt(typeId);
    const token = !isNamed(typeId);
    const frame: Frame = { role: Role.None, kind, slot: Slot.None, start: -1, end: -1, level: 0, syntax: parent ? parent.syntax : true };
    frames.push(frame);
    if (!token) locate(frame);
    let descend = !token && !LEAVES.has(kind);
    if (!parent) {
      frame.role = Role.Statements;
      frame.level = 1;
    } else {
      const needsField = token ? parent.role === Role.Expr && (parent.kind === Kind.Unary || parent.kind === Kind.Binary)
        : parent.role !== Role.None || parent.kind === Kind.Block;
      const field = needsField ? fields[cursor.currentFieldId] : Field.None;
      if (!placeInParent(parent, frame, typeId, field)) descend = false;
    }
    // A statement's problems start with its own (a block's label).
    if (frame.role === Role.Attribute || frame.role === Role.Block) frame.problemsFrom = problems.size();
    if (frame.syntax) {
      const { start, end } = frame;
      if (kind === Kind.Error) {
        problems.error(cursor.currentNode);
        if (parent) return false;
        // An ERROR root still holds the statements that parsed; only the region is reported.
        frame.syntax = false;
        descend = true;
      } else if (!descend && (start < 0 ? cursor.nodeIsMissing : start === end && cursor.nodeIsMissing)) {
        // (Only a token can be missing: tree-sitter inserts a missing leaf to recover.)
        problems.missing(names[typeId], start < 0 ? cursor.startIndex : start);
        return false;
      } else {
        switch (kind) {
          case Kind.MissingComma:
          case Kind.MissingQuote:
            problems.marker(cursor.currentNode);
            return false;
          case Kind.Comment:
            problems.comment(text, start, end);
            return false;
          case Kind.UnmatchedBrace:
            problems.unmatchedBrace(start, end);
            return false;
          case Kind.Escape:
            problems.escape(text, start, end);
            return false;
          case Kind.Block:
            frame.labelProblem = problems.reserve();
            break;
          default:
            break;
        }
      }
    }
    if (frame.role === Role.Attribute || frame.role === Role.Block) return startStatement(parent!, frame);
    return descend;
  };

  /** Decides what the child `frame` is to `parent`; false: nothing in its subtree is needed. */
  const placeInParent = (parent: Frame, frame: Frame, typeId: number, field: Field): boolean => {
    const kind = frame.kind;
    switch (parent.role) {
      case Role.None:
        break;
      case Role.Statements:
        if (kind === Kind.Attribute || kind === Kind.Block) {
          // Below MAX_DEPTH a statement is left out.
          if (parent.level <= MAX_DEPTH) {
            frame.role = kind === Kind.Attribute ? Role.Attribute : Role.Block;
            frame.level = parent.level + 1;
            frame.slot = Slot.Item;
          }
        }
        break;
      case Role.Attribute:
        if (field === Field.Name && !parent.name) {
          locate(frame);
          parent.name = frame;
          parent.nameMissing = frame.start === frame.end && cursor.nodeIsMissing;
        } else if (field === Field.Value && !parent.first) {
          expressionIn(parent, frame, Slot.First);
        }
        break;
      case Role.Block:
        if (field === Field.Name && !parent.name) {
          locate(frame);
          parent.name = frame;
          frame.role = Role.BlockName;
          frame.slot = Slot.Name;
        } else if (field === Field.Body && !parent.body) {
          if (parent.level > MAX_DEPTH) {
            parent.body = [];
          } else {
            parent.body = [];
            frame.role = Role.Statements;
            frame.level = parent.level + 1;
            frame.slot = Slot.Body;
          }
        }
        if (kind === Kind.OpenBrace && !parent.openBrace) {
          locate(frame);
          parent.openBrace = spanOf(frame);
        }
        if (kind === Kind.CloseBrace) {
          locate(frame);
          if (!(frame.start === frame.end && cursor.nodeIsMissing)) parent.closeBrace = spanOf(frame);
        }
        break;
      case Role.BlockName:
        if (kind === Kind.Identifier) (parent.items ??= []).push(cut(frame.start, frame.end));
        break;
      case Role.Args:
        if (isElement(kind, typeId)) expressionIn(parent, frame, Slot.Item);
        break;
      case Role.Field:
        if (field === Field.Key && !parent.name) {
          locate(frame);
          parent.name = frame;
        }
        else if (field === Field.Value && !parent.first) expressionIn(parent, frame, Slot.First);
        break;
      case Role.Expr:
        placeInExpression(parent, frame, typeId, field);
        break;
    }
    // A block's label is checked (syntax.ts) wherever the block is, in the AST or not.
    if (parent.kind === Kind.Block && field === Field.Label && !parent.label) {
      locate(frame);
      parent.label = frame;
    }
    // A string anywhere keeps its escapes: its value may be wanted (a label, a key, a value).
    if (parent.kind === Kind.String) {
      if (kind === Kind.Escape) {
        locate(frame);
        (parent.escapes ??= []).push(frame.start, frame.end);
      }
      parent.lastChild = kind;
    }
    return frame.role !== Role.None || frame.syntax || frame.kind === Kind.String;
  };

  const isElement = (kind: Kind, typeId: number) =>
    isNamed(typeId) && kind !== Kind.Comment && kind !== Kind.MissingComma && kind !== Kind.Error;

  /** Makes `frame` an expression of `parent` in `slot`, or, below MAX_DEPTH, an `error` expression there. */
  const expressionIn = (parent: Frame, frame: Frame, slot: Slot) => {
    locate(frame);
    if (parent.level > MAX_DEPTH) {
      deliver(parent, slot, errorAt(frame));
      return;
    }
    frame.role = Role.Expr;
    frame.level = parent.level + 1;
    frame.slot = slot;
  };

  const placeInExpression = (parent: Frame, frame: Frame, typeId: number, field: Field) => {
    const kind = frame.kind;
    switch (parent.kind) {
      case Kind.Access:
        if (field === Field.Object && !parent.first) expressionIn(parent, frame, Slot.First);
        else if (field === Field.Member && !parent.tokenSpan) {
          locate(frame);
          parent.token = cut(frame.start, frame.end);
          parent.tokenSpan = spanOf(frame);
        }
        break;
      case Kind.Index:
        if (field === Field.Object && !parent.first) expressionIn(parent, frame, Slot.First);
        else if (field === Field.Index && !parent.second) expressionIn(parent, frame, Slot.Second);
        break;
      case Kind.Call:
        if (field === Field.Function && !parent.first) {
          expressionIn(parent, frame, Slot.First);
        } else if (field === Field.Arguments && !parent.name) {
          parent.name = frame;
          frame.role = Role.Args;
          frame.level = parent.level;
          frame.slot = Slot.Args;
        }
        break;
      case Kind.Unary:
        if (field === Field.Operand && !parent.first) expressionIn(parent, frame, Slot.First);
        else if (field === Field.Operator && parent.token === undefined) parent.token = names[typeId];
        break;
      case Kind.Binary:
        if (field === Field.Left && !parent.first) expressionIn(parent, frame, Slot.First);
        else if (field === Field.Right && !parent.second) expressionIn(parent, frame, Slot.Second);
        else if (field === Field.Operator && parent.token === undefined) parent.token = names[typeId];
        break;
      case Kind.Paren:
        if (!parent.first && isNamed(typeId) && kind !== Kind.Comment) expressionIn(parent, frame, Slot.First);
        break;
      case Kind.Array:
        if (isElement(kind, typeId)) expressionIn(parent, frame, Slot.Item);
        break;
      case Kind.Object:
        if (kind === Kind.ObjectField) {
          locate(frame);
          // No cut here: a field is made at any depth (its value is cut).
          frame.role = Role.Field;
          frame.level = parent.level + 1;
          frame.slot = Slot.Item;
        }
        break;
      default:
        break;
    }
  };

  /**
   * A statement about to be converted: reused when its subtree is one converted before (the cursor
   * stays where it is); false when reused whole (nothing below it is walked).
   */
  const startStatement = (parent: Frame, frame: Frame): boolean => {
    if (!cache) return true;
    let key: number | undefined;
    if (cursor.gotoFirstChild()) {
      if (cursor.startIndex === frame.start) key = cursor.nodeId;
      cursor.gotoParent();
    }
    frame.key = key;
    if (key === undefined) return true;
    const known = cache.reuse(key, frame.start, frame.end - frame.start, parent.level);
    if (!known) {
      frame.mark = cache.begin();
      return true;
    }
    (parent.items ??= []).push(known.statement);
    frame.role = Role.None;
    frame.slot = Slot.None;
    if (!frame.syntax) return false;
    if (known.problems) {
      problems.add(known.problems);
      return false;
    }
    // Converted before inside an ERROR root: walk it for its problems only.
    frame.known = known;
    return true;
  };

  /** Hands a finished child's value to its parent. */
  const deliver = (parent: Frame, slot: Slot, value: unknown) => {
    switch (slot) {
      case Slot.Item:
        // A child is done before its next sibling starts: items come in order. A statement without
        // a name is left out.
        if (value !== undefined) (parent.items ??= []).push(value);
        break;
      case Slot.First: parent.first = value as Expr; break;
      case Slot.Second: parent.second = value as Expr; break;
      case Slot.Name: parent.nameParts = value as string[]; break;
      case Slot.Body: parent.body = value as Statement[]; break;
      case Slot.Args: parent.items = value as Expr[]; break;
      default: break;
    }
  };

  /** Finishes the frame at the top of the stack (the cursor is at its node). */
  const leave = () => {
    const frame = frames.pop()!;
    const parent = frames[frames.length - 1];
    if (parent?.labelProblem && frame === parent.label) {
      problems.label(parent.labelProblem, text, frame.start, frame.end, frame.lastChild === Kind.Quote, () => cursor.currentNode.hasError);
    }
    if (frame.known) {
      frame.known.problems = problems.since(frame.problemsFrom!);
      return;
    }
    let value: unknown;
    switch (frame.role) {
      case Role.None: return;
      case Role.Statements: value = frame.items ?? []; break;
      case Role.Attribute: value = makeAttribute(frame); break;
      case Role.Block: value = makeBlock(frame); break;
      case Role.BlockName: value = frame.items ?? []; break;
      case Role.Args: value = frame.items ?? []; break;
      case Role.Field: value = makeField(frame); break;
      case Role.Expr: value = makeExpression(frame); break;
    }
    if (frame.role === Role.Attribute || frame.role === Role.Block) finishStatement(parent, frame, value as Statement | undefined);
    if (!parent) {
      root = { body: value as Statement[], span: spanOf(frame) };
      return;
    }
    deliver(parent, frame.slot, value);
  };

  const finishStatement = (parent: Frame, frame: Frame, statement: Statement | undefined) => {
    if (!cache || frame.key === undefined) return;
    if (!statement) {
      cache.abandon(frame.mark!, false);
      return;
    }
    if (treeHasError && cursor.currentNode.hasError) {
      cache.abandon(frame.mark!, true);
      return;
    }
    const found = frame.syntax ? problems.since(frame.problemsFrom!) : undefined;
    cache.converted(frame.mark!, frame.key, frame.start, frame.end - frame.start, parent.level, statement, found);
  };

  const makeAttribute = (frame: Frame): AttributeStmt | undefined => {
    const name = frame.name;
    if (!name || frame.nameMissing) return undefined;
    return {
      kind: 'attribute',
      name: cut(name.start, name.end),
      nameSpan: spanOf(name),
      value: frame.first ?? { kind: 'error', span: { start: frame.end, end: frame.end } },
      span: spanOf(frame),
    };
  };

  const makeBlock = (frame: Frame): BlockStmt | undefined => {
    const name = frame.name;
    if (!name) return undefined;
    const label = frame.label;
    const labelText = label ? decodeString(text, label) : undefined;
    return {
      kind: 'block',
      name: (frame.nameParts ?? []).join('.'),
      nameSpan: spanOf(name),
      label: labelText === '' ? undefined : labelText,
      labelSpan: label ? spanOf(label) : undefined,
      body: frame.body ?? [],
      openBrace: frame.openBrace ?? { start: name.end, end: name.end },
      closeBrace: frame.closeBrace,
      span: spanOf(frame),
    };
  };

  const makeField = (frame: Frame): ObjectField => {
    const key = frame.name;
    // A key is an identifier or a string; Alloy takes a raw string as a quoted key too (syntax/parser
    // internal.go parseField accepts any STRING token).
    const quoted = key?.kind === Kind.String || key?.kind === Kind.RawString;
    const keyText = !key ? '' : key.kind === Kind.String ? decodeString(text, key)
      : key.kind === Kind.RawString ? decodeRawString(cut(key.start, key.end)) : cut(key.start, key.end);
    return {
      key: keyText,
      keySpan: key ? spanOf(key) : spanOf(frame),
      quoted,
      value: frame.first ?? { kind: 'error', span: { start: frame.end, end: frame.end } },
      span: spanOf(frame),
    };
  };

  const makeExpression = (frame: Frame): Expr => {
    const span = spanOf(frame);
    const raw = () => cut(frame.start, frame.end);
    switch (frame.kind) {
      case Kind.String: return { kind: 'string', value: decodeString(text, frame), raw: raw(), span };
      case Kind.RawString: {
        const written = raw();
        return { kind: 'string', value: decodeRawString(written), raw: written, rawString: true, span };
      }
      case Kind.Number: return { kind: 'number', value: Number(raw()), raw: raw(), span };
      case Kind.True:
      case Kind.False: return { kind: 'bool', value: frame.kind === Kind.True, raw: raw(), span };
      case Kind.Null: return { kind: 'null', value: null, raw: raw(), span };
      case Kind.Identifier: return { kind: 'identifier', name: raw(), span };
      case Kind.Access:
        if (!frame.first || !frame.tokenSpan) break;
        return { kind: 'access', object: frame.first, member: frame.token!, memberSpan: frame.tokenSpan, span };
      case Kind.Index:
        if (!frame.first || !frame.second) break;
        return { kind: 'index', object: frame.first, index: frame.second, span };
      case Kind.Call:
        if (!frame.first) break;
        return { kind: 'call', callee: frame.first, args: (frame.items ?? []) as Expr[], span };
      case Kind.Unary:
        if (!frame.first || frame.token === undefined) break;
        return { kind: 'unary', operator: frame.token as '!' | '-', operand: frame.first, span };
      case Kind.Binary:
        if (!frame.first || !frame.second || frame.token === undefined) break;
        return { kind: 'binary', operator: frame.token as BinaryExpr['operator'], left: frame.first, right: frame.second, span };
      case Kind.Paren:
        if (!frame.first) break;
        return { kind: 'paren', inner: frame.first, span };
      case Kind.Array: return { kind: 'array', elements: (frame.items ?? []) as Expr[], span };
      case Kind.Object: return { kind: 'object', fields: (frame.items ?? []) as ObjectField[], span };
      default: break;
    }
    return { kind: 'error', span };
  };

  try {
    let descend = enter(undefined);
    for (;;) {
      if (descend && cursor.gotoFirstChild()) {
        descend = enter(frames[frames.length - 1]);
        continue;
      }
      // The node at the cursor is done: go on with its next sibling, or finish its parents.
      leave();
      for (;;) {
        if (cursor.gotoNextSibling()) {
          descend = enter(frames[frames.length - 1]);
          break;
        }
        if (!cursor.gotoParent()) return { ast: root!, problems };
        leave();
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * A back-tick string's value: Go's strconv.Unquote drops carriage returns from raw strings; Alloy inherits
 * that. `written` is already a string of its own (cut), so its part is too.
 */
function decodeRawString(written: string): string {
  return written.slice(1, -1).replace(/\r/g, '');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"',
};

/**
 * The value of a double-quoted string, escapes resolved as Go's strconv.Unquote does. The plain
 * content between escapes is a hidden token, so it is read from the source text around the escapes.
 * An invalid escape (reported by the syntax check) is kept as written.
 */
function decodeString(source: string, string: Frame): string {
  const { start, end } = string;
  let out = '';
  let cursor = start + 1;
  const escapes = string.escapes ?? [];
  for (let i = 0; i < escapes.length; i += 2) {
    const escape = source.slice(escapes[i], escapes[i + 1]);
    out += source.slice(cursor, escapes[i]);
    out += decodeEscape(escape) ?? escape;
    cursor = escapes[i + 1];
  }
  const closing = string.lastChild === Kind.Quote ? end - 1 : end;
  return copyOf(out + source.slice(cursor, closing));
}

/**
 * `part` as a string of its own, for the AST. V8 makes a substring of 13 or more characters a view into
 * the string it was cut from (a sliced string), and a concatenation a pair of references (a cons string):
 * either keeps the whole document text alive. A statement lives as long as edits reuse it, so an AST
 * string cut from the text kept that version's text: after 300 keystrokes on the 107 KB corpus file,
 * 52 versions of it were alive (heap snapshot), and each keystroke's text outlived the young-generation
 * collections, which made them slow. Prefixing a character makes V8 copy the characters into a new flat
 * string, and the part taken back from it refers only to that copy.
 */
function copyOf(part: string): string {
  return ` ${part}`.slice(1);
}

export function decodeEscape(escape: string): string | undefined {
  const body = escape.slice(1);
  if (body.length === 1 && body in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[body];
  if (/^[0-7]{3}$/.test(body)) {
    const code = parseInt(body, 8);
    return code <= 255 ? String.fromCharCode(code) : undefined;
  }
  if (/^x[0-9a-fA-F]{2}$/.test(body)) return String.fromCharCode(parseInt(body.slice(1), 16));
  if (/^(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})$/.test(body)) {
    const code = parseInt(body.slice(1), 16);
    if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return undefined;
    return String.fromCodePoint(code);
  }
  return undefined;
}
