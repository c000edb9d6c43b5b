import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/cli';
import { knownCodes } from '../../../server/src/core/codes';
import { parseRulePage } from '../../../server/src/core/rule-docs';
import { repoRoot } from '../../helpers/paths';
import { tempWorkspace, testIo } from '../../helpers/cli';

// `headroom explain CODE` prints the rule's page; SARIF carries the same page as each rule's help.

const pagePath = (code: string) => path.join(repoRoot(), 'docs', 'rules', `${code}.md`);

test('explain CODE prints the page as written; on a colour terminal the headings stand out', async () => {
  const plain = await runCli(['explain', 'alloy/batch-tier'], os.tmpdir(), testIo());
  assert.deepEqual(plain, { exitCode: 0, stdout: fs.readFileSync(pagePath('alloy/batch-tier'), 'utf8'), stderr: '' });
  const coloured = await runCli(['explain', 'alloy/batch-tier'], os.tmpdir(), testIo({ tty: true }));
  assert.match(coloured.stdout, /^\u001b\[1m\u001b\[36m# alloy\/batch-tier/);
  assert.equal(coloured.stdout.replace(/\u001b\[\d+m/g, ''), plain.stdout);
});

test('explain without a code lists every code once with its summary', async () => {
  const result = await runCli(['explain'], os.tmpdir(), testIo());
  assert.equal(result.exitCode, 0);
  const rows = result.stdout.trimEnd().split('\n');
  assert.deepEqual(rows.map((r) => r.split(/\s+/)[0]), knownCodes().map((c) => c.code));
  const summary = parseRulePage('k8s/requests-above-limits', fs.readFileSync(pagePath('k8s/requests-above-limits'), 'utf8')).summary;
  assert.ok(rows.some((r) => r.startsWith('k8s/requests-above-limits') && r.endsWith(summary)));
});

test('explain: an unknown code is a usage error with a did-you-mean; two codes and unknown options too', async () => {
  const typo = await runCli(['explain', 'alloy/bach-tier'], os.tmpdir(), testIo());
  assert.equal(typo.exitCode, 2);
  assert.equal(typo.stderr, 'headroom: no finding code "alloy/bach-tier" (did you mean "alloy/batch-tier"?); headroom explain lists them all\n');
  for (const argv of [['explain', 'a', 'b'], ['explain', '--format', 'json']]) {
    const result = await runCli(argv, os.tmpdir(), testIo());
    assert.equal(result.exitCode, 2, argv.join(' '));
    assert.match(result.stderr, /usage: headroom explain/);
  }
  const help = await runCli(['explain', '--help'], os.tmpdir(), testIo());
  assert.equal(help.exitCode, 0);
  assert.match(help.stdout, /^usage: headroom explain \[CODE\]/);
});

test('the bundled CLI finds the pages shipped beside dist/', () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), 'explain', 'hpa/bounds'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, fs.readFileSync(pagePath('hpa/bounds'), 'utf8'));
});

test('SARIF: each rule carries its page as help (markdown and text) and its summary', async () => {
  const dir = tempWorkspace({ 'p.alloy': 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  output { }\n}\n' });
  const sarif = JSON.parse((await runCli(['check', '--format', 'sarif', '.'], dir, testIo())).stdout);
  const [rule] = sarif.runs[0].tool.driver.rules;
  const markdown = fs.readFileSync(pagePath('alloy/batch-max-below-size'), 'utf8');
  const page = parseRulePage('alloy/batch-max-below-size', markdown);
  assert.equal(rule.id, 'alloy/batch-max-below-size');
  assert.equal(rule.help.markdown, markdown);
  assert.ok(!rule.help.text.includes('```') && !rule.help.text.includes('## '), 'help.text is plain text');
  assert.ok(rule.help.text.includes('send_batch_max_size = 16384'), 'the examples stay in the text');
  assert.equal(rule.shortDescription.text, page.summary.replace(/`/g, ''));
  assert.ok(rule.fullDescription.text.startsWith('For every otelcol.processor.batch'));
});
