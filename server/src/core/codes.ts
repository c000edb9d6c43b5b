import type { Citation } from './types';
import { ALLOY_RULES } from './alloy/rules';
import { K8S_RULES } from './k8s/rules';
import { CLICKHOUSE_RULES } from './clickhouse/rules';

// Every finding code Headroom can emit: each rule's id, and the codes that no single rule owns (syntax,
// configuration, engine, suppressions). A rule page (docs/rules/<format>/<rule>.md) exists for each,
// and a test keeps the two lists equal.

/** Codes emitted outside the rule registries, with where they come from. */
export const NON_RULE_CODES: Record<string, string> = {
  'alloy/syntax': 'core/alloy/syntax.ts: the tree-sitter parse of an .alloy file',
  'yaml/syntax': 'core/k8s/service.ts: YAML syntax, reported by the CLI (the editor leaves it to the YAML extension)',
  'clickhouse/xml-syntax': 'core/clickhouse/service.ts: the tolerant XML parser',
  'headroom/config': 'core/config.ts: .headroom.yaml',
  'headroom/directive': 'core/directives.ts: headroom: workload=… tier=… comments',
  'headroom/file-too-large': 'core/engine.ts: files over maxFileBytes',
  'headroom/internal-error': 'core/engine.ts: a format service failed',
  'headroom/unused-suppression': 'core/suppressions.ts: a headroom-ignore-next-line comment that silenced nothing',
  'headroom/invalid-suppression': 'core/suppressions.ts: a malformed headroom-ignore-next-line comment',
};

export interface CodeInfo {
  code: string;
  /** The rule's sources; empty for codes no rule owns. */
  sources: readonly Citation[];
}

/** Every code, sorted. */
export function knownCodes(): CodeInfo[] {
  const rules = [...ALLOY_RULES, ...K8S_RULES, ...CLICKHOUSE_RULES].map((rule) => ({ code: rule.id, sources: rule.sources }));
  const others = Object.keys(NON_RULE_CODES).map((code) => ({ code, sources: [] }));
  return [...rules, ...others].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

let codeSet: Set<string> | undefined;
export function isKnownCode(code: string): boolean {
  codeSet ??= new Set(knownCodes().map((c) => c.code));
  return codeSet.has(code);
}
