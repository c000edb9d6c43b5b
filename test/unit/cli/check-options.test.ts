import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/cli';
import { escapeData, escapeProperty } from '../../../server/src/cli/report-formats';
import { tempWorkspace, testIo } from '../../helpers/cli';
import { version } from '../../../package.json';

// Every option of `headroom check` that CI and commit hooks use, with its exit codes.

/** One error (batch max below size, with a preferred fix) and one info (batch tier, with a preferred fix). */
const broken = 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  output { }\n}\n';
const clean = 'prometheus.exporter.unix "node" { }\n';
/** A warning only: spike_limit 5% of limit. */
const warning = 'otelcol.processor.memory_limiter "m" {\n  check_interval = "1s"\n  limit = "1000MiB"\n  spike_limit = "50MiB"\n  output { }\n}\n';
const deployment = [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: gateway', 'spec:', '  template:', '    spec:', '      containers:',
  '        - name: gateway', '          image: otel/opentelemetry-collector:0.100.0', '          resources:',
  '            requests: { cpu: "1", memory: 2Gi }', '            limits: { memory: 1Gi }', '',
].join('\n');

test('-: standard input is checked under --stdin-filename, whose extension picks the format', async () => {
  const dir = tempWorkspace({});
  const result = await runCli(['check', '-', '--stdin-filename', 'rendered.yaml'], dir, testIo({ stdin: deployment }));
  assert.equal(result.exitCode, 1, result.stderr);
  assert.match(result.stdout, /^rendered\.yaml:12:\d+ error k8s\/requests-above-limits /m);
  assert.match(result.stdout, /1 file checked/);
  // As .alloy the same name would be read as Alloy: the name decides, not the content.
  const asAlloy = await runCli(['check', '--stdin-filename=x.alloy', '-'], dir, testIo({ stdin: broken }));
  assert.match(asAlloy.stdout, /^x\.alloy:2:3 error alloy\/batch-max-below-size/m);
});

test('-: the text on standard input stands for the file of that name, and cross-file rules see the other files', async () => {
  const alloy = 'otelcol.processor.memory_limiter "m" {\n  check_interval = "1s"\n  limit = "1500MiB"\n  spike_limit = "300MiB"\n  output { }\n}\n';
  const pod = (memory: string) => ['apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: alloy', 'spec:', '  template:', '    spec:', '      containers:',
    '        - name: alloy', '          image: grafana/alloy:v1.18.0', '          resources:', '            requests: { cpu: "1", memory: 1Gi }', `            limits: { memory: ${memory} }`, ''].join('\n');
  const dir = tempWorkspace({ 'config.alloy': alloy, 'pod.yaml': pod('8Gi') });
  const onDisk = await runCli(['check', '.'], dir, testIo());
  assert.doesNotMatch(onDisk.stdout, /memory-limiter-vs-container/);
  // The edited (unsaved) manifest arrives on stdin: it replaces pod.yaml, and the Alloy file sees its 1Gi.
  const piped = await runCli(['check', '.', '-', '--stdin-filename', 'pod.yaml'], dir, testIo({ stdin: pod('1Gi') }));
  assert.match(piped.stdout, /^config\.alloy:3:3 error alloy\/memory-limiter-vs-container/m);
  assert.match(piped.stdout, /2 files checked/);
});

test('-: usage errors for a missing or stray --stdin-filename and a repeated -', async () => {
  const dir = tempWorkspace({ 'a.alloy': clean });
  const cases: [string[], RegExp][] = [
    [['check', '-'], /- needs --stdin-filename NAME/],
    [['check', 'a.alloy', '--stdin-filename', 'x.yaml'], /--stdin-filename names standard input/],
    [['check', '-', '-', '--stdin-filename', 'x.yaml'], /can be given once/],
    [['check', '-', '--stdin-filename'], /--stdin-filename needs a value/],
    [['check', '-', '--stdin-filename='], /--stdin-filename needs a file name/],
  ];
  for (const [argv, message] of cases) {
    const result = await runCli(argv, dir, testIo({ stdin: '' }));
    assert.equal(result.exitCode, 2, argv.join(' '));
    assert.match(result.stderr, message);
    assert.match(result.stderr, /usage: headroom check/);
  }
});

test('--fix: preferred fixes are written in place, what changed is reported, the rest is reported as usual', async () => {
  const dir = tempWorkspace({ 'p.alloy': `// headroom: workload=alloy tier=medium\n${broken}`, 'ok.alloy': clean, 'w.alloy': warning });
  const okBefore = fs.statSync(path.join(dir, 'ok.alloy')).mtimeMs;
  const result = await runCli(['check', '--fix', '.'], dir, testIo());
  const fixed = fs.readFileSync(path.join(dir, 'p.alloy'), 'utf8');
  assert.equal(fixed, '// headroom: workload=alloy tier=medium\notelcol.processor.batch "b" {\n  send_batch_size = 8192\n  send_batch_max_size = 16384\n  timeout = "1s"\n  output { }\n}\n');
  assert.equal(fs.readFileSync(path.join(dir, 'w.alloy'), 'utf8'), warning.replace('"50MiB"', '"200MiB"'));
  assert.equal(result.stderr, [
    'fixed p.alloy: 3 findings fixed (alloy/batch-max-below-size, alloy/batch-tier ×2)',
    'fixed w.alloy: 1 finding fixed (alloy/memory-limiter-spike)',
    '',
  ].join('\n'));
  assert.equal(result.stdout, '3 files checked, 0 findings (0 errors)\n');
  assert.equal(result.exitCode, 0);
  assert.equal(fs.statSync(path.join(dir, 'ok.alloy')).mtimeMs, okBefore, 'a file without fixes is not rewritten');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['ok.alloy', 'p.alloy', 'w.alloy'], 'no temporary file left');
  // Fixed already: a second run changes nothing and says nothing about fixes.
  const again = await runCli(['check', '--fix', '.'], dir, testIo());
  assert.equal(again.stderr, '');
  assert.equal(fs.readFileSync(path.join(dir, 'p.alloy'), 'utf8'), fixed);
});

test('--fix keeps the file mode and a symbolic link, and lists the fixes in JSON', async () => {
  const dir = tempWorkspace({ 'real/p.alloy': broken });
  fs.chmodSync(path.join(dir, 'real', 'p.alloy'), 0o640);
  fs.symlinkSync(path.join('real', 'p.alloy'), path.join(dir, 'link.alloy'));
  const result = await runCli(['check', '--fix', '--format', 'json', 'link.alloy'], dir, testIo());
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  assert.ok(fs.lstatSync(path.join(dir, 'link.alloy')).isSymbolicLink(), 'the link is still a link');
  assert.match(fs.readFileSync(path.join(dir, 'real', 'p.alloy'), 'utf8'), /send_batch_max_size = 8192/);
  assert.equal(fs.statSync(path.join(dir, 'real', 'p.alloy')).mode & 0o777, 0o640);
  assert.deepEqual(JSON.parse(result.stdout).fixed, [{ file: 'link.alloy', codes: { 'alloy/batch-max-below-size': 1 } }]);
});

test('--fix leaves a file that is not valid UTF-8 alone (exit 2), since rewriting it would alter bytes', async () => {
  const dir = tempWorkspace({});
  const bytes = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${broken}`)]);
  fs.writeFileSync(path.join(dir, 'latin1.alloy'), bytes);
  const result = await runCli(['check', '--fix', '.'], dir, testIo());
  assert.equal(result.exitCode, 2);
  assert.match(result.stderr, /latin1\.alloy not fixed: it is not valid UTF-8/);
  assert.ok(fs.readFileSync(path.join(dir, 'latin1.alloy')).equals(bytes), 'bytes untouched');
  assert.match(result.stdout, /latin1\.alloy:1:7 error alloy\/syntax .*illegal UTF-8 encoding/, 'the byte is reported where it stands');
  assert.match(result.stdout, /latin1\.alloy:3:3 error alloy\/batch-max-below-size/, 'the report is what is on disk');
  // The same bytes on standard input: nothing is echoed rather than an altered text.
  const piped = await runCli(['check', '--fix', '-', '--stdin-filename', 'latin1.alloy'], dir, testIo({ stdin: bytes }));
  assert.equal(piped.exitCode, 2);
  assert.equal(piped.stdout, '');
  assert.match(piped.stderr, /latin1\.alloy not fixed: it is not valid UTF-8/);
});

test('--fix with -: the fixed text on standard output, byte for byte; the report on standard error', async () => {
  const dir = tempWorkspace({});
  const crlf = warning.replace(/\n/g, '\r\n');
  const result = await runCli(['check', '--fix', '-', '--stdin-filename', 'p.alloy'], dir, testIo({ stdin: crlf }));
  assert.equal(result.stdout, crlf.replace('"50MiB"', '"200MiB"'));
  assert.match(result.stderr, /^fixed p\.alloy: 1 finding fixed \(alloy\/memory-limiter-spike\)\n1 file checked, 0 findings/);
  assert.equal(result.exitCode, 0);
  assert.deepEqual(fs.readdirSync(dir), [], 'nothing written to disk');
  // Text no format claims passes through unchanged.
  const other = await runCli(['check', '--fix', '-', '--stdin-filename', 'notes.yaml'], dir, testIo({ stdin: 'title: hello\n' }));
  assert.equal(other.stdout, 'title: hello\n');
  assert.equal(other.exitCode, 0);
});

test('--max-warnings N: exit 1 only with more than N warnings reported; a bad N is a usage error', async () => {
  const dir = tempWorkspace({ 'w.alloy': warning });
  assert.equal((await runCli(['check', '.'], dir, testIo())).exitCode, 0);
  assert.equal((await runCli(['check', '--max-warnings', '1', '.'], dir, testIo())).exitCode, 0);
  const over = await runCli(['check', '--max-warnings=0', '.'], dir, testIo());
  assert.equal(over.exitCode, 1);
  assert.equal(over.stderr, 'headroom: 1 warning, more than --max-warnings 0\n');
  // Warnings hidden by --quiet are not reported, so they do not count.
  assert.equal((await runCli(['check', '--quiet', '--max-warnings', '0', '.'], dir, testIo())).exitCode, 0);
  for (const bad of ['-1', 'x', '1.5']) {
    const result = await runCli(['check', `--max-warnings=${bad}`, '.'], dir, testIo());
    assert.equal(result.exitCode, 2, bad);
    assert.match(result.stderr, /--max-warnings must be a whole number/);
  }
});

test('--severity and --quiet: findings below the level are not shown and the summary says how many', async () => {
  const dir = tempWorkspace({ 'p.alloy': `// headroom: workload=alloy tier=medium\n${broken}`, 'w.alloy': warning });
  const all = await runCli(['check', '--format', 'json', '.'], dir, testIo());
  assert.deepEqual(JSON.parse(all.stdout).findings.map((f: { severity: string }) => f.severity).sort(), ['error', 'info', 'info', 'warning']);
  const warnings = await runCli(['check', '--severity', 'warning', '.'], dir, testIo());
  assert.deepEqual(warnings.stdout.trim().split('\n').map((l) => l.split(' ')[1]), ['error', 'warning', 'files']);
  assert.match(warnings.stdout, /2 files checked, 2 findings \(1 error\); 2 findings below warning not shown\n$/);
  for (const argv of [['--quiet'], ['-q'], ['--severity=error']]) {
    const quiet = await runCli(['check', ...argv, '--format', 'json', '.'], dir, testIo());
    assert.deepEqual(JSON.parse(quiet.stdout).findings.map((f: { code: string }) => f.code), ['alloy/batch-max-below-size'], argv.join(' '));
    assert.equal(quiet.exitCode, 1);
  }
  const contradiction = await runCli(['check', '--quiet', '--severity', 'info', '.'], dir, testIo());
  assert.equal(contradiction.exitCode, 2);
  const unknown = await runCli(['check', '--severity', 'fatal', '.'], dir, testIo());
  assert.equal(unknown.exitCode, 2);
  assert.match(unknown.stderr, /--severity must be error, warning, info, hint; got "fatal"/);
});

test('--format github: one workflow command per finding, properties and message escaped', async () => {
  const dir = tempWorkspace({ 'a,b/p.alloy': broken, 'w.alloy': warning, 'i.alloy': `// headroom: workload=alloy tier=medium\n${clean}otelcol.processor.batch "x" {\n  send_batch_size = 8192\n  send_batch_max_size = 16384\n  output { }\n}\n` });
  const result = await runCli(['check', '--format', 'github', '.'], dir, testIo());
  const lines = result.stdout.trimEnd().split('\n');
  assert.equal(lines[0], '::error file=a%2Cb/p.alloy,line=2,col=3,endLine=2,endColumn=25,title=headroom alloy/batch-max-below-size::otelcol.processor.batch "b": send_batch_max_size 3000 (the default since Alloy v1.11) is below send_batch_size 8192; Alloy refuses to start. Set send_batch_max_size to at least 8192, or 0 for no limit.');
  assert.match(lines[1], /^::notice file=i\.alloy,line=3,col=1,endLine=3,endColumn=\d+,title=headroom alloy\/batch-tier::.*timeout is "200ms" \(Alloy default\); the medium tier .* recommends "1s"\. \[000_e875b2fa46e39bfd\.txt § Performance Tuning > Alloy Configuration Optimization > River Configuration\]$/);
  assert.match(lines[2], /^::warning file=w\.alloy,line=4,col=3,endLine=4,endColumn=\d+,title=headroom alloy\/memory-limiter-spike::/);
  assert.equal(lines[3], '3 files checked, 3 findings (1 error)');
  assert.equal(result.exitCode, 1);
  assert.equal(escapeData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
  assert.equal(escapeProperty('C:\\a,b%\n'), 'C%3A\\a%2Cb%25%0A');
});

test('colour: only on a terminal; NO_COLOR or NODE_DISABLE_COLORS turn it off, FORCE_COLOR forces it either way with Node\'s values, TERM=dumb turns it off', async () => {
  const dir = tempWorkspace({ 'p.alloy': broken });
  const coloured = (result: { stdout: string }) => result.stdout.includes('\u001b[');
  const run = (env: Record<string, string>, tty: boolean) => runCli(['check', '.'], dir, testIo({ env, tty }));
  const tty = await run({}, true);
  assert.ok(coloured(tty));
  assert.match(tty.stdout, /\u001b\[31merror\u001b\[39m/);
  assert.equal(tty.stdout.replace(/\u001b\[\d+m/g, ''), (await run({}, false)).stdout, 'the same text without colour');
  assert.ok(!coloured(await run({}, false)));
  assert.ok(!coloured(await run({ NO_COLOR: '1' }, true)));
  assert.ok(coloured(await run({ NO_COLOR: '' }, true)), 'an empty NO_COLOR does not count');
  assert.ok(coloured(await run({ FORCE_COLOR: '1' }, false)));
  assert.ok(coloured(await run({ FORCE_COLOR: '', NO_COLOR: '1' }, false)), 'FORCE_COLOR wins, as in Node');
  // Node's own values (lib/internal/tty.js getColorDepth): only "", "1", "true", "2" and "3" force colour.
  for (const on of ['', '1', 'true', '2', '3']) assert.ok(coloured(await run({ FORCE_COLOR: on }, false)), `FORCE_COLOR=${on}`);
  for (const off of ['0', 'false', 'yes', 'TRUE', '4']) assert.ok(!coloured(await run({ FORCE_COLOR: off }, true)), `FORCE_COLOR=${off}`);
  assert.ok(!coloured(await run({ NODE_DISABLE_COLORS: '1' }, true)), 'Node\'s own switch');
  assert.ok(coloured(await run({ NODE_DISABLE_COLORS: '' }, true)), 'an empty NODE_DISABLE_COLORS does not count');
  assert.ok(!coloured(await run({ TERM: 'dumb' }, true)));
  for (const format of ['json', 'sarif', 'github']) {
    assert.ok(!coloured(await runCli(['check', '--format', format, '.'], dir, testIo({ tty: true }))), format);
  }
});

test('--help and --version', async () => {
  const dir = tempWorkspace({});
  const version_ = await runCli(['--version'], dir, testIo());
  assert.deepEqual(version_, { exitCode: 0, stdout: `${version}\n`, stderr: '' });
  for (const argv of [['check', '--help'], ['check', '-h'], ['help', 'check'], ['check', '.', '--help']]) {
    const help = await runCli(argv, dir, testIo());
    assert.equal(help.exitCode, 0, argv.join(' '));
    assert.match(help.stdout, /^usage: headroom check \[options\] PATH\.\.\./);
    for (const option of ['--format', '--config', '--stdin-filename', '--fix', '--severity', '--quiet', '--max-warnings', 'NO_COLOR']) {
      assert.ok(help.stdout.includes(option), `${option} documented`);
    }
  }
  for (const argv of [['--help'], ['-h'], ['help']]) {
    const help = await runCli(argv, dir, testIo());
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^usage: headroom COMMAND/);
  }
  const option = await runCli(['check', '--fix=yes', '.'], dir, testIo());
  assert.equal(option.exitCode, 2);
  assert.match(option.stderr, /--fix takes no value/);
});

test('-- ends the options: a file whose name starts with a dash', async () => {
  const dir = tempWorkspace({ '-odd.alloy': broken });
  const result = await runCli(['check', '--', '-odd.alloy'], dir, testIo());
  assert.equal(result.exitCode, 1);
  assert.match(result.stdout, /^-odd\.alloy:2:3 error/);
});
