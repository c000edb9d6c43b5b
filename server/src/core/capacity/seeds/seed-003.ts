import { type Figure, section } from '../figures';
import type { AlertSizing, Conflict, LoadBand, TierSizing } from '../model-types';

// Seed 003 — CoucheStor storage operator scalability guide, sized by the volumes it manages. §2.1 names
// four scales; §5.1 gives requests and limits for three; §8.1 gives requests by volume count, which
// disagree with §5.1 (medium memory, large CPU and memory): with a known volume count the model asks
// for the larger of the two; with only a tier, §5.1's values.

export const SEED_003 = '003_55bf389a4119086e.txt';

const SCALES = section(SEED_003, '2. Scalability Dimensions > 2.1 Volumes per Cluster');
export const TESTED = section(SEED_003, '2. Scalability Dimensions > 2.2 Tested Limits');
const USAGE = section(SEED_003, '3. Performance Characteristics > 3.1 Resource Usage');
const RECONCILE = section(SEED_003, '4. Scaling Strategies > 4.2 Tuning Reconciliation');
const SETTINGS = section(SEED_003, '5. Performance Tuning > 5.1 Recommended Settings by Scale');
const ALERTS = section(SEED_003, '6. Monitoring for Scale > 6.2 Alerting Thresholds');
export const CALCULATOR = section(SEED_003, '8. Capacity Planning > 8.1 Resource Calculator');
const SIZING = section(SEED_003, '10. Best Practices > 10.2 Resource Sizing');

type Scale = 'small' | 'medium' | 'large' | 'enterprise';

const BANDS: Record<Scale, LoadBand> = {
  small: { metric: 'volumes', max: { figure: SCALES.figure('100', 'number', 'Small / Volume Count'), inclusive: false } },
  medium: { metric: 'volumes', min: { figure: SCALES.figure('100', 'number', 'Medium / Volume Count'), inclusive: true }, max: { figure: SCALES.figure('500', 'number', 'Medium / Volume Count'), inclusive: true } },
  large: { metric: 'volumes', min: { figure: SCALES.figure('500', 'number', 'Large / Volume Count'), inclusive: true }, max: { figure: SCALES.figure('1000', 'number', 'Large / Volume Count'), inclusive: true } },
  enterprise: { metric: 'volumes', min: { figure: SCALES.figure('1000+', 'number', 'Enterprise / Volume Count'), inclusive: true } },
};

const RESOURCES: Partial<Record<Scale, [string, string, string, string]>> = {
  small: ['100m', '128Mi', '500m', '256Mi'],
  medium: ['200m', '192Mi', '1000m', '512Mi'],
  large: ['500m', '256Mi', '2000m', '1Gi'],
};

/** §3.1 measured usage per scale (100 / 500 / 1000 volumes): reconciling CPU and peak memory. */
const USAGE_COLUMN: Partial<Record<Scale, string>> = { small: 'Small (100 vol)', medium: 'Medium (500 vol)', large: 'Large (1000 vol)' };
const PEAK: Partial<Record<Scale, [string, string, string]>> = {
  small: ['100m', '50', '80'],
  medium: ['200m', '100', '150'],
  large: ['400m', '200', '256'],
};

export const HEADROOM = SIZING.figure('20%', 'percent', 'Adjust based on peak observed values + # headroom');

const alerts: AlertSizing[] = [
  { what: 'reconciliation time', comparison: '>', warning: ALERTS.figure('60s', 'duration', 'Reconciliation time / Warning'), critical: ALERTS.figure('120s', 'duration', 'Reconciliation time / Critical') },
  { what: 'Prometheus query latency', comparison: '>', warning: ALERTS.figure('5s', 'duration', 'Prometheus query latency / Warning'), critical: ALERTS.figure('10s', 'duration', 'Prometheus query latency / Critical') },
  { what: 'memory usage, % of the limit', comparison: '>', warning: ALERTS.figure('80%', 'percent', 'Memory usage / Warning'), critical: ALERTS.figure('95%', 'percent', 'Memory usage / Critical') },
];

/** §8.1 rows: volumes, CPU request, memory request. */
export const CALCULATOR_ROWS = ([
  ['100', '100m', '128Mi'], ['250', '150m', '192Mi'], ['500', '200m', '256Mi'], ['750', '300m', '384Mi'], ['1000', '400m', '512Mi'], ['2000', '600m', '768Mi'],
] as const).map(([volumes, cpu, memory]) => ({
  volumes: CALCULATOR.figure(volumes, 'number', `${volumes} / Volumes`),
  cpu: CALCULATOR.figure(cpu, 'cpu', `${volumes} / CPU Request`),
  memory: CALCULATOR.figure(memory, 'memory', `${volumes} / Memory Request`),
}));

export const TESTED_VOLUMES = TESTED.figure('2,000', 'number', 'Volumes per cluster / Tested Limit');

function conflicts(scale: Scale, requests: { cpu: Figure; memory: Figure }): Conflict[] {
  const volumes = scale === 'medium' ? '500' : scale === 'large' ? '1000' : undefined;
  if (!volumes) return [];
  const row = CALCULATOR_ROWS.find((r) => r.volumes.printed === volumes)!;
  const out: Conflict[] = [];
  for (const resource of ['cpu', 'memory'] as const) {
    if (row[resource].value <= requests[resource].value) continue;
    out.push({
      subject: `operator ${resource} request at ${volumes} volumes`,
      first: { figure: requests[resource], says: `§5.1 recommends ${requests[resource].printed} for the ${scale} scale` },
      second: { figure: row[resource], says: `§8.1 recommends ${row[resource].printed} for ${volumes} volumes` },
      resolution: 'with a volume count (load) the larger of the two is required; with only the tier, §5.1',
    });
  }
  return out;
}

function operatorTier(scale: Scale): TierSizing {
  const tier: TierSizing = { workload: 'operator', tier: scale, source: SETTINGS.source, load: [BANDS[scale]], alerts };
  const resources = RESOURCES[scale];
  if (resources) {
    const [rc, rm, lc, lm] = resources;
    tier.requests = { cpu: SETTINGS.figure(rc, 'cpu', 'resources.requests.cpu'), memory: SETTINGS.figure(rm, 'memory', 'resources.requests.memory') };
    tier.limits = { cpu: SETTINGS.figure(lc, 'cpu', 'resources.limits.cpu'), memory: SETTINGS.figure(lm, 'memory', 'resources.limits.memory') };
    tier.conflicts = conflicts(scale, tier.requests as { cpu: Figure; memory: Figure });
  } else {
    // §5.1 stops at "Large (500+ volumes)"; §8.1's 2,000-volume row is the only sizing above 1,000.
    const row = CALCULATOR_ROWS[CALCULATOR_ROWS.length - 1];
    tier.source = CALCULATOR.source;
    tier.requests = { cpu: row.cpu, memory: row.memory };
  }
  const peak = PEAK[scale];
  if (peak) {
    const column = USAGE_COLUMN[scale]!;
    const peakMemory = USAGE.figure(peak[2], 'MB', `Memory (peak) / ${column}`);
    tier.usage = {
      reconcilingCpu: USAGE.figure(peak[0], 'cpu', `CPU (reconciling) / ${column}`),
      steadyMemory: USAGE.figure(peak[1], 'MB', `Memory (steady) / ${column}`),
      peakMemory,
    };
    // §10.2: size at the peak observed plus 20% headroom; §5.1's large request is below that.
    const needed = peakMemory.value * (1 + HEADROOM.value / 100);
    if (tier.requests.memory && tier.requests.memory.value < needed) {
      tier.conflicts = [...(tier.conflicts ?? []), {
        subject: 'operator memory request vs measured peak',
        first: { figure: tier.requests.memory, says: `§5.1 requests ${tier.requests.memory.printed}` },
        second: { figure: peakMemory, get says() { return `§3.1 measures a ${peakMemory.printed} MB peak, and §10.2 sizes at peak + ${HEADROOM.printed} (${Math.round(peakMemory.value * (1 + HEADROOM.value / 100) / 1e6)} MB)`; } },
        resolution: 'the tier keeps §5.1; the hover shows the peak-based size',
      }];
    }
  }
  if (scale === 'large' || scale === 'enterprise') tier.env = { RECONCILE_INTERVAL_SECONDS: RECONCILE.figure('600', 'number', 'env.RECONCILE_INTERVAL_SECONDS') };
  return tier;
}

export const SEED_003_TIERS: TierSizing[] = (['small', 'medium', 'large', 'enterprise'] as const).map(operatorTier);
