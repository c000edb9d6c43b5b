import type { Severity } from './types';
import type { Load } from './capacity/load';

/**
 * The resolved configuration: VS Code settings (`headroom.*`) merged over the workspace
 * `.headroom.yaml`, merged over the defaults. Validated with zod (`config-schema.ts`) in `config.ts`.
 */
export interface HeadroomConfig {
  /** Tier used when neither a directive nor the file says, e.g. `medium`. Undefined: infer, else none. */
  defaultTier?: string;
  /** Per catalog workload: the tier to check against, e.g. `{ gateway: 'enterprise' }`. */
  tiers: Record<string, string>;
  /** Per finding code (`alloy/batch-timeout`) or format prefix (`k8s/*`): a severity, or `off`. */
  severity: Record<string, Severity | 'off'>;
  /** Files larger than this are not parsed; they get one `headroom/file-too-large` finding. */
  maxFileBytes: number;
  /** Alloy release the configs are checked against (`1.10`, `v1.10.2`); unset: the newest stable release Headroom knows. */
  alloyVersion?: string;
  /** Per catalog workload: the load it is sized for (`.headroom.yaml` `load:`); picks the tier when none is named. */
  load: Record<string, Load>;
}

/** What a severity setting may say: a severity, or `off`. */
export const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'hint', 'off'] as const;
