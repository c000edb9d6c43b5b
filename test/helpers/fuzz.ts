import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HeadroomEngine } from '../../server/src/core/engine';
import { ALL_FORMATS } from '../../server/src/core/formats';
import { defaultCatalog } from '../../server/src/core/capacity/catalog';
import { LineIndex } from '../../server/src/core/text';
import type { Range } from '../../server/src/core/types';
import { corpusPath, sharedDir } from './shared';
import { applyEdits } from './alloy';

// Properties every format must keep on any input, shared by the test suite (fixed seed, few runs)
// and scripts/fuzz.ts (long runs).

export interface Subject {
  name: string;
  text: string;
  languageId?: string;
}

/** Every file of the shared corpus, or none when this machine has no `../shared/corpus`. */
export function corpusSubjects(): Subject[] {
  if (!sharedDir('corpus')) return [];
  const root = corpusPath();
  return ['alloy', 'hpa', 'helm-values', 'k8s-workloads', 'clickhouse'].flatMap((kind) =>
    fs.readdirSync(path.join(root, kind)).map((name) => ({
      name: `${kind}/${name}`,
      text: fs.readFileSync(path.join(root, kind, name), 'utf8'),
      languageId: name.endsWith('.alloy') ? 'grafana-alloy' : name.endsWith('.xml') ? 'xml' : 'yaml',
    })));
}

const PAYLOADS = ['{', '}', '[', ']', '(', ')', '"', "'", '`', '\t', '\r\n', '\r', '\uFEFF', '\u0000', '\uFFFD', '\uD800', '#', '<', '>', '</', '&', '&amp;', ',', '=', ':', '- ', '---\n', '{{ .Values.x }}', '*a', '&a ', '\n  ', 'x'.repeat(3000), '<!--', ']]>', '"\\q"', '/*'];

export type Mutation = { kind: 'flip' | 'truncate' | 'deleteLine' | 'duplicateLine' | 'insert'; at: number; payload: string; bit: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('flip', 'truncate', 'deleteLine', 'duplicateLine', 'insert'),
  at: fc.nat(),
  payload: fc.constantFrom(...PAYLOADS),
  bit: fc.integer({ min: 0, max: 15 }),
});

export function mutate(text: string, mutation: Mutation): string {
  if (text.length === 0) return mutation.payload;
  const at = mutation.at % text.length;
  switch (mutation.kind) {
    case 'flip': return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << mutation.bit)) + text.slice(at + 1);
    case 'truncate': return text.slice(0, at);
    case 'insert': return text.slice(0, at) + mutation.payload + text.slice(at);
    default: {
      const lines = text.split('\n');
      const line = at % lines.length;
      if (mutation.kind === 'deleteLine') lines.splice(line, 1);
      else lines.splice(line, 0, lines[line]);
      return lines.join('\n');
    }
  }
}

export async function fuzzEngine(): Promise<{ engine: HeadroomEngine; errors: string[] }> {
  const errors: string[] = [];
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog, log: (m) => errors.push(m) });
  await engine.init();
  return { engine, errors };
}

function inside(range: Range, lines: LineIndex): boolean {
  const valid = (p: Range['start']) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return valid(range.start) && valid(range.end) && ordered;
}

/**
 * Runs every feature on `subject`; throws on any broken property: an internal error logged, a range
 * outside the document, a fix whose edits overlap or leave their ranges, a fixed text that fails to
 * re-lint, or "fix all" applied twice differing from once.
 */
export function checkProperties(engine: HeadroomEngine, errors: string[], subject: Subject, uri = `file:///fuzz/${subject.name}`): void {
  const before = errors.length;
  const started = Date.now();
  engine.open({ uri, text: subject.text, languageId: subject.languageId });
  const lines = new LineIndex(subject.text);
  const findings = engine.lint(uri);
  const whole = { start: { line: 0, character: 0 }, end: { line: lines.lineCount, character: 0 } };
  const mid = { line: Math.floor(lines.lineCount / 2), character: 2 };
  const hover = engine.hover(uri, mid);
  const hints = engine.inlayHints(uri, whole);
  engine.symbols(uri);
  engine.foldingRanges(uri);
  engine.completion(uri, mid);
  engine.definition(uri, mid);
  engine.references(uri, mid);
  for (const finding of findings) {
    if (!inside(finding.range, lines)) throw new Error(`${subject.name}: ${finding.code} range outside the document: ${JSON.stringify(finding.range)}`);
    if (finding.code === 'headroom/internal-error') throw new Error(`${subject.name}: internal error: ${errors.slice(before).join('\n')}`);
    if (/NaN|\[object /.test(finding.message)) throw new Error(`${subject.name}: bad message: ${finding.message}`);
    for (const fix of finding.fixes ?? []) {
      const spans = fix.edits.map((e) => {
        if (!inside(e.range, lines)) throw new Error(`${subject.name}: fix "${fix.title}" edits outside the document`);
        return { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) };
      }).sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) throw new Error(`${subject.name}: fix "${fix.title}" has overlapping edits`);
      const fixed = applyEdits(subject.text, fix.edits);
      const fixedUri = `${uri}#fix`;
      engine.open({ uri: fixedUri, text: fixed, languageId: subject.languageId });
      if (engine.lint(fixedUri).some((f) => f.code === 'headroom/internal-error')) throw new Error(`${subject.name}: re-lint after "${fix.title}" failed`);
      engine.close(fixedUri);
    }
  }
  if (hover && !inside(hover.range, lines)) throw new Error(`${subject.name}: hover range outside`);
  for (const hint of hints) if (!inside({ start: hint.position, end: hint.position }, lines)) throw new Error(`${subject.name}: inlay hint outside`);
  const once = applyEdits(subject.text, engine.fixAll(uri));
  engine.open({ uri, text: once, languageId: subject.languageId });
  const twice = applyEdits(once, engine.fixAll(uri));
  engine.close(uri);
  if (twice !== once) throw new Error(`${subject.name}: fix all applied twice differs from once:\n--- once\n${once}\n--- twice\n${twice}`);
  if (errors.length > before) throw new Error(`${subject.name}: ${errors.slice(before).join('\n')}`);
  if (Date.now() - started > 20_000) throw new Error(`${subject.name}: took ${Date.now() - started} ms`);
}

/** One edit of an incremental sequence: at a position (modulo the text's length), remove some characters, insert a payload. */
export type IncrementalEdit = { at: number; remove: number; insert: string; withNext: boolean };

const TYPED = [' ', 'x', '\n', '0', ': ', '- ', '  ', '"', '{', '}', '#', '\t', '---\n', 'é😀', '<', '/>', '\r\n'];

/** Up to 30 edits, some sent together in one notification as editors batch them. */
export const incrementalEditsArb: fc.Arbitrary<IncrementalEdit[]> = fc.array(fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constantFrom(...TYPED), fc.constantFrom(...PAYLOADS)),
  withNext: fc.boolean(),
}), { minLength: 1, maxLength: 30 });

/**
 * Applies `edits` to `subject` one notification at a time through `engine.update` (changes given in
 * LSP order, each against the text left by the previous one), then checks the findings equal those of
 * a fresh open of the final text, and that nothing was logged.
 */
export function checkIncremental(engine: HeadroomEngine, errors: string[], subject: Subject, edits: IncrementalEdit[]): void {
  const before = errors.length;
  const uri = `file:///incremental/${subject.name}`;
  let text = subject.text;
  let version = 1;
  engine.open({ uri, text, languageId: subject.languageId, version });
  engine.lint(uri);
  let batch: { range: Range; text: string }[] = [];
  for (const [i, edit] of edits.entries()) {
    const lines = new LineIndex(text);
    const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
    const end = Math.min(text.length, at + edit.remove);
    batch.push({ range: lines.range(at, end), text: edit.insert });
    text = text.slice(0, at) + edit.insert + text.slice(end);
    if (edit.withNext && i < edits.length - 1) continue;
    engine.update({ uri, text, languageId: subject.languageId, version: ++version }, batch);
    batch = [];
    engine.lint(uri);
  }
  const incremental = engine.lint(uri);
  engine.close(uri);
  engine.open({ uri, text, languageId: subject.languageId });
  const fresh = engine.lint(uri);
  engine.close(uri);
  assert.deepEqual(incremental, fresh, `${subject.name}: incremental findings differ from a fresh open after ${JSON.stringify(edits)}`);
  if (errors.length > before) throw new Error(`${subject.name}: ${errors.slice(before).join('\n')}`);
}
