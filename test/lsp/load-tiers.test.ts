import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LspTestClient } from '../helpers/lsp-client';
import { fixturePath } from '../helpers/paths';
import { expectedFindings } from '../helpers/alloy';

// Tiers chosen from load over LSP (dist/server.js on stdio), one fixture per family: the diagnostics are
// exactly the fixture's expect comments, and the hover names the tier the load picked and why.

const FIXTURES = [
  { file: fixturePath('alloy', 'load.alloy'), languageId: 'grafana-alloy', hoverOn: 'otelcol.processor.batch "default"', character: 3, says: /Load → tier: 40,000 OTLP requests\/minute → large/ },
  { file: fixturePath('k8s', 'load.yaml'), languageId: 'yaml', hoverOn: '          resources:', character: 12, says: /Load → tier: 600,000 OTLP requests\/minute → xlarge/ },
  { file: fixturePath('k8s', 'load-values.yaml'), languageId: 'yaml', hoverOn: '  resources:', character: 4, says: /The load needs replicas ≥ 4: 80 agents/ },
  { file: fixturePath('clickhouse', 'load.xml'), languageId: 'xml', hoverOn: '<max_server_memory_usage_to_ram_ratio>', character: 6, says: /Load → tier: 60,000 log rows\/s → enterprise/ },
];

let client: LspTestClient;
before(async () => {
  client = new LspTestClient();
  await client.initialize();
});
after(() => client.shutdown());

for (const { file, languageId, hoverOn, character, says } of FIXTURES) {
  const name = file.split('/').pop()!;
  test(`LSP: ${name} — diagnostics match its expect comments, the hover says which tier the load picked`, async () => {
    const text = fs.readFileSync(file, 'utf8');
    const uri = `file:///load-tiers/${name}`;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`).sort(), expectedFindings(text));
    const line = text.split('\n').findIndex((l) => l.includes(hoverOn));
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    assert.match(hover.contents.value, says);
  });
}
