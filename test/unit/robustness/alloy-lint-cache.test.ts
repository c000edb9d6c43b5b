import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { newEngine } from '../../helpers/alloy';
import { repoRoot } from '../../helpers/paths';
import { defaultConfig } from '../../../server/src/core/config';
import type { HeadroomConfig } from '../../../server/src/core/config-types';
import type { HeadroomEngine } from '../../../server/src/core/engine';
import { LineIndex } from '../../../server/src/core/text';
import type { Finding, TextChange } from '../../../server/src/core/types';
import { parseAlloy, type AlloyParsed } from '../../../server/src/core/alloy/parser';
import { componentIndex } from '../../../server/src/core/alloy/scope';

// An Alloy document being edited reuses the block rules' findings of every statement an edit did not
// touch (alloy/lint-cache.ts). After every step of a random sequence, the findings (messages, ranges,
// fixes and their edits, in order) equal those of a fresh engine opening the same text under the
// same configuration and workspace. The steps aim at what the cache must notice: labels renamed
// (references made and unmade dangling), declare argument/export and import blocks edited, the tier
// directive and the configuration changed, a sibling file of the folder declaring a component, blocks
// moved across lines, into and out of declare bodies, duplicated, and syntax errors.

const FIXTURES = path.join(repoRoot(), 'test', 'fixtures', 'alloy');
const subjects = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.alloy')).sort()
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(FIXTURES, f), 'utf8') }));

const URI = 'file:///workspace/pipelines/main.alloy';
const SIBLING = 'file:///workspace/pipelines/other.alloy';
const SIBLING_TEXTS = [
  undefined,
  'prometheus.remote_write "defualt" {\n  endpoint {\n    url = "http://mimir:9009/api/v1/push"\n  }\n}\n',
  'declare "scrape_app" {\n  argument "targets" { }\n}\n',
  'declare "remote" {\n  export "out" {\n    value = "s"\n  }\n}\n',
];
const CONFIGS: HeadroomConfig[] = [
  defaultConfig(),
  { ...defaultConfig(), alloyVersion: '1.5' },
  { ...defaultConfig(), tiers: { alloy: 'large' } },
];

// Text typed at a point of interest: characters that rename labels and references, open and close
// blocks and strings, break lines; the tier directive; argument, export and import blocks; a block.
const PAYLOADS = [
  'x', '', ' ', '\t', '\n', '\n\n', '"', '{', '}', '.', '_2', 'defualt', 'default',
  '// headroom: workload=alloy tier=large\n', '// headroom: workload=alloy tier=small\n', ' load otlp=40000/min',
  'argument "extra" { }\n', 'argument "tagets" { optional = true }\n', 'optional = true\n', 'comment = "c"\n',
  'export "out" { value = 1 }\n', 'import.file "mod" { filename = "mod.alloy" }\n', 'declare "inner" {\n',
  'otelcol.processor.batch "default" {\n  send_batch_size = 8192\n  output { }\n}\n',
  'prometheus.scrape "pods" {\n  scrape_timeout = "2m"\n  forward_to = []\n}\n',
];

type NeedleEdit = { needle: string; skip?: number; remove: number; payload: string };

type Step =
  | { kind: 'type'; at: number; remove: number; payload: string }
  /** Edits sent in one notification, each at the first `needle` in the text its predecessor left (plus `skip`). */
  | { kind: 'at'; edits: NeedleEdit[] }
  | { kind: 'move'; from: number; length: number; to: number }
  | { kind: 'config'; config: number }
  | { kind: 'sibling'; text: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('type' as const), at: fc.nat(), remove: fc.nat({ max: 10 }), payload: fc.constantFrom(...PAYLOADS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 12 }), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), config: fc.nat({ max: CONFIGS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sibling' as const), text: fc.nat({ max: SIBLING_TEXTS.length - 1 }) }) },
);

/** Offsets worth editing at: quotes (labels, strings), braces, line starts, dots in references, `tier=`. */
function anchors(text: string): number[] {
  const out = [0, text.length];
  for (let i = 0; i < text.length; i++) if ('"{}\n.='.includes(text[i])) out.push(text[i] === '\n' ? i + 1 : i);
  for (let i = text.indexOf('tier='); i !== -1; i = text.indexOf('tier=', i + 1)) out.push(i + 5);
  return out;
}

/** Line starts, for moving whole lines (blocks, or parts of them) elsewhere. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The changes (each against the text the previous one left) that `step` makes to `text`. */
function changesFor(text: string, step: Step & { kind: 'type' | 'at' | 'move' }): { changes: { at: number; end: number; text: string }[]; text: string } {
  if (step.kind === 'at') {
    const changes: { at: number; end: number; text: string }[] = [];
    for (const edit of step.edits) {
      const at = text.indexOf(edit.needle);
      assert.ok(at >= 0, edit.needle);
      changes.push({ at: at + (edit.skip ?? 0), end: at + (edit.skip ?? 0) + edit.remove, text: edit.payload });
      text = text.slice(0, at + (edit.skip ?? 0)) + edit.payload + text.slice(at + (edit.skip ?? 0) + edit.remove);
    }
    return { changes, text };
  }
  if (step.kind === 'type') {
    const points = anchors(text);
    const at = points[step.at % points.length];
    const end = Math.min(text.length, at + step.remove);
    return { changes: [{ at, end, text: step.payload }], text: text.slice(0, at) + step.payload + text.slice(end) };
  }
  // Cut `length` lines and paste them at another line start: a block moves across lines, into or out of a declare.
  const starts = lineStarts(text);
  const first = step.from % starts.length;
  const cutStart = starts[first];
  const cutEnd = starts[Math.min(starts.length - 1, first + step.length)] ?? text.length;
  const moved = text.slice(cutStart, cutEnd);
  const rest = text.slice(0, cutStart) + text.slice(cutEnd);
  const restStarts = lineStarts(rest);
  const to = restStarts[step.to % restStarts.length];
  return {
    changes: [{ at: cutStart, end: cutEnd, text: '' }, { at: to, end: to, text: moved }],
    text: rest.slice(0, to) + moved + rest.slice(to),
  };
}

/** `step`'s changes as LSP content changes (each against the text its predecessor left), and the text they lead to. */
function lspChangesFor(text: string, step: Step & { kind: 'type' | 'at' | 'move' }): { lspChanges: TextChange[]; text: string } {
  const { changes, text: after } = changesFor(text, step);
  const lspChanges: TextChange[] = [];
  let current = text;
  for (const change of changes) {
    lspChanges.push({ range: new LineIndex(current).range(change.at, change.end), text: change.text });
    current = current.slice(0, change.at) + change.text + current.slice(change.end);
  }
  assert.equal(current, after);
  return { lspChanges, text: after };
}

/** The findings and facts a fresh engine has for `text` under `config`, with the sibling file open when there is one. */
async function freshFindings(text: string, config: HeadroomConfig, sibling: string | undefined): Promise<{ findings: Finding[]; facts: unknown }> {
  const engine = await newEngine();
  try {
    engine.setConfig(config);
    if (sibling !== undefined) engine.open({ uri: SIBLING, text: sibling });
    engine.open({ uri: URI, text });
    return { findings: engine.lint(URI), facts: engine.get(URI) };
  } finally {
    engine.dispose();
  }
}

let engine: HeadroomEngine;
before(async () => {
  engine = await newEngine();
});

/**
 * Runs `steps` on `base` in the long-lived engine, comparing its findings and facts with a fresh
 * engine's after each one (also right after a sibling file changed: the engine makes the facts of the
 * open files that read it again).
 */
async function checkSequence(base: string, steps: Step[]): Promise<void> {
  let text = base;
  let version = 1;
  let config = CONFIGS[0];
  let sibling: string | undefined;
  engine.setConfig(config);
  engine.open({ uri: URI, text, version });
  engine.lint(URI);
  // A document opened keeps nothing; from its first edit on (here an empty one) it keeps its findings.
  engine.update({ uri: URI, text, version: ++version }, [{ range: new LineIndex(text).range(0, 0), text: '' }]);
  engine.lint(URI);
  try {
    for (const [i, step] of steps.entries()) {
      if (step.kind === 'config') {
        config = CONFIGS[step.config];
        engine.setConfig(config);
      } else if (step.kind === 'sibling') {
        const next = SIBLING_TEXTS[step.text];
        if (next === undefined) engine.close(SIBLING);
        else engine.open({ uri: SIBLING, text: next });
        sibling = next;
      } else {
        const { lspChanges, text: after } = lspChangesFor(text, step);
        text = after;
        // The facts (alloy/service.ts hands back the previous ones when they are equal): the update
        // says whether they changed, and they equal a fresh engine's.
        const before = JSON.stringify(engine.get(URI));
        const factsChanged = engine.update({ uri: URI, text, version: ++version }, lspChanges);
        assert.equal(factsChanged, JSON.stringify(engine.get(URI)) !== before, `facts changed after step ${i} of ${JSON.stringify(steps)}`);
      }
      const incremental = engine.lint(URI);
      const fresh = await freshFindings(text, config, sibling);
      assert.deepEqual(incremental, fresh.findings, `after step ${i} of ${JSON.stringify(steps)}`);
      assert.deepEqual(engine.get(URI), fresh.facts, `facts after step ${i} of ${JSON.stringify(steps)}`);
    }
  } finally {
    engine.close(URI);
    engine.close(SIBLING);
  }
}

test('after every step of random edits, the Alloy findings and fixes equal a fresh open of the text', async () => {
  await fc.assert(fc.asyncProperty(fc.nat({ max: subjects.length }), fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (index, steps) => {
    // The last subject is every fixture in one file: declares, duplicates and references across them.
    const base = index < subjects.length ? subjects[index].text : subjects.map((s) => s.text).join('\n');
    await checkSequence(base, steps);
  }), { seed: 20261129, numRuns: 120 });
});

const at = (needle: string, remove: number, payload: string, skip = 0): Step => ({ kind: 'at', edits: [{ needle, skip, remove, payload }] });

// Each case edits away from the statement whose findings must change, so that its AST is reused
// (moved or not) and only the cache's invalidation can notice: checked to fail when any one of the
// checks in lint-cache.ts is left out (the environment's parts, the unit's line, ownership, declare).
test('edits the cache must notice, each far from the statement whose findings change', async () => {
  const base = [
    '// headroom: workload=alloy tier=medium',
    'prometheus.scrape "pods" {',
    '  targets    = []',
    '  forward_to = [prometheus.remote_write.default.receiver]',
    '}',
    '',
    'prometheus.remote_write "default" {',
    '  endpoint {',
    '    url = "http://mimir:9009/api/v1/push"',
    '  }',
    '}',
    '',
    'declare "app" {',
    '  argument "targets" { }',
    '',
    '  argument "port" { }',
    '',
    '  prometheus.scrape "app" {',
    '    targets    = argument.tagets.value',
    '    forward_to = []',
    '  }',
    '}',
    '',
    'declare "other" {',
    '  discovery.relabel "before" {',
    '    targets = []',
    '  }',
    '',
    '  loki.source.file "logs" {',
    '    targets    = argument.tagets.value',
    '    forward_to = []',
    '  }',
    '',
    '  discovery.relabel "after" {',
    '    targets = []',
    '  }',
    '',
    '  argument "tagets" { }',
    '}',
    '',
    'declare "inline" { otelcol.processor.batch "inline" { }',
    '}',
    '',
    'otelcol.processor.batch "dup" {',
    '  output { }',
    '}',
    '',
    'logging {',
    '  level = "info"',
    '}',
    '',
    'otelcol.processor.batch "dup" {',
    '  send_batch_size = 8192',
    '  output { }',
    '}',
    '',
  ].join('\n');
  const sequences: Step[][] = [
    // The referenced component renamed: the reference dangles; renamed back: it does not.
    [at('"default" {\n  endpoint', 7, 'defualt', 1), at('"defualt" {\n  endpoint', 7, 'default', 1)],
    // The argument the reference names added to its declare, two statements away; then made optional.
    [at('  argument "targets"', 0, '  argument "tagets" { }\n'), at('"tagets" { }', 0, ' optional = true ', 11)],
    // A syntax error far away (dangling references are not reported then), and gone again.
    [at('"dup" {\n  send', 0, '{', 7), at('"dup" {{\n  send', 1, '', 7)],
    // Indentation typed at the start of a line whose second statement's fix indents by it.
    [at('declare "inline"', 0, '\t'), at('\tdeclare "inline"', 1, '')],
    // The first of two components with one name renamed: the second now stands for it; back again.
    [at('"dup" {\n  output', 3, 'dup2', 1), at('"dup2" {\n  output', 4, 'dup', 1)],
    // The end of one declare moved over three statements: the middle one, reused, is now in the other
    // declare, where the argument it names does not exist.
    [{ kind: 'at', edits: [{ needle: '}\n\ndeclare "other" {\n', remove: 21, payload: '' }, { needle: '\n  argument "tagets"', remove: 0, payload: '\n}\n\ndeclare "other" {' }] }],
    // The first of two components with one name deleted: the second now stands for it (same names, same order).
    [at('otelcol.processor.batch "dup" {\n  output { }\n}\n\n', 48, '')],
    // The tier directive changed, then the configuration's tier used instead; a line inserted above everything.
    [at('medium', 6, 'large'), at('// headroom', 2, ''), { kind: 'config', config: 2 }, at('', 0, '\n')],
    // A sibling declaring the misspelt component; then gone.
    [at('.default.receiver', 7, 'defualt', 1), { kind: 'sibling', text: 1 }, at('port', 0, 'x'), { kind: 'sibling', text: 0 }, at('xport', 1, '')],
  ];
  for (const steps of sequences) await checkSequence(base, steps);
});

// A declare an edit did not touch keeps its custom component's spec (modules.ts keptSpecs); its
// export types read other components, declares and files, so each case changes one of those away from
// the declare "a", whose facts (its exports' types) must change. Checked to fail when any one of the
// checks in ComponentResolver.localDeclare is left out (declarations, signature, other files, cycles).
test('declare specs the cache must notice, each changed from outside the declare', async () => {
  const base = [
    'declare "b" {',
    '  argument "in" { }',
    '',
    '  export "out" {',
    '    value = 1',
    '  }',
    '}',
    '',
    'otelcol.processor.batch "shared" {',
    '  output { }',
    '}',
    '',
    'declare "a" {',
    '  b "x" {',
    '    in = 1',
    '  }',
    '',
    '  remote "r" { }',
    '',
    '  export "y" {',
    '    value = b.x.out',
    '  }',
    '',
    '  export "z" {',
    '    value = otelcol.processor.batch.shared.input',
    '  }',
    '',
    '  export "v" {',
    '    value = remote.r.out',
    '  }',
    '}',
    '',
    'declare "c" {',
    '  a "i" { }',
    '',
    '  export "cycle" {',
    '    value = a.i.y',
    '  }',
    '}',
    '',
  ].join('\n');
  const sequences: Step[][] = [
    // The export "a" reads from "b" changes type.
    [at('value = 1', 9, 'value = "s"')],
    // The component an export of "a" names renamed, and back.
    [at('"shared"', 8, '"shard"'), at('"shard"', 7, '"shared"')],
    // A sibling file declaring the component an export of "a" reads; gone again; an edit elsewhere after each.
    [{ kind: 'sibling', text: 3 }, at('"in"', 0, ' '), { kind: 'sibling', text: 0 }, at(' "in"', 1, '')],
    // "b" made to read "a": a cycle, whose specs depend on which is asked for first (the facts ask in
    // document order; the lint, under a scope made again for a new sibling, asks for "a" first); then an
    // edit in a component that is no declaration.
    [at('value = 1', 9, 'value = a.i.z'), { kind: 'sibling', text: 3 }, at('  output { }', 0, ' '), at('value = a.i.z', 13, 'value = 1')],
  ];
  for (const steps of sequences) await checkSequence(base, steps);
});

// The component index of a document being edited reuses the references of every unit an edit did not
// touch (components.ts ReferenceMemory): after every step it equals a fresh parse's, reference by
// reference, with the block each belongs to (by name, label and span: a stale block would have old spans).
function referencesOf(parsed: AlloyParsed): unknown[] {
  return componentIndex(parsed).references.map((r) => ({ key: r.key, span: r.span, exportName: r.exportName, from: [r.from.name, r.from.label, r.from.span] }));
}

function checkIndexSequence(base: string, steps: Step[]): void {
  const uri = 'file:///workspace/index.alloy';
  let text = base;
  let parsed = parseAlloy({ uri, text });
  parsed = parseAlloy({ uri, text }, { parsed, changes: [{ range: parsed.lines.range(0, 0), text: '' }] });
  referencesOf(parsed);
  try {
    for (const [i, step] of steps.entries()) {
      if (step.kind === 'config' || step.kind === 'sibling') continue;
      const { lspChanges, text: after } = lspChangesFor(text, step);
      text = after;
      parsed = parseAlloy({ uri, text }, { parsed, changes: lspChanges });
      const fresh = parseAlloy({ uri, text });
      try {
        assert.deepEqual(referencesOf(parsed), referencesOf(fresh), `references after step ${i} of ${JSON.stringify(steps)}`);
      } finally {
        fresh.dispose();
      }
    }
  } finally {
    parsed.dispose();
  }
}

test('after every step of random edits, the component index equals a fresh one', () => {
  fc.assert(fc.property(fc.nat({ max: subjects.length }), fc.array(stepArb, { minLength: 1, maxLength: 10 }), (index, steps) => {
    const base = index < subjects.length ? subjects[index].text : subjects.map((s) => s.text).join('\n');
    checkIndexSequence(base, steps);
  }), { seed: 20261130, numRuns: 80 });
});

test('component index: references owned by a component that takes over a duplicate name, in a declare edited elsewhere', () => {
  const base = [
    'declare "d" {',
    '  otelcol.processor.batch "dup" {',
    '    output { }',
    '  }',
    '',
    '  between = 1',
    '  b2 = 2',
    '  b3 = 3',
    '',
    '  otelcol.processor.batch "dup" {',
    '    output {',
    '      traces = [otelcol.exporter.otlp.x.input]',
    '    }',
    '  }',
    '',
    '  otelcol.exporter.otlp "x" { }',
    '  logs = otelcol.exporter.otlp.x.input',
    '}',
    '',
  ].join('\n');
  // The first duplicate deleted (the component names stay the same, in the same order): the second,
  // reused three statements away (tree-sitter re-reads the two after a deletion), now owns the reference in its output block.
  const first = '  otelcol.processor.batch "dup" {\n    output { }\n  }\n\n';
  checkIndexSequence(base, [at(first, first.length, '')]);
  // A line typed at the top of the declare: every statement in it is reused, the declare is new.
  checkIndexSequence(base, [at('declare "d" {\n', 0, '  x = 1\n', 14)]);
  // A line typed near the end of the declare: the second duplicate has not moved, but the references
  // in it belong to the declare around it, a new object with a new span.
  checkIndexSequence(base, [at('  logs = ', 0, '  z = 1\n')]);
});
