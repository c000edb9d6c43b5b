import type { AnalysisContext } from '../context';
import type { FormatService, SourceDocument } from '../service';
import type { CodeLensResult, DocumentSymbolResult, Finding, FoldingRangeResult, HoverResult, InlayHintResult, Position } from '../types';
import { LineIndex } from '../text';
import { parseDirectives, type Directive } from '../directives';
import { emptyFacts, type DocumentFacts } from '../workspace';
import { citeField } from '../capacity/catalog';
import type { TierRecommendation } from '../capacity/catalog-types';
import { cite } from '../capacity/figures';
import { FORMULA_SOURCES, gatewayCapacity } from '../capacity/formulas';
import { describeBand } from '../capacity/load';
import { loadRequirements } from '../capacity/requirements';
import { describeSustained, sustainedBy } from '../capacity/sustains';
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
    map.set(hpa, directive?.tier || directive?.load || !fromTarget?.workload ? own : fromTarget);
  }
  for (const [object, detection] of map) {
    const directive = directiveFor(directives, parsed.lines, starts, object.span.start);
    for (const message of detection.loadProblems ?? []) findings.push({ code: 'headroom/directive', severity: 'warning', message, range: directive!.range });
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
  const { map, directives } = detectAll(parsed, ctx);
  const out = emptyFacts(parsed.doc.uri, parsed.format);
  const starts = [...parsed.model.workloads, ...parsed.model.hpas].map((o) => o.span.start);
  const value = (parse: typeof parseCpuQuantity, text?: string) => {
    const result = text !== undefined ? parse(text) : undefined;
    return result?.ok ? result.value : undefined;
  };
  for (const workload of parsed.model.workloads) {
    out.workloads.push({
      kind: workload.kind, name: workload.name, namespace: workload.namespace, workload: map.get(workload)?.workload,
      replicas: workload.replicas?.value, configMaps: workload.configMaps, range: parsed.lines.range(workload.nameSpan.start, workload.nameSpan.end),
      directive: directiveFor(directives, parsed.lines, starts, workload.span.start),
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
    lines.push('', 'Headroom does not know which workload this is. Add `# headroom: workload=<id> tier=<name>` (or `load <metric>=<value>`) above it to check it against a tier.', '', `Workloads in the catalog: ${ctx.catalog.workloads().join(', ')}.`);
    return lines.join('\n');
  }
  const choice = detection.choice;
  lines.push('', `Workload **${detection.workload}** (from ${detection.how})${detection.tier ? `, tier **${detection.tier.tier}** (from ${detection.tierHow})` : ', no tier chosen: add `# headroom: load <metric>=<value>` or `tier=<name>`'}.`);
  if (choice?.selection) lines.push('', `Load → tier: ${choice.selection.reasons.join('; ')}${choice.selection.beyond.length ? `. ${choice.selection.beyond.join('; ')}` : ''}`);
  const needs = choice?.load ? loadRequirements(detection.workload, choice.load, detection.tier) : [];
  for (const need of needs) lines.push('', `The load needs ${need.field} ≥ ${need.field === 'requests.memory' ? formatKubernetesMemory(need.value) : need.field === 'requests.cpu' ? formatKubernetesCpu(need.value) : need.value}: ${need.why} (${cite(need.citation)}).`);
  const current = `requests ${resources.requests.cpu?.value ?? '–'} / ${resources.requests.memory?.value ?? '–'}, limits ${resources.limits.cpu?.value ?? '–'} / ${resources.limits.memory?.value ?? '–'}`;
  lines.push('', `Current: ${current}`, '', '| tier | sized for | replicas | requests cpu / memory | limits cpu / memory | storage |', '|---|---|---|---|---|---|');
  const tiers = ctx.catalog.tiers(detection.workload);
  for (const tier of tiers) {
    const name = tier.tier === detection.tier?.tier ? `**${tier.tier}** ◀` : tier.tier;
    const fmt = (cpu?: number, memory?: number) => `${cpu !== undefined ? formatKubernetesCpu(cpu) : '–'} / ${memory !== undefined ? formatKubernetesMemory(memory) : '–'}`;
    const sized = (tier.load ?? []).map(describeBand).join('; ') || (tier.throughput ? `${tier.figures?.throughput?.printed.replace(/_/g, ',') ?? tier.throughput.value} ${tier.throughput.unit}` : '–');
    lines.push(`| ${name} | ${sized} | ${tier.replicas ?? '–'} | ${fmt(tier.requests?.cpu, tier.requests?.memory)} | ${fmt(tier.limits?.cpu, tier.limits?.memory)} | ${tier.storage !== undefined ? formatKubernetesMemory(tier.storage) : '–'} |`);
  }
  const sources = [...new Set(tiers.flatMap((t) => ['requests', 'limits', 'replicas'].filter((f) => t.fieldSources?.[f]).map((f) => cite(citeField(t, f)))))];
  lines.push('', `Sources: ${sources.join('; ')}`);
  lines.push(...tierDetails(detection.tier ?? tiers[0], ctx, detection.workload));
  return lines.join('\n');
}

/** Everything else the document says about a tier: deployment totals and cost, hardware, environment, alerts, conflicts. */
function tierDetails(tier: TierRecommendation | undefined, ctx: AnalysisContext, workload: string): string[] {
  if (!tier) return [];
  const out: string[] = [];
  const at = (field: string) => cite(citeField(tier, field));
  const d = tier.deployment;
  if (d) {
    const costs = Object.entries(d.costs ?? {}).filter(([k]) => !k.includes('replicas')).map(([k, v]) => `${k} $${v.toLocaleString('en-US')}`).join(', ');
    out.push('', `The ${tier.tier} deployment in total: ${d.cpu !== undefined ? formatKubernetesCpu(d.cpu) : '–'} CPU, ${d.memory !== undefined ? formatKubernetesMemory(d.memory) : '–'}, ${d.storage !== undefined ? formatKubernetesMemory(d.storage) : '–'} storage, ${d.pods ?? '–'} pods${d.costs?.['Load balancer replicas'] ? ` (${d.costs['Load balancer replicas']} load balancer${d.costs['Load balancer replicas'] === 1 ? '' : 's'})` : ''}${tier.monthlyCost !== undefined ? `, ≈ $${tier.monthlyCost.toLocaleString('en-US')}/month (${costs})` : ''} (${at('deployment')}).`);
  } else if (tier.monthlyCost !== undefined) {
    out.push('', `≈ $${tier.monthlyCost.toLocaleString('en-US')}/month (${at('monthlyCost')}).`);
  }
  const h = tier.hardware;
  if (h) out.push('', `Machines: ${h.cpu ?? '–'} cores, ${h.memory !== undefined ? `${h.memory / 1e9} GB` : '–'} memory, ${h.disk !== undefined ? `${h.disk / 1e12} TB` : '–'} disk, ${h.networkGbps ?? '–'} Gbps per node${h.nodes !== undefined ? `; ${h.nodes} ${workload === 'clickhouse' ? 'shards' : 'read replicas'}` : ''} (${at('hardware')}).`);
  if (tier.usage?.peakMemory !== undefined) out.push('', `Measured at this scale: ${tier.usage.reconcilingCpu !== undefined ? formatKubernetesCpu(tier.usage.reconcilingCpu) : '–'} CPU reconciling, ${Math.round((tier.usage.steadyMemory ?? 0) / 1e6)} MB steady, ${Math.round(tier.usage.peakMemory / 1e6)} MB peak (${at('usage')}).`);
  if (tier.env && Object.keys(tier.env).length) out.push('', `Environment: ${Object.entries(tier.env).map(([k, v]) => `${k}=${tier.figures?.[`env.${k}`]?.printed ?? v}`).join(', ')}${tier.goMemLimit !== undefined ? `, GOMEMLIMIT=${tier.figures?.goMemLimit?.printed}` : ''} (${at('env')}).`);
  if (tier.throughput) out.push('', `Sized throughput: ${tier.figures?.throughput?.printed.replace(/_/g, ',') ?? tier.throughput.value} ${tier.throughput.unit} (${at('throughput')}).`);
  if (tier.perReplica) out.push('', `One replica carries ${tier.perReplica.value.toLocaleString('en-US')} ${tier.perReplica.unit} (${at('perReplica')}).`);
  for (const alert of tier.alerts ?? []) {
    const levels = [alert.warning && `warning ${alert.comparison} ${alert.warning.printed}`, alert.critical && `critical ${alert.comparison} ${alert.critical.printed}`].filter(Boolean).join(', ');
    out.push(`- Alert on ${alert.what}: ${levels}${alert.for ? ` for ${alert.for.printed}` : ''} (${cite((alert.warning ?? alert.critical)!.source)})`);
  }
  if (tier.alerts?.length) out.splice(out.length - tier.alerts.length, 0, '', 'The document alerts on:');
  for (const wrong of tier.arithmetic ?? []) out.push('', `Arithmetic in the document: ${wrong.says} (${cite(wrong.figure.source)}).`);
  for (const conflict of tier.conflicts ?? []) {
    out.push('', `Conflict in the document (${conflict.subject}): ${conflict.first.says} (${cite(conflict.first.figure.source)}); ${conflict.second.says} (${cite(conflict.second.figure.source)}). Headroom: ${conflict.resolution}.`);
  }
  void ctx;
  return out;
}

function hpaHover(hpa: HpaModel, detection: Detection | undefined, ctx: AnalysisContext): string {
  const lines = [`**${hpa.helm ? hpa.helm.path : `HorizontalPodAutoscaler ${hpa.name}`}** → ${hpa.target ? `${hpa.target.kind} ${hpa.target.name}` : 'no target'}`, ''];
  lines.push(`Replicas: ${hpa.minReplicas?.value ?? '1 (default)'}–${hpa.maxReplicas?.value ?? '?'}`);
  const estimate = throughput(hpa, detection, ctx);
  if (estimate) lines.push('', estimate.text);
  if (detection?.workload) {
    const withHpa = ctx.catalog.tiers(detection.workload).filter((t) => t.hpa);
    if (withHpa.length === 0) {
      lines.push('', `No capacity document gives ${detection.workload} an HPA: Headroom checks its bounds only.`);
    } else {
      lines.push('', '| tier | HPA min–max | CPU target | memory target | scale up | scale down |', '|---|---|---|---|---|---|');
      const rules = (r?: NonNullable<TierRecommendation['hpa']>['scaleUp']) => r ? `${r.stabilizationWindowSeconds !== undefined ? `wait ${r.stabilizationWindowSeconds / 1000}s` : ''}${r.policy ? `, ${r.policy.value}${r.policy.type === 'Percent' ? '%' : ' pods'} per ${r.policy.periodSeconds / 1000}s` : ''}` : '–';
      for (const tier of withHpa) {
        const name = tier.tier === detection.tier?.tier ? `**${tier.tier}** ◀` : tier.tier;
        const h = tier.hpa!;
        lines.push(`| ${name} | ${h.minReplicas ?? '–'}–${h.maxReplicas ?? '–'} | ${h.cpuUtilization !== undefined ? `${h.cpuUtilization}%` : '–'} | ${h.memoryUtilization !== undefined ? `${h.memoryUtilization}%` : '–'} | ${rules(h.scaleUp)} | ${rules(h.scaleDown)} |`);
      }
      lines.push('', `Source: ${cite(citeField(withHpa[0], 'hpa'))}${withHpa[0].hpa?.podsMetric ? `; it also scales on ${withHpa[0].hpa.podsMetric.name} averaging ${withHpa[0].hpa.podsMetric.averageValue} per pod` : ''}`);
    }
    if (detection.choice?.selection) lines.push('', `Load → tier: ${detection.choice.selection.reasons.join('; ')}`);
  }
  return lines.join('\n');
}

/**
 * Throughput an HPA's replica range carries, from what one replica carries by the document: seed 001's
 * 10,000 req/s per ingestion server, seed 000's 500 OTLP req/s Alloy pod target, seed 004's ~20 agents
 * × 1,000 req/s per gateway replica. Totals over the pods, not per pod.
 */
function throughput(hpa: HpaModel, detection: Detection | undefined, ctx: AnalysisContext): { text: string; label: string } | undefined {
  if (!detection?.workload || !hpa.maxReplicas) return undefined;
  const min = hpa.minReplicas?.value ?? 1;
  const max = hpa.maxReplicas.value;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  let perPod: { value: number; unit: string; how: string } | undefined;
  const tier = detection.tier ?? ctx.catalog.tiers(detection.workload).find((t) => t.perReplica);
  if (detection.workload === 'gateway') {
    const one = gatewayCapacity(1);
    perPod = { value: one.rps, unit: 'req/s', how: `~${one.agents} agents × 1,000 req/s per gateway replica (${cite(FORMULA_SOURCES.sizingFormula)})` };
  } else if (tier?.perReplica) {
    perPod = { value: tier.perReplica.value, unit: tier.perReplica.unit, how: `${fmt(tier.perReplica.value)} ${tier.perReplica.unit} per replica (${cite(citeField(tier, 'perReplica'))})` };
  }
  if (!perPod) return undefined;
  const label = `${min}–${max} pods ≈ ${fmt(perPod.value * min)}–${fmt(perPod.value * max)} ${perPod.unit} in total`;
  return { label, text: `≈ ${fmt(perPod.value * min)}–${fmt(perPod.value * max)} ${perPod.unit} in total over ${min}–${max} pods: ${perPod.how}.` };
}

function inlayHints(parsed: YamlParsed, _range: unknown, ctx: AnalysisContext): InlayHintResult[] {
  const { map } = detectAll(parsed, ctx);
  const hints: InlayHintResult[] = [];
  for (const hpa of parsed.model.hpas) {
    const estimate = throughput(hpa, map.get(hpa), ctx);
    const at = hpa.maxReplicas?.span ?? hpa.nameSpan;
    if (estimate) hints.push({ position: parsed.lines.positionAt(parsed.lines.lineEnd(parsed.lines.positionAt(at.end).line)), label: estimate.label, tooltip: estimate.text, paddingLeft: true });
  }
  for (const workload of parsed.model.workloads) {
    const detection = map.get(workload);
    for (const container of workload.containers) {
      if (!container.resources.keySpan || !detection?.workload || container.init) continue;
      const hint = sustainedHint(workload, container, detection, ctx);
      if (!hint) continue;
      const line = parsed.lines.positionAt(container.resources.keySpan.end).line;
      hints.push({ position: parsed.lines.positionAt(parsed.lines.lineEnd(line)), label: hint.label, tooltip: hint.tooltip, paddingLeft: true });
    }
  }
  return hints;
}

/**
 * With a tier: the tier and what it is sized for. Without: what this pod spec sustains by the
 * documents' benchmarks and formulas, and the tier that load fits (an estimate, never used for checks).
 */
function sustainedHint(workload: WorkloadModel, container: WorkloadModel['containers'][number], detection: Detection, ctx: AnalysisContext): { label: string; tooltip: string } | undefined {
  const tier = detection.tier;
  if (tier) {
    const cost = tier.monthlyCost !== undefined ? ` · ≈ $${tier.monthlyCost.toLocaleString('en-US')}/month${tier.deployment ? ' (deployment)' : ''}` : '';
    const band = tier.load?.[0] ? ` · ${describeBand(tier.load[0])}` : '';
    return { label: `${tier.tier} tier${band}${cost}`, tooltip: `Headroom: ${detection.workload} ${tier.tier} tier from ${detection.tierHow} (${cite(tier.source)}).` };
  }
  const value = (parse: typeof parseCpuQuantity, text?: string) => { const r = text !== undefined ? parse(text) : undefined; return r?.ok ? r.value : undefined; };
  const r = container.resources;
  const sustained = sustainedBy(ctx.catalog, detection.workload!, {
    replicas: workload.replicas?.value,
    requests: { cpu: value(parseCpuQuantity, r.requests.cpu?.value), memory: value(parseMemoryQuantity, r.requests.memory?.value) },
    limits: { cpu: value(parseCpuQuantity, r.limits.cpu?.value), memory: value(parseMemoryQuantity, r.limits.memory?.value) },
  });
  if (!sustained) return undefined;
  return { label: describeSustained(sustained), tooltip: `Headroom estimate: ${sustained.how}. No tier or load is stated for this ${detection.workload}; add \`# headroom: load <metric>=<value>\` to check it against one.` };
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
