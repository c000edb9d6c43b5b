import * as fs from 'node:fs';
import * as path from 'node:path';
import Parser = require('web-tree-sitter');
import type { Finding, TextChange } from '../types';
import { LineIndex } from '../text';
import type { ParsedDocument, SourceDocument } from '../service';
import type { AlloyFile } from './ast';
import { convertTree } from './cst-to-ast';
import { SyntaxProblems, editCharacterProblems, type Problem } from './syntax';
import { StatementReuse } from './reuse';

export interface AlloyParsed extends ParsedDocument {
  readonly format: 'alloy';
  readonly ast: AlloyFile;
  readonly syntax: Finding[];
  /** The tree-sitter tree, kept for the next incremental parse. Owned by this result: `dispose()` frees it. */
  readonly tree: Parser.Tree;
  dispose(): void;
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Trees live in the wasm heap, which the JavaScript garbage collector neither sees nor frees: a tree
 * that is never deleted leaks for the life of the process (tens of thousands of them and tree-sitter
 * aborts). `dispose()` deletes a result's tree; a result dropped without it has its tree deleted
 * when the garbage collector reclaims the result.
 *
 * What is registered is a small token the result holds, not the result itself, and the tree is held in
 * a box that `dispose()` empties. V8's young-generation collections do not clear a registration's
 * target, and the registration lives in the old generation: registered directly, every result (its
 * document text, its AST) outlived those collections until the next full one, 105 KB per keystroke on
 * the 107 KB corpus file, which is what made the collections slow.
 */
const orphanedTrees = new FinalizationRegistry<{ tree?: Parser.Tree }>((box) => box.tree?.delete());

/**
 * Loads the web-tree-sitter runtime and the Alloy grammar once. Both .wasm files are looked up next
 * to the running file first (the esbuild bundle copies them into dist/), then in the repository
 * (tests run from out/).
 */
export function initAlloyParser(): Promise<void> {
  loading ??= (async () => {
    const runtimeWasm = locate('tree-sitter.wasm', path.join('node_modules', 'web-tree-sitter', 'tree-sitter.wasm'));
    const grammarWasm = locate('tree-sitter-alloy.wasm', path.join('grammars', 'alloy', 'tree-sitter-alloy.wasm'));
    await Parser.init({ locateFile: () => runtimeWasm });
    const language = await Parser.Language.load(grammarWasm);
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

function locate(bundledName: string, repoRelative: string): string {
  const beside = path.join(__dirname, bundledName);
  if (fs.existsSync(beside)) return beside;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, repoRelative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`cannot find ${bundledName} next to ${__dirname} or ${repoRelative} above it`);
}

/**
 * Parses an Alloy document. With `previous`, each change is applied to the old tree as a tree-sitter
 * edit and the new text is reparsed against it, so only the edited region is re-lexed; the result is
 * the same tree a fresh parse gives. The previous result's tree is then freed.
 */
export function parseAlloy(doc: SourceDocument, previous?: { parsed: AlloyParsed; changes: TextChange[] }): AlloyParsed {
  if (!parser) throw new Error('initAlloyParser() must complete before parseAlloy()');
  let oldTree: Parser.Tree | undefined;
  // The illegal characters of the text, moved along with the changes and checked again around them.
  let characters = previous && characterProblemsOf.get(previous.parsed);
  if (previous && previous.changes.length > 0) {
    oldTree = previous.parsed.tree.copy();
    let text: string | undefined = previous.parsed.doc.text;
    let lines: LineIndex | undefined = previous.parsed.lines;
    const last = previous.changes.length - 1;
    for (let i = 0; i <= last && text !== undefined; i++) {
      const change = previous.changes[i];
      const edit = applyEdit(oldTree, text, change, lines);
      // The text between two changes is built; the text after the last one is the document's, once
      // checked. Building that one too would make a second copy of the whole text on every keystroke
      // (a concatenation is flattened into a new string when it is first searched or compared).
      const after: string | undefined = i < last ? spliced(text, edit, change.text) : leadsTo(text, edit, change.text, doc.text) ? doc.text : undefined;
      if (characters && after !== undefined) characters = editCharacterProblems(characters, after, edit.startIndex, edit.oldEndIndex, edit.newEndIndex);
      text = after;
      lines = undefined;
    }
    if (text === undefined) {
      // The changes do not lead to this text (a client bug or a missed notification): parse afresh.
      oldTree.delete();
      oldTree = undefined;
      characters = undefined;
    }
  } else if (previous && previous.parsed.doc.text !== doc.text) {
    characters = undefined;
  }
  let tree = parser.parse(doc.text, oldTree);
  oldTree?.delete();
  if (oldTree && tree.rootNode.hasError) {
    // Error recovery depends on which subtrees the parser could reuse: with an error in the text, an
    // incremental reparse may recover differently from a fresh parse (tree-sitter promises nothing
    // there; random edits of corpus files found cases), and the findings must not depend on the
    // edits that led to a text. So a text with an error is parsed afresh (and its statements
    // converted afresh: a fresh tree shares no subtree with the previous one).
    tree.delete();
    tree = parser.parse(doc.text);
  }

  let result: AlloyParsed;
  // The registration's token and the box holding the tree (see orphanedTrees): `dispose()` holds both.
  const box: { tree?: Parser.Tree } = { tree };
  const token = {};
  try {
    const lines = new LineIndex(doc.text);
    // A document being edited (parsed with its previous version) keeps its statements for the next
    // version: those whose subtrees the reparse reused keep their AST and syntax problems. The
    // previous tree is freed only afterwards, as reuse.ts recognises those subtrees by address. A
    // document parsed once (the CLI, the workspace index, a file just opened) keeps nothing.
    const reuse = previous ? new StatementReuse(previous.parsed) : undefined;
    const { ast, problems } = convertTree(tree, doc.text, new SyntaxProblems(lines, doc, characters), reuse);
    const syntax = problems.findings(ast);
    let disposed = false;
    result = {
      format: 'alloy',
      doc,
      lines,
      ast,
      syntax,
      tree,
      dispose() {
        if (!disposed) {
          disposed = true;
          orphanedTrees.unregister(token);
          box.tree = undefined;
          tree.delete();
        }
      },
    };
    reuse?.keep(result);
    if (reuse) characterProblemsOf.set(result, problems.characters);
  } catch (error) {
    tree.delete();
    throw error;
  } finally {
    previous?.parsed.dispose();
  }
  orphanedTrees.register(token, box, token);
  return result;
}

/** The character problems of a document being edited (syntax.ts), for its next version. */
const characterProblemsOf = new WeakMap<AlloyParsed, Problem[]>();

/** Where one change is: it replaced [startIndex, oldEndIndex) of the text before it with what is now [startIndex, newEndIndex). */
interface EditSpan {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
}

/** `text` with `inserted` in place of the span's old part. */
function spliced(text: string, edit: EditSpan, inserted: string): string {
  return text.slice(0, edit.startIndex) + inserted + text.slice(edit.oldEndIndex);
}

/**
 * Whether replacing the span's old part of `before` gives `after`, without building that text: the same text
 * before and after the span, and the new part as long as `inserted`. What the new part says is not
 * compared: the reparse and the character check read it from `after` itself. Slices of flat strings
 * are views, and V8 compares two of them as memory: on the 107 KB file about 20 µs, where
 * `startsWith`/`endsWith` took 180-530 µs (Node 20).
 */
function leadsTo(before: string, edit: EditSpan, inserted: string, after: string): boolean {
  return after.length === before.length - (edit.oldEndIndex - edit.startIndex) + inserted.length &&
    after.slice(0, edit.startIndex) === before.slice(0, edit.startIndex) &&
    after.slice(edit.newEndIndex) === before.slice(edit.oldEndIndex);
}

/**
 * Applies one change to `tree` (as an edit) and returns where the change is in the text. `lines`: the
 * index of `text`, if at hand.
 */
function applyEdit(tree: Parser.Tree, text: string, change: TextChange, lines = new LineIndex(text)): EditSpan {
  const startIndex = lines.offsetAt(change.range.start);
  const oldEndIndex = Math.max(startIndex, lines.offsetAt(change.range.end));
  const newEndIndex = startIndex + change.text.length;
  const startPosition = treeSitterPoint(text, startIndex, lines);
  tree.edit({
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition: advance(startPosition, text.slice(startIndex, oldEndIndex)),
    newEndPosition: advance(startPosition, change.text),
  });
  return { startIndex, oldEndIndex, newEndIndex };
}

/**
 * Tree-sitter counts rows by `\n` only (LSP also breaks lines at a lone `\r`); columns are UTF-16
 * units. Without a `\r` in the text, rows are the index's lines.
 */
function treeSitterPoint(text: string, index: number, lines: LineIndex): Parser.Point {
  if (!text.includes('\r')) {
    const { line, character } = lines.positionAt(index);
    return { row: line, column: character };
  }
  return advance({ row: 0, column: 0 }, text.slice(0, index));
}

/** The point reached from `point` after `text`. */
function advance(point: Parser.Point, text: string): Parser.Point {
  let row = point.row;
  let lineStart = -point.column;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: text.length - lineStart };
}
