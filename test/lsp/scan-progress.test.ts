import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';

// The workspace scan reports window/workDoneProgress to clients that support it: one token created by
// the server, begin, reports with a non-decreasing percentage, end; nothing for clients that do not.

function workspace(files: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-progress-'));
  for (let i = 0; i < files; i++) {
    fs.writeFileSync(path.join(root, `pipeline-${i}.alloy`), `otelcol.processor.batch "b${i}" {\n  output { }\n}\n`);
  }
  return root;
}

async function until<T>(probe: () => T | undefined, what: string, client: LspTestClient): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never came; stderr: ${client.stderr}`);
}

test('a client with window.workDoneProgress sees the scan begin, progress and end', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize({ window: { workDoneProgress: true } }, pathToFileURL(workspace(300)).href);
    const progress = () => client.notifications.filter((n) => n.method === '$/progress');
    await until(() => progress().find((n) => n.params.value.kind === 'end'), 'the end of the scan', client);
    const created = client.serverRequests.filter((r) => r.method === 'window/workDoneProgress/create');
    assert.equal(created.length, 1);
    const token = created[0].params.token;
    const values = progress().filter((n) => n.params.token === token).map((n) => n.params.value);
    assert.equal(values[0].kind, 'begin');
    assert.equal(values[0].title, 'Headroom: scanning the workspace');
    assert.equal(values[0].cancellable, false);
    assert.equal(values[values.length - 1].kind, 'end');
    const reports = values.slice(1, -1);
    assert.ok(reports.every((v) => v.kind === 'report' && v.percentage >= 0 && v.percentage <= 100 && /^\d+\/300 files$/.test(v.message)), JSON.stringify(reports));
    const percentages = reports.map((v) => v.percentage);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b));
  } finally {
    await client.shutdown();
  }
});

test('a client without the capability gets no progress and no token request', async () => {
  const client = new LspTestClient();
  try {
    await client.initialize({}, pathToFileURL(workspace(5)).href);
    // The server logs the end of the scan.
    await until(() => client.notifications.find((n) => n.method === 'window/logMessage' && /indexed 5 workspace files/.test(n.params.message)), 'the scan\'s log line', client);
    assert.equal(client.notifications.filter((n) => n.method === '$/progress').length, 0);
    assert.equal(client.serverRequests.filter((r) => r.method === 'window/workDoneProgress/create').length, 0);
  } finally {
    await client.shutdown();
  }
});
