import type { Finding, Fix, TextEdit } from '../../types';
import { formatAlloyBytes, formatDuration } from '../../quantity';
import type { AttributeStmt, BlockStmt } from '../ast';
import { ComponentIndex } from '../components';
import { recommended } from '../recommended';
import { type AlloyRule, type AlloyRuleContext, bodyIndent, childBlock, headerOf, rangeOf } from '../rule-context';
import { navigationSpan } from './spans';
/**
 * Receivers that accept traffic from outside, whose load the pipeline does not control. Receivers fed
 * by Alloy's own scrapes or file tails (otelcol.receiver.prometheus, .loki, .filelog) are left out.
 */
const INGRESS_RECEIVERS = new Set([
  'otelcol.receiver.otlp', 'otelcol.receiver.jaeger', 'otelcol.receiver.zipkin', 'otelcol.receiver.kafka',
  'otelcol.receiver.datadog', 'otelcol.receiver.influxdb', 'otelcol.receiver.splunkhec', 'otelcol.receiver.syslog',
  'otelcol.receiver.googlecloudpubsub', 'otelcol.receiver.solace', 'otelcol.receiver.awscloudwatch', 'otelcol.receiver.tcplog',
]);
const SIGNALS = ['metrics', 'logs', 'traces'] as const;

/** The `output { metrics = [...] ... }` lists of an otelcol component, by signal. */
function outputLists(block: BlockStmt): Map<string, AttributeStmt> {
  const lists = new Map<string, AttributeStmt>();
  const output = childBlock(block, 'output');
  for (const statement of output?.body ?? []) {
    if (statement.kind === 'attribute' && (SIGNALS as readonly string[]).includes(statement.name) && statement.value.kind === 'array') {
      lists.set(statement.name, statement);
    }
  }
  return lists;
}

/** Components whose output lists reference the component `key`. */
function feeders(ctx: AlloyRuleContext, key: string): BlockStmt[] {
  const found = new Set<BlockStmt>();
  for (const reference of ctx.index.referencesTo(key)) {
    const lists = [...outputLists(reference.from).values()];
    if (lists.some((list) => list.span.start <= reference.span.start && reference.span.end <= list.span.end)) found.add(reference.from);
  }
  return [...found];
}

export const pipelineOrder: AlloyRule = {
  id: 'alloy/pipeline-order',
  scope: 'file',
  defaultSeverity: 'warning',
  doc: 'otelcol.processor.memory_limiter must come first after the receivers: placed after the batch processor it cannot refuse data before the batch processor has buffered it. The Alloy docs place batch after memory_limiter.',
  sources: [{ document: 'grafana/alloy docs', section: 'otelcol.processor.batch > Usage' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const limiter of ctx.index.components.values()) {
      if (limiter.name !== 'otelcol.processor.memory_limiter') continue;
      const limiterKey = ComponentIndex.keyOf(limiter)!;
      for (const batch of feeders(ctx, limiterKey).filter((b) => b.name === 'otelcol.processor.batch')) {
        const fix = swapFix(ctx, batch, limiter);
        findings.push({
          code: this.id,
          severity: 'warning',
          message: `${headerOf(limiter)} receives data from ${headerOf(batch)}: the memory limiter must come before the batch processor (receivers → memory_limiter → batch → exporters), or it cannot refuse data before the batches are held in memory.`,
          range: rangeOf(ctx, navigationSpan(limiter)),
          fixes: fix ? [fix] : [],
        });
      }
    }
    return findings;
  },
};

/**
 * Rewires receivers → batch → memory_limiter → exporters into receivers → memory_limiter → batch →
 * exporters: the two output blocks swap their lists, and references to the batch processor from
 * elsewhere point at the memory limiter. Offered only when both outputs list the same signals.
 */
function swapFix(ctx: AlloyRuleContext, batch: BlockStmt, limiter: BlockStmt): Fix | undefined {
  const batchLists = outputLists(batch);
  const limiterLists = outputLists(limiter);
  const signals = [...batchLists.keys()];
  if (signals.length === 0 || signals.length !== limiterLists.size || !signals.every((s) => limiterLists.has(s))) return undefined;
  const text = ctx.parsed.doc.text;
  const batchKey = ComponentIndex.keyOf(batch)!;
  const limiterKey = ComponentIndex.keyOf(limiter)!;
  const edits: TextEdit[] = [];
  for (const signal of signals) {
    const batchValue = batchLists.get(signal)!.value;
    const limiterValue = limiterLists.get(signal)!.value;
    edits.push({ range: rangeOf(ctx, batchValue.span), newText: text.slice(limiterValue.span.start, limiterValue.span.end) });
    const rewired = text.slice(batchValue.span.start, batchValue.span.end).split(limiterKey).join(batchKey);
    edits.push({ range: rangeOf(ctx, limiterValue.span), newText: rewired });
  }
  for (const reference of ctx.index.referencesTo(batchKey)) {
    if (reference.from === batch || reference.from === limiter) continue;
    edits.push({ range: rangeOf(ctx, reference.span), newText: limiterKey });
  }
  return { title: `Put ${headerOf(limiter)} before ${headerOf(batch)}`, isPreferred: true, edits };
}

export const missingMemoryLimiter: AlloyRule = {
  id: 'alloy/missing-memory-limiter',
  scope: 'file',
  defaultSeverity: 'warning',
  doc: 'A pipeline from a network receiver (OTLP, Jaeger, Zipkin, Kafka…) to otelcol exporters without otelcol.processor.memory_limiter: under load the exporters queue data until the pod is OOM-killed. Seed 000 adds a memory limiter "to prevent OOM".',
  sources: [{ document: '000_e875b2fa46e39bfd.txt', section: 'Performance Tuning > Alloy Configuration Optimization > River Configuration' }],
  check(ctx) {
    const components = [...ctx.index.components.values()];
    if (components.some((c) => c.name === 'otelcol.processor.memory_limiter')) return [];
    if (!components.some((c) => c.name.startsWith('otelcol.exporter.'))) return [];
    return components.filter((c) => INGRESS_RECEIVERS.has(c.name) && outputLists(c).size > 0).map((receiver) => {
      const fix = insertLimiterFix(ctx, receiver);
      return {
        code: this.id,
        severity: 'warning' as const,
        message: `${headerOf(receiver)} feeds the pipeline without an otelcol.processor.memory_limiter: under load, data piles up in processors and exporter queues until the pod is OOM-killed. Send the receiver's output to a memory limiter first.`,
        range: rangeOf(ctx, navigationSpan(receiver)),
        fixes: fix ? [fix] : [],
        citation: this.sources[0],
      };
    });
  },
};

function insertLimiterFix(ctx: AlloyRuleContext, receiver: BlockStmt): Fix | undefined {
  if (!receiver.closeBrace) return undefined;
  const lists = outputLists(receiver);
  const text = ctx.parsed.doc.text;
  let label = 'default';
  for (let n = 2; ctx.index.components.has(`otelcol.processor.memory_limiter.${label}`); n++) label = `default_${n}`;
  const reference = `otelcol.processor.memory_limiter.${label}.input`;
  // The sizing model's limiter settings (the tier's, else seed 000's for every size).
  const setting = (field: 'limit' | 'spikeLimit' | 'checkInterval') => recommended(ctx.analysis.catalog, ctx.tier, 'memoryLimiter', field)?.value;
  const limitBytes = setting('limit');
  const spikeBytes = setting('spikeLimit');
  const intervalMs = setting('checkInterval');
  if (limitBytes === undefined || spikeBytes === undefined || intervalMs === undefined) return undefined;
  const limit = formatAlloyBytes(limitBytes);
  const spike = formatAlloyBytes(spikeBytes);
  const interval = formatDuration(intervalMs);
  // One indentation step as the file writes it: the receiver's body indent minus its own.
  const own = /^[ \t]*/.exec(ctx.parsed.lines.lineText(ctx.parsed.lines.positionAt(receiver.span.start).line))![0];
  const unit = bodyIndent(ctx, receiver).slice(own.length) || '\t';
  const width = Math.max(...[...lists.keys()].map((signal) => signal.length));
  const outputLines = [...lists].map(([signal, list]) => `${unit}${unit}${signal.padEnd(width)} = ${text.slice(list.value.span.start, list.value.span.end)}`);
  const block = [
    '', '',
    `otelcol.processor.memory_limiter "${label}" {`,
    `${unit}check_interval = "${interval}"`,
    `${unit}limit          = "${limit}"`,
    `${unit}spike_limit    = "${spike}"`,
    '',
    `${unit}output {`,
    ...outputLines,
    `${unit}}`,
    '}',
  ].join('\n');
  const edits: TextEdit[] = [...lists.values()].map((list) => ({ range: rangeOf(ctx, list.value.span), newText: `[${reference}]` }));
  edits.push({ range: rangeOf(ctx, { start: receiver.closeBrace.end, end: receiver.closeBrace.end }), newText: block });
  return { title: `Insert otelcol.processor.memory_limiter "${label}" after ${headerOf(receiver)}`, isPreferred: true, edits };
}
