import type { AnalysisContext } from '../context';
import type { FormatService, SourceDocument } from '../service';
import type { DocumentSymbolResult, Finding, FoldingRangeResult, HoverResult, InlayHintResult, Position } from '../types';
import { LineIndex } from '../text';
import { parseDirectives } from '../directives';
import { chooseTier } from '../capacity/choose';
import { emptyFacts, type DocumentFacts } from '../workspace';
import { citeField } from '../capacity/catalog';
import { FORMULA_SOURCES, clickhouseRetentionHours } from '../capacity/formulas';
import { cite } from '../capacity/figures';
import { FORMULA_004 } from '../capacity/seeds/seed-004';
import { clickhouseSustained, describeSustained } from '../capacity/sustains';
import { formatBytesHuman, formatKubernetesMemory } from '../quantity';
import { parseXml, type XmlElement } from './xml';
import { type ClickHouseParsed, type ClickHouseRuleContext, type PodMemory, topLevel } from './context';
import { CLICKHOUSE_RULES } from './rules';
import { literal, serverMemory } from './rules/server-memory';
import { ratioDisablesServerLimit } from './memory-limit';
import { SERVER_SETTINGS, USER_SETTINGS } from './settings-levels';

/** The root element, after an optional prolog, comments and a DOCTYPE (with or without an internal subset). */
const ROOT = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE(?:[^>[]|\[[^\]]*\])*>\s*)*<(clickhouse|yandex)[\s>/]/;

function ruleContext(parsed: ClickHouseParsed, ctx: AnalysisContext): { rc: ClickHouseRuleContext; findings: Finding[] } {
  const { directives, findings } = parseDirectives(parsed.lines, 'xml', ctx.catalog);
  const directive = directives.find((d) => (d.workload ?? 'clickhouse') === 'clickhouse' && (d.tier || d.load));
  const { choice, problems } = chooseTier(ctx.catalog, ctx.config, 'clickhouse', directive);
  if (directive?.load) for (const message of problems) findings.push({ code: 'headroom/directive', severity: 'warning', message, range: directive.range });
  return { rc: { parsed, analysis: ctx, tier: choice, pod: podMemory(ctx, choice?.tier) }, findings };
}

/** The memory of the pod that runs ClickHouse: a workload in the workspace whose image is ClickHouse, else the tier's limit. */
function podMemory(ctx: AnalysisContext, tier: ReturnType<AnalysisContext['catalog']['get']>): PodMemory | undefined {
  for (const facts of ctx.workspace.all()) {
    for (const workload of facts.workloads) {
      if (workload.workload !== 'clickhouse') continue;
      const container = workload.containers.find((c) => c.limits.memory !== undefined);
      if (container) return { bytes: container.limits.memory!, from: `the ${formatKubernetesMemory(container.limits.memory!)} memory limit of ${workload.kind} ${workload.name}`, uri: facts.uri, range: container.range };
    }
  }
  const bytes = tier?.limits?.memory;
  return bytes ? { bytes, from: `the ${tier!.tier} tier's ${formatKubernetesMemory(bytes)} pod` } : undefined;
}

function lint(parsed: ClickHouseParsed, ctx: AnalysisContext): Finding[] {
  const syntax: Finding[] = parsed.xml.problems.map((p) => ({ code: 'clickhouse/xml-syntax', severity: 'error' as const, message: p.message, range: parsed.lines.range(p.span.start, p.span.end) }));
  const { rc, findings } = ruleContext(parsed, ctx);
  return [...syntax, ...findings, ...CLICKHOUSE_RULES.flatMap((rule) => rule.check(rc))];
}

/** The innermost element holding `offset`; iterative, since hostile files nest thousands deep. */
function elementAt(root: XmlElement | undefined, offset: number): XmlElement | undefined {
  if (!root || offset < root.span.start || offset > root.span.end) return undefined;
  let element = root;
  for (;;) {
    const child = element.children.find((c) => c.span.start <= offset && offset <= c.span.end);
    if (!child) return element;
    element = child;
  }
}

const MEMORY_SETTINGS = new Set(['max_server_memory_usage', 'max_server_memory_usage_to_ram_ratio', 'max_memory_usage']);

function hover(parsed: ClickHouseParsed, position: Position, ctx: AnalysisContext): HoverResult | null {
  const element = elementAt(parsed.xml.root, parsed.lines.offsetAt(position));
  if (!element || element === parsed.xml.root) return null;
  const { rc } = ruleContext(parsed, ctx);
  const level = SERVER_SETTINGS.has(element.name) ? 'server setting (top level of config.xml or config.d/)' : USER_SETTINGS.has(element.name) ? 'user-level setting (`<profiles><name>` in users.xml or users.d/)' : undefined;
  if (!level && !MEMORY_SETTINGS.has(element.name)) return null;
  const lines = [`**${element.name}** — ${level ?? 'setting'}`, '', `Current value: **${element.text || '(empty)'}**`];
  if (MEMORY_SETTINGS.has(element.name)) {
    const estimate = sustainedEstimate(rc);
    if (estimate) lines.push('', `${estimate.label}: ${estimate.tooltip}`);
    const tiers = ctx.catalog.tiers('clickhouse');
    lines.push('', '| tier | sized for | pod memory (limit) | ratio | max_memory_usage |', '|---|---|---|---|---|');
    for (const tier of tiers) {
      const name = tier.tier === rc.tier?.tier.tier ? `**${tier.tier}** ◀` : tier.tier;
      const sized = tier.throughput ? `${tier.figures?.throughput?.printed.replace(/_/g, ',') ?? tier.throughput.value} ${tier.throughput.unit}` : '–';
      lines.push(`| ${name} | ${sized} | ${tier.limits?.memory ? formatKubernetesMemory(tier.limits.memory) : '–'} | ${tier.clickhouse?.maxServerMemoryUsageToRamRatio ?? '–'} | ${tier.figures?.['clickhouse.maxMemoryUsage']?.printed ?? '–'} |`);
    }
    const enterprise = tiers.find((t) => t.clickhouse?.maxMemoryUsage !== undefined);
    if (enterprise) lines.push('', `Sources: ${cite(citeField(enterprise, 'clickhouse'))}; ${cite(citeField(tiers[0], 'limits.memory'))}`);
    const selected = rc.tier?.tier;
    if (selected?.storage !== undefined) {
      const hours = clickhouseRetentionHours(selected.storage);
      const e = FORMULA_004.storageExample;
      lines.push('', `Storage: the ${selected.tier} tier's ${formatKubernetesMemory(selected.storage)} volume holds about ${hours.toFixed(1)} hours of logs at the document's own ${e.gbPerDay.printed} GB/day (${e.logRps.printed} rows/s × ${e.logBytes.printed} bytes × ${e.compressionRatio.printed}; ${cite(FORMULA_SOURCES.sizingFormula)}).`);
    }
    if (rc.tier?.selection) lines.push('', `Load → tier: ${rc.tier.selection.reasons.join('; ')}`);
  }
  return { range: parsed.lines.range(element.nameSpan.start, element.nameSpan.end), markdown: lines.join('\n') };
}

/**
 * What the server sustains, by seed 004's profile table from the pod's memory (the table pairs pod
 * memory with log rows/s, so the estimate reads the pod's memory, not the post-ratio server memory).
 * Without a pod, max_server_memory_usage stands for ratio × pod at the ratio the document uses.
 */
function sustainedEstimate(rc: ClickHouseRuleContext): { label: string; tooltip: string } | undefined {
  // A ratio of 0 removes the server's own memory limit (memory-limit.ts): the profiles' pairing, made
  // at a 0.8 ratio, says nothing about such a server.
  const ratio = literal(topLevel(rc, 'max_server_memory_usage_to_ram_ratio'));
  if (ratio !== undefined && ratioDisablesServerLimit(ratio)) return undefined;
  let podBytes = rc.pod?.bytes;
  let how = rc.pod ? rc.pod.from : '';
  if (podBytes === undefined) {
    const server = serverMemory(rc);
    const ratio = rc.analysis.catalog.tiers('clickhouse').find((t) => t.clickhouse?.maxServerMemoryUsageToRamRatio)?.clickhouse?.maxServerMemoryUsageToRamRatio;
    if (!server || !ratio) return undefined;
    podBytes = server.bytes / ratio;
    how = `${server.how} ${formatBytesHuman(server.bytes)} ÷ the document's ratio ${ratio} ≈ a ${formatBytesHuman(podBytes)} pod`;
  }
  const sustained = clickhouseSustained(rc.analysis.catalog, podBytes);
  const label = sustained.value > 0 ? `${describeSustained(sustained)}` : `≈ below the smallest profile`;
  return { label, tooltip: `Headroom estimate from ${how}: ${sustained.how}.` };
}

function inlayHints(parsed: ClickHouseParsed, _range: unknown, ctx: AnalysisContext): InlayHintResult[] {
  const { rc } = ruleContext(parsed, ctx);
  const anchor = topLevel(rc, 'max_server_memory_usage') ?? topLevel(rc, 'max_server_memory_usage_to_ram_ratio');
  const estimate = anchor ? sustainedEstimate(rc) : undefined;
  if (!anchor || !estimate) return [];
  const end = anchor.endTag?.end ?? anchor.span.end;
  return [{ position: parsed.lines.positionAt(end), label: estimate.label, tooltip: estimate.tooltip, paddingLeft: true }];
}

function symbols(parsed: ClickHouseParsed): DocumentSymbolResult[] {
  const toSymbol = (element: XmlElement, depth: number): DocumentSymbolResult => ({
    name: element.name,
    detail: element.children.length === 0 && element.text ? element.text.slice(0, 40) : undefined,
    kind: element.children.length > 0 ? 'namespace' : 'property',
    range: parsed.lines.range(element.span.start, element.span.end),
    selectionRange: parsed.lines.range(element.nameSpan.start, element.nameSpan.end),
    children: depth > 6 ? [] : element.children.map((c) => toSymbol(c, depth + 1)),
  });
  return parsed.xml.elements.map((e) => toSymbol(e, 0));
}

function foldingRanges(parsed: ClickHouseParsed): FoldingRangeResult[] {
  const out: FoldingRangeResult[] = [];
  const pending = [...parsed.xml.elements];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const startLine = parsed.lines.positionAt(element.span.start).line;
    const endLine = parsed.lines.positionAt(element.endTag?.start ?? element.span.end).line - 1;
    if (endLine > startLine) out.push({ startLine, endLine });
    pending.push(...element.children);
  }
  out.sort((a, b) => a.startLine - b.startLine);
  for (const comment of parsed.xml.comments) {
    const startLine = parsed.lines.positionAt(comment.span.start).line;
    const endLine = parsed.lines.positionAt(comment.span.end).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind: 'comment' });
  }
  return out;
}

function facts(parsed: ClickHouseParsed, ctx: AnalysisContext): DocumentFacts {
  const out = emptyFacts(parsed.doc.uri, 'clickhouse');
  out.directives = parseDirectives(parsed.lines, 'xml', ctx.catalog).directives;
  const root = parsed.xml.root;
  const absolute = root?.children.find((c) => c.name === 'max_server_memory_usage');
  const ratio = root?.children.find((c) => c.name === 'max_server_memory_usage_to_ram_ratio');
  if (absolute || ratio) {
    // Read as the rules read them (size suffixes such as 12G, substitutions left unknown), so the report agrees with the findings.
    const at = (absolute ?? ratio)!;
    out.clickhouseMemory = { maxServerMemoryUsage: literal(absolute), maxServerMemoryUsageToRamRatio: literal(ratio), range: parsed.lines.range(at.nameSpan.start, at.nameSpan.end) };
  }
  return out;
}

export const clickhouseService: FormatService<ClickHouseParsed> = {
  format: 'clickhouse',
  claims: (doc: SourceDocument) => /\.xml$/i.test(doc.uri) || doc.languageId === 'xml' ? ROOT.test(doc.text.slice(0, 8192)) : false,
  parse: (doc) => ({ format: 'clickhouse', doc, lines: new LineIndex(doc.text), xml: parseXml(doc.text) }),
  facts,
  lint,
  hover,
  inlayHints,
  codeLenses: () => [],
  symbols,
  foldingRanges,
  completion: () => [],
  definition: () => [],
  references: () => [],
};
