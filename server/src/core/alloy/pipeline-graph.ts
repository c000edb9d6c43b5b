import type { AnalysisContext } from '../context';
import type { Finding, Range, Severity } from '../types';
import type { BlockStmt, Expr, Span, Statement } from './ast';
import { referencePath } from './ast';
import { CONFIG_BLOCKS, ComponentIndex, childExprs } from './components';
import type { AlloyParsed } from './parser';
import { childBlock } from './rule-context';
import { navigationSpan } from './rules/spans';
import { containerMemory } from './rules/memory-limiter';
import { selectTier } from './tier';
import { alloyScope } from './scope';
import { componentFigures, type NodeFigure } from './pipeline-figures';

// The components of an Alloy configuration as a data-flow graph, for the pipeline picture: one node per
// component instance, one edge per reference between two of them, pointing the way the data goes.
// A pure function of parsed files (the active file, and the sibling files of a folder config that
// declare what it references); the LSP handler feeds it, the webview lays it out.

export type NodeRole =
  | 'receiver' | 'processor' | 'connector' | 'exporter' | 'discovery' | 'relabel' | 'scrape' | 'write'
  | 'source' | 'module' | 'config' | 'other';

export interface PipelineNode {
  /** `name.label`, or `group/name.label` inside a custom component; unique within the graph. */
  id: string;
  name: string;
  label: string;
  role: NodeRole;
  uri: string;
  /** The block's header (name and label): where a click puts the cursor. */
  range: Range;
  /** The whole block, for findings inside it. */
  blockRange: Range;
  /** The custom component (`declare`) whose body holds this component: its name as instances write it (`lib.relabel`). */
  group?: string;
  figures: NodeFigure[];
  findings: { error: number; warning: number; info: number; hint: number };
  /** The worst severity among the findings inside the block. */
  worst?: Severity;
  /** The first findings' messages (most severe first), for the tooltip. */
  messages: string[];
  /** Why the component is not wired into the pipeline (nothing sends to it, its output goes nowhere…). */
  unwired?: string;
}

/**
 * `data`: telemetry flows along it (an output list or forward_to naming a consumer, or targets read
 * from a discovery component); `config`: a value that configures the consumer (auth handlers,
 * relabel rules, file contents).
 */
export type EdgeKind = 'data' | 'config';

export interface PipelineEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The export the reference reads: `input`, `receiver`, `targets`, `handler`… */
  via?: string;
  /** Signal lists of otelcol outputs (`metrics`, `logs`, `traces`) the reference sits in. */
  signal?: string;
  uri: string;
  range: Range;
}

export interface PipelineGraph {
  /** The file the graph was asked for. */
  uri: string;
  /** Every file whose components are drawn, the asked one first. */
  files: string[];
  nodes: PipelineNode[];
  edges: PipelineEdge[];
  /** The tier the file is checked against, and how it was chosen (the nodes' recommendations come from it). */
  tier?: { workload: string; tier: string; how: string };
  /** The memory the Alloy pod has, which memory_limiter limits are compared with. */
  podMemory?: { bytes: number; from: string };
  /** Why some of the file could not be drawn (syntax errors hide components). */
  notes: string[];
}

export interface PipelineFile {
  uri: string;
  parsed: AlloyParsed;
  /**
   * For a module the main file imports (`import.file "lib"`): the namespace it is imported under. Only
   * its custom components are drawn, grouped as `lib.<declare>`, the name their instances use.
   */
  namespace?: string;
  /** The file's findings as the editor shows them (severities configured); the nodes are coloured by them. */
  findings: Finding[];
}

/**
 * Exports that carry a consumer: a reference to them means "send my data there", so data flows from
 * the component holding the reference to the one exporting it. Every component of grafana/alloy
 * v1.18.1 exporting these names types them `capsule(otelcol.Consumer)` (`input`) or
 * `capsule(LogsReceiver|MetricsReceiver|ProfilesReceiver)` (`receiver`, `logs_receiver`) —
 * docs/sources/reference/components/*, section "Exported fields".
 */
const CONSUMER_EXPORTS = new Set(['input', 'receiver', 'logs_receiver']);
/** Exports whose value is telemetry targets (`list(map(string))`): data in the pipeline's sense. */
const TARGET_EXPORTS = new Set(['targets', 'output']);

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];

/** What a component does in a pipeline, from its name (the component families of the Alloy reference). */
export function roleOf(name: string, customComponents: ReadonlySet<string>): NodeRole {
  if (customComponents.has(name)) return 'module';
  if (/^(discovery|prometheus|loki)\.relabel$/.test(name)) return 'relabel';
  if (/^otelcol\.receiver\./.test(name) || /^loki\.source\./.test(name) || name === 'faro.receiver') return 'receiver';
  if (/^otelcol\.processor\./.test(name) || name === 'loki.process') return 'processor';
  if (/^otelcol\.connector\./.test(name)) return 'connector';
  if (/^otelcol\.exporter\./.test(name)) return 'exporter';
  if (/^otelcol\.(auth|storage)\./.test(name) || /^(local\.file|remote\.[a-z_.]+)$/.test(name)) return 'config';
  if (/^(prometheus|pyroscope)\.scrape$/.test(name) || /^prometheus\.operator\./.test(name)) return 'scrape';
  if (/^(prometheus\.remote_write|prometheus\.write\.queue|loki\.write|pyroscope\.write)$/.test(name)) return 'write';
  if (/^discovery\./.test(name) || name === 'local.file_match') return 'discovery';
  if (/^prometheus\.exporter\./.test(name)) return 'source';
  return 'other';
}

/** Roles whose data must come from somewhere in the pipeline, and roles whose data must go somewhere. */
const NEEDS_INPUT = new Set<NodeRole>(['processor', 'connector', 'exporter', 'write']);
const NEEDS_OUTPUT = new Set<NodeRole>(['receiver', 'processor', 'connector', 'discovery', 'relabel', 'source', 'config']);

interface Declared {
  /** `name.label`, as references write it. */
  key: string;
  /** `key`, prefixed by the group inside a custom component (references resolve within their own module). */
  id: string;
  block: BlockStmt;
  file: PipelineFile;
  group?: string;
}

/** Labelled component blocks, module by module: a `declare` body is a scope of its own. */
function collectDeclared(file: PipelineFile, statements: Statement[], group: string | undefined, out: Map<string, Declared>, custom: Set<string>): void {
  for (const statement of statements) {
    if (statement.kind !== 'block') continue;
    if (statement.name === 'declare') {
      if (statement.label === undefined) continue;
      const name = file.namespace !== undefined ? `${file.namespace}.${statement.label}` : statement.label;
      custom.add(name);
      collectDeclared(file, statement.body, name, out, custom);
    } else if (statement.name === 'foreach' || statement.name === 'template') {
      collectDeclared(file, statement.body, group, out, custom);
    } else if (statement.label !== undefined && !CONFIG_BLOCKS.has(statement.name) && (file.namespace === undefined || group !== undefined)) {
      const key = `${statement.name}.${statement.label}`;
      const id = group !== undefined ? `${group}/${key}` : key;
      if (!out.has(id)) out.set(id, { key, id, block: statement, file, ...(group !== undefined ? { group } : {}) });
    }
  }
}

/**
 * Components wired to something that is not a component: inside a custom component, those its `export`
 * blocks expose and those reading its `argument`s (wired to whatever uses the module); anywhere, those
 * a `foreach` iterates over (its `collection` feeds the template's instances).
 */
function moduleBoundary(declared: Map<string, Declared>): Set<string> {
  const boundary = new Set<string>();
  for (const d of declared.values()) {
    if (d.group === undefined) continue;
    if (referenceChains(d.block.body).some((chain) => chain[0] === 'argument')) boundary.add(d.id);
  }
  const exportsOf = (statements: Statement[], group: string | undefined, file: PipelineFile) => {
    for (const statement of statements) {
      if (statement.kind !== 'block') continue;
      if (statement.name === 'declare' && statement.label !== undefined) {
        exportsOf(statement.body, file.namespace !== undefined ? `${file.namespace}.${statement.label}` : statement.label, file);
      } else if ((statement.name === 'export' && group !== undefined) || statement.name === 'foreach') {
        const own = statement.body.filter((s) => s.kind === 'attribute');
        for (const chain of referenceChains(own)) {
          for (let end = chain.length; end >= 2; end--) {
            const key = chain.slice(0, end).join('.');
            const id = group !== undefined ? `${group}/${key}` : key;
            if (declared.has(id)) boundary.add(id);
          }
        }
        if (statement.name === 'foreach') exportsOf(statement.body, group, file);
      } else if (statement.name === 'template') {
        exportsOf(statement.body, group, file);
      }
    }
  };
  const files = new Set([...declared.values()].map((d) => d.file));
  for (const file of files) exportsOf(file.parsed.ast.body, undefined, file);
  return boundary;
}

export function buildPipelineGraph(files: PipelineFile[], ctx: AnalysisContext): PipelineGraph {
  const main = files[0];
  const notes: string[] = [];
  const declared = new Map<string, Declared>();
  const custom = new Set<string>();
  for (const file of files) {
    collectDeclared(file, file.parsed.ast.body, undefined, declared, custom);
    if (file.parsed.syntax.length > 0) {
      notes.push(`${fileName(file.uri)} has syntax errors; components after them may be missing.`);
    }
  }

  const { selection } = selectTier(main.parsed, ctx);
  const scope = alloyScope(main.parsed, ctx);
  const pod = containerMemory({ parsed: main.parsed, analysis: ctx, tier: selection, ...scope });
  const edges: PipelineEdge[] = [];
  const seen = new Set<string>();
  const blocks = new Set([...declared.values()].map((d) => d.block));
  for (const from of declared.values()) {
    for (const reference of referencesIn(from, declared, blocks)) {
      const consumer = reference.sink || (reference.via !== undefined && CONSUMER_EXPORTS.has(reference.via));
      const edge: PipelineEdge = {
        from: consumer ? from.id : reference.target,
        to: consumer ? reference.target : from.id,
        kind: consumer || (reference.via !== undefined && TARGET_EXPORTS.has(reference.via)) ? 'data' : 'config',
        via: reference.via,
        signal: reference.signal,
        uri: from.file.uri,
        range: from.file.parsed.lines.range(reference.span.start, reference.span.end),
      };
      if (edge.from === edge.to) continue;
      const id = `${edge.from}>${edge.to}>${edge.kind}>${edge.signal ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push(edge);
    }
  }

  const boundary = moduleBoundary(declared);
  const nodes = [...declared.values()].map((d): PipelineNode => {
    const lines = d.file.parsed.lines;
    const inside = d.file.findings.filter((f) => within(lines.offsetAt(f.range.start), d.block.span));
    // A finding belongs to the innermost component holding it (custom component bodies hold components).
    const own = inside.filter((f) => ![...declared.values()].some((other) => other !== d && other.file === d.file
      && within(other.block.span.start, d.block.span) && within(lines.offsetAt(f.range.start), other.block.span)));
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const finding of own) counts[finding.severity]++;
    const sorted = [...own].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
    const role = roleOf(d.block.name, custom);
    return {
      id: d.id,
      name: d.block.name,
      label: d.block.label ?? '',
      role,
      uri: d.file.uri,
      range: lines.range(navigationSpan(d.block).start, navigationSpan(d.block).end),
      blockRange: lines.range(d.block.span.start, d.block.span.end),
      ...(d.group !== undefined ? { group: d.group } : {}),
      figures: componentFigures(d.block, selection?.tier, pod, scope.version),
      findings: counts,
      ...(sorted[0] ? { worst: sorted[0].severity } : {}),
      messages: sorted.slice(0, 5).map((f) => `${f.severity}: ${f.message}`),
      ...(boundary.has(d.id) ? {} : unwired(d, role, edges)),
    };
  });
  return {
    uri: main.uri,
    files: files.map((f) => f.uri),
    nodes,
    edges,
    ...(selection ? { tier: { workload: selection.tier.workload, tier: selection.tier.tier, how: selection.how } } : {}),
    ...(pod ? { podMemory: { bytes: pod.bytes, from: pod.from } } : {}),
    notes,
  };
}

/**
 * The files of a folder config (`alloy run DIR` loads every .alloy file of a folder as one config) that
 * belong in the main file's picture: those declaring a component the main file references without
 * declaring it, and those referencing one the main file declares. Unrelated files of the same folder
 * stay out.
 */
export function relatedFiles(main: AlloyParsed, candidates: readonly AlloyParsed[]): AlloyParsed[] {
  const mainDeclared = new Set(new ComponentIndex(main.ast).components.keys());
  const mainChains = referenceChains(main.ast.body);
  return candidates.filter((candidate) => {
    const declared = new Set(new ComponentIndex(candidate.ast).components.keys());
    const resolves = (chain: string[], keys: Set<string>) => chain.some((_, i) => i >= 1 && keys.has(chain.slice(0, i + 1).join('.')));
    return mainChains.some((chain) => !resolves(chain, mainDeclared) && resolves(chain, declared))
      || referenceChains(candidate.ast.body).some((chain) => !resolves(chain, declared) && resolves(chain, mainDeclared));
  });
}

function referenceChains(statements: Statement[]): string[][] {
  const chains: string[][] = [];
  const visit = (expr: Expr) => {
    const path = referencePath(expr);
    if (path) chains.push(path.parts);
    else childExprs(expr).forEach(visit);
  };
  const walk = (list: Statement[]) => {
    for (const statement of list) {
      if (statement.kind === 'attribute') visit(statement.value);
      else walk(statement.body);
    }
  };
  walk(statements);
  return chains;
}

function unwired(d: Declared, role: NodeRole, edges: PipelineEdge[]): { unwired?: string } {
  const incoming = edges.filter((e) => e.to === d.id && e.kind === 'data');
  const outgoing = edges.filter((e) => e.from === d.id);
  const forwards = forwardingLists(d.block);
  if (edges.every((e) => e.from !== d.id && e.to !== d.id) && role !== 'other') {
    return { unwired: 'not connected to any other component' };
  }
  if ((NEEDS_OUTPUT.has(role) || forwards.length > 0) && outgoing.length === 0) {
    return { unwired: forwards.length > 0 ? `its ${forwards.join(', ')} send${forwards.length === 1 ? 's' : ''} to no component` : 'nothing uses its exports' };
  }
  if (NEEDS_INPUT.has(role) && incoming.length === 0) return { unwired: 'no component sends data to it' };
  return {};
}

/** The arguments through which a component forwards data: `forward_to`, and otelcol `output` lists. */
function forwardingLists(block: BlockStmt): string[] {
  const names: string[] = [];
  if (block.body.some((s) => s.kind === 'attribute' && s.name === 'forward_to')) names.push('forward_to');
  const output = childBlock(block, 'output');
  if (output) names.push('output');
  return names;
}

interface FoundReference {
  target: string;
  via?: string;
  signal?: string;
  /** Written where a component lists where its data goes (`forward_to`, an otelcol `output` list). */
  sink: boolean;
  span: Span;
}

/** References from a component's body to the components of its own module (or, at the top level, of the folder's files). */
function referencesIn(from: Declared, declared: Map<string, Declared>, blocks: ReadonlySet<BlockStmt>): FoundReference[] {
  const found: FoundReference[] = [];
  const visit = (expr: Expr, signal: string | undefined, sink: boolean) => {
    const path = referencePath(expr) ?? (expr.kind === 'index' ? referencePath(innermost(expr)) : undefined);
    if (path && path.parts.length >= 2) {
      for (let end = path.parts.length; end >= 2; end--) {
        const key = path.parts.slice(0, end).join('.');
        const target = declared.get(from.group !== undefined ? `${from.group}/${key}` : key);
        if (!target) continue;
        found.push({ target: target.id, via: path.parts[end], signal, sink, span: { start: path.spans[0].start, end: path.spans[end - 1].end } });
        return;
      }
    }
    for (const child of childExprs(expr)) visit(child, signal, sink);
  };
  const walk = (statements: Statement[], signal?: string, inOutput = false) => {
    for (const statement of statements) {
      // forward_to and the otelcol output lists hold receivers (`list(LogsReceiver)`, `list(otelcol.Consumer)`
      // in every component's reference page), whatever a custom component names the export it passes.
      if (statement.kind === 'attribute') visit(statement.value, inOutput ? statement.name : signal, inOutput || statement.name === 'forward_to');
      else if (!blocks.has(statement)) walk(statement.body, signal, statement.name === 'output');
    }
  };
  walk(from.block.body);
  return found;
}

function innermost(expr: Expr): Expr {
  return expr.kind === 'index' ? innermost(expr.object) : expr;
}

function within(offset: number, span: Span): boolean {
  return span.start <= offset && offset <= span.end;
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
