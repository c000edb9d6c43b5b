import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countFindings, statusPresentation } from '../../../client/src/status';
import { CONFIG_TEMPLATE, uncommentedLoad } from '../../../client/src/walkthrough';
import { parseHeadroomYaml } from '../../../server/src/core/config';
import { headroomFileSchema } from '../../../server/src/core/config-schema';
import { runCli } from '../../../server/src/cli/cli';
import { repoRoot } from '../../helpers/paths';
import { testIo } from '../../helpers/cli';

// The status bar item's text and the getting-started walkthrough's content, without VS Code: the
// code-server e2e suite shows them in a real window.

test('the status item counts Headroom\'s errors and warnings (not other sources, not infos) and says what a click does', () => {
  const counts = countFindings([
    ['a', [{ source: 'headroom', severity: 0 }, { source: 'headroom', severity: 1 }, { source: 'headroom', severity: 2 }, { source: 'yaml', severity: 0 }]],
    ['b', [{ source: 'headroom', severity: 1 }]],
    ['c', [{ source: 'headroom', severity: 3 }]],
    ['d', []],
  ]);
  assert.deepEqual(counts, { errors: 1, warnings: 2, files: 2 });
  assert.deepEqual(statusPresentation('running', counts, false), {
    text: '$(error) 1 $(warning) 2 Headroom',
    tooltip: 'Headroom: 1 error and 2 warnings in 2 files. Click for the Problems view.',
  });
  assert.match(statusPresentation('running', counts, true).tooltip, /Click for the capacity report\.$/);
  assert.equal(statusPresentation('running', { errors: 0, warnings: 0, files: 0 }, false).text, '$(check) Headroom');
  assert.equal(statusPresentation('starting', counts, false).text, '$(loading~spin) Headroom');
  assert.match(statusPresentation('stopped', counts, false).tooltip, /stopped.*Restart Language Server/);
});

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
const [walkthrough] = manifest.contributes.walkthroughs;

test('the walkthrough: five steps in order, each with its media shipped in the package and a command that exists', () => {
  assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['openExample', 'seeFinding', 'applyFix', 'setLoad', 'capacityReport']);
  const extension = fs.readFileSync(path.join(repoRoot(), 'client', 'src', 'extension.ts'), 'utf8');
  const builtIn = new Set(['workbench.actions.view.problems', 'editor.action.fixAll']);
  for (const step of walkthrough.steps) {
    assert.ok(manifest.files.some((f: string) => step.media.markdown.startsWith(f)), `${step.media.markdown} is packaged`);
    assert.ok(fs.existsSync(path.join(repoRoot(), step.media.markdown)), step.media.markdown);
    assert.ok(step.completionEvents.length > 0, step.id);
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
      assert.ok(builtIn.has(command) || extension.includes(`registerCommand('${command}'`), `${step.id}: ${command} is registered`);
    }
  }
});

test('the example the walkthrough opens has the findings the walkthrough describes, and fix-all clears them', async () => {
  const example = path.join(repoRoot(), 'walkthrough', 'example.alloy');
  const result = await runCli(['check', '--format', 'json', example], repoRoot(), testIo());
  const found = JSON.parse(result.stdout).findings.map((f: { line: number; code: string }) => `${f.line} ${f.code}`);
  assert.deepEqual(found, ['15 alloy/batch-tier', '15 alloy/batch-tier', '16 alloy/unknown-argument', '24 alloy/pipeline-order']);
  const media = fs.readFileSync(path.join(repoRoot(), 'walkthrough', 'see-finding.md'), 'utf8');
  for (const row of ['| 16 | `alloy/unknown-argument`', '| 24 | `alloy/pipeline-order`', '| 15 | `alloy/batch-tier`']) assert.ok(media.includes(row), row);
  const copy = path.join(fs.mkdtempSync(path.join(repoRoot(), 'out', 'walkthrough-')), 'example.alloy');
  fs.copyFileSync(example, copy);
  const fixed = await runCli(['check', '--fix', copy], repoRoot(), testIo());
  assert.match(fixed.stdout, /1 file checked, 0 findings/);
});

test('the .headroom.yaml the walkthrough creates is valid, and so is its load section once the schema has one', () => {
  assert.deepEqual(parseHeadroomYaml(CONFIG_TEMPLATE).findings, []);
  assert.equal(parseHeadroomYaml(CONFIG_TEMPLATE).file?.defaultTier, 'medium');
  const withLoad = uncommentedLoad();
  assert.match(withLoad, /^load:\n {2}alloy:\n {4}otlpRequestsPerMinute: 10000\n/m);
  if ('load' in headroomFileSchema.shape) assert.deepEqual(parseHeadroomYaml(withLoad).findings, [], 'the template\'s load matches the schema');
  else assert.match(parseHeadroomYaml(withLoad).findings[0]?.message ?? '', /load/, 'without load in the schema, the section stays commented out');
});
