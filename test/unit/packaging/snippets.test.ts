import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';
import { newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

/** A snippet body with every placeholder replaced by its default (or first choice), as accepted as-is. */
function expand(body: string): string {
  return body
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '');
}

test('every snippet, accepted with its defaults, is valid Alloy with no error finding', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'snippets', 'alloy.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
  assert.ok(Object.keys(snippets).length >= 6);
  for (const [name, snippet] of Object.entries(snippets)) {
    const text = expand(snippet.body.join('\n'));
    const uri = `file:///snippet-${encodeURIComponent(name)}.alloy`;
    engine.open({ uri, text });
    const problems = engine.lint(uri).filter((f) => f.severity === 'error' || f.code === 'alloy/syntax');
    assert.deepEqual(problems.map((f) => `${f.code}: ${f.message}`), [], `${name}:\n${text}`);
    engine.close(uri);
  }
});

test('the OTLP pipeline snippet is exactly what the rules recommend: no finding at all', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'snippets', 'alloy.json'), 'utf8'));
  const text = `// headroom: workload=alloy tier=medium\n${expand(snippets['OTLP pipeline with memory limiter and batch'].body.join('\n'))}`;
  engine.open({ uri: 'file:///pipeline-snippet.alloy', text });
  assert.deepEqual(engine.lint('file:///pipeline-snippet.alloy').map((f) => f.message), []);
});
