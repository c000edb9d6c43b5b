// End-to-end test in a real VS Code (code-server 1.139) driven in headless Chromium: installs the
// packaged VSIX, opens test/e2e/workspace, and checks what a user sees, with a screenshot per step in
// test/e2e/screenshots/. Usage: node test/e2e/vscode.mjs <vsix> (test/e2e/run.sh does the set-up).
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const vsix = path.resolve(process.argv[2] ?? path.join(root, 'headroom.vsix'));
const { NODE24, CODE_SERVER } = process.env;
if (!NODE24 || !CODE_SERVER) throw new Error('run through test/e2e/run.sh (NODE24 and CODE_SERVER come from setup.sh)');

const shots = path.join(here, 'screenshots');
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-e2e-'));
const workspace = path.join(scratch, 'workspace');
fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
const userData = path.join(scratch, 'user-data');
const extensions = path.join(scratch, 'extensions');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'editor.inlayHints.enabled': 'on',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'editor.hover.delay': 100,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
}));

execFileSync(NODE24, [CODE_SERVER, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { stdio: 'pipe' });
const port = 18000 + (process.pid % 1000);
const server = spawn(NODE24, [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData,
  '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace], { stdio: 'pipe' });
let serverLog = '';
server.stdout.on('data', (d) => { serverLog += d; });
server.stderr.on('data', (d) => { serverLog += d; });

const results = [];
let page;
let browser;

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.message ?? error).split('\n')[0] });
    console.log(`FAIL ${name}: ${String(error?.message ?? error).split('\n')[0]}`);
  } finally {
    if (page) await page.screenshot({ path: path.join(shots, `${String(results.length).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`) }).catch(() => undefined);
  }
}

async function waitForText(locator, pattern, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    // Inlay hints and indentation render with non-breaking spaces.
    last = ((await locator.innerText().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
    if (pattern.test(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting for ${pattern}; last text: ${last.slice(0, 300).replace(/\s+/g, ' ')}`);
}

async function command(name) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${name}`);
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
}

async function openFile(relative) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relative);
  // Quick open searches the workspace asynchronously: wait for the file's row, then pick it.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relative) }).first();
  await row.waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label^="${path.basename(relative)}"]`).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
}

/** Moves the cursor with quick open's ":line:column" (Ctrl+G belongs to the browser in a tab). */
async function goTo(line, column) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  // The status bar counts columns visually (a tab is 4), so only the line is checked.
  await waitForText(page.locator('.statusbar-item[id="status.editor.selection"]'), new RegExp(`Ln ${line},`), 10_000);
}

const editorText = () => page.locator('.editor-instance .view-lines').first();

/** The webview frame (code-server nests the page in two iframes) whose text matches `pattern`. */
async function webviewFrame(pattern, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame.locator('body').innerText({ timeout: 500 }).catch(() => '');
      if (pattern.test(text)) return frame;
      if (text) seen = text;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${pattern}; last: ${seen.slice(0, 200).replace(/\s+/g, ' ')}`);
}
const problems = () => page.locator('.markers-panel');

try {
  const deadline = Date.now() + 60_000;
  while (!/HTTP server listening/.test(serverLog)) {
    if (Date.now() > deadline) throw new Error(`code-server did not start: ${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });

  await step('broken Alloy file shows the syntax problem in Problems with its line', async () => {
    await openFile('broken.alloy');
    await command('View: Focus Problems (Errors, Warnings, Infos)');
    const text = await waitForText(problems(), /never closed/);
    if (!/\[Ln 4, Col 1\]|Ln 4/.test(text)) throw new Error(`problem not on line 4: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
  });

  await step('outline shows the Alloy blocks', async () => {
    await openFile('pipeline.alloy');
    await command('Explorer: Focus on Outline View');
    await waitForText(page.locator('.pane-body.outline-pane, [id="outline"]').first(), /otelcol\.receiver\.otlp "default"[\s\S]*otelcol\.processor\.memory_limiter "default"/);
    await command('View: Close Panel');
  });

  await step('go to definition jumps from a reference to its component block', async () => {
    await goTo(6, 30); // traces = [otelcol.processor.memory_limiter.default.input]
    await page.keyboard.press('F12');
    await waitForText(page.locator('.statusbar-item[id="status.editor.selection"]'), /Ln 10,/);
  });

  await step('hover on memory_limiter limit shows the sizing hint with the tier table', async () => {
    await goTo(12, 4);
    await command('Show or Focus Hover');
    await waitForText(page.locator('.monaco-hover').first(), /Current value[\s\S]*medium[\s\S]*alloy tier/i);
  });

  await step('inline capacity estimates are visible in the editor', async () => {
    await goTo(30, 1);
    await waitForText(editorText(), /≈ flush at 8192 items/);
    await goTo(10, 1);
    await waitForText(editorText(), /≈ refuses data above/);
  });

  await step('the quick fix for send_batch_max_size appears and changes exactly the value', async () => {
    await goTo(22, 24);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget, .context-view .monaco-list').first();
    await waitForText(menu, /Set send_batch_max_size = 16384/);
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Set send_batch_max_size = 16384' }).first().click();
    await waitForText(editorText(), /send_batch_max_size = 16384/);
    await page.keyboard.press('Control+S');
    await page.waitForTimeout(500);
    const saved = fs.readFileSync(path.join(workspace, 'pipeline.alloy'), 'utf8');
    const original = fs.readFileSync(path.join(here, 'workspace', 'pipeline.alloy'), 'utf8');
    if (saved !== original.replace('send_batch_max_size = 4096', 'send_batch_max_size = 16384')) throw new Error('the fix changed more than the value');
  });

  await step('a Kubernetes manifest shows its findings', async () => {
    await openFile('kubernetes/alloy.yaml');
    await command('View: Focus Problems (Errors, Warnings, Infos)');
    await waitForText(problems(), /requests\.memory 1Gi is above limits\.memory 512Mi/);
    await waitForText(problems(), /maxReplicas 3 is below minReplicas 5/);
  });

  await step('hover on resources shows the tier table', async () => {
    await goTo(22, 12);
    await command('Show or Focus Hover');
    await waitForText(page.locator('.monaco-hover').first(), /Workload \*?\*?alloy|alloy.*tier/i);
  });

  await step('a Helm values file shows its findings', async () => {
    await openFile('helm/values.yaml');
    await waitForText(problems(), /GOMEMLIMIT 2GiB is not below the memory limit 2Gi/);
  });

  await step('a ClickHouse XML file shows its findings', async () => {
    await openFile('clickhouse/config.xml');
    await waitForText(problems(), /max_memory_usage> is a user-level \(profile\) setting/);
  });

  await step('other YAML gets no Headroom finding', async () => {
    await openFile('notes.yaml');
    await page.waitForTimeout(1500);
    const text = await problems().innerText();
    if (/notes\.yaml/.test(text)) throw new Error(`notes.yaml has problems: ${text.slice(0, 200)}`);
  });

  // Editor features on editor/app.alloy and the module it imports, editor/lib.alloy.
  await step('semantic tokens: a label in a reference is a variable, sys.env a library function', async () => {
    await openFile('editor/app.alloy');
    // Columns count a tab as four, as the editor shows them.
    await goTo(17, 44); // forward_to = [prometheus.remote_write.default.receiver]: on `default`
    await command('Developer: Inspect Editor Tokens and Scopes');
    await waitForText(page.locator('.token-inspect-widget').first(), /semantic token type\s*variable/);
    await goTo(18, 47); // sys.env("CLUSTER"): on `env`
    await command('Developer: Inspect Editor Tokens and Scopes');
    await waitForText(page.locator('.token-inspect-widget').first(), /semantic token type\s*function[\s\S]*modifiers\s*defaultLibrary/);
  });

  await step('workspace symbols (#) list the declare of the module that is not open', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('#relabel');
    await waitForText(page.locator('.quick-input-list').first(), /declare "relabel"[\s\S]*lib\.alloy/);
  });

  await step('rename (F2) of a custom component renames its declare in lib.alloy and every use', async () => {
    await goTo(11, 7); // lib.relabel "app": on `relabel`
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input').first();
    await input.waitFor({ timeout: 15_000 });
    await input.fill('keep_running');
    await page.keyboard.press('Enter');
    await waitForText(editorText(), /lib\.keep_running "app"[\s\S]*lib\.keep_running\.app\.output/);
    await command('File: Save All');
    const read = (root, name) => fs.readFileSync(path.join(root, 'editor', name), 'utf8');
    const deadline = Date.now() + 10_000;
    while (read(workspace, 'lib.alloy') === read(path.join(here, 'workspace'), 'lib.alloy') && Date.now() < deadline) await page.waitForTimeout(250);
    if (read(workspace, 'lib.alloy') !== read(path.join(here, 'workspace'), 'lib.alloy').replace('declare "relabel"', 'declare "keep_running"')) {
      throw new Error(`lib.alloy after the rename: ${read(workspace, 'lib.alloy').slice(0, 200)}`);
    }
    const app = read(path.join(here, 'workspace'), 'app.alloy').replace('lib.relabel "app"', 'lib.keep_running "app"').replace('lib.relabel.app.output', 'lib.keep_running.app.output');
    if (read(workspace, 'app.alloy') !== app) throw new Error('app.alloy changed beyond the renamed names');
  });

  await step('signature help appears while a standard-library call is typed', async () => {
    await goTo(18, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('metrics_path = string.join(["a"], ');
    await waitForText(page.locator('.parameter-hints-widget').first(), /string\.join\(list: list\(string\), separator: string\) → string/);
  });

  await step('Format Document from the command palette makes an Alloy file what headroom fmt (= alloy fmt) prints', async () => {
    await openFile('unformatted.alloy');
    await command('Format Document');
    await waitForText(editorText(), /set_collectors {11}= \["cpu", "meminfo"\]/);
    await waitForText(editorText(), /scrape_interval = "15s" \/\/ every 15 seconds/);
    await page.keyboard.press('Control+S');
    await page.waitForTimeout(500);
    const saved = fs.readFileSync(path.join(workspace, 'unformatted.alloy'));
    const cli = execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'fmt', path.join(here, 'workspace', 'unformatted.alloy')]);
    if (!saved.equals(cli)) throw new Error(`saved text differs from headroom fmt: ${JSON.stringify(saved.toString().slice(0, 300))}`);
  });

  await step('the status item counts Headroom\'s errors and warnings, and a click opens the capacity report', async () => {
    await command('View: Close Panel');
    const item = page.locator('.statusbar-item', { hasText: 'Headroom' }).first();
    const text = await waitForText(item, /\d+\s+\d+\s+Headroom/);
    if (!/^\s*[1-9]\d*\s+\d+\s+Headroom\s*$/.test(text)) throw new Error(`status item: ${text}`);
    await item.click();
    await webviewFrame(/Headroom capacity report/);
    await command('View: Close Editor');
  });

  await step('every finding offers to ignore it on its line; the comment silences it', async () => {
    await openFile('clickhouse/config.xml');
    await goTo(5, 6);
    const row = page.locator('.action-widget .monaco-list-row', { hasText: /Ignore clickhouse\/\S+ on this line/ }).first();
    // The menu waits for the server's answer; on a busy machine the first request can come back empty.
    for (let attempt = 0; attempt < 3 && !(await row.isVisible()); attempt++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      await row.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await row.click();
    await waitForText(editorText(), /<!-- headroom-ignore-next-line clickhouse\/\S+: TODO explain why -->/);
  });

  await step('the getting-started walkthrough lists its steps and opens the example', async () => {
    await command('Welcome: Open Walkthrough...');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Headroom' }).first();
    await pick.waitFor({ timeout: 15_000 });
    await pick.click();
    const walkthrough = page.locator('.gettingStartedContainer').first();
    await waitForText(walkthrough, /Open an example pipeline[\s\S]*See a finding[\s\S]*Apply a fix[\s\S]*Set your tier and load[\s\S]*Open the capacity report/);
    await page.locator('.gettingStartedContainer a, .gettingStartedContainer .button-link', { hasText: 'Open the example' }).first().click();
    await waitForText(editorText(), /headroom: workload=alloy tier=medium/);
    await command('View: Focus Problems (Errors, Warnings, Infos)');
    // The list is virtualised: filter it to the example's finding rather than scroll.
    const filter = page.locator('.markers-panel-container input, .panel input[placeholder^="Filter"]').first();
    await filter.fill('batch_size');
    await waitForText(problems(), /has no argument "batch_size"/);
    await filter.fill('');
  });

  // Capacity at a glance: the report and the pipeline picture, in webviews.
  await step('the capacity report shows every workload with the numbers the CLI reports', async () => {
    await command('Headroom: Show Capacity Report');
    // The CLI's report of the files on disk; the editor's also has the walkthrough's unsaved example.
    const markdown = execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'report', '.'], { cwd: workspace, encoding: 'utf8' });
    const totals = markdown.split('\n').find((line) => line.startsWith('| **workspace** |'));
    const titles = markdown.split('\n').filter((line) => line.startsWith('### ')).map((line) => line.slice(4));
    const frame = await webviewFrame(/Headroom capacity report[\s\S]*Requested vs recommended/);
    const shown = await frame.locator('table.workloads a.open').allInnerTexts();
    const missing = titles.filter((t) => !shown.includes(t));
    if (missing.length > 0) throw new Error(`not in the report: ${missing.join(', ')}`);
    const row = (await frame.locator('table.totals tr', { hasText: 'workspace' }).innerText()).replace(/\s+/g, ' ').trim();
    const expected = totals.replace(/\*\*/g, '').split('|').map((c) => c.trim()).filter(Boolean).join(' ');
    if (row !== expected) throw new Error(`workspace totals "${row}", the CLI's "${expected}"`);
    if ((await frame.locator('svg.chart rect.recommended').count()) === 0) throw new Error('no bar chart');
  });

  await step('a workload in the report opens its manifest at its line', async () => {
    const frame = await webviewFrame(/Headroom capacity report/);
    await frame.locator('table.workloads a.open', { hasText: 'StatefulSet alloy' }).first().click();
    await page.locator('.tab[aria-label^="alloy.yaml"]').first().waitFor({ timeout: 15_000 });
    const line = fs.readFileSync(path.join(workspace, 'kubernetes', 'alloy.yaml'), 'utf8').split('\n').findIndex((l) => /^\s+name: alloy\s*$/.test(l)) + 1;
    await waitForText(page.locator('.statusbar-item[id="status.editor.selection"]'), new RegExp(`Ln ${line},`), 10_000);
  });

  await step('the Alloy pipeline graph is drawn: components, edges, the error and the unwired ones', async () => {
    await command('View: Close All Editors');
    await command('View: Close Panel');
    await command('View: Toggle Primary Side Bar Visibility');
    await openFile('graph/pipeline.alloy');
    await command('Headroom: Show Alloy Pipeline');
    const frame = await webviewFrame(/components? · \d+ connections?/);
    const nodes = await frame.locator('svg g.node').count();
    if (nodes !== 12) throw new Error(`${nodes} nodes drawn, the file declares 12 components`);
    if ((await frame.locator('svg path.edge').count()) !== 11) throw new Error(`${await frame.locator('svg path.edge').count()} edges drawn`);
    const error = frame.locator('svg g.node.worst-error[data-id="otelcol.processor.batch.default"]');
    if ((await error.count()) !== 1) throw new Error('the batch processor is not marked with its error');
    const unwired = await frame.locator('svg g.node.unwired').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
    if (JSON.stringify(unwired) !== JSON.stringify(['otelcol.exporter.otlp.orphan', 'otelcol.processor.batch.forgotten'])) throw new Error(`unwired: ${unwired}`);
    // SVG elements have no innerText: read their text content.
    const batch = await frame.locator('svg g.node[data-id="otelcol.processor.batch.default"]').evaluate((e) => e.textContent);
    if (!/send_batch_size 8192/.test(batch)) throw new Error(`batch node: ${batch}`);
  });

  await step('a click on a graph node puts the cursor on its block', async () => {
    const frame = await webviewFrame(/components? · \d+ connections?/);
    await frame.locator('svg g.node[data-id="prometheus.scrape.pods"] rect.box').click();
    await waitForText(page.locator('.statusbar-item[id="status.editor.selection"]'), /Ln 14,/, 10_000);
    await frame.locator('svg g.node[data-id="otelcol.processor.batch.default"] rect.box').click();
    await waitForText(page.locator('.statusbar-item[id="status.editor.selection"]'), /Ln 43,/, 10_000);
  });

  await step('the Headroom output channel shows no error', async () => {
    await command('Headroom: Show Output');
    const output = await waitForText(page.locator('.output-view, .panel .monaco-editor').first(), /./, 10_000).catch(() => '');
    if (/\b(Error|failed|uncaught)\b/i.test(output)) throw new Error(`output channel: ${output.slice(0, 300)}`);
  });
} catch (error) {
  results.push({ name: 'set-up', ok: false, error: String(error) });
  console.log(`FAIL set-up: ${error}`);
} finally {
  await browser?.close();
  server.kill();
  fs.writeFileSync(path.join(shots, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`screenshots: ${shots}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
