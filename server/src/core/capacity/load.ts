import type { Citation } from '../types';
import type { TierRecommendation } from './catalog-types';
import type { Bound, LoadBand, LoadMetric } from './model-types';
import { cite } from './figures';

// Tiers chosen from load: a user states the workload's load (`.headroom.yaml` `load:`, or a
// `headroom: load otlp=40000/min` comment) and the tier is the one whose workload characteristics, as
// the documents give them, contain it.

export type Load = Partial<Record<LoadMetric, number>>;

interface MetricInfo {
  /** The directive's short name: `otlp=40000/min`. */
  short: string;
  label: string;
  /** The rate unit the documents use, when the metric is a rate: values are stored per this unit. */
  per?: 'min' | 's';
}

export const LOAD_METRICS: Record<LoadMetric, MetricInfo> = {
  otlpRequestsPerMinute: { short: 'otlp', label: 'OTLP requests/minute', per: 'min' },
  telemetryItemsPerMinute: { short: 'items', label: 'telemetry items/minute', per: 'min' },
  concurrentUsers: { short: 'users', label: 'concurrent users' },
  agents: { short: 'agents', label: 'agents' },
  requestsPerSecond: { short: 'rps', label: 'requests/s', per: 's' },
  logRowsPerSecond: { short: 'logs', label: 'log rows/s', per: 's' },
  volumes: { short: 'volumes', label: 'volumes' },
  metricsPerSecond: { short: 'metrics', label: 'metrics/s', per: 's' },
  servers: { short: 'servers', label: 'monitored servers' },
  clients: { short: 'clients', label: 'clients' },
};

export const LOAD_METRIC_NAMES = Object.keys(LOAD_METRICS) as LoadMetric[];
const BY_SHORT = new Map(LOAD_METRIC_NAMES.map((m) => [LOAD_METRICS[m].short, m]));

/** The metric a directive key names: its short name (`otlp`) or its full name (`otlpRequestsPerMinute`). */
export function loadMetricNamed(key: string): LoadMetric | undefined {
  return BY_SHORT.get(key) ?? (LOAD_METRIC_NAMES as string[]).find((m) => m === key) as LoadMetric | undefined;
}

/** Every name a directive accepts, for did-you-mean. */
export const LOAD_KEYS = [...BY_SHORT.keys(), ...LOAD_METRIC_NAMES];

/**
 * A directive value: `40000`, `40,000`, `40k`, `1.5M`, with an optional rate unit `/s`, `/min`, `/h`
 * converted to the metric's own (`otlp=667/s` is 40,020/min). Returns an error sentence otherwise.
 */
export function parseLoadValue(metric: LoadMetric, text: string): { value: number } | { error: string } {
  const match = /^(\d+(?:\.\d+)?)([kKM]?)(?:\/(s|sec|min|m|h))?$/.exec(text.replace(/[,_]/g, ''));
  if (!match) return { error: `"${text}" is not a load: write a number, optionally with k or M and a rate (/s, /min, /h)` };
  let value = Number(match[1]) * (match[2] === 'M' ? 1e6 : match[2] ? 1e3 : 1);
  const per = LOAD_METRICS[metric].per;
  const given = match[3];
  if (given && !per) return { error: `${LOAD_METRICS[metric].label} is a count, not a rate: drop "/${given}"` };
  if (given && per) {
    const perSecond = value / (given === 'h' ? 3600 : given === 'min' || given === 'm' ? 60 : 1);
    value = per === 'min' ? perSecond * 60 : perSecond;
  }
  if (!(value > 0)) return { error: `the load must be above 0` };
  return { value };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function contains(band: LoadBand, value: number): boolean {
  const above = (b?: Bound) => !b || (b.inclusive ? value >= b.figure.value : value > b.figure.value);
  const below = (b?: Bound) => !b || (b.inclusive ? value <= b.figure.value : value < b.figure.value);
  return above(band.min) && below(band.max);
}

/** `1,000–10,000 OTLP requests/minute`, `< 1,000 …`, `> 100,000 …`, `≥ 100 agents`, as the document bounds it. */
export function describeBand(band: LoadBand): string {
  const label = LOAD_METRICS[band.metric].label;
  const { min, max } = band;
  if (min && max) return `${fmt(min.figure.value)}–${fmt(max.figure.value)} ${label}`;
  if (max) return `${max.inclusive ? '≤' : '<'} ${fmt(max.figure.value)} ${label}`;
  if (min) return `${min.inclusive ? '≥' : '>'} ${fmt(min.figure.value)} ${label}`;
  return label;
}

/** The citation of a band: the section its figures are printed in. */
export function bandSource(band: LoadBand): Citation {
  return (band.max ?? band.min)!.figure.source;
}

export interface LoadSelection {
  tier: TierRecommendation;
  /** One sentence per stated metric: the value, the band it falls in and the tier, with the source. */
  reasons: string[];
  /** Metrics above every tier the documents size (the largest tier is chosen). */
  beyond: string[];
  /** Metrics no tier of this workload is sized by (ignored). */
  ignored: LoadMetric[];
}

/**
 * The tier a stated load needs: for each metric the tiers whose band contains it, and of those the
 * largest (ranges that share an end, `10-50` and `50-100`, give the shared value to the larger tier, as
 * seed 004 sizes its 100-agent example with the `100+` profile); across metrics the largest again, since
 * the tier must carry all of them. Undefined when no tier is sized by any stated metric.
 */
export function selectTierByLoad(tiers: readonly TierRecommendation[], load: Load): LoadSelection | undefined {
  const picked: TierRecommendation[] = [];
  const reasons: string[] = [];
  const beyond: string[] = [];
  const ignored: LoadMetric[] = [];
  for (const [metric, value] of Object.entries(load) as [LoadMetric, number][]) {
    const sized = tiers.filter((t) => t.load?.some((b) => b.metric === metric));
    if (sized.length === 0) {
      ignored.push(metric);
      continue;
    }
    const fits = sized.filter((t) => t.load!.some((b) => b.metric === metric && contains(b, value)));
    let tier: TierRecommendation;
    if (fits.length > 0) {
      tier = fits[fits.length - 1];
    } else {
      const lowest = sized[0].load!.find((b) => b.metric === metric)!;
      const belowAll = !contains({ metric, min: lowest.min }, value);
      tier = belowAll ? sized[0] : sized[sized.length - 1];
      if (!belowAll) beyond.push(`${fmt(value)} ${LOAD_METRICS[metric].label} is beyond every ${tier.workload} tier the documents size`);
    }
    const band = tier.load!.find((b) => b.metric === metric)!;
    reasons.push(`${fmt(value)} ${LOAD_METRICS[metric].label} → ${tier.tier} (${describeBand(band)}; ${cite(bandSource(band))})`);
    picked.push(tier);
  }
  if (picked.length === 0) return undefined;
  const top = Math.max(...picked.map((t) => t.rank));
  return { tier: picked.find((t) => t.rank === top)!, reasons, beyond, ignored };
}

/** `otlp=40,000/min agents=80`, for messages. */
export function describeLoad(load: Load): string {
  return (Object.entries(load) as [LoadMetric, number][]).map(([m, v]) => `${fmt(v)} ${LOAD_METRICS[m].label}`).join(', ');
}
