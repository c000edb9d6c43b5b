import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';
import { newEngine } from '../../helpers/alloy';

// The pages of the schema rules (docs/rules/alloy/<rule>.md) have the sections every rule page has,
// their Bad example gets the finding and their Good example does not.

const RULES = [
  'unknown-component', 'unknown-argument', 'unknown-block', 'missing-required', 'invalid-value', 'wrong-type',
  'enum-value', 'deprecated', 'unknown-export', 'dangling-reference', 'unwired',
];
const SECTIONS = ['## What it checks', '## Why', '## Sources', '## Bad', '## Good', '## Silence it'];

for (const rule of RULES) {
  test(`docs/rules/alloy/${rule}.md: sections, and its examples get the finding (Bad) or not (Good)`, async () => {
    const page = fs.readFileSync(path.join(repoRoot(), 'docs', 'rules', 'alloy', `${rule}.md`), 'utf8');
    assert.ok(page.startsWith(`# alloy/${rule}\n`));
    let at = 0;
    for (const section of SECTIONS) {
      const found = page.indexOf(`\n${section}\n`, at);
      assert.ok(found > at, `${section} in order`);
      at = found;
    }
    assert.match(page, /headroom-ignore-next-line alloy\//);
    const example = (section: string) => /```alloy\n([\s\S]*?)```/.exec(page.slice(page.indexOf(section)))![1];
    const engine = await newEngine();
    const codes = (text: string) => {
      engine.open({ uri: `file:///docs/${rule}.alloy`, text });
      return engine.lint(`file:///docs/${rule}.alloy`).map((f) => f.code);
    };
    assert.ok(codes(example('## Bad')).includes(`alloy/${rule}`), 'Bad gets the finding');
    assert.ok(!codes(example('## Good')).includes(`alloy/${rule}`), 'Good does not');
  });
}
