import type { AnalysisContext } from '../context';
import type { FormatService, SourceDocument } from '../service';
import type { CodeLensResult, DocumentSymbolResult, Finding, FoldingRangeResult, HoverResult, InlayHintResult, Position } from '../types';
import { LineIndex } from '../text';
import { parseDirectives, type Directive } from '../directives';
import { emptyFacts, type DocumentFacts } from '../workspace';
import { citeField } from '../capacity/catalog';
import { formatKubernetesCpu, formatKubernetesMemory, parseCpuQuantity, parseMemoryQuantity, parseGoMemLimit } from '../quantity';
import { manifestModel, valuesModel, type HpaModel, type WorkloadModel } from './model';
import { parseYamlChunked, type YamlChunk } from './incremental';
import { detect, type Detection } from './detect';
import { type K8sRuleContext, type YamlParsed, describe } from './context';
import { K8S_RULES } from './rules';

const MANIFEST = /^apiVersion:\s*\S+/m;
const KIND = /^kind:\s*\S+/m;
const VALUES_KEYS = /^(replicaCount|resources|autoscaling|image|podAnnotations|nodeSelector|tolerations|affinity|serviceAccount):/m;
/** A chart-style `resources:` block with requests or limits under some section. */
const NESTED_RESOURCES = /\n[ \t]+resources:[ \t]*\r?\n[ \t]+(requests|limits):/;
const YAML_IDS = new Set(['yaml', 'helm', 'yaml-helm', undefined]);

function isYamlFile(doc: SourceDocument): boolean {
  return /\.ya?ml$/i.test(doc.uri) || (doc.languageId !== undefined && YAML_IDS.has(doc.languageId));
}

/**
 * The directive that applies to the object starting at `start`: the closest one above it, provided no
 * other object starts between the two. So a directive covers the document or values section right
 * below it, and never leaks into the next one.
 */
function directiveFor(directives: Directive[], lines: LineIndex, objectStarts: number[], start: number): Directive | undefined {
  const line = lines.positionAt(start).line;
  const above = directives.filter((d) => d.line < line);
  const directive = above[above.length - 1];
  if (!directive) return undefined;
  const between = objectStarts.some((other) => other !== start && other < start && lines.positionAt(other).line > directive.line);
  return between ? undefined : directive;
}

/** The parsed chunks of documents being edited, so the next keystroke re-parses only the chunk it touched. */
const chunkCaches = new WeakMap<YamlParsed, YamlChunk[]>();

function build(doc: SourceDocument, format: 'k8s' | 'helm', previous?: YamlParsed): YamlParsed {
  const { documents, chunks } = parseYamlChunked(doc.text, previous && chunkCaches.get(previous));
  const parsed: YamlParsed = { format, doc, lines: new LineIndex(doc.text), model: format === 'k8s' ? manifestModel(documents) : valuesModel(documents) };
  // Only a document that is being edited keeps its chunks (they hold the node tree): opened files and
  // the CLI keep the model alone.
  if (previous && chunks) chunkCaches.set(parsed, chunks);
  return parsed;
}

const detections = new WeakMap<YamlParsed, { config: unknown; map: Map<WorkloadModel | HpaModel, Detection>; directives: Directive[]; findings: Finding[] }>();

function detectAll(parsed: YamlParsed, ctx: AnalysisContext) {
  const cached = detections.get(parsed);
  if (cached && cached.config === ctx.config) return cached;
  const { directives, findings } = parseDirectives(parsed.lines, 'hash', ctx.catalog);
  const map = new Map<WorkloadModel | HpaModel, Detection>();
  const starts = [...parsed.model.workloads, ...parsed.model.hpas].map((o) => o.span.start);
  for (const workload of parsed.model.workloads) {
    map.set(workload, detect(workload, directiveFor(directives, parsed.lines, starts, workload.span.start), ctx.catalog, ctx.config));
  }
  for (const hpa of parsed.model.hpas) {
    // An HPA is held to its own directive, else to the tier of the workload it scales, else its target's name.
    const directive = directiveFor(directives, parsed.lines, starts, hpa.span.start);
    const target = parsed.model.workloads.find((w) => (hpa.helm ? w.valuesPath === hpa.target?.name : w.kind === hpa.target?.kind && w.name === hpa.target?.name));
    const own = detect({ kind: 'HorizontalPodAutoscaler', name: hpa.target?.name ?? hpa.name, labels: {}, containers: [], configMaps: [], nameSpan: hpa.nameSpan, span: hpa.span, documentIndex: hpa.documentIndex, valuesPath: hpa.helm ? hpa.target?.name : undefined },
      directive, ctx.catalog, ctx.config);
    const fromTarget = target ? map.get(target) : undefined;
    map.set(hpa, directive?.tier || !fromTarget?.workload ? own : fromTarget);
  }
  const entry = { config: ctx.config, map, directives, findings };
  detections.set(parsed, entry);
  return entry;
}

function lint(parsed: YamlParsed, ctx: AnalysisContext): Finding[] {
  const { map, findings } = detectAll(parsed, ctx);
  const ruleContext: K8sRuleContext = { parsed, analysis: ctx, detections: map };
  // YAML syntax errors belong to the YAML language server in the editor (Red Hat's extension reports
  // them); the CLI, which has no other reporter, reports them itself.
  const syntax: Finding[] = parsed.doc.languageId === undefined
    ? parsed.model.syntaxErrors.map((e) => ({ code: 'yaml/syntax', severity: 'error' as const, message: e.message, range: parsed.lines.range(e.span.start, e.span.end) }))
    : [];
  return [...syntax, ...findings, ...K8S_RULES.flatMap((rule) => rule.check(ruleContext))];
}

function facts(parsed: YamlParsed, ctx: AnalysisContext): DocumentFacts {
  const { map } = detectAll(parsed, ctx);
  const out = emptyFacts(parsed.doc.uri, parsed.format);
  const value = (parse: typeof parseCpuQuantity, text?: string) => {
    const result = text !== undefined ? parse(text) : undefined;
    return result?.ok ? result.value : undefined;
  };
  for (const workload of parsed.model.workloads) {
    out.workloads.push({
      kind: workload.kind, name: workload.name, namespace: workload.namespace, workload: map.get(workload)?.workload,
      replicas: workload.replicas?.value, configMaps: workload.configMaps, range: parsed.lines.range(workload.nameSpan.start, workload.nameSpan.end),
      containers: workload.containers.filter((c) => !c.init).map((c) => {
        const goMemLimit = c.env.find((e) => e.name === 'GOMEMLIMIT')?.value?.value;
        const parsedLimit = goMemLimit ? parseGoMemLimit(goMemLimit) : undefined;
        return {
          name: c.name, image: c.image, range: parsed.lines.range(c.span.start, c.span.end),
          // An omitted request defaults to the limit.
          requests: { cpu: value(parseCpuQuantity, (c.resources.requests.cpu ?? c.resources.limits.cpu)?.value), memory: value(parseMemoryQuantity, (c.resources.requests.memory ?? c.resources.limits.memory)?.value) },
          limits: { cpu: value(parseCpuQuantity, c.resources.limits.cpu?.value), memory: value(parseMemoryQuantity, c.resources.limits.memory?.value) },
          goMemLimit: parsedLimit?.ok ? parsedLimit.value : undefined,
        };
      }),
    });
  }
  for (const hpa of parsed.model.hpas) {
    if (!hpa.target) continue;
    out.hpas.push({
      name: hpa.name, namespace: hpa.namespace, apiVersion: hpa.apiVersion, target: { kind: hpa.target.kind, name: hpa.target.name },
      minReplicas: hpa.minReplicas?.value, maxReplicas: hpa.maxReplicas?.value, range: parsed.lines.range(hpa.nameSpan.start, hpa.nameSpan.end),
      utilization: hpa.metrics.filter((m) => m.resource && m.averageUtilization).map((m) => ({ resource: m.resource!, averageUtilization: m.averageUtilization!.value, range: parsed.lines.range(m.span.start, m.span.end) })),
    });
  }
  return out;
}

function hover(parsed: YamlParsed, position: Position, ctx: AnalysisContext): HoverResult | null {
  const offset = parsed.lines.offsetAt(position);
  const { map } = detectAll(parsed, ctx);
  for (const workload of parsed.model.workloads) {
    for (const container of workload.containers) {
      const resources = container.resources;
      const span = resources.keySpan ? { start: resources.keySpan.start, end: resources.span.end } : undefined;
      if (!span || offset < span.start || offset > span.end) continue;
      const detection = map.get(workload);
      return { range: parsed.lines.range(resources.keySpan!.start, resources.keySpan!.end), markdown: resourcesHover(workload, container.resources, detection, ctx) };
    }
  }
  for (const hpa of parsed.model.hpas) {
    if (offset < hpa.span.start || offset > hpa.span.end) continue;
    const detection = map.get(hpa);
    return { range: parsed.lines.range(hpa.nameSpan.start, hpa.nameSpan.end), markdown: hpaHover(hpa, detection, ctx) };
  }
  return null;
}

function resourcesHover(workload: WorkloadModel, resources: WorkloadModel['containers'][number]['resources'], detection: Detection | undefined, ctx: AnalysisContext): string {
  const lines = [`**${describe(workload)}** — resources`];
  if (!detection?.workload) {
    lines.push('', 'Headroom does not know which workload this is. Add `# headroom: workload=<id> tier=<name>` above it to check it against a tier.', '', `Workloads in the catalog: ${ctx.catalog.workloads().join(', ')}.`);
    return lines.join('\n');
  }
  lines.push('', `Workload **${detection.workload}** (from ${detection.how})${detection.tier ? `, tier **${detection.tier.tier}** (from ${detection.tierHow})` : ', no tier chosen'}.`, '');
  const current = `requests ${resources.requests.cpu?.value ?? '–'} / ${resources.requests.memory?.value ?? '–'}, limits ${resources.limits.cpu?.value ?? '–'} / ${resources.limits.memory?.value ?? '–'}`;
  lines.push(`Current: ${current}`, '', '| tier | replicas | requests cpu / memory | limits cpu / memory |', '|---|---|---|---|');
  for (const tier of ctx.catalog.tiers(detection.workload)) {
    const name = tier.tier === detection.tier?.tier ? `**${tier.tier}** ◀` : tier.tier;
    const fmt = (cpu?: number, memory?: number) => `${cpu !== undefined ? formatKubernetesCpu(cpu) : '–'} / ${memory !== undefined ? formatKubernetesMemory(memory) : '–'}`;
    lines.push(`| ${name} | ${tier.replicas ?? '–'} | ${fmt(tier.requests?.cpu, tier.requests?.memory)} | ${fmt(tier.limits?.cpu, tier.limits?.memory)} |`);
  }
  const tiers = ctx.catalog.tiers(detection.workload);
  const sources = [...new Set(tiers.map((t) => `${citeField(t, 'requests').document} § ${citeField(t, 'requests').section}`))];
  lines.push('', `Source: ${sources.join('; ')}`);
  return lines.join('\n');
}

function hpaHover(hpa: HpaModel, detection: Detection | undefined, ctx: AnalysisContext): string {
  const lines = [`**${hpa.helm ? hpa.helm.path : `HorizontalPodAutoscaler ${hpa.name}`}** → ${hpa.target ? `${hpa.target.kind} ${hpa.target.name}` : 'no target'}`, ''];
  lines.push(`Replicas: ${hpa.minReplicas?.value ?? '1 (default)'}–${hpa.maxReplicas?.value ?? '?'}`);
  const estimate = throughput(hpa, detection);
  if (estimate) lines.push('', estimate.text);
  if (detection?.workload) {
    lines.push('', '| tier | replicas | HPA min–max | CPU target | memory target |', '|---|---|---|---|---|');
    for (const tier of ctx.catalog.tiers(detection.workload)) {
      const name = tier.tier === detection.tier?.tier ? `**${tier.tier}** ◀` : tier.tier;
      lines.push(`| ${name} | ${tier.replicas ?? '–'} | ${tier.hpa?.minReplicas ?? '–'}–${tier.hpa?.maxReplicas ?? '–'} | ${tier.hpa?.cpuUtilization ?? '–'}% | ${tier.hpa?.memoryUtilization ?? '–'}% |`);
    }
    const first = ctx.catalog.tiers(detection.workload)[0];
    if (first) lines.push('', `Source: ${citeField(first, 'hpa').document} § ${citeField(first, 'hpa').section}`);
  }
  return lines.join('\n');
}

/** Throughput an HPA's replica range carries, from the tier's per-replica throughput. */
function throughput(hpa: HpaModel, detection: Detection | undefined): { text: string; label: string } | undefined {
  const tier = detection?.tier;
  if (!tier?.throughput || !tier.replicas || !hpa.maxReplicas) return undefined;
  const perPod = tier.throughput.value / tier.replicas;
  const min = hpa.minReplicas?.value ?? 1;
  const max = hpa.maxReplicas.value;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const label = `${min}–${max} pods ≈ ${fmt(perPod * min)}–${fmt(perPod * max)} ${tier.throughput.unit}`;
  return { label, text: `≈ ${fmt(perPod * min)}–${fmt(perPod * max)} ${tier.throughput.unit}: the ${tier.tier} tier carries ${fmt(tier.throughput.value)} ${tier.throughput.unit} with ${tier.replicas} replicas (${tier.source.document} § ${tier.source.section}).` };
}

function inlayHints(parsed: YamlParsed, _range: unknown, ctx: AnalysisContext): InlayHintResult[] {
  const { map } = detectAll(parsed, ctx);
  const hints: InlayHintResult[] = [];
  for (const hpa of parsed.model.hpas) {
    const estimate = throughput(hpa, map.get(hpa));
    const at = hpa.maxReplicas?.span ?? hpa.nameSpan;
    if (estimate) hints.push({ position: parsed.lines.positionAt(parsed.lines.lineEnd(parsed.lines.positionAt(at.end).line)), label: estimate.label, tooltip: estimate.text, paddingLeft: true });
  }
  for (const workload of parsed.model.workloads) {
    const detection = map.get(workload);
    for (const container of workload.containers) {
      if (!container.resources.keySpan || !detection?.workload) continue;
      const nearest = nearestTier(container, detection, ctx);
      if (!nearest) continue;
      const line = parsed.lines.positionAt(container.resources.keySpan.end).line;
      hints.push({ position: parsed.lines.positionAt(parsed.lines.lineEnd(line)), label: nearest.label, tooltip: nearest.tooltip, paddingLeft: true });
    }
  }
  return hints;
}

/** The tier whose memory (request, else limit) is closest to this container's, with its cost when the documents give one. */
function nearestTier(container: WorkloadModel['containers'][number], detection: Detection, ctx: AnalysisContext): { label: string; tooltip: string } | undefined {
  const text = container.resources.requests.memory?.value ?? container.resources.limits.memory?.value;
  const memory = text ? parseMemoryQuantity(text) : undefined;
  if (!memory?.ok) return undefined;
  let best: { tier: ReturnType<AnalysisContext['catalog']['tiers']>[number]; distance: number } | undefined;
  for (const tier of ctx.catalog.tiers(detection.workload!)) {
    const size = tier.requests?.memory ?? tier.limits?.memory;
    if (size === undefined) continue;
    const distance = Math.abs(Math.log(memory.value / size));
    if (!best || distance < best.distance) best = { tier, distance };
  }
  if (!best) return undefined;
  const cost = best.tier.monthlyCost !== undefined ? ` · ≈ $${best.tier.monthlyCost.toLocaleString('en-US')}/month (deployment)` : '';
  return { label: `≈ ${best.tier.tier} tier${cost}`, tooltip: `Headroom: memory ${text} is closest to the ${detection.workload} ${best.tier.tier} tier (${best.tier.source.document} § ${best.tier.source.section}).` };
}

function symbols(parsed: YamlParsed): DocumentSymbolResult[] {
  const range = (span: { start: number; end: number }) => parsed.lines.range(span.start, span.end);
  // In values files the name is the section's key, which sits before its mapping: the symbol's range
  // covers both, since LSP requires the selection range inside the full range.
  const around = (name: { start: number; end: number }, body: { start: number; end: number }) =>
    range({ start: Math.min(name.start, body.start), end: Math.max(name.end, body.end) });
  return [
    ...parsed.model.workloads.map((w) => ({
      name: describe(w), kind: 'class' as const, range: around(w.nameSpan, w.span), selectionRange: range(w.nameSpan),
      children: w.kind === 'HelmValues' ? [] : w.containers.map((c) => ({ name: c.name || '(container)', detail: c.image, kind: 'object' as const, range: range(c.span), selectionRange: range(c.span), children: [] })),
    })),
    ...parsed.model.hpas.map((h) => ({ name: h.helm ? h.helm.path : `HorizontalPodAutoscaler ${h.name}`, kind: 'object' as const, range: around(h.nameSpan, h.span), selectionRange: range(h.nameSpan), children: [] })),
  ];
}

function foldingRanges(parsed: YamlParsed): FoldingRangeResult[] {
  const out: FoldingRangeResult[] = [];
  for (const item of [...parsed.model.workloads, ...parsed.model.hpas]) {
    const startLine = parsed.lines.positionAt(item.span.start).line;
    const endLine = parsed.lines.positionAt(Math.max(item.span.start, item.span.end - 1)).line;
    if (endLine > startLine) out.push({ startLine, endLine });
  }
  return out;
}

function codeLenses(): CodeLensResult[] {
  return [];
}

function common(format: 'k8s' | 'helm', claims: (doc: SourceDocument) => boolean): FormatService<YamlParsed> {
  return {
    format,
    claims,
    parse: (doc, previous) => build(doc, format, previous?.parsed),
    facts,
    lint,
    hover,
    inlayHints,
    codeLenses,
    symbols,
    foldingRanges,
    completion: () => [],
    definition: () => [],
    references: () => [],
  };
}

export const k8sService = common('k8s', (doc) => isYamlFile(doc) && MANIFEST.test(doc.text) && KIND.test(doc.text));

export const helmService = common('helm', (doc) => isYamlFile(doc) && !(MANIFEST.test(doc.text) && KIND.test(doc.text)) &&
  (/(^|[/_])values[^/]*\.ya?ml$/i.test(doc.uri) || VALUES_KEYS.test(doc.text) || NESTED_RESOURCES.test(doc.text) || doc.languageId === 'helm'));
