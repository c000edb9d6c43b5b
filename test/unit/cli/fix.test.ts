import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../../server/src/cli/cli';
import { fixDocuments, openDocuments, type InputDocument } from '../../../server/src/cli/check';
import { writeFileAtomic, type AtomicFs } from '../../../server/src/cli/atomic-write';
import { createEngine, loadSettings } from '../../../server/src/cli/workspace';
import type { TextEdit } from '../../../server/src/core/types';
import { corpusPath, needsShared } from '../../helpers/shared';
import { testIo } from '../../helpers/cli';

// `headroom check --fix` writes exactly what fix-all computes, atomically, and nothing else.

test('an atomic write that fails leaves the original file whole and no temporary file behind', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-atomic-'));
  const file = path.join(dir, 'p.alloy');
  fs.writeFileSync(file, 'original\n');
  for (const failing of ['writeSync', 'fsyncSync', 'renameSync'] as const) {
    const broken: AtomicFs = { ...fs, [failing]: () => { throw new Error(`${failing} failed (simulated)`); } };
    assert.throws(() => writeFileAtomic(file, 'replacement\n', broken), new RegExp(`${failing} failed`));
    assert.equal(fs.readFileSync(file, 'utf8'), 'original\n', failing);
    assert.deepEqual(fs.readdirSync(dir), ['p.alloy'], `${failing}: no temporary file left`);
  }
  writeFileAtomic(file, 'replacement\n');
  assert.equal(fs.readFileSync(file, 'utf8'), 'replacement\n');
  assert.deepEqual(fs.readdirSync(dir), ['p.alloy']);
});

/** Splices edits into `text` by offsets computed here, independently of the engine's applyTextEdits. */
function splice(text: string, edits: TextEdit[]): { result: string; kept: [number, number][] } {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const spans = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start);
  let result = '';
  let at = 0;
  const kept: [number, number][] = [];
  for (const span of spans) {
    assert.ok(span.start >= at, 'edits do not overlap');
    kept.push([at, span.start]);
    result += text.slice(at, span.start) + span.text;
    at = span.end;
  }
  kept.push([at, text.length]);
  return { result: result + text.slice(at), kept };
}

for (const config of ['', 'defaultTier: medium\n']) {
  test(`--fix on the whole corpus${config ? ' with defaultTier: medium' : ''}: the fixes' edits and nothing else, no preferred fix left`, needsShared('corpus'), async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-fix-corpus-'));
    fs.cpSync(corpusPath(), dir, { recursive: true });
    if (config) fs.writeFileSync(path.join(dir, '.headroom.yaml'), config);
    const files = ['alloy', 'hpa', 'helm-values', 'k8s-workloads', 'clickhouse'].flatMap((kind) =>
      fs.readdirSync(path.join(dir, kind)).map((name) => path.join(dir, kind, name))).sort();
    const original = new Map(files.map((file) => [file, fs.readFileSync(file)]));

    // The edits fix-all computes, recorded from the same sequence of documents as the CLI takes.
    const engine = await createEngine(loadSettings(dir, undefined), () => undefined);
    const docs: InputDocument[] = files.map((file) => ({ uri: pathToFileURL(file).href, display: path.relative(dir, file), text: original.get(file)!.toString('utf8'), file, raw: original.get(file)!, invalidUtf8: [] }));
    const recorded = new Map<string, TextEdit[]>();
    const fixAll = engine.fixAll.bind(engine);
    engine.fixAll = (uri) => {
      const edits = fixAll(uri);
      recorded.set(uri, edits);
      return edits;
    };
    openDocuments(engine, docs);
    const outcomes = fixDocuments(engine, docs);
    assert.ok(outcomes.length > 0, 'the corpus has findings with preferred fixes');

    const result = await runCli(['check', '--fix', '--format', 'json', '.'], dir, testIo());
    assert.notEqual(result.exitCode, 2, result.stderr);
    const fixedFiles = new Set(JSON.parse(result.stdout).fixed.map((f: { file: string }) => path.join(dir, f.file)));
    assert.deepEqual([...fixedFiles].sort(), outcomes.map((o) => o.doc.file).sort());

    for (const file of files) {
      const after = fs.readFileSync(file);
      if (!fixedFiles.has(file)) {
        assert.ok(after.equals(original.get(file)!), `${path.relative(dir, file)} untouched`);
        continue;
      }
      const before = original.get(file)!.toString('utf8');
      const { result: expected, kept } = splice(before, recorded.get(pathToFileURL(file).href)!);
      assert.ok(after.equals(Buffer.from(expected, 'utf8')), `${path.relative(dir, file)}: exactly the fixes' edits`);
      // Every byte outside the edited ranges is still there, in order.
      let cursor = 0;
      for (const [start, end] of kept) {
        const segment = before.slice(start, end);
        const found = expected.indexOf(segment, cursor);
        assert.ok(found >= cursor, `${path.relative(dir, file)}: text outside the edits kept`);
        cursor = found + segment.length;
      }
    }
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);

    // Re-checked from disk by a fresh engine: no finding has a preferred fix left.
    const fresh = await createEngine(loadSettings(dir, undefined), () => undefined);
    const reread = files.map((file) => ({ uri: pathToFileURL(file).href, display: file, text: fs.readFileSync(file, 'utf8'), file, raw: fs.readFileSync(file), invalidUtf8: [] }));
    openDocuments(fresh, reread);
    for (const doc of reread) {
      const left = fresh.lint(doc.uri).filter((f) => f.fixes?.some((x) => x.isPreferred));
      assert.deepEqual(left.map((f) => `${f.code} ${f.range.start.line + 1}`), [], `${path.relative(dir, doc.file)}: preferred fixes left`);
    }
  });
}
