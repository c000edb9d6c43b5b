import { Composer, Parser, isCollection, isMap, isPair, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { parseYaml } from './model';

// Re-parsing a large YAML file on every keystroke costs ~2 MB/s of `yaml`'s composer: 100 ms for a
// 200 KB values file. This parses it in chunks instead, each a YAML document (`---`) or a top-level key
// of a root mapping, and re-parses only the chunks whose text changed; the others are reused, their
// node ranges shifted. The result is what `parseYaml` returns for the whole text (tests check it on
// the corpus and on random edits), because every chunk starts where the whole-text parse starts a
// document or a root key: a chunk is parsed as its own stream with the parser's offset set to the
// chunk's start, so its ranges are positions in the whole text. Where chunking cannot give exactly
// that — a directive, a `...` marker, a root that is not a block mapping, any error or warning in a
// chunk (a multi-line construct cut in two always leaves one) — the whole text is parsed instead.

export interface YamlChunk {
  start: number;
  text: string;
  /** The documents this chunk parses to on its own, with ranges in the whole text at `start`. */
  documents: Document.Parsed[];
}

export interface ChunkedYaml {
  documents: Document.Parsed[];
  /** Reusable by the next parse of an edited text; undefined when the whole text was parsed. */
  chunks?: YamlChunk[];
}

const DOCUMENT_START = /^---(?:[ \t\r\n]|$)/;
/** A line that certainly starts a key of a root block mapping: a simple or quoted key at column 0, then `:`. */
const ROOT_KEY = /^(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_][^:#\n]*?)[ \t]*:(?:[ \t\r]|$)/;
/** Constructs whose meaning spans chunks: directives (`%YAML`) and document end markers. */
const UNCHUNKABLE = /^(?:%|\.\.\.(?:[ \t\r]|$))/m;

/** Parses `text`, reusing the chunks of a previous parse whose text is unchanged. */
export function parseYamlChunked(text: string, previous?: YamlChunk[]): ChunkedYaml {
  if (UNCHUNKABLE.test(text)) return { documents: parseYaml(text) };
  const reusable = new Map<string, YamlChunk[]>();
  for (const chunk of previous ?? []) {
    const list = reusable.get(chunk.text);
    if (list) list.push(chunk);
    else reusable.set(chunk.text, [chunk]);
  }
  const chunks: YamlChunk[] = [];
  const boundaries = chunkStarts(text);
  for (let i = 0; i < boundaries.length; i++) {
    const start = boundaries[i];
    const chunkText = text.slice(start, boundaries[i + 1] ?? text.length);
    const old = reusable.get(chunkText)?.shift();
    if (old) {
      if (old.start !== start) old.documents.forEach((document) => shiftDocument(document, start - old.start));
      old.start = start;
      chunks.push(old);
      continue;
    }
    const parser = new Parser();
    parser.offset = start;
    const documents = [...new Composer({ prettyErrors: false, uniqueKeys: false }).compose(parser.parse(chunkText))] as Document.Parsed[];
    if (documents.some((document) => document.errors.length > 0 || document.warnings.length > 0)) return { documents: parseYaml(text) };
    chunks.push({ start, text: chunkText, documents });
  }
  const documents = assemble(chunks);
  return documents ? { documents, chunks } : { documents: parseYaml(text) };
}

/** Offsets where a chunk starts: the text's start, every `---` line, every root key line. */
function chunkStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n') + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
    const first = text.charCodeAt(at);
    // Fast path: lines that start with a space, a tab, `#`, `-` (not `---`) or a newline never start a chunk.
    if (first === 32 || first === 9 || first === 35 || first === 10 || first === 13) continue;
    const line = text.slice(at, text.indexOf('\n', at) >>> 0);
    if (DOCUMENT_START.test(line) || ROOT_KEY.test(line)) starts.push(at);
  }
  return starts;
}

/**
 * The documents of the whole text: a chunk starting with `---` starts documents, a root-key chunk
 * continues the last document's root mapping. Undefined when a chunk does not fit that shape.
 */
function assemble(chunks: YamlChunk[]): Document.Parsed[] | undefined {
  const documents: Document.Parsed[] = [];
  /** Root-key chunks waiting to be merged into the last document. */
  let pending: Document.Parsed[] = [];
  const flush = (): boolean => {
    if (pending.length === 0) return true;
    const base = documents.pop();
    const parts = base ? [base, ...pending] : pending;
    pending = [];
    const maps = parts.map((part) => part.contents).filter((contents) => !isEmptyNode(contents));
    if (!maps.every((map) => isMap(map) && !map.flow)) return false;
    const first = maps[0] as YAMLMap;
    const last = maps[maps.length - 1] as YAMLMap;
    // The merged root and document are views over the chunks' (which stay as they were, for reuse):
    // they inherit the first part's node type and options, and own the merged items and ranges.
    const root: YAMLMap = Object.create(first);
    root.items = maps.flatMap((map) => (map as YAMLMap).items);
    root.range = [first.range![0], last.range![1], last.range![2]];
    const document: Document.Parsed = Object.create(parts[0]);
    document.contents = root as unknown as Document.Parsed['contents'];
    document.errors = [];
    document.warnings = [];
    document.range = [parts[0].range[0], parts[parts.length - 1].range[1], parts[parts.length - 1].range[2]];
    documents.push(document);
    return true;
  };
  for (const chunk of chunks) {
    if (chunk.start === 0 || DOCUMENT_START.test(chunk.text)) {
      if (!flush()) return undefined;
      documents.push(...chunk.documents);
    } else {
      if (chunk.documents.length !== 1) return undefined;
      pending.push(chunk.documents[0]);
    }
  }
  return flush() ? documents : undefined;
}

/** A document with nothing in it (`---` and comments): the empty node the composer makes for it. */
function isEmptyNode(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null && node.source === '' && !node.tag && !node.anchor);
}

/** Moves every range of a document by `delta` (iteratively: hostile files nest deep). */
function shiftDocument(document: Document.Parsed, delta: number): void {
  shiftRange(document.range, delta);
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (isPair(node)) {
      pending.push(node.key, node.value);
      continue;
    }
    const range = (node as Node).range;
    if (range) shiftRange(range, delta);
    if (isCollection(node)) for (const item of node.items) pending.push(item);
  }
}

function shiftRange(range: number[], delta: number): void {
  range[0] += delta;
  range[1] += delta;
  range[2] += delta;
}
