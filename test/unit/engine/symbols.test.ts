import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newEngine } from '../../helpers/alloy';
import { fixturePath } from '../../helpers/paths';
import type { DocumentSymbolResult, Range } from '../../../server/src/core/types';

// LSP clients reject a document symbol whose selectionRange is not inside its range (VS Code logs
// "selectionRange must be contained in fullRange" and shows no outline): checked for every fixture.

const within = (inner: Range, outer: Range) =>
  (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
  (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

test('every symbol of every fixture and example has its selection range inside its range, children inside parents', async () => {
  const engine = await newEngine();
  const files = ['alloy', 'k8s', 'clickhouse'].flatMap((d) => fs.readdirSync(fixturePath(d)).map((f) => fixturePath(d, f)));
  const examples = path.join(fixturePath(), '..', '..', 'examples');
  for (const dir of fs.readdirSync(examples)) for (const f of fs.readdirSync(path.join(examples, dir))) files.push(path.join(examples, dir, f));
  let checked = 0;
  for (const file of files) {
    const uri = `file://${file}`;
    engine.open({ uri, text: fs.readFileSync(file, 'utf8'), languageId: file.endsWith('.alloy') ? 'grafana-alloy' : file.endsWith('.xml') ? 'xml' : 'yaml' });
    const visit = (symbol: DocumentSymbolResult, parent?: DocumentSymbolResult) => {
      checked++;
      assert.ok(within(symbol.selectionRange, symbol.range), `${file}: ${symbol.name}`);
      if (parent) assert.ok(within(symbol.range, parent.range), `${file}: ${symbol.name} inside ${parent.name}`);
      symbol.children.forEach((child) => visit(child, symbol));
    };
    engine.symbols(uri).forEach((s) => visit(s));
    engine.close(uri);
  }
  assert.ok(checked > 100);
});
