import type { Figure } from './figures';
import type { TierSizing } from './model-types';
import { SEED_000_TIERS } from './seeds/seed-000';
import { SEED_001_TIERS } from './seeds/seed-001';
import { SEED_002_TIERS } from './seeds/seed-002';
import { SEED_003_TIERS } from './seeds/seed-003';
import { SEED_004_TIERS } from './seeds/seed-004';

// The sizing model: every tier of every workload the five capacity-planning documents size, smallest
// first within a workload, each field a Figure with its document and section. The report API a
// capacity report builds on is `capacity/report.ts`; consumers inside the analysis read it through
// `AnalysisContext.catalog` (catalog.ts), so a number cannot differ between two features.

export const MODEL_TIERS: readonly TierSizing[] = [
  ...SEED_000_TIERS,
  ...SEED_004_TIERS.filter((t) => t.workload === 'gateway' || t.workload === 'clickhouse'),
  ...SEED_002_TIERS.filter((t) => t.workload === 'clickhouse'),
  ...SEED_004_TIERS.filter((t) => t.workload !== 'gateway' && t.workload !== 'clickhouse'),
  ...SEED_002_TIERS.filter((t) => t.workload !== 'clickhouse'),
  ...SEED_001_TIERS,
  ...SEED_003_TIERS,
];

export function isFigure(value: unknown): value is Figure {
  return typeof value === 'object' && value !== null && 'printed' in value && 'unit' in value && 'source' in value;
}

/** Every figure of a tier by its field path (`requests.cpu`, `hpa.scaleUp.policy.value`, `env.GOGC`). */
export function tierFigures(tier: TierSizing): Record<string, Figure> {
  const out: Record<string, Figure> = {};
  const walk = (value: unknown, path: string) => {
    if (isFigure(value)) {
      out[path] = value;
      return;
    }
    // Lists are no fields: load bands, alerts, conflicts, arithmetic and notes (allModelFigures reads the
    // first four); the tier's `source` is a citation, which holds no figure.
    if (Array.isArray(value) || typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(tier, '');
  // `throughput.figure` reads as `throughput`.
  for (const key of Object.keys(out)) {
    if (key.endsWith('.figure')) {
      out[key.slice(0, -'.figure'.length)] = out[key];
      delete out[key];
    }
  }
  return out;
}

/** Every figure the model holds, tier fields, load bands, alerts and conflicts alike (deduplicated). */
export function allModelFigures(tiers: readonly TierSizing[] = MODEL_TIERS): Figure[] {
  const seen = new Set<Figure>();
  for (const tier of tiers) {
    for (const figure of Object.values(tierFigures(tier))) seen.add(figure);
    // Stryker disable next-line ArrayDeclaration: equivalent; a tier without bands iterating ["Stryker was here"] reads .min/.max of a string, undefined, and adds nothing
    for (const band of tier.load ?? []) {
      for (const bound of [band.min, band.max]) if (bound) seen.add(bound.figure);
    }
    // Stryker disable next-line ArrayDeclaration: equivalent; a tier without alerts iterating ["Stryker was here"] reads .warning/.critical/.for of a string, undefined, and adds nothing
    for (const alert of tier.alerts ?? []) {
      for (const f of [alert.warning, alert.critical, alert.for]) if (f) seen.add(f);
    }
    for (const conflict of tier.conflicts ?? []) seen.add(conflict.first.figure).add(conflict.second.figure);
    for (const wrong of tier.arithmetic ?? []) seen.add(wrong.figure);
  }
  return [...seen];
}
