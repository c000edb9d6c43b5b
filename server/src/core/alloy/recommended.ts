import type { TierCatalog, TierRecommendation } from '../capacity/catalog-types';
import { citeField } from '../capacity/catalog';
import type { Citation } from '../types';
import type { TierSelection } from './tier';

// The pipeline settings Headroom recommends, read from the sizing model: the chosen tier's, else the
// ones the alloy workload's document gives every tier (seed 000 writes one River configuration for all
// sizes). Completion, inserted components and fixes all read them here, so they cannot differ.

export interface Recommended {
  value: number;
  citation: Citation;
  /** `medium tier` when a tier is chosen, else the document (`000_….txt`). */
  from: string;
}

type Group = 'batch' | 'memoryLimiter';

function baseline(catalog: TierCatalog, tier?: TierSelection): TierRecommendation | undefined {
  return tier?.tier ?? catalog.tiers('alloy').find((t) => t.batch || t.memoryLimiter);
}

export function recommended<G extends Group>(catalog: TierCatalog, tier: TierSelection | undefined, group: G, field: keyof NonNullable<TierRecommendation[G]>): Recommended | undefined {
  const source = baseline(catalog, tier);
  const value = (source?.[group] as Record<string, number | undefined> | undefined)?.[field as string];
  if (!source || value === undefined) return undefined;
  const citation = citeField(source, `${group}.${String(field)}`);
  return { value, citation, from: tier ? `${tier.tier.tier} tier` : documentName(citation) };
}

/** `seed 000` for a seed file (`000_….txt`), else the document as named. */
export function documentName(citation: Citation): string {
  const seed = /^(\d{3})_/.exec(citation.document);
  return seed ? `seed ${seed[1]}` : citation.document;
}

/** An otelcol.receiver.otlp argument by its block path (`grpc.max_recv_msg_size`). */
export function recommendedReceiver(catalog: TierCatalog, tier: TierSelection | undefined, path: string): Recommended | undefined {
  const source = tier?.tier ?? catalog.tiers('alloy').find((t) => t.receiver);
  const value = source?.receiver?.[path];
  if (!source || value === undefined) return undefined;
  const citation = citeField(source, `receiver.${path}`);
  return { value, citation, from: tier ? `${tier.tier.tier} tier` : documentName(citation) };
}
