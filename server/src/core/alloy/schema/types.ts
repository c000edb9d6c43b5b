import type { AlloyTypeText, ArgFacts } from './data-types';

// The component schema as the analysis uses it (built from data/components.json by components.ts, and
// from `declare` blocks by modules.ts).

export interface ArgSpec extends ArgFacts {
  /** Our own short note for hovers and completion, where Headroom has something to add. */
  doc?: string;
}

export interface BlockSpec {
  args: Record<string, ArgSpec>;
  blocks: Record<string, BlockSpec>;
  required?: boolean;
  /** May appear more than once (`endpoint` in prometheus.remote_write, `rule` in discovery.relabel). */
  repeatable?: boolean;
  /** One of an ordered list of blocks (loki.process `stage.*`). */
  ordered?: boolean;
  /** Written with a label (`name "label" { … }`). */
  labelled?: boolean;
  deprecated?: string;
  since?: string;
  removed?: string;
  /** Contents not known (a component imported from a module Headroom cannot read): nothing inside is flagged. */
  open?: boolean;
  /** Our own short note. */
  doc?: string;
}

export type Stability = 'ga' | 'public-preview' | 'experimental';

export interface ComponentSpec extends BlockSpec {
  name: string;
  /** Reference page under docs/sources/reference/components/, when Alloy documents it. */
  docs?: string;
  stability: Stability;
  community?: boolean;
  exports: Record<string, AlloyTypeText>;
  /** `builtin`: a component of Alloy; `declare`: a custom component of the config; `config`: a config block. */
  origin: 'builtin' | 'declare' | 'config';
}
