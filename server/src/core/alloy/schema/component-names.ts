import { COMPONENTS } from './components';

// Names of the components of the newest Alloy release the schema describes (removed ones left out),
// for features that only need the names (semantic tokens).
export const ALLOY_COMPONENT_NAMES: readonly string[] = COMPONENTS.filter((c) => !c.removed).map((c) => c.name);
