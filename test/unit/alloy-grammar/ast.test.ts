import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initAlloyParser, parseAlloy } from '../../../server/src/core/alloy/parser';
import { referencePath, type ArrayExpr, type BlockStmt, type AttributeStmt } from '../../../server/src/core/alloy/ast';

before(() => initAlloyParser());

test('blocks, labels, attributes and literal values become the typed AST', () => {
  const text = [
    'otelcol.processor.batch "default" {',
    '  timeout = "1s"',
    '  send_batch_size = 8192',
    '  ratio = .5',
    '  escaped = "tab\\tquote\\"\\u00e9"',
    '  raw = `a\\nb`',
    '  flags = [true, false, null]',
    '  output {',
    '    traces = [otelcol.exporter.otlp.default.input]',
    '  }',
    '}',
    '',
  ].join('\n');
  const parsed = parseAlloy({ uri: 'file:///t.alloy', text });
  const block = parsed.ast.body[0] as BlockStmt;
  assert.equal(block.kind, 'block');
  assert.equal(block.name, 'otelcol.processor.batch');
  assert.equal(block.label, 'default');
  assert.equal(text.slice(block.labelSpan!.start, block.labelSpan!.end), '"default"');
  assert.equal(text.slice(block.nameSpan.start, block.nameSpan.end), 'otelcol.processor.batch');
  const values = Object.fromEntries(
    block.body.filter((s): s is AttributeStmt => s.kind === 'attribute').map((a) => [a.name, a.value]),
  );
  assert.deepEqual([values.timeout.kind, (values.timeout as { value: unknown }).value], ['string', '1s']);
  assert.equal((values.send_batch_size as { value: unknown }).value, 8192);
  assert.equal((values.ratio as { value: unknown }).value, 0.5);
  assert.equal((values.escaped as { value: unknown }).value, 'tab\tquote"é');
  assert.equal((values.raw as { value: unknown }).value, 'a\\nb');
  assert.equal(values.flags.kind, 'array');
  const output = block.body.find((s) => s.kind === 'block') as BlockStmt;
  assert.equal(output.name, 'output');
  assert.equal(output.label, undefined);
  const traces = output.body[0] as AttributeStmt;
  assert.equal(traces.value.kind, 'array');
  const reference = (traces.value as ArrayExpr).elements[0];
  assert.deepEqual(referencePath(reference)?.parts, ['otelcol', 'exporter', 'otlp', 'default', 'input']);
  assert.ok(block.closeBrace);
  parsed.dispose();
});

test('expressions keep operators, calls, indexes and precedence', () => {
  const parsed = parseAlloy({ uri: 'file:///t.alloy', text: 'a = -2 ^ 2 + f(x, "y")[0].z * 3\n' });
  const value = (parsed.ast.body[0] as AttributeStmt).value;
  assert.equal(value.kind, 'binary');
  if (value.kind !== 'binary') return;
  assert.equal(value.operator, '+');
  assert.equal(value.left.kind, 'binary');
  assert.equal(value.right.kind, 'binary');
  if (value.left.kind === 'binary') {
    assert.equal(value.left.operator, '^');
    assert.equal(value.left.left.kind, 'unary');
  }
  if (value.right.kind === 'binary') {
    assert.equal(value.right.left.kind, 'access');
  }
  parsed.dispose();
});

test('spans are string offsets, also after non-ASCII text', () => {
  const text = 'a = "é😀"\nb { c = 1 }\n';
  const parsed = parseAlloy({ uri: 'file:///t.alloy', text });
  const block = parsed.ast.body[1] as BlockStmt;
  assert.equal(text.slice(block.span.start, block.span.end), 'b { c = 1 }');
  assert.deepEqual(parsed.lines.positionAt(block.span.start), { line: 1, character: 0 });
  parsed.dispose();
});
