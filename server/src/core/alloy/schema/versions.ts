import { COMPONENTS_BY_NAME, SCHEMA_RELEASE, SCHEMA_VERSIONS } from './components';
import type { ArgSpec } from './types';

// The Alloy release a config is checked against: `alloyVersion` in .headroom.yaml or the
// `headroom.alloyVersion` setting (`1.10`, `v1.10.2`…), default the newest stable release the schema
// was generated from. Versions are compared by minor release, which is where Alloy adds and removes
// arguments (grafana/alloy CHANGELOG.md).

/** `1.18` for the schema's `1.18.1`. */
export const NEWEST_VERSION = minorOf(SCHEMA_RELEASE)!;
export const OLDEST_VERSION = SCHEMA_VERSIONS[0];

function minorOf(text: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** Whether `text` names an Alloy release the schema can check against (1.x, x ≤ the newest). */
export function validAlloyVersion(text: string): boolean {
  const minor = minorOf(text);
  return minor !== undefined && minor.startsWith('1.') && compareVersions(minor, NEWEST_VERSION) <= 0;
}

/** The minor release to check against; unset or unreadable values give the newest. */
export function resolveAlloyVersion(text: string | undefined): string {
  const minor = text ? minorOf(text) : undefined;
  if (!minor || !minor.startsWith('1.')) return NEWEST_VERSION;
  if (compareVersions(minor, NEWEST_VERSION) > 0) return NEWEST_VERSION;
  if (compareVersions(minor, OLDEST_VERSION) < 0) return OLDEST_VERSION;
  return minor;
}

const minors = new Map<string, number>();
/** `1.11` → 1011, so versions compare as numbers; memoised (only a few dozen versions exist). */
function ordinal(version: string): number {
  let n = minors.get(version);
  if (n === undefined) {
    const [major, minor] = version.split('.').map(Number);
    n = major * 1000 + minor;
    minors.set(version, n);
  }
  return n;
}

export function compareVersions(a: string, b: string): number {
  return ordinal(a) - ordinal(b);
}

export type Availability = { ok: true } | { ok: false; since: string } | { ok: false; removed: string };

/** Whether something with `since`/`removed` exists in `version`. */
export function availability(spec: { since?: string; removed?: string }, version: string): Availability {
  if (spec.since && compareVersions(version, spec.since) < 0) return { ok: false, since: spec.since };
  if (spec.removed && compareVersions(version, spec.removed) >= 0) return { ok: false, removed: spec.removed };
  return { ok: true };
}

export function availableIn(spec: { since?: string; removed?: string }, version: string): boolean {
  if (spec.since === undefined && spec.removed === undefined) return true;
  return availability(spec, version).ok;
}

/** The default of an argument in `version` (defaults that changed across releases are recorded). */
export function defaultIn(arg: ArgSpec, version: string): string | undefined {
  if (!arg.defaults) return arg.default;
  let current: string | undefined;
  for (const [from, value] of arg.defaults) {
    if (compareVersions(version, from) >= 0) current = value ?? undefined;
  }
  return current ?? arg.default;
}

/** A built-in component's top-level argument default in a release, as Alloy source text (`2000`, `"200ms"`). */
export function builtinDefault(component: string, argument: string, version: string): string | undefined {
  const arg = COMPONENTS_BY_NAME.get(component)?.args[argument];
  return arg ? defaultIn(arg, version) : undefined;
}
