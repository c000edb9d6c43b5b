import type { Node, YAMLMap } from 'yaml';
import { isMap, isSeq } from 'yaml';
import type { Fix } from '../types';
import type { LineIndex } from '../text';
import type { Located } from './model';
import { spanOf } from './model';

// YAML fixes as minimal text edits: a scalar is replaced in its own quoting style, and new keys are
// inserted as whole lines with the indentation of their siblings. Comments and layout stay as they are.

export function replaceScalar(lines: LineIndex, target: Located<unknown>, value: string, title: string, isPreferred = true): Fix {
  const quoted = target.quote ? `${target.quote}${value}${target.quote}` : value;
  return { title, isPreferred, edits: [{ range: lines.range(target.span.start, target.span.end), newText: quoted }] };
}

/** Indentation of the line holding `offset` up to the offset, or of its content. */
export function indentAt(lines: LineIndex, offset: number): string {
  return /^[ \t]*(- )?/.exec(lines.lineText(lines.positionAt(offset).line))![0].replace('- ', '  ');
}

/**
 * Lines inserted after the last line of `map` (a block mapping), at the indentation of its keys.
 * `body` is a list of lines relative to that indentation.
 */
export function insertIntoMap(lines: LineIndex, map: YAMLMap, body: string[], title: string, isPreferred = true): Fix | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const firstKey = map.items[0].key as Node;
  const keyStart = spanOf(firstKey).start;
  const line = lines.positionAt(keyStart).line;
  const column = lines.positionAt(keyStart).character;
  const indent = ' '.repeat(column);
  if (!/^\s*(- )?$/.test(lines.lineText(line).slice(0, column))) return undefined;
  const last = map.items[map.items.length - 1];
  const end = spanOf((last.value ?? last.key) as Node).end;
  const lastLine = lines.positionAt(Math.max(keyStart, end - 1)).line;
  const at = lines.lineEnd(lastLine);
  return { title, isPreferred, edits: [{ range: lines.range(at, at), newText: body.map((l) => `\n${indent}${l}`).join('') }] };
}

/** Appends an item to a block sequence of mappings (`env:` lists), at the indentation of its items. */
export function appendToSeq(lines: LineIndex, seq: Node, item: string[], title: string): Fix | undefined {
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const first = seq.items[0] as Node;
  const firstStart = spanOf(first).start;
  const lineText = lines.lineText(lines.positionAt(firstStart).line);
  const dash = /^(\s*)- /.exec(lineText);
  if (!dash) return undefined;
  const last = seq.items[seq.items.length - 1] as Node;
  const lastLine = lines.positionAt(Math.max(firstStart, spanOf(last).end - 1)).line;
  const at = lines.lineEnd(lastLine);
  const text = item.map((l, i) => `\n${dash[1]}${i === 0 ? '- ' : '  '}${l}`).join('');
  return { title, isPreferred: true, edits: [{ range: lines.range(at, at), newText: text }] };
}

export function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow;
}
