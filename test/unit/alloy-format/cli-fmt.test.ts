import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/cli';
import { runFmt } from '../../../server/src/cli/fmt';
import { repoRoot } from '../../helpers/paths';
import { testIo } from '../../helpers/cli';
import { formatted, loadParser } from './format-helpers';

// `headroom fmt`: every option and exit code, byte-exact output, files rewritten atomically and only
// when they change, files with syntax errors never touched.

before(loadParser);

const UNFORMATTED = 'blk  "x" {\n  a = 1\n  long_name = [ 1, 2, ]   // note\n}\n\n\n';
const FORMATTED = 'blk "x" {\n\ta         = 1\n\tlong_name = [1, 2] // note\n}\n';
const BROKEN = 'blk {\n  a = [1,\n  b = 2\n}\n';

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-fmt-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}


test('the reference pair of this test is what the formatter gives', () => {
  assert.equal(formatted(UNFORMATTED), FORMATTED);
});

test('fmt FILE prints the formatted file and changes nothing', async () => {
  const dir = workspace({ 'a.alloy': UNFORMATTED });
  const result = await runCli(['fmt', 'a.alloy'], dir, testIo());
  assert.deepEqual(result, { exitCode: 0, stdout: FORMATTED, stderr: '' });
  assert.equal(fs.readFileSync(path.join(dir, 'a.alloy'), 'utf8'), UNFORMATTED);
});

test('fmt with no FILE or with - reads standard input', async () => {
  assert.deepEqual(await runFmt([], '/', testIo({ stdin: UNFORMATTED })), { exitCode: 0, stdout: FORMATTED, stderr: '' });
  assert.deepEqual(await runFmt(['-'], '/', testIo({ stdin: UNFORMATTED })), { exitCode: 0, stdout: FORMATTED, stderr: '' });
});

test('the built CLI writes the bytes alloy fmt writes (non-ASCII, no final newline in the input)', () => {
  const input = 'x = "é😀" // ü\nlonger = 1';
  const result = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), 'fmt'], { input: Buffer.from(input, 'utf8') });
  assert.equal(result.status, 0, result.stderr.toString());
  assert.ok(result.stdout.equals(Buffer.from('x      = "é😀" // ü\nlonger = 1\n', 'utf8')), JSON.stringify(result.stdout.toString()));
});

test('fmt -w rewrites what changes (by renaming a new file over it), leaves formatted files alone, walks folders', async () => {
  const dir = workspace({ 'a.alloy': UNFORMATTED, 'sub/b.river': UNFORMATTED, 'sub/ok.alloy': FORMATTED, 'sub/notes.txt': UNFORMATTED });
  const okFile = path.join(dir, 'sub', 'ok.alloy');
  const past = new Date(2020, 0, 1);
  fs.utimesSync(okFile, past, past);
  const inode = fs.statSync(path.join(dir, 'a.alloy')).ino;
  fs.chmodSync(path.join(dir, 'a.alloy'), 0o640);

  const result = await runCli(['fmt', '-w', 'a.alloy', 'sub'], dir, testIo());
  assert.deepEqual(result, { exitCode: 0, stdout: '', stderr: '' });
  assert.equal(fs.readFileSync(path.join(dir, 'a.alloy'), 'utf8'), FORMATTED);
  assert.equal(fs.readFileSync(path.join(dir, 'sub', 'b.river'), 'utf8'), FORMATTED);
  assert.equal(fs.readFileSync(path.join(dir, 'sub', 'notes.txt'), 'utf8'), UNFORMATTED, 'folders: only .alloy and .river');
  assert.equal(fs.statSync(okFile).mtime.getTime(), past.getTime(), 'a formatted file is not written');
  assert.notEqual(fs.statSync(path.join(dir, 'a.alloy')).ino, inode, 'replaced by a rename, not written in place');
  assert.equal(fs.statSync(path.join(dir, 'a.alloy')).mode & 0o777, 0o640, 'permissions kept');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['a.alloy', 'sub'], 'no temporary file left');
});

test('fmt -w through a symbolic link rewrites its target and keeps the link', { skip: process.platform === 'win32' ? 'symlinks' : undefined }, async () => {
  const dir = workspace({ 'real.alloy': UNFORMATTED });
  fs.symlinkSync('real.alloy', path.join(dir, 'link.alloy'));
  const result = await runCli(['fmt', '--write', 'link.alloy'], dir, testIo());
  assert.equal(result.exitCode, 0, result.stderr);
  assert.ok(fs.lstatSync(path.join(dir, 'link.alloy')).isSymbolicLink());
  assert.equal(fs.readFileSync(path.join(dir, 'real.alloy'), 'utf8'), FORMATTED);
});

test('fmt --check lists the files that would change and exits 1; 0 when all are formatted; -t is an alias', async () => {
  const dir = workspace({ 'a.alloy': UNFORMATTED, 'b.alloy': FORMATTED, 'c/d.alloy': UNFORMATTED });
  const result = await runCli(['fmt', '--check', '.'], dir, testIo());
  assert.deepEqual(result, { exitCode: 1, stdout: `a.alloy\n${path.join('c', 'd.alloy')}\n`, stderr: '' });
  assert.equal(fs.readFileSync(path.join(dir, 'a.alloy'), 'utf8'), UNFORMATTED, '--check changes nothing');
  assert.deepEqual(await runCli(['fmt', '--check', 'b.alloy'], dir, testIo()), { exitCode: 0, stdout: '', stderr: '' });
  assert.equal((await runCli(['fmt', '-t', 'a.alloy'], dir, testIo())).exitCode, 1);
  assert.equal((await runCli(['fmt', '--test', 'a.alloy'], dir, testIo())).exitCode, 1);
  assert.deepEqual(await runFmt(['--check', '-'], dir, testIo({ stdin: UNFORMATTED })), { exitCode: 1, stdout: '<stdin>\n', stderr: '' });
});

test('a syntax error: FILE:LINE:COL and the message on stderr, exit 1, the file untouched, the others still done', async () => {
  const dir = workspace({ 'bad.alloy': BROKEN, 'good.alloy': UNFORMATTED });
  const printed = await runCli(['fmt', 'bad.alloy'], dir, testIo());
  assert.equal(printed.exitCode, 1);
  assert.equal(printed.stdout, '');
  assert.match(printed.stderr, /^bad\.alloy:3:\d+: cannot format a file with a syntax error: .+\n$/);

  const written = await runCli(['fmt', '-w', '.'], dir, testIo());
  assert.equal(written.exitCode, 1);
  assert.match(written.stderr, /^bad\.alloy:3:\d+: /);
  assert.equal(fs.readFileSync(path.join(dir, 'bad.alloy'), 'utf8'), BROKEN);
  assert.equal(fs.readFileSync(path.join(dir, 'good.alloy'), 'utf8'), FORMATTED);

  const checked = await runCli(['fmt', '--check', 'bad.alloy'], dir, testIo());
  assert.equal(checked.exitCode, 1);
  assert.equal(checked.stdout, '');
});

test('invalid UTF-8 is refused with its position, never rewritten with replacement characters', async () => {
  const bytes = Buffer.concat([Buffer.from('a = 1\nb = "x', 'utf8'), Buffer.from([0xff]), Buffer.from('"\n', 'utf8')]);
  const dir = workspace({ 'bin.alloy': bytes });
  const result = await runCli(['fmt', '-w', 'bin.alloy'], dir, testIo());
  assert.equal(result.exitCode, 1);
  assert.equal(result.stderr, 'bin.alloy:2:7: invalid UTF-8: the file is left as it is\n');
  assert.ok(fs.readFileSync(path.join(dir, 'bin.alloy')).equals(bytes));
});

test('input that cannot be read: exit 2 (as for check), the other files still done; a folder named .alloy is walked', async () => {
  const dir = workspace({ 'good.alloy': UNFORMATTED, 'folder.alloy/x.txt': '' });
  const failing = testIo(); // its standard input cannot be read
  const result = await runFmt(['--check', 'good.alloy', '-', 'folder.alloy'], dir, failing);
  assert.equal(result.exitCode, 2);
  assert.equal(result.stdout, 'good.alloy\n');
  assert.match(result.stderr, /^headroom: <stdin>: cannot read: /);
});

test('usage errors exit 2 with the usage', async () => {
  const dir = workspace({ 'a.alloy': UNFORMATTED, 'b.alloy': UNFORMATTED, 'sub/c.alloy': UNFORMATTED });
  for (const argv of [
    ['fmt', '--nope', 'a.alloy'], ['fmt', '-w', '--check', 'a.alloy'], ['fmt', '-w'], ['fmt', '--check'], ['fmt', '-w', '-'],
    ['fmt', 'a.alloy', 'b.alloy'], ['fmt', 'missing.alloy'], ['fmt', 'sub'],
  ]) {
    const result = await runCli(argv, dir, testIo());
    assert.equal(result.exitCode, 2, argv.join(' '));
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^headroom: .+\nusage: headroom fmt/, argv.join(' '));
  }
  assert.equal(fs.readFileSync(path.join(dir, 'a.alloy'), 'utf8'), UNFORMATTED);
  const help = await runCli(['fmt', '--help'], dir, testIo());
  assert.equal(help.exitCode, 0);
  assert.match(help.stdout, /^usage: headroom fmt/);
});
