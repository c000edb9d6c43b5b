import type { SemanticTokenModifier, SemanticTokenResult, SemanticTokenType } from '../editor-types';
import type { Span, Statement } from './ast';
import { CONFIG_BLOCKS } from './components';
import {
  allScopes, labelNameSpan, moduleScope, namePartSpans, resolveComponent, visibleDeclare, visibleImport,
  type ModuleScope, type ReferenceChain,
} from './module-scope';
import type { AlloyParsed } from './parser';
import { ALLOY_COMPONENT_NAMES } from './schema/component-names';
import { STDLIB_ROOTS, lookupStdlib } from './stdlib';

// Semantic tokens for Alloy: what a TextMate grammar cannot tell from one line — which block is a
// built-in component, a custom one or a config block; which label declares a component, a custom
// component, an argument, an export or an import namespace; and, inside a reference chain, which parts
// name the component, its label, its export, an argument or a standard-library function.
// Literals, comments and operators are left to the TextMate grammar.

const BUILT_IN = new Set(ALLOY_COMPONENT_NAMES);

interface RawToken extends Span {
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

const LABEL_TYPES: Record<string, SemanticTokenType> = {
  declare: 'class', argument: 'parameter', export: 'property', foreach: 'variable',
};

export function semanticTokens(parsed: AlloyParsed): SemanticTokenResult[] {
  const text = parsed.doc.text;
  const root = moduleScope(parsed.ast);
  const tokens: RawToken[] = [];
  const add = (span: Span | undefined, type: SemanticTokenType, modifier?: SemanticTokenModifier) => {
    if (span && span.end > span.start) tokens.push({ start: span.start, end: span.end, type, modifiers: modifier ? [modifier] : [] });
  };

  const settings = (statements: Statement[], attributeType: SemanticTokenType) => {
    for (const statement of statements) {
      if (statement.kind === 'attribute') {
        add(statement.nameSpan, attributeType);
      } else {
        for (const part of namePartSpans(text, statement)) add(part, 'property');
        settings(statement.body, 'property');
      }
    }
  };

  const componentLevel = (scope: ModuleScope, statements: Statement[]) => {
    for (const statement of statements) {
      if (statement.kind === 'attribute') {
        add(statement.nameSpan, 'property');
        continue;
      }
      const parts = namePartSpans(text, statement);
      if (statement.name === 'declare' || CONFIG_BLOCKS.has(statement.name) || statement.name === 'template') {
        for (const part of parts) add(part, 'keyword');
        const labelType = statement.name.startsWith('import.') ? 'namespace' : LABEL_TYPES[statement.name];
        if (labelType) add(labelNameSpan(statement), labelType, 'declaration');
        if (statement.name === 'declare') {
          const child = scope.children.find((c) => c.declare === statement);
          if (child) componentLevel(child, statement.body);
        } else if (statement.name === 'foreach' || statement.name === 'template') {
          componentLevel(scope, statement.body);
        } else {
          settings(statement.body, 'property');
        }
        continue;
      }
      const custom = customComponent(scope, statement.name);
      nameTokens(parts, statement.name, custom).forEach((token) => tokens.push(token));
      add(labelNameSpan(statement), 'variable', 'declaration');
      // The attributes of a custom component instance set its `argument`s.
      settings(statement.body, custom ? 'parameter' : 'property');
    }
  };
  componentLevel(root, parsed.ast.body);

  for (const scope of allScopes(root)) {
    for (const chain of scope.chains) chainTokens(scope, chain).forEach((token) => tokens.push(token));
  }
  return encode(parsed, tokens);
}

/** Whether a block name denotes a custom component: a visible `declare`, or `namespace.name` of an import. */
function customComponent(scope: ModuleScope, name: string): boolean {
  const parts = name.split('.');
  return (parts.length === 1 && visibleDeclare(scope, name) !== undefined) ||
    (parts.length === 2 && visibleImport(scope, parts[0]) !== undefined);
}

/** `otelcol.processor.batch`: namespaces then the component's own name (a built-in one is library). */
function nameTokens(parts: Span[], name: string, custom: boolean): RawToken[] {
  const library: SemanticTokenModifier[] = !custom && BUILT_IN.has(name) ? ['defaultLibrary'] : [];
  return parts.map((span, index) => ({
    start: span.start,
    end: span.end,
    type: index === parts.length - 1 ? 'class' : 'namespace',
    modifiers: library,
  }));
}

function chainTokens(scope: ModuleScope, chain: ReferenceChain): RawToken[] {
  const { parts, spans } = chain;
  const token = (index: number, type: SemanticTokenType, ...modifiers: SemanticTokenModifier[]): RawToken =>
    ({ start: spans[index].start, end: spans[index].end, type, modifiers });

  if (chain.vars.has(parts[0])) return [token(0, 'variable')];

  if (parts[0] === 'argument' && parts.length >= 2 && scope.arguments.has(parts[1])) {
    const out = [token(0, 'keyword'), token(1, 'parameter')];
    if (parts.length >= 3) out.push(token(2, 'property', 'readonly'));
    return out;
  }

  const component = resolveComponent(scope.components, parts);
  if (component) {
    const nameLength = component.length - 1;
    const custom = customComponent(scope, component.block.name);
    const out = nameTokens(spans.slice(0, nameLength), component.block.name, custom);
    out.push(token(nameLength, 'variable'));
    for (let i = component.length; i < parts.length; i++) out.push(token(i, 'property', 'readonly'));
    return out;
  }

  if (STDLIB_ROOTS.has(parts[0])) {
    const two = parts.length >= 2 ? lookupStdlib(`${parts[0]}.${parts[1]}`) : undefined;
    if (two?.kind === 'function') return [token(0, 'namespace', 'defaultLibrary'), token(1, 'function', 'defaultLibrary')];
    if (two?.kind === 'constant') return [token(0, 'namespace', 'defaultLibrary'), token(1, 'variable', 'readonly', 'defaultLibrary')];
    const one = lookupStdlib(parts[0]);
    if (one?.kind === 'function') {
      return [one.deprecatedAlias ? token(0, 'function', 'defaultLibrary', 'deprecated') : token(0, 'function', 'defaultLibrary')];
    }
  }
  return [];
}

function encode(parsed: AlloyParsed, tokens: RawToken[]): SemanticTokenResult[] {
  tokens.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: SemanticTokenResult[] = [];
  let covered = 0;
  for (const token of tokens) {
    if (token.start < covered) continue;
    const start = parsed.lines.positionAt(token.start);
    const end = parsed.lines.positionAt(token.end);
    // LSP tokens are single-line unless the client says otherwise; names never span lines.
    if (end.line !== start.line) continue;
    out.push({ line: start.line, character: start.character, length: token.end - token.start, type: token.type, modifiers: token.modifiers });
    covered = token.end;
  }
  return out;
}
