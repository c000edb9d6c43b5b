import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';

// The workspace's .headroom.yaml over LSP: read at start, re-read on change, its own problems
// published on it, and the defaults kept while it is invalid.

const alloy = 'otelcol.processor.batch "b" {\n  send_batch_size = 8192\n  output { }\n}\n';

test('.headroom.yaml severities apply; an invalid file gets diagnostics and the defaults keep working', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-ws-'));
  const configPath = path.join(root, '.headroom.yaml');
  fs.writeFileSync(configPath, 'severity:\n  alloy/batch-max-below-size: hint\n');
  const client = new LspTestClient();
  try {
    await client.initialize({}, pathToFileURL(root).href);
    const uri = pathToFileURL(path.join(root, 'p.alloy')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: alloy } });
    const wait = async (severity: number) => {
      for (let i = 0; i < 50; i++) {
        const diagnostics = await client.diagnostics(uri);
        const finding = diagnostics.find((d) => d.code === 'alloy/batch-max-below-size');
        if (finding?.severity === severity) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`batch-max-below-size never reached severity ${severity}`);
    };
    await wait(4); // Hint, from .headroom.yaml

    fs.writeFileSync(configPath, 'severity:\n  alloy/batch-max-below-size: loud\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 2 }] });
    await wait(1); // back to the default Error while the file is invalid
    const configDiagnostics = await client.diagnostics(pathToFileURL(configPath).href);
    assert.equal(configDiagnostics.length, 1);
    assert.equal(configDiagnostics[0].code, 'headroom/config');
    assert.equal(configDiagnostics[0].range.start.line, 1);
  } finally {
    await client.shutdown();
  }
});
