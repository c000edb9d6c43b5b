import * as path from 'node:path';
import type { HighlightResult, PrepareRenameResult, RenameResult, WorkspaceDocuments } from '../editor-types';
import type { Position, TextEdit } from '../types';
import type { AttributeStmt, BlockStmt, Span, Statement } from './ast';
import { CONFIG_BLOCKS } from './components';
import { importedFiles, uriPath } from './module-files';
import {
  allScopes, labelNameSpan, moduleScope, namePartSpans, resolveComponent, scopeAt, visibleDeclare, visibleImport,
  type ModuleScope, type ReferenceChain,
} from './module-scope';
import type { AlloyParsed } from './parser';
import { STDLIB_ROOTS, lookupStdlib } from './stdlib';
import { isValidIdentifier } from './identifier';

// Rename and document highlights for Alloy names: component labels, custom components (`declare`),
// their arguments and exports, and import namespaces. A name is found where it is declared and where
// it is used — in its module, in the other files of the same directory (`alloy run DIR` loads them as
// one module), and, for what a module exports, in the files that import it with `import.file`.
// Rename writes only the names: a label's text between its quotes, one part of a dotted name.

type AlloyWorkspace = WorkspaceDocuments<AlloyParsed>;

/** Where something sits: a document and the module (scope) inside it. */
interface Place {
  uri: string;
  scope: ModuleScope;
}

/** A custom component: where its `declare` is, when known, and where it was met through an import. */
interface CustomComponent {
  name: string;
  definition?: Place & { block: BlockStmt; body: ModuleScope };
  /** The module that uses it through the import `prefix[0]`, when the target was found there. */
  use?: Place & { prefix: string[] };
}

type Target =
  | { kind: 'component'; place: Place; key: string; block: BlockStmt }
  | { kind: 'declare'; component: CustomComponent }
  | { kind: 'argument'; name: string; module?: Place; component?: CustomComponent }
  | { kind: 'export'; name: string; component: CustomComponent }
  | { kind: 'import'; place: Place; name: string; block: BlockStmt }
  | { kind: 'stdlib'; name: string };

interface Occurrence {
  uri: string;
  span: Span;
  declaration: boolean;
}

type Found = { target: Target; span: Span } | { error: string };

const NOTHING = 'Nothing to rename here: put the cursor on a component label, a custom component (declare), an argument, an export or an import namespace.';

export function prepareRename(parsed: AlloyParsed, position: Position, workspace: AlloyWorkspace): PrepareRenameResult {
  const found = targetAt(parsed, parsed.lines.offsetAt(position), workspace);
  if ('error' in found) return found;
  if (found.target.kind === 'stdlib') return { error: `\`${found.target.name}\` is an Alloy standard-library function: its name is fixed.` };
  return { range: parsed.lines.range(found.span.start, found.span.end), placeholder: parsed.doc.text.slice(found.span.start, found.span.end) };
}

export function rename(parsed: AlloyParsed, position: Position, newName: string, workspace: AlloyWorkspace): RenameResult {
  const prepared = prepareRename(parsed, position, workspace);
  if ('error' in prepared) return prepared;
  const found = targetAt(parsed, parsed.lines.offsetAt(position), workspace) as { target: Target; span: Span };
  if (!isValidIdentifier(newName)) {
    return { error: `\`${newName}\` is not a valid Alloy identifier: it must start with a letter or _, go on with letters, digits or _, and not be true, false or null.` };
  }
  if (newName === prepared.placeholder) return { changes: {} };
  const clash = conflict(found.target, newName, workspace);
  if (clash) return { error: clash };
  if ((found.target.kind === 'declare' || found.target.kind === 'export' || found.target.kind === 'argument') &&
    found.target.component && !found.target.component.definition) {
    return { error: `The \`declare "${found.target.component.name}"\` behind this name is not in the workspace, so its uses cannot all be found.` };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of occurrences(found.target, workspace)) {
    const doc = workspace.get(occurrence.uri)!;
    (changes[occurrence.uri] ??= []).push({ range: doc.lines.range(occurrence.span.start, occurrence.span.end), newText: newName });
  }
  return { changes };
}

/**
 * The declaration and the uses, in this document, of the name at `position`. Elsewhere (an attribute
 * name, a word in a string), the same whole word, as an editor highlights it when no language knows
 * better: registering highlights for Alloy turns the editor's own word highlighting off.
 */
export function documentHighlights(parsed: AlloyParsed, position: Position): HighlightResult[] {
  const workspace: AlloyWorkspace = { uris: () => [parsed.doc.uri], get: (uri) => (uri === parsed.doc.uri ? parsed : undefined) };
  const offset = parsed.lines.offsetAt(position);
  const found = targetAt(parsed, offset, workspace);
  if ('error' in found) return sameWord(parsed, offset);
  return occurrences(found.target, workspace)
    .filter((o) => o.uri === parsed.doc.uri)
    .map((o) => ({ range: parsed.lines.range(o.span.start, o.span.end), kind: o.declaration ? 'write' as const : 'read' as const }));
}

const WORD = /[\p{L}\p{Nd}_]+/gu;

function sameWord(parsed: AlloyParsed, offset: number): HighlightResult[] {
  const text = parsed.doc.text;
  let start = offset;
  let end = offset;
  while (start > 0 && /[\p{L}\p{Nd}_]/u.test(text[start - 1])) start--;
  while (end < text.length && /[\p{L}\p{Nd}_]/u.test(text[end])) end++;
  if (start === end) return [];
  const word = text.slice(start, end);
  const out: HighlightResult[] = [];
  for (const match of text.matchAll(WORD)) {
    if (match[0] === word) out.push({ range: parsed.lines.range(match.index!, match.index! + word.length), kind: 'text' });
  }
  return out;
}


// ---------------------------------------------------------------------------------------------------
// What is under the cursor

function targetAt(parsed: AlloyParsed, offset: number, workspace: AlloyWorkspace): Found {
  const uri = parsed.doc.uri;
  const root = moduleScope(parsed.ast);
  const scope = scopeAt(root, offset);
  const place = { uri, scope };

  const header = headerAt(parsed.ast.body, offset);
  if (header) return headerTarget(parsed, place, header.block, header.componentLevel, offset, workspace);

  const attribute = attributeAt(parsed.ast.body, offset);
  if (attribute) return attributeTarget(place, attribute, workspace);

  const chain = scope.chains.find((c) => c.spans[0].start <= offset && offset <= c.spans[c.spans.length - 1].end);
  if (chain) return chainTarget(place, chain, offset, workspace);
  return { error: NOTHING };
}

function headerTarget(parsed: AlloyParsed, place: Place, block: BlockStmt, componentLevel: boolean, offset: number, workspace: AlloyWorkspace): Found {
  const label = labelNameSpan(block);
  const scope = place.scope;
  if (label && block.labelSpan!.start <= offset && offset <= block.labelSpan!.end) {
    if (block.name === 'declare') {
      const body = scope.children.find((c) => c.declare === block)!;
      return { target: { kind: 'declare', component: { name: block.label!, definition: { ...place, block, body } } }, span: label };
    }
    if (!componentLevel) return { error: `The label of the nested block \`${block.name}\` is not referenced anywhere: edit it in place.` };
    if (block.name === 'argument') {
      return { target: { kind: 'argument', name: block.label!, module: place, component: ownComponent(place) }, span: label };
    }
    if (block.name === 'export') {
      const component = ownComponent(place);
      if (!component) return { error: 'An `export` block outside a `declare` block exports nothing that can be referenced.' };
      return { target: { kind: 'export', name: block.label!, component }, span: label };
    }
    if (block.name.startsWith('import.')) return { target: { kind: 'import', place, name: block.label!, block }, span: label };
    if (CONFIG_BLOCKS.has(block.name)) return { error: `The label of a \`${block.name}\` block is not referenced anywhere: edit it in place.` };
    return { target: { kind: 'component', place, key: `${block.name}.${block.label}`, block }, span: label };
  }
  if (block.labelSpan && block.labelSpan.start <= offset && offset <= block.labelSpan.end) {
    return { error: 'This label is empty, unterminated or written with escape sequences (Alloy wants an identifier there): edit it in place.' };
  }
  const parts = namePartSpans(parsed.doc.text, block);
  const index = parts.findIndex((span) => span.start <= offset && offset <= span.end);
  const span = parts[index] ?? block.nameSpan;
  if (!componentLevel) return { error: `\`${block.name}\` is a block of its component's schema: Alloy fixes its name.` };
  if (block.name === 'declare' || CONFIG_BLOCKS.has(block.name) || block.name === 'template') {
    return { error: `\`${block.name}\` is an Alloy configuration block: its name is fixed. Rename its label instead.` };
  }
  const custom = customAt(place, block.name.split('.'), index, workspace);
  if (custom) return { ...custom, span };
  return { error: `\`${block.name}\` is a built-in component: Alloy fixes its name. Rename its label instead.` };
}

function attributeTarget(place: Place, at: { attribute: AttributeStmt; owner?: BlockStmt; componentLevel: boolean }, workspace: AlloyWorkspace): Found {
  const { attribute, owner } = at;
  if (owner && at.componentLevel) {
    const custom = customAt(place, owner.name.split('.'), owner.name.split('.').length - 1, workspace);
    if (custom && custom.target.kind === 'declare') {
      return { target: { kind: 'argument', name: attribute.name, component: custom.target.component, module: custom.target.component.definition && { uri: custom.target.component.definition.uri, scope: custom.target.component.definition.body } }, span: attribute.nameSpan };
    }
  }
  const where = owner ? `\`${owner.name}\`` : 'the top level';
  return { error: `\`${attribute.name}\` is an argument of ${where}: Alloy fixes its name.` };
}

function chainTarget(place: Place, chain: ReferenceChain, offset: number, workspace: AlloyWorkspace): Found {
  const { parts, spans } = chain;
  const index = Math.max(0, spans.findIndex((span) => span.start <= offset && offset <= span.end));
  const span = spans[index];
  const scope = place.scope;
  if (chain.vars.has(parts[0])) return { error: `\`${parts[0]}\` is the \`var\` of a foreach block: rename it there and in its uses by hand.` };

  if (parts[0] === 'argument' && parts.length >= 2) {
    if (index === 1) {
      return scope.arguments.has(parts[1])
        ? { target: { kind: 'argument', name: parts[1], module: place, component: ownComponent(place) }, span }
        : { error: `No \`argument "${parts[1]}"\` block in this module.` };
    }
    return { error: index === 0 ? '`argument` is an Alloy keyword.' : `\`${parts[index]}\` is the field every argument exports.` };
  }

  const component = resolveComponent(scope.components, parts);
  if (component) {
    const nameLength = component.length - 1;
    if (index === nameLength) return { target: { kind: 'component', place, key: component.key, block: component.block }, span };
    const nameParts = component.block.name.split('.');
    if (index < nameLength) {
      const custom = customAt(place, nameParts, index, workspace);
      return custom ? { ...custom, span } : { error: `\`${component.block.name}\` is a built-in component: Alloy fixes its name. Rename its label instead.` };
    }
    if (index === component.length) {
      const custom = customAt(place, nameParts, nameParts.length - 1, workspace);
      if (custom && custom.target.kind === 'declare') return { target: { kind: 'export', name: parts[index], component: custom.target.component }, span };
      return { error: `\`${parts[index]}\` is an export of the built-in component \`${component.block.name}\`: Alloy fixes its name.` };
    }
    return { error: `\`${parts[index]}\` is a field of the value \`${parts.slice(0, component.length + 1).join('.')}\` exports.` };
  }

  if (STDLIB_ROOTS.has(parts[0])) {
    const name = parts.length >= 2 && lookupStdlib(`${parts[0]}.${parts[1]}`) ? `${parts[0]}.${parts[1]}` : parts[0];
    if (lookupStdlib(name)) return { target: { kind: 'stdlib', name }, span };
  }
  if (index <= 1) {
    const custom = customAt(place, parts.slice(0, visibleImport(scope, parts[0]) ? 2 : 1), index, workspace);
    if (custom) return { ...custom, span };
  }
  return { error: `\`${parts.join('.')}\` does not name a component of this module.` };
}

/** For the part `index` of a custom component's name (`name` or `namespace.name`): the import or the declare. */
function customAt(place: Place, nameParts: string[], index: number, workspace: AlloyWorkspace): { target: Target } | undefined {
  if (nameParts.length === 1) {
    const declared = visibleDeclare(place.scope, nameParts[0]);
    if (!declared) return undefined;
    const body = declared.scope.children.find((c) => c.declare === declared.block)!;
    return { target: { kind: 'declare', component: { name: nameParts[0], definition: { uri: place.uri, scope: declared.scope, block: declared.block, body } } } };
  }
  if (nameParts.length !== 2) return undefined;
  const imported = visibleImport(place.scope, nameParts[0]);
  if (!imported) return undefined;
  if (index === 0) return { target: { kind: 'import', place: { uri: place.uri, scope: imported.scope }, name: nameParts[0], block: imported.block } };
  const component: CustomComponent = { name: nameParts[1], use: { uri: place.uri, scope: imported.scope, prefix: nameParts } };
  for (const uri of importedFiles(place.uri, imported.block, workspace.uris())) {
    const file = workspace.get(uri);
    const root = file && moduleScope(file.ast);
    const block = root?.declares.get(nameParts[1]);
    if (root && block) {
      component.definition = { uri, scope: root, block, body: root.children.find((c) => c.declare === block)! };
      break;
    }
  }
  return { target: { kind: 'declare', component } };
}

/** The custom component whose body `place` is, if any. */
function ownComponent(place: Place): CustomComponent | undefined {
  const declare = place.scope.declare;
  if (!declare || declare.label === undefined || !place.scope.parent) return undefined;
  return { name: declare.label, definition: { uri: place.uri, scope: place.scope.parent, block: declare, body: place.scope } };
}

/** The block whose header (name or label) holds `offset`, and whether it sits at component level. */
function headerAt(statements: Statement[], offset: number, componentLevel = true): { block: BlockStmt; componentLevel: boolean } | undefined {
  for (const statement of statements) {
    if (statement.kind !== 'block' || offset < statement.span.start || offset > statement.span.end) continue;
    const headerEnd = statement.labelSpan?.end ?? statement.nameSpan.end;
    if (offset <= headerEnd && offset >= statement.nameSpan.start) return { block: statement, componentLevel };
    const nested = statement.name === 'declare' || statement.name === 'foreach' || statement.name === 'template';
    return headerAt(statement.body, offset, nested && componentLevel);
  }
  return undefined;
}

/**
 * The attribute whose name holds `offset`, with the block it sets and whether that block sits at
 * component level (in a module's body or a foreach template, where custom components are instantiated).
 */
function attributeAt(statements: Statement[], offset: number, owner?: BlockStmt, ownerAtComponentLevel = false, atComponentLevel = true):
  { attribute: AttributeStmt; owner?: BlockStmt; componentLevel: boolean } | undefined {
  for (const statement of statements) {
    if (offset < statement.span.start || offset > statement.span.end) continue;
    if (statement.kind === 'attribute') {
      return statement.nameSpan.start <= offset && offset <= statement.nameSpan.end
        ? { attribute: statement, owner, componentLevel: ownerAtComponentLevel } : undefined;
    }
    const childrenAtComponentLevel = atComponentLevel && ['declare', 'foreach', 'template'].includes(statement.name);
    return attributeAt(statement.body, offset, statement, atComponentLevel, childrenAtComponentLevel);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Where the name occurs

function occurrences(target: Target, workspace: AlloyWorkspace): Occurrence[] {
  const out: Occurrence[] = [];
  const push = (uri: string, span: Span | undefined, declaration = false) => {
    if (span && !out.some((o) => o.uri === uri && o.span.start === span.start)) out.push({ uri, span, declaration });
  };
  switch (target.kind) {
    case 'component': {
      push(target.place.uri, labelNameSpan(target.block), true);
      const modules: { uri: string; scope: ModuleScope; components: ReadonlyMap<string, BlockStmt> }[] =
        [{ ...target.place, components: target.place.scope.components }];
      if (!target.place.scope.declare) {
        for (const peer of directoryPeers(target.place.uri, workspace)) {
          const root = moduleScope(workspace.get(peer)!.ast);
          // A peer with its own component of that name refers to its own.
          if (!root.components.has(target.key)) modules.push({ uri: peer, scope: root, components: new Map(root.components).set(target.key, target.block) });
        }
      }
      for (const module of modules) {
        for (const chain of module.scope.chains) {
          const resolved = resolveComponent(module.components, chain.parts);
          if (resolved?.key === target.key) push(module.uri, chain.spans[resolved.length - 1]);
        }
      }
      break;
    }
    case 'declare': {
      const { definition } = target.component;
      if (definition) push(definition.uri, labelNameSpan(definition.block), true);
      for (const user of usersOf(target.component, workspace)) {
        const text = workspace.get(user.uri)!.doc.text;
        const nameIndex = user.prefix.length - 1;
        for (const block of user.scope.blocks) {
          if (block.name === user.prefix.join('.')) push(user.uri, namePartSpans(text, block)[nameIndex]);
        }
        for (const chain of user.scope.chains) {
          if (usesPrefix(user.scope, chain, user.prefix)) push(user.uri, chain.spans[nameIndex]);
        }
      }
      break;
    }
    case 'argument': {
      const declaration = target.module?.scope.arguments.get(target.name);
      if (target.module && declaration) {
        push(target.module.uri, labelNameSpan(declaration), true);
        for (const chain of target.module.scope.chains) {
          if (chain.parts[0] === 'argument' && chain.parts[1] === target.name && chain.parts.length >= 2) push(target.module.uri, chain.spans[1]);
        }
      }
      if (target.component) {
        for (const user of usersOf(target.component, workspace)) {
          for (const block of user.scope.blocks) {
            if (block.name !== user.prefix.join('.')) continue;
            for (const statement of block.body) {
              if (statement.kind === 'attribute' && statement.name === target.name) push(user.uri, statement.nameSpan);
            }
          }
        }
      }
      break;
    }
    case 'export': {
      const { definition } = target.component;
      const declaration = definition?.body.exports.get(target.name);
      if (definition && declaration) push(definition.uri, labelNameSpan(declaration), true);
      for (const user of usersOf(target.component, workspace)) {
        const exportIndex = user.prefix.length + 1;
        for (const chain of user.scope.chains) {
          if (usesPrefix(user.scope, chain, user.prefix) && chain.parts[exportIndex] === target.name &&
            user.scope.components.has(chain.parts.slice(0, exportIndex).join('.'))) push(user.uri, chain.spans[exportIndex]);
        }
      }
      break;
    }
    case 'import': {
      push(target.place.uri, labelNameSpan(target.block), true);
      for (const scope of visibleFrom(target.place.scope, (s) => s.imports.has(target.name))) {
        const text = workspace.get(target.place.uri)!.doc.text;
        for (const block of scope.blocks) {
          if (block.name.split('.').length === 2 && block.name.startsWith(`${target.name}.`)) push(target.place.uri, namePartSpans(text, block)[0]);
        }
        for (const chain of scope.chains) {
          if (chain.parts.length >= 2 && usesPrefix(scope, chain, [target.name, chain.parts[1]])) push(target.place.uri, chain.spans[0]);
        }
      }
      break;
    }
    case 'stdlib': {
      for (const uri of workspace.uris()) {
        for (const scope of allScopes(moduleScope(workspace.get(uri)!.ast))) {
          for (const chain of scope.chains) {
            const parts = target.name.split('.');
            if (parts.every((part, i) => chain.parts[i] === part) && !resolveComponent(scope.components, chain.parts) &&
              !chain.vars.has(chain.parts[0])) push(uri, { start: chain.spans[0].start, end: chain.spans[parts.length - 1].end });
          }
        }
      }
      break;
    }
  }
  return out;
}

/** Whether `chain` starts with a custom component's name `prefix` and is not a reference to another component. */
function usesPrefix(scope: ModuleScope, chain: ReferenceChain, prefix: string[]): boolean {
  if (chain.parts.length <= prefix.length || !prefix.every((part, i) => chain.parts[i] === part)) return false;
  const resolved = resolveComponent(scope.components, chain.parts);
  return !resolved || resolved.block.name === prefix.join('.');
}

/**
 * The modules that use a custom component, with the name they call it by: its own module and the
 * declare bodies inside it (by its bare name), the other files of its directory, and every module that
 * imports its file with import.file (as `namespace.name`).
 */
function usersOf(component: CustomComponent, workspace: AlloyWorkspace): (Place & { prefix: string[] })[] {
  const users: (Place & { prefix: string[] })[] = [];
  const { definition, use } = component;
  if (!definition) {
    if (use) for (const scope of visibleFrom(use.scope, (s) => s.imports.has(use.prefix[0]))) users.push({ uri: use.uri, scope, prefix: use.prefix });
    return users;
  }
  const shadows = (s: ModuleScope) => s.declares.has(component.name);
  for (const scope of visibleFrom(definition.scope, shadows)) users.push({ uri: definition.uri, scope, prefix: [component.name] });
  if (definition.scope.declare) return users;
  for (const peer of directoryPeers(definition.uri, workspace)) {
    const root = moduleScope(workspace.get(peer)!.ast);
    if (!shadows(root)) for (const scope of visibleFrom(root, shadows)) users.push({ uri: peer, scope, prefix: [component.name] });
  }
  for (const uri of workspace.uris()) {
    const file = workspace.get(uri);
    if (!file) continue;
    for (const scope of allScopes(moduleScope(file.ast))) {
      for (const [namespace, block] of scope.imports) {
        if (!importedFiles(uri, block, workspace.uris()).includes(definition.uri)) continue;
        for (const inner of visibleFrom(scope, (s) => s.imports.has(namespace))) users.push({ uri, scope: inner, prefix: [namespace, component.name] });
      }
    }
  }
  return users;
}

/** `scope` and the declare bodies below it that still see its names (none of them redefines the name). */
function visibleFrom(scope: ModuleScope, redefines: (s: ModuleScope) => boolean): ModuleScope[] {
  const out = [scope];
  for (const child of scope.children) if (!redefines(child)) out.push(...visibleFrom(child, redefines));
  return out;
}

/** The other Alloy files in the same directory (`alloy run DIR` and a directory import load them as one module). */
function directoryPeers(uri: string, workspace: AlloyWorkspace): string[] {
  const file = uriPath(uri);
  if (!file) return [];
  const dir = path.posix.dirname(file);
  return workspace.uris().filter((other) => {
    const otherPath = other !== uri ? uriPath(other) : undefined;
    return otherPath !== undefined && path.posix.dirname(otherPath) === dir && workspace.get(other) !== undefined;
  });
}

/** Why `newName` would collide with a name of the same kind in the same module, if it would. */
function conflict(target: Target, newName: string, workspace: AlloyWorkspace): string | undefined {
  const line = (uri: string, block: BlockStmt) => workspace.get(uri)!.lines.positionAt(block.span.start).line + 1;
  switch (target.kind) {
    case 'component': {
      const existing = target.place.scope.components.get(`${target.block.name}.${newName}`);
      return existing && `\`${target.block.name} "${newName}"\` already exists on line ${line(target.place.uri, existing)}.`;
    }
    case 'declare': {
      const definition = target.component.definition;
      const existing = definition?.scope.declares.get(newName);
      return existing && definition && `\`declare "${newName}"\` already exists on line ${line(definition.uri, existing)}.`;
    }
    case 'argument': {
      const existing = target.module?.scope.arguments.get(newName);
      return existing && target.module && `\`argument "${newName}"\` already exists on line ${line(target.module.uri, existing)}.`;
    }
    case 'export': {
      const definition = target.component.definition;
      const existing = definition?.body.exports.get(newName);
      return existing && definition && `\`export "${newName}"\` already exists on line ${line(definition.uri, existing)}.`;
    }
    case 'import': {
      const existing = target.place.scope.imports.get(newName);
      return existing && `An import named \`${newName}\` already exists on line ${line(target.place.uri, existing)}.`;
    }
    default:
      return undefined;
  }
}
