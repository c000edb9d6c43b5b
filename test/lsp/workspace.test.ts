import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lsp-client';

// Cross-file rules see files the user has not opened: the server scans the workspace at start and
// re-indexes files that change on disk (didChangeWatchedFiles), keeping only their facts.

const pod = (memory: string) => [
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata:',
  '  name: alloy',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: alloy',
  '          image: grafana/alloy:v1.18.0',
  '          resources:',
  '            requests: { cpu: "1", memory: 1Gi }',
  `            limits: { memory: ${memory} }`,
  '',
].join('\n');

const alloy = [
  'otelcol.processor.memory_limiter "default" {',
  '  check_interval = "1s"',
  '  limit          = "1500MiB"',
  '  spike_limit    = "300MiB"',
  '  output { }',
  '}',
  '',
].join('\n');

test('an unopened manifest on disk feeds the memory limiter check, and its changes on disk are followed', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-scan-'));
  fs.mkdirSync(path.join(root, 'deploy'));
  fs.mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
  const manifest = path.join(root, 'deploy', 'alloy.yaml');
  fs.writeFileSync(manifest, pod('1Gi'));
  // A skipped folder: a bigger pod here must not be taken for the one running Alloy.
  fs.writeFileSync(path.join(root, 'node_modules', 'x', 'pod.yaml'), pod('64Gi'));
  fs.writeFileSync(path.join(root, 'README.yaml'), 'title: not a manifest\n');

  const client = new LspTestClient();
  try {
    await client.initialize({}, pathToFileURL(root).href);
    const uri = pathToFileURL(path.join(root, 'config.alloy')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'grafana-alloy', version: 1, text: alloy } });
    const until = async (accept: (diagnostics: any[]) => boolean) => {
      let diagnostics: any[] = [];
      for (let i = 0; i < 60; i++) {
        diagnostics = await client.diagnostics(uri);
        if (accept(diagnostics)) return diagnostics;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`never reached: ${JSON.stringify(diagnostics)}; stderr: ${client.stderr}`);
    };
    const vsPod = (d: any[]) => d.find((x) => x.code === 'alloy/memory-limiter-vs-container');

    const found = vsPod(await until((d) => vsPod(d) !== undefined));
    assert.equal(found.severity, 1, 'limit 1500MiB is not below the 1Gi pod');
    assert.equal(found.range.start.line, 2);
    assert.equal(found.relatedInformation[0].location.uri, pathToFileURL(manifest).href);

    // The manifest grows to 4Gi on disk: 1500MiB is then well inside the 80% share, the finding goes.
    fs.writeFileSync(manifest, pod('4Gi'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(manifest).href, type: 2 }] });
    await until((d) => vsPod(d) === undefined);

    // Back to 1Gi, then deleted: the finding comes back, then goes with the file.
    fs.writeFileSync(manifest, pod('1Gi'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(manifest).href, type: 2 }] });
    await until((d) => vsPod(d)?.severity === 1);
    fs.rmSync(manifest);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(manifest).href, type: 3 }] });
    await until((d) => vsPod(d) === undefined);
  } finally {
    await client.shutdown();
  }
});
