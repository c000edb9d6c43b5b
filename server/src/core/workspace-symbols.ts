import type { WorkspaceSymbolResult } from './editor-types';
import type { DocumentFacts } from './workspace';

// workspace/symbol across formats: what each format service lists (Alloy components…), plus the
// Kubernetes workloads, Helm values sections and HPAs the workspace index already holds as facts.

/** At most this many symbols per reply: the client filters and ranks them again as the query grows. */
export const MAX_WORKSPACE_SYMBOLS = 1000;

export function factSymbols(facts: DocumentFacts): WorkspaceSymbolResult[] {
  const workloads = facts.workloads.map((w): WorkspaceSymbolResult => ({
    name: w.name, kind: 'object', uri: facts.uri, range: w.range,
    containerName: w.namespace ? `${w.kind} in ${w.namespace}` : w.kind,
  }));
  const hpas = facts.hpas.map((h): WorkspaceSymbolResult => ({
    name: h.name, kind: 'object', uri: facts.uri, range: h.range,
    containerName: `HorizontalPodAutoscaler → ${h.target.kind} ${h.target.name}`,
  }));
  return [...workloads, ...hpas];
}

/**
 * Symbols whose name holds the query's characters in order, ignoring case (as VS Code's own filter
 * does), those holding it as one piece first, then shorter names first.
 */
export function matchSymbols(symbols: Iterable<WorkspaceSymbolResult>, query: string): WorkspaceSymbolResult[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const scored: { symbol: WorkspaceSymbolResult; contiguous: boolean }[] = [];
  for (const symbol of symbols) {
    const name = symbol.name.toLowerCase();
    let at = 0;
    for (const ch of name) if (at < wanted.length && ch === wanted[at]) at++;
    if (at === wanted.length) scored.push({ symbol, contiguous: name.includes(wanted) });
  }
  scored.sort((a, b) => Number(b.contiguous) - Number(a.contiguous) || a.symbol.name.length - b.symbol.name.length ||
    a.symbol.name.localeCompare(b.symbol.name));
  return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map((s) => s.symbol);
}
