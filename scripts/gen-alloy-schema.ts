import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { directoryTree, gitTree, type SourceTree } from './gen-alloy-schema/source-tree';
import { GoIndex } from './gen-alloy-schema/go-packages';
import { GoSchemaReader } from './gen-alloy-schema/go-schema';
import { readDocPages } from './gen-alloy-schema/docs';
import { emptyDisagreements, mergeDocs, nameCapsules, nameReplacements } from './gen-alloy-schema/merge';
import { applyHistory, type Release } from './gen-alloy-schema/history';
import { toData } from './gen-alloy-schema/output';
import type { SchemaBlock, SchemaComponent } from './gen-alloy-schema/model';

// `npm run gen:alloy-schema -- PATH_TO_ALLOY_CHECKOUT [--history GIT_DIR] [--out FILE]`
//
// Writes server/src/core/alloy/schema/data/components.json: every component of the Alloy release in
// the checkout, from its Go code (names, attribute/block structure, required, types, defaults) and its
// reference pages (capsule names, defaults computed at run time, allowed values, deprecations). With
// --history, the newest patch release of every earlier 1.x minor is read from that git directory (tags
// v1.X.Y) to record since when each component, block and argument exists, what was removed and which
// defaults changed. Prints the disagreements between docs and code and how they were resolved.
// Nothing of the checkout is copied: the data holds names, types, defaults and versions only.

/** Test-only components registered next to the real ones (internal/runtime/internal/testcomponents…). */
const TEST_ONLY = /^(testcomponents|pipelinetest|test|module)\.|^testcomponents/;
const GO_ROOTS = ['internal/', 'syntax/'];

/**
 * Config blocks (docs/sources/reference/config-blocks/) and the Go types they decode into in v1.18.1.
 * `declare` has no arguments of its own (its body is a module); foreach's `template` holds components.
 */
const CONFIG_BLOCKS: Record<string, { dir: string; type: string }> = {
  logging: { dir: 'internal/runtime/logging', type: 'Options' },
  tracing: { dir: 'internal/runtime/tracing', type: 'Options' },
  http: { dir: 'internal/service/http', type: 'Arguments' },
  remotecfg: { dir: 'internal/service/remotecfg', type: 'Arguments' },
  livedebugging: { dir: 'internal/service/livedebugging', type: 'Arguments' },
  argument: { dir: 'internal/nodeconf/argument', type: 'Arguments' },
  export: { dir: 'internal/nodeconf/export', type: 'Arguments' },
  foreach: { dir: 'internal/nodeconf/foreach', type: 'Arguments' },
  'import.file': { dir: 'internal/nodeconf/importsource', type: 'FileArguments' },
  'import.git': { dir: 'internal/nodeconf/importsource', type: 'GitArguments' },
  'import.http': { dir: 'internal/nodeconf/importsource', type: 'HTTPArguments' },
  'import.string': { dir: 'internal/nodeconf/importsource', type: 'StringArguments' },
};

interface Options {
  checkout: string;
  history?: string;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const positional: string[] = [];
  let history: string | undefined;
  let out = path.join(__dirname, '..', '..', 'server', 'src', 'core', 'alloy', 'schema', 'data', 'components.json');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--history') history = argv[++i];
    else if (argv[i] === '--out') out = argv[++i];
    else positional.push(argv[i]);
  }
  if (positional.length !== 1) {
    console.error('usage: gen-alloy-schema PATH_TO_ALLOY_CHECKOUT [--history GIT_DIR] [--out FILE]');
    process.exit(2);
  }
  return { checkout: positional[0], history, out };
}

function releaseOf(tree: SourceTree): string {
  const manifest = tree.read('.release-please-manifest.json');
  const fromManifest = manifest ? /"\.":\s*"([^"]+)"/.exec(manifest)?.[1] : undefined;
  const fromChangelog = /^## \[?v?(\d+\.\d+\.\d+)/m.exec(tree.read('CHANGELOG.md') ?? '')?.[1];
  const version = fromManifest ?? fromChangelog;
  if (!version) throw new Error(`cannot tell the Alloy release of ${tree.label}`);
  return version;
}

/** Components of one source tree, from the Go code only. */
function goComponents(tree: SourceTree): { components: Map<string, SchemaComponent>; configBlocks: Map<string, SchemaBlock>; unmapped: Map<string, string[]> } {
  const index = new GoIndex(tree, GO_ROOTS);
  const reader = new GoSchemaReader(index);
  const configBlocks = new Map<string, SchemaBlock>();
  for (const [name, { dir, type }] of Object.entries(CONFIG_BLOCKS)) {
    const block = reader.configBlock(dir, type);
    if (block) configBlocks.set(name, block);
  }
  const components = new Map<string, SchemaComponent>();
  for (const registration of reader.registrations()) {
    if (TEST_ONLY.test(registration.name) || registration.pkg.dir.includes('testcomponents')) continue;
    const component = reader.component(registration);
    // A component registered twice is a build-tag stub next to the real one (the datadog exporter):
    // keep the one with more arguments.
    const other = components.get(registration.name);
    if (other && size(other) >= size(component)) continue;
    components.set(registration.name, component);
  }
  return { components, configBlocks, unmapped: reader.unmapped };
}

/** One shared block and one component per line: small, and a regenerated schema diffs line by line. */
function serialise(data: ReturnType<typeof toData>): string {
  const { shared, components, configBlocks, ...meta } = data;
  const section = (entries: Record<string, unknown>) =>
    Object.entries(entries).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n');
  const head = Object.entries(meta).map(([key, value]) => ` ${JSON.stringify(key)}: ${JSON.stringify(value)},`).join('\n');
  return `{\n${head}\n "shared": {\n${section(shared)}\n },\n "components": {\n${section(components)}\n },\n "configBlocks": {\n${section(configBlocks)}\n }\n}\n`;
}

function size(block: SchemaComponent): number {
  return JSON.stringify(block).length;
}

/** The newest patch tag of every 1.x minor before `newest` (`v1.0.3`, `v1.1.1`, …). */
function historyTags(gitDir: string, newest: string): { tag: string; minor: string }[] {
  const tags = execFileSync('git', ['-C', gitDir, 'tag', '-l', 'v1.*']).toString().split('\n').filter((t) => /^v1\.\d+\.\d+$/.test(t));
  const byMinor = new Map<number, { tag: string; patch: number }>();
  for (const tag of tags) {
    const [, minor, patch] = /^v1\.(\d+)\.(\d+)$/.exec(tag)!.map(Number);
    if (!byMinor.has(minor) || byMinor.get(minor)!.patch < patch) byMinor.set(minor, { tag, patch });
  }
  const newestMinor = Number(newest.split('.')[1]);
  return [...byMinor.entries()].filter(([minor]) => minor < newestMinor).sort(([a], [b]) => a - b).map(([minor, { tag }]) => ({ tag, minor: `1.${minor}` }));
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const tree = directoryTree(options.checkout);
  const release = releaseOf(tree);
  const minor = release.split('.').slice(0, 2).join('.');
  let commit: string | undefined;
  for (const [dir, ref] of [[options.checkout, "HEAD"], [options.history, `v${release}^{commit}`]] as const) {
    if (commit || !dir) continue;
    try { commit = execFileSync('git', ['-C', dir, 'rev-parse', ref], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { /* not a git directory */ }
  }

  const { components: codeOnly, configBlocks, unmapped } = goComponents(tree);
  const missingConfigBlocks = Object.keys(CONFIG_BLOCKS).filter((name) => !configBlocks.has(name));
  if (missingConfigBlocks.length > 0) throw new Error(`config blocks not found in the Go code: ${missingConfigBlocks.join(', ')}`);
  const pages = readDocPages(tree);
  const report = emptyDisagreements();
  const merged = new Map<string, SchemaComponent>();
  for (const [name, component] of codeOnly) {
    const copy = structuredClone(component);
    mergeDocs(copy, pages.find((p) => p.name === name), report);
    merged.set(name, copy);
  }

  const releases: Release[] = [];
  if (options.history) {
    for (const { tag, minor: m } of historyTags(options.history, release)) {
      const old = goComponents(gitTree(options.history, tag, [...GO_ROOTS, 'go.mod']));
      releases.push({ version: m, components: old.components });
      console.log(`read ${tag}: ${old.components.size} components`);
    }
  }
  releases.push({ version: minor, components: codeOnly });
  applyHistory(merged, releases);
  // A removed component may keep a page that says so (otelcol.receiver.opencensus).
  for (const component of merged.values()) component.page ??= pages.find((p) => p.name === component.name)?.page;
  nameReplacements(merged, pages);
  nameCapsules(merged, report);
  const configComponents = new Map([...configBlocks].map(([name, block]) => [name, { ...block, name, stability: 'generally-available' as const, exports: {} }]));
  nameCapsules(configComponents, report);

  const data = toData(merged, {
    $comment: `Generated by scripts/gen-alloy-schema.ts from grafana/alloy v${release} (Go struct tags and defaults, reference pages under docs/sources/reference/components/). Do not edit.`,
    alloy: release,
    ...(commit ? { commit } : {}),
    versions: releases.map((r) => r.version),
  }, configComponents);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, serialise(data));

  const pagesWithoutCode = pages.filter((p) => !codeOnly.has(p.name)).map((p) => `${p.name}${p.removed ? ' (page says removed)' : ''}`);
  const codeWithoutPage = [...codeOnly.keys()].filter((n) => !pages.some((p) => p.name === n));
  let argCount = 0;
  const countArgs = (block: { args: object; blocks: Record<string, { args: object; blocks: object }> }) => {
    argCount += Object.keys(block.args).length;
    for (const child of Object.values(block.blocks)) countArgs(child as never);
  };
  for (const component of codeOnly.values()) countArgs(component as never);
  console.log(`Alloy ${release}: ${codeOnly.size} components, ${argCount} arguments (nested blocks counted where used), ${pages.length} reference pages`);
  console.log(`pages without code: ${pagesWithoutCode.join(', ') || 'none'}; code without a page: ${codeWithoutPage.join(', ') || 'none'}`);
  console.log('docs vs code:');
  console.log(`  documented but not in the Go struct (left out, Alloy rejects them): ${report.documentedOnly.length}`);
  console.log(`  in the Go struct but undocumented (kept, Alloy accepts them): ${report.undocumented.length}`);
  console.log(`  defaults that differ (code kept): ${report.defaults.length}`);
  console.log(`  required that differs (code kept): ${report.required.length}`);
  console.log(`  types that differ (code kept): ${report.types.length}`);
  console.log(`  defaults only the docs give (taken from the docs): ${report.defaultsFromDocs}`);
  console.log(`  allowed-value lists from the docs: ${report.enums}; lists where the code's UnmarshalText differs from the docs (code kept): ${report.enumsFromCode}; deprecations from the docs: ${report.deprecations}`);
  if (process.env.GEN_ALLOY_SCHEMA_VERBOSE) {
    for (const [title, list] of Object.entries({ documentedOnly: report.documentedOnly, undocumented: report.undocumented, defaults: report.defaults, required: report.required, types: report.types })) {
      console.log(`\n## ${title}\n${list.join('\n')}`);
    }
  }
  if (unmapped.size > 0) console.log(`Go types without an Alloy mapping (typed any): ${[...unmapped.keys()].join(', ')}`);
  console.log(`wrote ${options.out} (${fs.statSync(options.out).size} bytes)`);
}

if (require.main === module) main();
