import * as path from 'node:path';
import type { BlockStmt, Expr } from './ast';
import type { ComponentIndex } from './components';
import type { AlloyDeclareFact, DocumentFacts, WorkspaceIndex } from '../workspace';
import type { LocationResult } from '../types';
import type { ComponentSpec } from './schema/types';
import { COMPONENTS_BY_NAME } from './schema/components';
import { importedFiles, uriPath } from './module-files';
import { isValidIdentifier } from './identifier';

// Which component a block name stands for: a built-in component, a custom component declared in the
// file (`declare "name"`), in another .alloy file of its folder (`alloy run DIR` loads a folder as one
// config, grafana/alloy docs/sources/reference/cli/run.md), or in a module imported with `import.file`
// (a file or a folder, docs/sources/reference/config-blocks/import.file.md). Modules imported with
// import.git, import.http or import.string are not fetched: their components are `open`, never flagged.

export type ComponentResolution =
  | { kind: 'builtin'; spec: ComponentSpec }
  | { kind: 'declare'; spec: ComponentSpec; location?: LocationResult; from?: string }
  | { kind: 'open'; namespace: string; reason: string }
  | { kind: 'unknown' };

/** The custom component a `declare` block defines: its `argument` blocks are its arguments, its `export` blocks its exports. */
export function declareSpec(block: BlockStmt, exportType: (value: Expr) => string): ComponentSpec {
  const spec: ComponentSpec = { name: block.label ?? '', origin: 'declare', stability: 'ga', args: {}, blocks: {}, exports: {} };
  for (const statement of block.body) {
    // A label that is not an identifier is a syntax error in Alloy (grafana/alloy syntax/parser/internal.go
    // at 66ebea856d, parseBlockName: "expected block label to be a valid identifier"): no such argument
    // or export exists, and no fix may rename a use to it.
    if (statement.kind !== 'block' || statement.label === undefined || !isValidIdentifier(statement.label)) continue;
    if (statement.name === 'argument') {
      const optional = statement.body.find((s) => s.kind === 'attribute' && s.name === 'optional');
      const literal = optional?.kind === 'attribute' && optional.value.kind === 'bool' ? optional.value.value : undefined;
      // `optional` defaults to false (docs/sources/reference/config-blocks/argument.md); a computed value is not judged.
      const comment = statement.body.find((s) => s.kind === 'attribute' && s.name === 'comment');
      spec.args[statement.label] = {
        type: 'any',
        ...(optional === undefined || literal === false ? { required: true } : {}),
        ...(comment?.kind === 'attribute' && comment.value.kind === 'string' ? { doc: String(comment.value.value) } : {}),
      };
    } else if (statement.name === 'export') {
      const value = statement.body.find((s) => s.kind === 'attribute' && s.name === 'value');
      spec.exports[statement.label] = value?.kind === 'attribute' ? exportType(value.value) : 'any';
    }
  }
  return spec;
}

export function declareFactSpec(fact: AlloyDeclareFact): ComponentSpec {
  const spec: ComponentSpec = { name: fact.name, origin: 'declare', stability: 'ga', args: {}, blocks: {}, exports: {} };
  for (const arg of fact.arguments) spec.args[arg.name] = { type: 'any', ...(arg.required ? { required: true } : {}) };
  for (const exp of fact.exports) spec.exports[exp.name] = exp.type;
  return spec;
}

/** The other .alloy files of the same folder, from the workspace facts. */
export function folderSiblings(uri: string, workspace: WorkspaceIndex): DocumentFacts[] {
  const own = uriPath(uri);
  if (!own) return [];
  const dir = path.posix.dirname(own);
  return workspace.all().filter((facts) => facts.uri !== uri && facts.alloy !== undefined && isFolderSibling(own, dir, facts.uri));
}

/** Whether `other` is another .alloy file of the folder `dir` that holds the file at `own`. */
function isFolderSibling(own: string, dir: string, other: string): boolean {
  const file = uriPath(other);
  return file !== undefined && file !== own && file.endsWith('.alloy') && path.posix.dirname(file) === dir;
}

/**
 * Whether the facts of the file `uri` (with this component index) can read the facts of the file `other`.
 * Of its facts only its declares' export types read other files (service.ts moduleFacts), and only
 * through the names of its components (expr-types.ts findReference, ComponentResolver.lookup): a name
 * that is no local declare reads the modules of the import.file block of its namespace, or, without a
 * namespace and when no built-in component has it, the declares of its folder's other .alloy files.
 * Any file an import.file block's filename could name counts, also one that only makes a relative
 * filename ambiguous (module-files.ts: then nothing is loaded).
 */
export function factsCanRead(uri: string, index: ComponentIndex, other: string): boolean {
  if (other === uri) return false;
  const reads = otherFilesRead(index);
  if (!reads.siblings && reads.imports.length === 0) return false;
  const own = uriPath(uri);
  if (own === undefined) return false;
  if (reads.siblings && isFolderSibling(own, path.posix.dirname(own), other)) return true;
  return reads.imports.some((block) => importedFiles(uri, block, [other]).length > 0);
}

/** What of other files the facts of a file with this index can read (see factsCanRead), once per index. */
const filesRead = new WeakMap<ComponentIndex, { siblings: boolean; imports: BlockStmt[] }>();
function otherFilesRead(index: ComponentIndex): { siblings: boolean; imports: BlockStmt[] } {
  let reads = filesRead.get(index);
  if (reads) return reads;
  reads = { siblings: false, imports: [] };
  const exports = [...index.declares.values()].some((block) => block.body.some((s) => s.kind === 'block' && s.name === 'export'));
  if (exports) {
    for (const block of index.components.values()) {
      const name = block.name;
      if (index.declares.has(name)) continue;
      const dot = name.indexOf('.');
      if (dot < 0) {
        if (!COMPONENTS_BY_NAME.has(name)) reads.siblings = true;
        continue;
      }
      const imported = index.imports.get(name.slice(0, dot));
      if (imported?.name === 'import.file' && !reads.imports.includes(imported)) reads.imports.push(imported);
    }
  }
  filesRead.set(index, reads);
  return reads;
}

/** The workspace files (with Alloy facts) an `import.file` block loads; the editor's module-files.ts decides which. */
export function importedModules(importer: string, block: BlockStmt, workspace: WorkspaceIndex): DocumentFacts[] {
  const uris = workspace.all().filter((facts) => facts.alloy && facts.uri !== importer).map((facts) => facts.uri);
  return importedFiles(importer, block, uris).flatMap((uri) => {
    const facts = workspace.get(uri);
    return facts?.alloy ? [facts] : [];
  });
}

/**
 * The spec of a declare block, kept for the next versions of a document being edited: a declare an
 * edit did not touch is the same object (alloy/reuse.ts), with the same text. What else its spec
 * reads — the export types, through the file's components, custom components and imports — is the
 * same while the file's components (`signature`), its declarations (components.ts `declarations`)
 * and the other files' facts are.
 */
const keptSpecs = new WeakMap<BlockStmt, {
  spec: ComponentSpec;
  signature: string;
  declarations: readonly unknown[];
  workspace: readonly DocumentFacts[];
}>();

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Whether two lists of the workspace's facts are the same objects, leaving out those of `uri`. */
function sameOtherFiles(a: readonly DocumentFacts[], b: readonly DocumentFacts[], uri: string): boolean {
  if (a === b) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a[i].uri === uri) i++;
    while (j < b.length && b[j].uri === uri) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i++] !== b[j++]) return false;
  }
}

/** Resolves component names of one document (cached per request; the workspace may change between requests). */
export class ComponentResolver {
  private readonly localSpecs = new Map<string, ComponentSpec>();
  private readonly cache = new Map<string, ComponentResolution>();
  /** Whether a kept spec's declarations or workspace (lists shared by the specs kept from one version) are this version's, found once per list. */
  private readonly sameAsNow = new Map<readonly unknown[], boolean>();
  /** Local declares whose spec is being made, and those whose spec is not kept (see localDeclare). */
  private readonly building = new Set<string>();
  private readonly unkeepable = new Set<string>();
  private siblingFacts?: DocumentFacts[];

  constructor(
    private readonly uri: string,
    private readonly index: ComponentIndex,
    private readonly workspace: WorkspaceIndex,
    private readonly exportType: (value: Expr) => string,
  ) {}

  resolve(name: string): ComponentResolution {
    let resolution = this.cache.get(name);
    if (!resolution) {
      resolution = this.lookup(name);
      this.cache.set(name, resolution);
    }
    return resolution;
  }

  workspaceIndex(): WorkspaceIndex {
    return this.workspace;
  }

  /** The other .alloy files of this file's folder (one config under `alloy run DIR`). */
  siblings(): DocumentFacts[] {
    this.siblingFacts ??= folderSiblings(this.uri, this.workspace);
    return this.siblingFacts;
  }

  /** The spec of a custom component declared in this file. */
  localDeclare(name: string): ComponentSpec | undefined {
    const block = this.index.declares.get(name);
    if (!block) return undefined;
    let spec = this.localSpecs.get(name);
    if (spec) {
      // A spec in the making (a cycle of exports), or made from one, depends on which declare was
      // asked for first: so does every spec being made from it now, and none of them is kept.
      if (this.building.has(name) || this.unkeepable.has(name)) for (const other of this.building) this.unkeepable.add(other);
      return spec;
    }
    const kept = keptSpecs.get(block);
    const all = this.workspace.all();
    if (kept && kept.signature === this.index.signature && this.same(kept.declarations, () => sameItems(kept.declarations, this.index.declarations))
      && this.same(kept.workspace, () => sameOtherFiles(kept.workspace, all, this.uri))) {
      this.localSpecs.set(name, kept.spec);
      return kept.spec;
    }
    // A declare's exports may refer to components whose types need this scope: guard recursion.
    spec = { name, origin: 'declare', stability: 'ga', args: {}, blocks: {}, exports: {} };
    this.localSpecs.set(name, spec);
    this.building.add(name);
    try {
      Object.assign(spec, declareSpec(block, this.exportType));
    } finally {
      this.building.delete(name);
    }
    if (!this.unkeepable.has(name)) {
      keptSpecs.set(block, { spec, signature: this.index.signature, declarations: this.index.declarations, workspace: all });
    }
    return spec;
  }

  private same(list: readonly unknown[], compare: () => boolean): boolean {
    let same = this.sameAsNow.get(list);
    if (same === undefined) {
      same = compare();
      this.sameAsNow.set(list, same);
    }
    return same;
  }

  private lookup(name: string): ComponentResolution {
    const local = this.localDeclare(name);
    if (local) return { kind: 'declare', spec: local };
    const dot = name.indexOf('.');
    if (dot > 0) {
      const namespace = name.slice(0, dot);
      const imported = this.index.imports.get(namespace);
      if (imported) return this.fromImport(imported, namespace, name.slice(dot + 1));
    }
    const builtin = COMPONENTS_BY_NAME.get(name);
    if (builtin) return { kind: 'builtin', spec: builtin };
    if (dot < 0) {
      for (const sibling of this.siblings()) {
        const fact = sibling.alloy!.declares.find((d) => d.name === name);
        if (fact) return { kind: 'declare', spec: declareFactSpec(fact), location: { uri: sibling.uri, range: fact.range }, from: sibling.uri };
      }
    }
    return { kind: 'unknown' };
  }

  private fromImport(block: BlockStmt, namespace: string, member: string): ComponentResolution {
    if (block.name !== 'import.file') {
      const source = block.name === 'import.string' ? 'its module text is not read' : `${block.name} sources are not fetched`;
      return { kind: 'open', namespace, reason: `${block.name} "${namespace}": ${source}, so its components are not checked` };
    }
    const files = importedModules(this.uri, block, this.workspace);
    for (const facts of files) {
      const fact = facts.alloy!.declares.find((d) => d.name === member);
      if (fact) return { kind: 'declare', spec: declareFactSpec({ ...fact, name: `${namespace}.${member}` }), location: { uri: facts.uri, range: fact.range }, from: facts.uri };
    }
    if (files.length === 0) {
      return { kind: 'open', namespace, reason: `import.file "${namespace}": the module is not in the workspace (or its filename is computed), so its components are not checked` };
    }
    return { kind: 'unknown' };
  }
}
