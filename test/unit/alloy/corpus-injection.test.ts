import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusPath, needsShared } from '../../helpers/shared';
import { newEngine } from '../../helpers/alloy';
import { parseAlloy } from '../../../server/src/core/alloy/parser';
import { blockPathAt } from '../../../server/src/core/alloy/components';
import type { BlockStmt, Statement } from '../../../server/src/core/alloy/ast';
import { alloyScope, specPath } from '../../../server/src/core/alloy/scope';
import { defaultConfig } from '../../../server/src/core/config';
import { defaultCatalog } from '../../../server/src/core/capacity/catalog';
import { emptyWorkspace } from '../../../server/src/core/workspace';

// A made-up argument in any built-in component or nested block of the corpus is flagged: for every
// kind of block the corpus uses (component name plus nested block path) whose schema is closed, the
// first such block gets `headroom_bogus = 1` as its first line, and that line must get exactly one
// alloy/unknown-argument.

const BOGUS = 'headroom_bogus_argument = 1';

function blocks(statements: Statement[]): BlockStmt[] {
  return statements.flatMap((s) => (s.kind === 'block' ? [s, ...blocks(s.body)] : []));
}

test('a bogus argument injected into each kind of block of the corpus is flagged', needsShared('corpus'), async () => {
  const engine = await newEngine();
  const ctx = { config: defaultConfig(), catalog: defaultCatalog, workspace: emptyWorkspace };
  const dir = corpusPath('alloy');
  const seen = new Set<string>();
  let injected = 0;
  for (const name of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const parsed = parseAlloy({ uri: `file:///inject/${name}`, text });
    if (parsed.syntax.length > 0) continue;
    const scope = alloyScope(parsed, ctx);
    // Offsets where a line is inserted right after a block's `{`, one per new block kind.
    const targets: { offset: number; kind: string }[] = [];
    for (const block of blocks(parsed.ast.body)) {
      const at = specPath(blockPathAt(parsed.ast.body, block.openBrace.end), scope);
      // A component the release does not have (otelcol.exporter.logging) is reported as such instead.
      if (!at?.spec || at.spec.open || at.component.origin !== 'builtin' || at.component.removed) continue;
      const kind = [at.component.name, ...at.nested.map((b) => b.name)].join(' > ');
      if (seen.has(kind) || !block.closeBrace) continue;
      seen.add(kind);
      targets.push({ offset: block.openBrace.end, kind });
    }
    if (targets.length === 0) continue;
    let injectedText = text;
    for (const { offset } of [...targets].sort((a, b) => b.offset - a.offset)) {
      injectedText = `${injectedText.slice(0, offset)}\n${BOGUS}\n${injectedText.slice(offset)}`;
    }
    const uri = `file:///inject/${name}`;
    engine.open({ uri, text: injectedText });
    const lines = injectedText.split('\n');
    const bogusLines = lines.map((l, i) => (l === BOGUS ? i : -1)).filter((i) => i >= 0);
    const flagged = engine.lint(uri).filter((f) => f.code === 'alloy/unknown-argument' && lines[f.range.start.line] === BOGUS).map((f) => f.range.start.line);
    assert.deepEqual(flagged.sort((a, b) => a - b), bogusLines, `${name}: every injected argument is flagged (${targets.map((t) => t.kind).join('; ')})`);
    injected += targets.length;
    engine.close(uri);
  }
  // The corpus uses 244 kinds of built-in blocks (component plus nested block path); each got one.
  assert.ok(injected >= 240, `injected into ${injected} kinds of block`);
});
