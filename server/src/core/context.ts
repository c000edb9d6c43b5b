import type { TierCatalog } from './capacity/catalog-types';
import type { HeadroomConfig } from './config-types';
import type { WorkspaceIndex } from './workspace';

/** Everything a rule, hover or estimate may consult besides its own document. */
export interface AnalysisContext {
  config: HeadroomConfig;
  catalog: TierCatalog;
  workspace: WorkspaceIndex;
}
