import type { Severity } from '../core/types';
import type { ReportedFinding } from './check';
import { palette, useColour, type CliIo } from './io';
import { toSarif } from './sarif';

// The four ways `headroom check` prints its findings: text for people, JSON for scripts, SARIF for
// code-scanning upload, and GitHub Actions workflow commands that annotate the pull request.

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportContext {
  /** Files Headroom analysed. */
  files: number;
  /** Findings below --severity, not shown. */
  hidden: number;
  minSeverity: Severity;
  io: Pick<CliIo, 'env' | 'stdoutIsTTY'>;
  /** With --fix: the files rewritten and, per code, how many findings went away. */
  fixed?: { file: string; codes: Record<string, number> }[];
}

export function formatReport(format: ReportFormat, findings: ReportedFinding[], ctx: ReportContext): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ files: ctx.files, findings, ...(ctx.fixed ? { fixed: ctx.fixed } : {}) }, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(findings), null, 2)}\n`;
    case 'github':
      return findings.map(githubAnnotation).join('') + `${summary(findings, ctx)}\n`;
    case 'text':
      return textReport(findings, ctx);
  }
}

function textReport(findings: ReportedFinding[], ctx: ReportContext): string {
  const c = palette(useColour(ctx.io));
  const SEVERITY: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue, hint: c.dim };
  const body = findings.map((f) => `${c.bold(`${f.file}:${f.line}:${f.column}`)} ${SEVERITY[f.severity](f.severity)} ${c.dim(f.code)} ${f.message}\n`).join('');
  const errors = findings.some((f) => f.severity === 'error');
  return `${body}${(errors ? c.red : findings.length > 0 ? c.yellow : c.green)(summary(findings, ctx))}\n`;
}

function summary(findings: ReportedFinding[], ctx: ReportContext): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hidden = ctx.hidden > 0 ? `; ${plural(ctx.hidden, 'finding')} below ${ctx.minSeverity} not shown` : '';
  return `${plural(ctx.files, 'file')} checked, ${plural(findings.length, 'finding')} (${plural(errors, 'error')})${hidden}`;
}

const ANNOTATION: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, escaped as the Actions
 * runner unescapes workflow commands (actions/toolkit packages/core/src/command.ts): in the message
 * % CR LF, in property values also : and ,.
 */
function githubAnnotation(f: ReportedFinding): string {
  const properties = [
    ['file', f.file.split('\\').join('/')], ['line', f.line], ['col', f.column],
    ['endLine', f.endLine], ['endColumn', f.endColumn], ['title', `headroom ${f.code}`],
  ].map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${ANNOTATION[f.severity]} ${properties}::${escapeData(f.message)}\n`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
