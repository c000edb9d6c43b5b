// The Neovim suite: the same server, driven by an independent LSP client, must report the same
// findings as the CLI (which runs the engine directly) and answer hover and code-action requests.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..', '..');
const workspace = path.join(here, '..', 'workspace');
const files = [
  ['broken.alloy', 4, 1],
  ['pipeline.alloy', 12, 3],
  ['kubernetes/alloy.yaml', 22, 12],
  ['helm/values.yaml', 5, 5],
  ['clickhouse/config.xml', 5, 6],
];
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-nvim-')), 'results.json');
// Editor features on editor/app.alloy (1-based line:column positions; the rename is only in buffers).
const editor = { file: 'editor/app.alloy', module: 'editor/lib.alloy', symbols: 'relabel', signature: [18, 38], rename: [11, 7], newName: 'keep_running' };
const run = spawnSync('nvim', ['--headless', '-u', path.join(here, 'init.lua')], {
  cwd: workspace,
  env: {
    ...process.env, HEADROOM_SERVER: path.join(root, 'dist', 'server.js'), HEADROOM_OUT: out, HEADROOM_FILES: files.map((f) => f.join(':')).join(';'),
    HEADROOM_EDITOR: JSON.stringify(editor), HEADROOM_FORMAT: 'unformatted.alloy', HEADROOM_FORMAT_LINE: '3',
  },
  encoding: 'utf8',
  timeout: 120_000,
});
if (!fs.existsSync(out)) {
  console.log(`FAIL neovim produced no results (exit ${run.status}): ${run.stderr || run.stdout}`);
  process.exit(1);
}
const results = JSON.parse(fs.readFileSync(out, 'utf8'));
// The CLI exits 1 when it finds errors, as these files have: read its report either way.
const cliRun = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'check', '--format', 'json', ...files.map((f) => f[0])], { cwd: workspace, encoding: 'utf8' });
const cli = JSON.parse(cliRun.stdout);
let failed = 0;
let passed = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} neovim: ${name}${ok ? '' : ` — ${detail}`}`);
  if (ok) passed++;
  else failed++;
};
for (const [file] of files) {
  const result = results.find((r) => r.file === file);
  // The editor leaves YAML syntax errors to the YAML language server; the CLI reports them.
  const expected = cli.findings.filter((f) => f.file === file && f.code !== 'yaml/syntax').map((f) => `${f.line} ${f.code}`).sort();
  const actual = (result?.diagnostics ?? []).map((d) => `${d.line} ${d.code}`).sort();
  check(`${file}: the same findings as the CLI (${expected.length})`, JSON.stringify(actual) === JSON.stringify(expected), `neovim ${JSON.stringify(actual)} vs cli ${JSON.stringify(expected)}`);
}
const byFile = Object.fromEntries(results.map((r) => [r.file, r]));
check('hover on a memory_limiter argument shows the tier table', /alloy tier/.test(byFile['pipeline.alloy']?.hover ?? ''), byFile['pipeline.alloy']?.hover);
check('hover on Kubernetes resources shows the tier table', /tier/.test(byFile['kubernetes/alloy.yaml']?.hover ?? ''), byFile['kubernetes/alloy.yaml']?.hover);
check('code actions include the batch quick fix', (byFile['pipeline.alloy']?.actions ?? []).includes('Set send_batch_max_size = 16384'), JSON.stringify(byFile['pipeline.alloy']?.actions));
check('code actions include the ClickHouse move-into-profile fix', (byFile['clickhouse/config.xml']?.actions ?? []).some((t) => /into <profiles><default>/.test(t)), JSON.stringify(byFile['clickhouse/config.xml']?.actions));
const features = results.find((r) => r.file === '(editor features)') ?? {};
const source = (name) => fs.readFileSync(path.join(workspace, name), 'utf8');
check('semantic tokens: a reference\'s label, a custom component, a library function', ['17:40 default variable', '11:5 relabel class', '18:43 env function+defaultLibrary']
  .every((t) => (features.tokens ?? []).includes(t)), JSON.stringify(features.tokens));
check('workspace symbols list the declare of the module that is not open', (features.symbols ?? []).includes('declare "relabel" lib.alloy'), JSON.stringify(features.symbols));
check('signature help inside string.format names the active parameter', features.signature === 'string.format(spec: string, ...values: any) → string #1', features.signature);
check('rename of a custom component edits its uses here and its declare in the module', features.renamed === source(editor.file).trimEnd()
  .replace('lib.relabel "app"', 'lib.keep_running "app"').replace('lib.relabel.app.output', 'lib.keep_running.app.output') &&
  features.module === source(editor.module).trimEnd().replace('declare "relabel"', 'declare "keep_running"'), `${features.renamed}\n---\n${features.module}`);
// Formatting: vim.lsp.buf.format gives what `headroom fmt` prints; a range on line 3 changes that line only.
const formatting = results.find((r) => r.formatted)?.formatted;
const unformatted = fs.readFileSync(path.join(workspace, 'unformatted.alloy'), 'utf8');
const fmtCli = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'fmt', 'unformatted.alloy'], { cwd: workspace, encoding: 'utf8' }).stdout;
check('vim.lsp.buf.format gives exactly what headroom fmt prints', formatting?.document === fmtCli, JSON.stringify(formatting?.document));
const rangeLines = (formatting?.range ?? '').split('\n');
const originalLines = unformatted.split('\n');
check('range formatting changes only the touched statement',
  rangeLines[2] === fmtCli.split('\n')[2] && rangeLines.every((line, i) => i === 2 || line === originalLines[i]) && rangeLines.length === originalLines.length,
  JSON.stringify(formatting?.range));
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
