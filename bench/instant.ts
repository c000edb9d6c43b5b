import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import Parser = require('web-tree-sitter');
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../test/helpers/paths';
import { corpusPath, requireShared } from '../test/helpers/shared';
import { newEngine } from '../test/helpers/alloy';
import { initAlloyParser } from '../server/src/core/alloy/parser';
import { LineIndex } from '../server/src/core/text';
import { LspProbe, offline } from './probe';
import { serverEnvironment } from '../client/src/serverEnvironment';

// Every row of issue 13's table, side by side with its anchor (yaml-language-server driven by the same
// probe, web-tree-sitter and native tree-sitter), as ratios. Not a test: timings on a shared machine are
// noisy, so each row prints medians and p95 and the load average it ran under.
//
//   npm run bench                      all rows (builds dist/ and the native binding first)
//   node out/bench/instant.js --rows alloy,engine,yaml,rss,cli,first,start [--runs 60] [--dist DIR] [--json FILE]
//
// --dist points at another build's dist/ (server.js, cli.js) to compare before/after; --node-flags
// "--flag …" starts Headroom's server and CLI with those Node/V8 flags (what an editor's execArgv would add).

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const root = repoRoot();
const dist = path.resolve(option('dist', path.join(root, 'dist')));
const runs = Number(option('runs', '60'));
const rows = new Set(option('rows', 'alloy,engine,yaml,rss,cli,first,start').split(','));
const jsonOut = option('json', '');
const nodeFlags = option('node-flags', '').split(' ').filter(Boolean);
const yamlServer = path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

const corpus = requireShared('corpus');
const CHECKED = /\.(alloy|river|ya?ml|xml)$/i;
const corpusFiles = fs.readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(corpus, d.name)).filter((f) => CHECKED.test(f)).map((f) => path.join(corpus, d.name, f))).sort();
const largestIn = (folder: string) => fs.readdirSync(corpusPath(folder)).map((f) => corpusPath(folder, f))
  .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const ALLOY = largestIn('alloy');
const K8S = largestIn('k8s-workloads');
const HELM = largestIn('helm-values');

const results: Record<string, unknown> = {};
const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const load = () => os.loadavg()[0].toFixed(2);

function stats(samples: number[]): { p50: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}

function row(what: string, headroom: string, anchor: string, note = ''): void {
  console.log(`| ${what} | ${headroom} | ${anchor} |${note ? ` ${note} |` : ''}`);
}

function languageIdOf(file: string): string {
  return /\.(alloy|river)$/.test(file) ? 'grafana-alloy' : /\.xml$/.test(file) ? 'xml' : 'yaml';
}

/** A keystroke that keeps the text's meaning: a space typed at the end of the middle line, then deleted again. */
class Typist {
  private readonly at: number;
  text: string;
  version = 1;
  constructor(readonly original: string) {
    this.text = original;
    this.at = original.indexOf('\n', Math.floor(original.length / 2));
  }
  next(): { range: ReturnType<LineIndex['range']>; text: string } {
    const insert = this.text.length === this.original.length;
    const lines = new LineIndex(this.text);
    const change = insert ? { range: lines.range(this.at, this.at), text: ' ' } : { range: lines.range(this.at, this.at + 1), text: '' };
    this.text = insert ? `${this.text.slice(0, this.at)} ${this.text.slice(this.at)}` : this.text.slice(0, this.at) + this.text.slice(this.at + 1);
    this.version++;
    return change;
  }
}

/** `headroom-vscode`: Headroom with the environment the VS Code client starts it with (client/src/serverEnvironment.ts). */
type Server = 'headroom' | 'headroom-vscode' | 'yaml-language-server';

function startServer(server: Server): LspProbe {
  if (server !== 'yaml-language-server') {
    return new LspProbe({
      command: process.execPath, args: [...nodeFlags, path.join(dist, 'server.js'), '--stdio'], settings: () => ({}),
      env: server === 'headroom-vscode' ? serverEnvironment({}) : undefined,
    });
  }
  // No schema store, no CRD store: the bench machine has no network, and the probe must not reach out.
  const { command, args: serverArgs } = offline(process.execPath, [yamlServer, '--stdio']);
  return new LspProbe({
    command, args: serverArgs,
    settings: (section) => (section === 'yaml' ? { validate: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } } : {}),
  });
}

async function initialized(server: Server): Promise<LspProbe> {
  const probe = startServer(server);
  await probe.initialize({ workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } });
  if (server === 'yaml-language-server') probe.notify('workspace/didChangeConfiguration', { settings: null });
  return probe;
}

/**
 * Keystroke → first diagnostics published after it, `runs` times after a warm-up; with the server's
 * CPU time per keystroke, which the machine's load disturbs far less than the wall clock.
 */
async function keystrokes(server: Server, file: string, count = runs): Promise<number[] & { cpuMs?: number }> {
  const probe = await initialized(server);
  try {
    const uri = `file:///bench/${path.basename(file)}`;
    const typist = new Typist(fs.readFileSync(file, 'utf8'));
    const first = probe.nextDiagnostics(uri, 1);
    probe.notify('textDocument/didOpen', { textDocument: { uri, languageId: languageIdOf(file), version: 1, text: typist.text } });
    await first;
    const samples: number[] & { cpuMs?: number } = [];
    let cpu = 0;
    for (let i = 0; i < count + 5; i++) {
      if (i === 5) cpu = probe.cpuMs();
      const change = typist.next();
      const published = probe.nextDiagnostics(uri, typist.version);
      const sent = performance.now();
      probe.notify('textDocument/didChange', { textDocument: { uri, version: typist.version }, contentChanges: [change] });
      const { at } = await published;
      if (i >= 5) samples.push(at - sent);
    }
    samples.cpuMs = (probe.cpuMs() - cpu) / count;
    return samples;
  } finally {
    await probe.shutdown();
  }
}

/** Keystroke → reply to a pull request for the document's diagnostics (LSP 3.17), for servers that offer it. */
async function pulls(file: string, count = runs): Promise<number[] | undefined> {
  const probe = startServer('headroom');
  try {
    const init = await probe.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    if (!init.capabilities.diagnosticProvider) return undefined;
    const uri = `file:///bench/${path.basename(file)}`;
    const typist = new Typist(fs.readFileSync(file, 'utf8'));
    probe.notify('textDocument/didOpen', { textDocument: { uri, languageId: languageIdOf(file), version: 1, text: typist.text } });
    await probe.request('textDocument/diagnostic', { textDocument: { uri } });
    const samples: number[] = [];
    for (let i = 0; i < count + 5; i++) {
      const change = typist.next();
      const sent = performance.now();
      probe.notify('textDocument/didChange', { textDocument: { uri, version: typist.version }, contentChanges: [change] });
      await probe.request('textDocument/diagnostic', { textDocument: { uri } });
      if (i >= 5) samples.push(performance.now() - sent);
    }
    return samples;
  } finally {
    await probe.shutdown();
  }
}

async function alloyRow(): Promise<void> {
  const before = load();
  const pushed = await keystrokes('headroom', ALLOY);
  const push = { ...stats(pushed), cpuMs: pushed.cpuMs };
  const pull = await pulls(ALLOY);
  const pulled = pull ? stats(pull) : undefined;
  results.alloy = { push, pull: pulled };
  row(`keystroke → published diagnostics, ${path.basename(ALLOY).slice(-40)} (${(fs.statSync(ALLOY).size / 1000).toFixed(0)} KB Alloy, LSP, p50 / p95)`,
    `${ms(push.p50)} / ${ms(push.p95)} (n=${push.n}; server CPU ${ms(push.cpuMs)}/keystroke)${pulled ? `; pull: ${ms(pulled.p50)} / ${ms(pulled.p95)}` : ''}`, '—', `load ${before}→${load()}`);
}

async function engineRow(): Promise<void> {
  const before = load();
  const text = fs.readFileSync(ALLOY, 'utf8');
  const engine = await newEngine();
  const uri = 'file:///bench/engine.alloy';
  engine.open({ uri, text });
  engine.lint(uri);
  const typist = new Typist(text);
  const samples: number[] = [];
  // The slowest edits are mostly those a garbage collection pause lands in (a young-generation
  // collection every dozen keystrokes or so): the row says how many and the p95 of the others.
  const pauses: { start: number; end: number }[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  gc.observe({ entryTypes: ['gc'] });
  const windows: { start: number; end: number }[] = [];
  // The headline is keystrokes 21-220 of the session. The first hundred or so run while V8 is still
  // optimising the incremental paths, and they make its p95; keystrokes 221-620 are typed too and
  // reported apart, as what a session that has warmed up gets.
  const later: number[] = [];
  for (let i = 0; i < 620; i++) {
    const change = typist.next();
    const start = performance.now();
    engine.update({ uri, text: typist.text, version: typist.version }, [change]);
    engine.lint(uri);
    const end = performance.now();
    if (i >= 220) {
      later.push(end - start);
    } else if (i >= 20) {
      samples.push(end - start);
      windows.push({ start, end });
    }
  }
  engine.close(uri);
  // GC entries reach the observer some time after the synchronous loop has given the event loop back.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const entry of gc.takeRecords()) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  gc.disconnect();
  const paused = windows.map((w) => pauses.some((p) => p.start < w.end && p.end > w.start));
  const headroom = stats(samples);
  const unpaused = stats(samples.filter((_, i) => !paused[i]));
  const gcEdits = paused.filter(Boolean).length;
  const warmedUp = stats(later);

  // Anchors: the same keystrokes as tree-sitter edits and incremental reparses, nothing else.
  await initAlloyParser();
  const wasmParser = new Parser();
  wasmParser.setLanguage(await Parser.Language.load(path.join(root, 'grammars', 'alloy', 'tree-sitter-alloy.wasm')));
  const wasm = stats(reparses(text, (source, old) => wasmParser.parse(source, old), (tree) => tree.delete()));
  const nativeParser = nativeAlloyParser();
  const native = nativeParser ? stats(reparses(text, (source, old) => nativeParser.parse(source, old), () => undefined)) : undefined;
  results.engine = { headroom, wasmReparse: wasm, nativeReparse: native, gcEdits, withoutGc: unpaused, keystrokes221to620: warmedUp };
  row('engine incremental edit → diagnostics, same file (p50 / p95)',
    `${ms(headroom.p50)} / ${ms(headroom.p95)} (n=${headroom.n}; ${gcEdits} with a GC pause, the others ${ms(unpaused.p50)} / ${ms(unpaused.p95)}); keystrokes 221-620: ${ms(warmedUp.p50)} / ${ms(warmedUp.p95)}`,
    `web-tree-sitter incremental reparse ${ms(wasm.p50)} / ${ms(wasm.p95)} (${ratio(headroom.p50, wasm.p50)}); native ${native ? `${ms(native.p50)} / ${ms(native.p95)} (${ratio(headroom.p50, native.p50)})` : 'not built (bash bench/native/build.sh)'}`,
    `load ${before}→${load()}`);
}

/** Incremental reparse timings of `parse` over the bench's keystrokes (tree.edit + parse with the old tree). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTree = any;
function reparses(text: string, parse: (source: string, old?: AnyTree) => AnyTree, free: (tree: AnyTree) => void): number[] {
  const typist = new Typist(text);
  let tree = parse(text);
  const samples: number[] = [];
  for (let i = 0; i < 220; i++) {
    const before = typist.text;
    const change = typist.next();
    const lines = new LineIndex(before);
    const startIndex = lines.offsetAt(change.range.start);
    const oldEndIndex = lines.offsetAt(change.range.end);
    const point = (source: string, index: number) => {
      const row = source.slice(0, index).split('\n').length - 1;
      return { row, column: index - (source.lastIndexOf('\n', index - 1) + 1) };
    };
    const edit = {
      startIndex, oldEndIndex, newEndIndex: startIndex + change.text.length,
      startPosition: point(before, startIndex), oldEndPosition: point(before, oldEndIndex), newEndPosition: point(typist.text, startIndex + change.text.length),
    };
    const start = performance.now();
    tree.edit(edit);
    const next = parse(typist.text, tree);
    const elapsed = performance.now() - start;
    free(tree);
    tree = next;
    if (i >= 20) samples.push(elapsed);
  }
  free(tree);
  return samples;
}

function nativeAlloyParser(): { parse(text: string, old?: any): any } | undefined {
  const binding = path.join(root, 'bench', 'native', 'build', 'Release', 'tree_sitter_alloy_binding.node');
  if (!fs.existsSync(binding)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const NativeParser = require('tree-sitter');
  const parser = new NativeParser();
  parser.setLanguage(require(binding));
  return parser;
}

async function yamlRows(): Promise<void> {
  for (const [label, file] of [['k8s manifest', K8S], ['Helm values', HELM]] as const) {
    const before = load();
    const ours = await keystrokes('headroom', file);
    const theirs = await keystrokes('yaml-language-server', file, Math.min(runs, 30));
    const headroom = { ...stats(ours), cpuMs: ours.cpuMs };
    const yls = { ...stats(theirs), cpuMs: theirs.cpuMs };
    results[label] = { headroom, yamlLanguageServer: yls };
    row(`keystroke → diagnostics, ${(fs.statSync(file).size / 1000).toFixed(0)} KB ${label} (p50 / p95)`,
      `${ms(headroom.p50)} / ${ms(headroom.p95)} (server CPU ${ms(headroom.cpuMs)}/keystroke)`,
      `yaml-language-server ${ms(yls.p50)} / ${ms(yls.p95)} (its 200 ms validation delay included; CPU ${ms(yls.cpuMs)}/keystroke); Headroom ${ratio(yls.p50, headroom.p50)} faster at p50, ${ratio(yls.cpuMs!, headroom.cpuMs!)} less CPU`,
      `load ${before}→${load()}`);
  }
}

async function rssRow(): Promise<void> {
  const before = load();
  const measure = async (server: Server, files: string[]) => {
    const probe = await initialized(server);
    try {
      const waits = files.map((file) => probe.nextDiagnostics(`file://${file}`, 1, 300_000));
      for (const file of files) {
        probe.notify('textDocument/didOpen', { textDocument: { uri: `file://${file}`, languageId: languageIdOf(file), version: 1, text: fs.readFileSync(file, 'utf8') } });
      }
      await Promise.all(waits);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const soon = probe.rss();
      // Settled: the same server after 6 s more of silence (Headroom gives V8's unused memory back once it
      // has been idle for 2 s; lsp/memoryRelease.ts). Nothing is sent meanwhile, to either server.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      return { ...soon, settled: probe.rss().rss };
    } finally {
      await probe.shutdown();
    }
  };
  const yamlFiles = corpusFiles.filter((f) => /\.ya?ml$/.test(f));
  const headroom = await measure('headroom', corpusFiles);
  const vscode = await measure('headroom-vscode', corpusFiles);
  const yls = await measure('yaml-language-server', yamlFiles);
  results.rss = { files: corpusFiles.length, headroom, vscode, yamlFiles: yamlFiles.length, yamlLanguageServer: yls };
  row(`server RSS, all ${corpusFiles.length} corpus files open, 1.5 s after the last diagnostics (peak); settled, 7.5 s after`,
    `${mb(headroom.rss)} (${mb(headroom.peak)}); settled ${mb(headroom.settled)}; as the VS Code client starts it: ${mb(vscode.rss)}, settled ${mb(vscode.settled)}`,
    `yaml-language-server: ${mb(yls.rss)} (${mb(yls.peak)}); settled ${mb(yls.settled)}, with its ${yamlFiles.length} YAML files`, `load ${before}→${load()}`);
}

async function cliRow(): Promise<void> {
  const before = load();
  const bytes = corpusFiles.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const wall = (extra: string[]) => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const run = spawnSync(process.execPath, [...nodeFlags, path.join(dist, 'cli.js'), 'check', ...extra, corpus], { encoding: 'utf8', maxBuffer: 64 << 20 });
      samples.push(performance.now() - start);
      if (run.status !== 0 && run.status !== 1) throw new Error(`cli exited ${run.status}: ${run.stderr}`);
    }
    return stats(samples);
  };
  const cli = wall([]);
  const serialHelp = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', '--jobs', '1', path.join(root, 'examples')], { encoding: 'utf8' });
  const serial = serialHelp.status === 0 || serialHelp.status === 1 ? wall(['--jobs', '1']) : undefined;

  // Anchors: parsing alone, in this process (start-up excluded): tree-sitter over the Alloy files, the
  // `yaml` package (what Headroom and yaml-language-server build on) over the YAML files.
  const alloyFiles = corpusFiles.filter((f) => f.endsWith('.alloy')).map((f) => fs.readFileSync(f, 'utf8'));
  const yamlTexts = corpusFiles.filter((f) => /\.ya?ml$/.test(f)).map((f) => fs.readFileSync(f, 'utf8'));
  const throughput = (texts: string[], parse: (text: string) => void) => {
    for (const text of texts) parse(text);
    const start = performance.now();
    for (let i = 0; i < 3; i++) for (const text of texts) parse(text);
    const seconds = (performance.now() - start) / 3 / 1000;
    return texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6 / seconds;
  };
  await initAlloyParser();
  const wasmParser = new Parser();
  wasmParser.setLanguage(await Parser.Language.load(path.join(root, 'grammars', 'alloy', 'tree-sitter-alloy.wasm')));
  const wasm = throughput(alloyFiles, (t) => wasmParser.parse(t).delete());
  const nativeParser = nativeAlloyParser();
  const native = nativeParser ? throughput(alloyFiles, (t) => nativeParser.parse(t)) : undefined;
  const yamlPackage = throughput(yamlTexts, (t) => parseAllDocuments(t));
  const rate = (ms: number) => bytes / 1e6 / (ms / 1000);
  results.cli = { bytes, files: corpusFiles.length, cores: os.cpus().length, wall: cli, serial, wasmMBs: wasm, nativeMBs: native, yamlMBs: yamlPackage };
  row(`CLI over the ${mb(bytes)} corpus (${corpusFiles.length} files, wall clock with start-up, ${os.cpus().length} cores; median of 5)`,
    `${(cli.p50 / 1000).toFixed(2)} s = ${rate(cli.p50).toFixed(1)} MB/s${serial ? `; --jobs 1: ${(serial.p50 / 1000).toFixed(2)} s = ${rate(serial.p50).toFixed(1)} MB/s` : ''}`,
    `tree-sitter parse alone (Alloy files, in-process): web ${wasm.toFixed(1)} MB/s, native ${native ? `${native.toFixed(1)} MB/s` : '–'}; yaml parseAllDocuments alone: ${yamlPackage.toFixed(1)} MB/s`,
    `load ${before}→${load()}`);
}

/** CPU time (user + system, ms) of the waited-for children of this process so far: Linux only. */
function childrenCpuMs(): number | undefined {
  try {
    // /proc/self/stat: the fields after the parenthesised command name; cutime and cstime are 16 and 17.
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * The CLI's cold path, without the LSP: `headroom check` of a one-line Alloy file (start-up) and of the
 * 107 KB one (start-up and a first analysis with a cold JIT), wall clock and CPU, against Node's own
 * start (`node -e 0`); median of 9, alternating.
 */
async function startRow(): Promise<void> {
  const before = load();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-start-'));
  const small = path.join(dir, 'one.alloy');
  fs.writeFileSync(small, 'logging {\n  level = "info"\n}\n');
  const commands: Record<string, string[]> = {
    node: ['-e', '0'],
    small: [...nodeFlags, path.join(dist, 'cli.js'), 'check', small],
    large: [...nodeFlags, path.join(dist, 'cli.js'), 'check', ALLOY],
  };
  const samples: Record<string, { wall: number[]; cpu: number[] }> = {};
  for (let i = 0; i < 10; i++) {
    for (const [name, command] of Object.entries(commands)) {
      const cpuBefore = childrenCpuMs();
      const start = performance.now();
      const run = spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 64 << 20 });
      const wall = performance.now() - start;
      const cpuAfter = childrenCpuMs();
      if (run.status !== 0 && run.status !== 1) throw new Error(`${name} exited ${run.status}: ${run.stderr}`);
      // The first round writes the code cache (when missing): not counted.
      if (i === 0) continue;
      (samples[name] ??= { wall: [], cpu: [] }).wall.push(wall);
      if (cpuBefore !== undefined && cpuAfter !== undefined) samples[name].cpu.push(cpuAfter - cpuBefore);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const median = (name: string) => ({ wall: stats(samples[name].wall).p50, cpu: samples[name].cpu.length ? stats(samples[name].cpu).p50 : undefined });
  const [node, one, large] = ['node', 'small', 'large'].map(median);
  results.start = { node, small: one, large };
  row(`CLI start: \`headroom check\` of a one-line file / of the ${(fs.statSync(ALLOY).size / 1000).toFixed(0)} KB Alloy file (wall, CPU; median of 9)`,
    `${ms(one.wall)}, CPU ${ms(one.cpu)} / ${ms(large.wall)}, CPU ${ms(large.cpu)}`, `node -e 0: ${ms(node.wall)}, CPU ${ms(node.cpu)}`, `load ${before}→${load()}`);
}

async function firstRow(): Promise<void> {
  const before = load();
  const text = fs.readFileSync(ALLOY, 'utf8');
  /** Times to the first diagnostics of the opened file: after didOpen, from process start, server CPU. */
  const firstDiagnostics = async (probe: LspProbe) => {
    try {
      await probe.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
      const uri = 'file:///bench/first.alloy';
      const published = probe.nextDiagnostics(uri, 1);
      const opened = performance.now();
      probe.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text } });
      const { at } = await published;
      return { afterOpen: at - opened, fromStart: at - probe.started, cpu: probe.cpuMs() };
    } finally {
      await probe.shutdown();
    }
  };
  const headroom: { afterOpen: number; fromStart: number; cpu: number }[] = [];
  const minimal: { afterOpen: number; fromStart: number; cpu: number }[] = [];
  // Alternated, so both see the same load.
  for (let i = 0; i < 7; i++) {
    headroom.push(await firstDiagnostics(startServer('headroom')));
    minimal.push(await firstDiagnostics(new LspProbe({ command: process.execPath, args: [path.join(__dirname, 'minimal-server.js'), '--stdio'], settings: () => ({}) })));
  }
  const open = stats(headroom.map((r) => r.afterOpen));
  const start = stats(headroom.map((r) => r.fromStart));
  const used = stats(headroom.map((r) => r.cpu));
  const floor = stats(minimal.map((r) => r.fromStart));
  results.first = { afterOpen: open, fromStart: start, serverCpuMs: used, minimalServerFromStart: floor };
  row(`first diagnostics after opening the ${(Buffer.byteLength(text) / 1000).toFixed(0)} KB file (median of 7)`,
    `${ms(open.p50)} after didOpen; ${ms(start.p50)} from process start (server CPU from start ${ms(used.p50)})`,
    `a server that analyses nothing (Node + vscode-languageserver, empty diagnostics): ${ms(floor.p50)} from process start`, `load ${before}→${load()}`);
}

async function main(): Promise<void> {
  console.log(`Headroom at ${dist}${nodeFlags.length ? ` with ${nodeFlags.join(' ')}` : ''} · ${os.cpus().length} cores · load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} · node ${process.version}`);
  console.log(`yaml-language-server ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version}\n`);
  console.log('| what | Headroom | anchor | load |');
  console.log('|---|---|---|---|');
  if (rows.has('alloy')) await alloyRow();
  if (rows.has('engine')) await engineRow();
  if (rows.has('yaml')) await yamlRows();
  if (rows.has('rss')) await rssRow();
  if (rows.has('cli')) await cliRow();
  if (rows.has('first')) await firstRow();
  if (rows.has('start')) await startRow();
  if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
