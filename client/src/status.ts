// What the Headroom status bar item says: the server's state and the findings it has published
// (errors and warnings, as in the Problems view). Kept free of the vscode module so it is unit-tested.

export type ServerState = 'starting' | 'running' | 'stopped';

/** A diagnostic as far as the counts care: who published it, and its severity (vscode.DiagnosticSeverity: 0 error, 1 warning). */
export interface CountedDiagnostic {
  source?: string;
  severity: number;
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  /** Files with at least one Headroom error or warning. */
  files: number;
}

export function countFindings(entries: Iterable<readonly [unknown, readonly CountedDiagnostic[]]>): FindingCounts {
  const counts: FindingCounts = { errors: 0, warnings: 0, files: 0 };
  for (const [, diagnostics] of entries) {
    let counted = false;
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== 'headroom') continue;
      if (diagnostic.severity === 0) counts.errors++;
      else if (diagnostic.severity === 1) counts.warnings++;
      else continue;
      counted = true;
    }
    if (counted) counts.files++;
  }
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Status bar text (with codicons) and tooltip. `reportAvailable`: clicking opens the capacity report, else Problems. */
export function statusPresentation(state: ServerState, counts: FindingCounts, reportAvailable: boolean): { text: string; tooltip: string } {
  if (state === 'starting') return { text: '$(loading~spin) Headroom', tooltip: 'Headroom language server is starting' };
  if (state === 'stopped') return { text: '$(error) Headroom', tooltip: 'Headroom language server stopped. Run "Headroom: Show Output" for its log, "Headroom: Restart Language Server" to start it again.' };
  const click = reportAvailable ? 'Click for the capacity report.' : 'Click for the Problems view.';
  if (counts.errors === 0 && counts.warnings === 0) return { text: '$(check) Headroom', tooltip: `Headroom: no errors or warnings in the files checked so far. ${click}` };
  return {
    text: `$(error) ${counts.errors} $(warning) ${counts.warnings} Headroom`,
    tooltip: `Headroom: ${plural(counts.errors, 'error')} and ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'file')}. ${click}`,
  };
}
