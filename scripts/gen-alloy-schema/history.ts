import type { SchemaArg, SchemaBlock, SchemaComponent } from './model';

// Compares the Go-derived schemas of several Alloy releases (oldest first) with the newest one and
// writes into the newest: since which release each component, block and argument exists, what was
// removed (kept with `removed`, so an older chosen version still accepts it), and how defaults changed.

export interface Release {
  /** `1.11` (minor versions; the newest patch release of each is read). */
  version: string;
  components: Map<string, SchemaComponent>;
}

/**
 * `releases` are code-only schemas, oldest first, the newest release last; `newest` is that newest
 * release's schema merged with its docs, which receives the annotations.
 */
export function applyHistory(newest: Map<string, SchemaComponent>, releases: Release[]): void {
  const all = releases;
  for (const [name, component] of newest) {
    const present = all.map((r) => r.components.get(name));
    const since = sinceOf(all, present.map((c) => c !== undefined));
    if (since) component.since = since;
    annotateBlock(component, present, all);
  }
  // Components removed before the newest release, with their last schema.
  for (let i = all.length - 2; i >= 0; i--) {
    for (const [name, component] of all[i].components) {
      if (newest.has(name)) continue;
      const present = all.map((r) => r.components.get(name));
      const last = present.map((c, j) => (c ? j : -1)).reduce((a, b) => Math.max(a, b));
      if (last !== i) continue;
      const copy: SchemaComponent = structuredClone(component);
      copy.removed = all[last + 1].version;
      const since = sinceOf(all.slice(0, last + 1), present.slice(0, last + 1).map((c) => c !== undefined));
      if (since) copy.since = since;
      newest.set(name, copy);
    }
  }
}

/** The first release of the last unbroken run of releases having it, or undefined when that is the first release read. */
function sinceOf(all: { version: string }[], has: boolean[]): string | undefined {
  let start = has.length - 1;
  while (start > 0 && has[start - 1]) start--;
  return start === 0 ? undefined : all[start].version;
}

function annotateBlock(block: SchemaBlock, versions: (SchemaBlock | undefined)[], all: { version: string }[]): void {
  const newestIndex = versions.length - 1;
  // Arguments.
  const argNames = new Set<string>();
  for (const v of versions) for (const name of Object.keys(v?.args ?? {})) argNames.add(name);
  for (const name of argNames) {
    const present = versions.map((v) => v?.args[name]);
    const current = block.args[name];
    if (current) {
      const since = sinceOf(all, present.map((a) => a !== undefined));
      if (since) current.since = since;
      const history = defaultHistory(present, all);
      // History ends with the default documented now, or it is not trusted.
      if (history && history[history.length - 1][1] === current.default) current.defaults = history;
    } else {
      const last = lastIndex(present);
      if (last < 0 || last === newestIndex) continue;
      const removed: SchemaArg = { ...present[last]!, removed: all[last + 1].version };
      delete removed.since;
      const since = sinceOf(all.slice(0, last + 1), present.slice(0, last + 1).map((a) => a !== undefined));
      if (since) removed.since = since;
      block.args[name] = removed;
    }
  }
  // Blocks.
  const blockNames = new Set<string>();
  for (const v of versions) for (const name of Object.keys(v?.blocks ?? {})) blockNames.add(name);
  for (const name of blockNames) {
    const present = versions.map((v) => v?.blocks[name]);
    const current = block.blocks[name];
    if (current) {
      const since = sinceOf(all, present.map((b) => b !== undefined));
      if (since) current.since = since;
      annotateBlock(current, present, all);
    } else {
      const last = lastIndex(present);
      if (last < 0 || last === newestIndex) continue;
      const removed: SchemaBlock = structuredClone(present[last]!);
      removed.removed = all[last + 1].version;
      block.blocks[name] = removed;
    }
  }
}

function lastIndex<T>(items: (T | undefined)[]): number {
  for (let i = items.length - 1; i >= 0; i--) if (items[i] !== undefined) return i;
  return -1;
}

/** `[[version, default], …]` when the code default changed across the releases that have the argument. */
function defaultHistory(present: (SchemaArg | undefined)[], all: { version: string }[]): [string, string | null][] | undefined {
  const runs: [string, string | null][] = [];
  for (let i = 0; i < present.length; i++) {
    const arg = present[i];
    if (!arg) continue;
    // A number or bool the defaults leave unset is Go's zero value (send_batch_max_size was 0 before 1.11).
    const zero = arg.type === 'number' ? '0' : arg.type === 'bool' ? 'false' : null;
    const value = arg.default ?? (arg.required ? null : zero);
    if (runs.length === 0 || runs[runs.length - 1][1] !== value) runs.push([all[i].version, value]);
  }
  // Only changes between known defaults are history; an unknown (run-time computed) one is not a change.
  const known = runs.filter(([, v]) => v !== null);
  const distinct = new Set(known.map(([, v]) => v));
  return distinct.size > 1 ? known.filter((run, i) => i === 0 || run[1] !== known[i - 1][1]) : undefined;
}
