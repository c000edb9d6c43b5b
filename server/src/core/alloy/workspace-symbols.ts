import type { WorkspaceSymbolResult } from '../editor-types';
import type { SymbolKindName } from '../types';
import type { BlockStmt } from './ast';
import { allScopes, moduleScope, type ModuleScope } from './module-scope';
import { headerSpan } from './navigation';
import type { AlloyParsed } from './parser';

// The names an Alloy file declares, for workspace/symbol: component instances, custom components
// (`declare`), their arguments and exports, and import namespaces, each named as the outline names it.

export function workspaceSymbols(parsed: AlloyParsed): WorkspaceSymbolResult[] {
  const out: WorkspaceSymbolResult[] = [];
  const add = (block: BlockStmt, kind: SymbolKindName, scope: ModuleScope) => {
    const header = headerSpan(block);
    out.push({
      name: `${block.name} "${block.label}"`,
      kind,
      uri: parsed.doc.uri,
      range: parsed.lines.range(header.start, header.end),
      containerName: scope.declare ? `declare "${scope.declare.label ?? ''}"` : undefined,
    });
  };
  for (const scope of allScopes(moduleScope(parsed.ast))) {
    for (const block of scope.declares.values()) add(block, 'class', scope);
    for (const block of scope.imports.values()) add(block, 'module', scope);
    for (const block of scope.arguments.values()) add(block, 'variable', scope);
    for (const block of scope.exports.values()) add(block, 'property', scope);
    for (const block of scope.components.values()) add(block, 'class', scope);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
