import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceTree } from '../../../scripts/gen-alloy-schema/source-tree';
import { GoIndex } from '../../../scripts/gen-alloy-schema/go-packages';
import { GoSchemaReader } from '../../../scripts/gen-alloy-schema/go-schema';
import { enumValues, readDocPages } from '../../../scripts/gen-alloy-schema/docs';
import { emptyDisagreements, mergeDocs } from '../../../scripts/gen-alloy-schema/merge';
import { formatGoDuration, type SchemaComponent } from '../../../scripts/gen-alloy-schema/model';
import { applyHistory } from '../../../scripts/gen-alloy-schema/history';

// The schema generator on small source trees written for this test (Go code and reference pages in
// the shapes Alloy uses), so its reading of struct tags, defaults and docs tables is pinned without
// the Alloy checkout.

function tree(files: Record<string, string>): SourceTree {
  return { label: 'test', list: (prefix) => Object.keys(files).filter((f) => f.startsWith(prefix)), read: (f) => files[f] };
}

const GO = {
  'go.mod': 'module github.com/grafana/alloy\n\ngo 1.24\n',
  'internal/component/otelcol/consumer.go': `package otelcol

type Consumer interface {
	ConsumeTraces()
}

type ConsumerArguments struct {
	Metrics []Consumer \`alloy:"metrics,attr,optional"\`
	Traces  []Consumer \`alloy:"traces,attr,optional"\`
}

type ConsumerExports struct {
	Input Consumer \`alloy:"input,attr"\`
}

type QueueArguments struct {
	Enabled   bool \`alloy:"enabled,attr,optional"\`
	QueueSize int  \`alloy:"queue_size,attr,optional"\`
}

func (args *QueueArguments) SetToDefault() {
	*args = QueueArguments{Enabled: true, QueueSize: 1000}
}
`,
  'internal/component/otelcol/processor/example/example.go': `package example

import (
	"time"

	"github.com/alecthomas/units"
	"github.com/grafana/alloy/internal/component"
	"github.com/grafana/alloy/internal/component/otelcol"
	"github.com/grafana/alloy/internal/featuregate"
)

const componentName = "otelcol.processor.example"

func init() {
	component.Register(component.Registration{
		Name:      componentName,
		Stability: featuregate.StabilityPublicPreview,
		Args:      Arguments{},
		Exports:   otelcol.ConsumerExports{},
	})
}

type Common struct {
	Mode string \`alloy:"mode,attr,optional"\`
}

type Arguments struct {
	Timeout  time.Duration    \`alloy:"timeout,attr,optional"\`
	Limit    units.Base2Bytes \`alloy:"limit,attr,optional"\`
	Keys     []string         \`alloy:"keys,attr"\`
	Labels   map[string]string \`alloy:"labels,attr,optional"\`
	Common   Common           \`alloy:",squash"\`
	Queue    otelcol.QueueArguments \`alloy:"sending_queue,block,optional"\`
	Rules    []Rule           \`alloy:"rule,block,optional"\`
	Stages   []Stage          \`alloy:"stage,enum,optional"\`
	Output   *otelcol.ConsumerArguments \`alloy:"output,block"\`
	ignored  int
}

type Rule struct {
	Name string \`alloy:",label"\`
	Match string \`alloy:"match,attr"\`
}

type Stage struct {
	JSON  *JSONStage  \`alloy:"json,block,optional"\`
	Match *MatchStage \`alloy:"match,block,optional"\`
}

type JSONStage struct {
	Source string \`alloy:"source,attr,optional"\`
}

type MatchStage struct {
	Selector string  \`alloy:"selector,attr"\`
	Stages   []Stage \`alloy:"stage,enum,optional"\`
}

var DefaultArguments = Arguments{
	Timeout: 200 * time.Millisecond,
	Limit:   4 * units.MiB,
	Common:  Common{Mode: "fast"},
}

func (a *Arguments) SetToDefault() {
	*a = DefaultArguments
}
`,
};

test('generator: struct tags, squash, blocks, labels, enums and recursion become the schema', () => {
  const reader = new GoSchemaReader(new GoIndex(tree(GO), ['internal/']));
  const [registration] = reader.registrations();
  assert.equal(registration.name, 'otelcol.processor.example');
  const component = reader.component(registration);
  assert.equal(component.stability, 'public-preview');
  assert.deepEqual(component.exports, { input: 'capsule(otelcol.Consumer)' });
  assert.deepEqual(component.args.timeout, { type: 'duration', default: '"200ms"' });
  assert.deepEqual(component.args.limit, { type: 'bytes', default: '"4MiB"' });
  assert.deepEqual(component.args.keys, { type: 'list(string)', required: true });
  assert.deepEqual(component.args.labels, { type: 'map(string)' });
  assert.deepEqual(component.args.mode, { type: 'string', default: '"fast"' }, 'squashed fields are the parent\'s own');
  assert.ok(!('ignored' in component.args));
  assert.deepEqual(component.blocks.sending_queue.args, { enabled: { type: 'bool', default: 'true' }, queue_size: { type: 'number', default: '1000' } });
  assert.equal(component.blocks.output.required, true);
  assert.deepEqual(component.blocks.output.args.metrics, { type: 'list(capsule(otelcol.Consumer))' });
  assert.equal(component.blocks.rule.repeatable, true);
  assert.equal(component.blocks.rule.labelled, true);
  assert.deepEqual(Object.keys(component.blocks).sort(), ['output', 'rule', 'sending_queue', 'stage.json', 'stage.match']);
  assert.equal(component.blocks['stage.json'].ordered, true);
  const nested = component.blocks['stage.match'].blocks['stage.match'];
  assert.ok(nested.recursive, 'stage.match inside stage.match refers back to its ancestor');
});

test('generator: docs tables give capsule names, run-time defaults, allowed values and deprecations; code wins on names', () => {
  const reader = new GoSchemaReader(new GoIndex(tree(GO), ['internal/']));
  const component = reader.component(reader.registrations()[0]);
  const docs = tree({
    'docs/sources/reference/components/otelcol/otelcol.processor.example.md': `---
title: otelcol.processor.example
labels:
  stage: public-preview
---

## Arguments

| Name      | Type           | Description                                   | Default   | Required |
| --------- | -------------- | --------------------------------------------- | --------- | -------- |
| \`timeout\` | \`duration\`     | Flush after this long.                        | \`"1s"\`    | no       |
| \`mode\`    | \`string\`       | Must be one of \`fast\` or \`slow\`.              | \`"fast"\`  | no       |
| \`keys\`    | \`list(string)\` | Keys.                                         |           | yes      |
| \`old\`     | \`string\`       | Deprecated: use \`mode\` instead.               |           | no       |

## Blocks

| Block | Description | Required |
| ----- | ----------- | -------- |
| [\`output\`][output] | Where to send. | yes |
| [\`sending_queue\`][sending_queue] | Queue. | no |

### \`sending_queue\`

{{< docs/shared lookup="reference/components/queue.md" source="alloy" >}}

## Exported fields

| Name    | Type               | Description |
| ------- | ------------------ | ----------- |
| \`input\` | \`otelcol.Consumer\` | Input.      |
`,
    'docs/sources/shared/reference/components/queue.md': `---
headless: true
---

| Name         | Type      | Description | Default | Required |
| ------------ | --------- | ----------- | ------- | -------- |
| \`queue_size\` | \`number\`  | Size.       | \`1000\`  | no       |
| \`blocking\`   | \`boolean\` | Block.      | \`false\` | no       |

The \`blocking\` argument is deprecated in favor of the \`block_on_overflow\` argument.
`,
  });
  const [page] = readDocPages(docs);
  assert.equal(page.stage, 'public-preview');
  const report = emptyDisagreements();
  mergeDocs(component, page, report);
  assert.equal(component.args.timeout.default, '"200ms"', 'the code default wins');
  assert.deepEqual(report.defaults, ['otelcol.processor.example.timeout: docs "1s", code "200ms"']);
  assert.deepEqual(component.args.mode.enum, ['fast', 'slow']);
  assert.ok(!('old' in component.args), 'documented but not in the code: Alloy rejects it');
  assert.deepEqual(report.documentedOnly, ['otelcol.processor.example.old', 'otelcol.processor.example > sending_queue.blocking']);
  assert.deepEqual(report.undocumented.sort(), ['otelcol.processor.example.labels', 'otelcol.processor.example.limit', 'otelcol.processor.example > sending_queue.enabled'].sort());
});

test('generator: history marks since, removed and changed defaults', () => {
  const v1: SchemaComponent = { name: 'c', stability: 'generally-available', exports: {}, args: { a: { type: 'number', default: '8192' }, gone: { type: 'bool' } }, blocks: {} };
  const v2: SchemaComponent = { name: 'c', stability: 'generally-available', exports: {}, args: { a: { type: 'number', default: '2000' }, added: { type: 'string' } }, blocks: {} };
  const merged = new Map([['c', structuredClone(v2)]]);
  applyHistory(merged, [{ version: '1.0', components: new Map([['c', v1]]) }, { version: '1.11', components: new Map([['c', v2]]) }]);
  const c = merged.get('c')!;
  assert.deepEqual(c.args.a.defaults, [['1.0', '8192'], ['1.11', '2000']]);
  assert.equal(c.args.added.since, '1.11');
  assert.equal(c.args.gone.removed, '1.11');
});

test('generator: allowed values and Go durations as the docs write them', () => {
  assert.deepEqual(enumValues('Must be one of `items`, `bytes`, or `requests`.'), ['items', 'bytes', 'requests']);
  assert.deepEqual(enumValues('Supported values: `"gzip"` and `"zstd"`.'), ['gzip', 'zstd']);
  assert.equal(enumValues('The endpoint to send to.'), undefined);
  assert.equal(formatGoDuration(90e9), '1m30s');
  assert.equal(formatGoDuration(200e6), '200ms');
  assert.equal(formatGoDuration(0), '0s');
});
