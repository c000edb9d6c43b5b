import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixturePath } from '../../helpers/paths';
import { applyEdits, newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// A fix that inserts lines keeps the file's own line endings: every fixture, turned into a CRLF file,
// gets fixes whose result has no bare LF. Without it, `headroom check --fix` and quick fixes left
// Windows-edited files with mixed line endings.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const FOLDERS: Record<string, string> = { alloy: 'grafana-alloy', k8s: 'yaml', clickhouse: 'xml' };

for (const [folder, languageId] of Object.entries(FOLDERS)) {
  test(`${folder} fixtures as CRLF files: every fix keeps CRLF line endings`, () => {
    let fixes = 0;
    for (const name of fs.readdirSync(fixturePath(folder))) {
      const text = fs.readFileSync(fixturePath(folder, name), 'utf8').replace(/\r?\n/g, '\r\n');
      const uri = `file:///crlf/${folder}/${name}`;
      engine.open({ uri, text, languageId });
      for (const finding of engine.lint(uri)) {
        for (const fix of finding.fixes ?? []) {
          fixes++;
          const fixed = applyEdits(text, fix.edits);
          assert.doesNotMatch(fixed, /(^|[^\r])\n/, `${name}: "${fix.title}" inserts a bare LF`);
        }
      }
      engine.close(uri);
    }
    assert.ok(fixes > 0, `${folder}: the fixtures offer fixes to check`);
  });
}

test('a one-line document (no line break to copy) gets LF', () => {
  const uri = 'file:///crlf/one-line.alloy';
  engine.open({ uri, text: 'otelcol.processor.batch "b" { output {} }' });
  for (const finding of engine.lint(uri)) {
    for (const fix of finding.fixes ?? []) assert.doesNotMatch(fix.edits.map((e) => e.newText).join(''), /\r/);
  }
  engine.close(uri);
});
