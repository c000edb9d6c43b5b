import type { FormatId } from './service';
import type { LineIndex } from './text';
import type { Finding, Fix, Range } from './types';
import { isKnownCode, knownCodes } from './codes';
import { closest } from './directives';

// In-place suppressions: a comment on its own line,
//   // headroom-ignore-next-line alloy/batch-tier, alloy/batch-timeout: the reason
// (`#` in YAML, `<!-- … -->` in XML) silences those codes' findings that start on the next line that
// is not itself a suppression (so several can be stacked). The reason is required. A suppression that
// silences nothing is reported, as is a malformed one, so comments cannot rot or hide typos.

export const SUPPRESSION_MARKER = 'headroom-ignore-next-line';
export const UNUSED_SUPPRESSION = 'headroom/unused-suppression';
export const INVALID_SUPPRESSION = 'headroom/invalid-suppression';
/** What the "Ignore … on this line" quick fix writes as the reason, for the user to replace. */
export const REASON_PLACEHOLDER = 'TODO explain why';

type CommentStyle = { open: string; close: string };
const STYLES: Record<FormatId, CommentStyle> = {
  alloy: { open: '//', close: '' },
  k8s: { open: '#', close: '' },
  helm: { open: '#', close: '' },
  clickhouse: { open: '<!--', close: '-->' },
};

/** The comment line `headroom-ignore-next-line <codes>: <reason>` in a format's comment syntax. */
export function suppressionComment(format: FormatId, codes: string[], reason: string): string {
  const { open, close } = STYLES[format];
  return `${open} ${SUPPRESSION_MARKER} ${codes.join(', ')}: ${reason}${close ? ` ${close}` : ''}`;
}

interface SuppressedCode {
  code: string;
  /** Offsets of the code in the comment line. */
  start: number;
  end: number;
  used: boolean;
}

interface Suppression {
  line: number;
  /** The line whose findings it silences; undefined at the end of the file. */
  target?: number;
  codes: SuppressedCode[];
}

interface Scan {
  suppressions: Suppression[];
  problems: Finding[];
}

/** A comment line that starts like a suppression: `<open> headroom-ignore…` alone on its line. */
function commentBody(text: string, style: CommentStyle): { body: string; bodyStart: number } | undefined {
  const trimmedStart = text.length - text.trimStart().length;
  if (!text.startsWith(style.open, trimmedStart)) return undefined;
  let body = text.slice(trimmedStart + style.open.length);
  const bodyStart = trimmedStart + style.open.length;
  if (style.close) {
    const trimmedEnd = body.trimEnd();
    if (!trimmedEnd.endsWith(style.close)) return undefined;
    body = trimmedEnd.slice(0, -style.close.length);
  }
  return /^\s*headroom-ignore/.test(body) ? { body, bodyStart } : undefined;
}

function scan(lines: LineIndex, format: FormatId): Scan {
  const style = STYLES[format];
  const suppressions: Suppression[] = [];
  const problems: Finding[] = [];
  const lineRange = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!text.includes('headroom-ignore')) continue;
    const comment = commentBody(text, style);
    if (!comment) continue;
    const whole = lineRange(line, text.length - text.trimStart().length, text.trimEnd().length);
    const invalid = (message: string, range = whole) => problems.push({ code: INVALID_SUPPRESSION, severity: 'warning', message, range });
    const markerAt = comment.body.indexOf('headroom-ignore');
    const marker = /^headroom-ignore[-\w]*/.exec(comment.body.slice(markerAt))![0];
    if (marker !== SUPPRESSION_MARKER) {
      invalid(`"${marker}" is not a Headroom suppression: write ${suppressionComment(format, ['<code>'], '<reason>')}`);
      continue;
    }
    const rest = comment.body.slice(markerAt + marker.length);
    const colon = rest.indexOf(':');
    const reason = colon >= 0 ? rest.slice(colon + 1).trim() : '';
    if (!reason) {
      invalid(`a suppression needs a reason after a colon: ${suppressionComment(format, ['<code>'], '<why this finding does not apply>')}`);
      continue;
    }
    const codes: SuppressedCode[] = [];
    let offset = comment.bodyStart + markerAt + marker.length;
    for (const part of rest.slice(0, colon).split(',')) {
      const code = part.trim();
      const start = offset + part.indexOf(code);
      offset += part.length + 1;
      if (!code) continue;
      if (!isKnownCode(code)) {
        const suggestion = closest(code, knownCodes().map((c) => c.code));
        invalid(`unknown finding code "${code}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: the suppression cannot silence it`, lineRange(line, start, start + code.length));
        continue;
      }
      codes.push({ code, start, end: start + code.length, used: false });
    }
    if (codes.length === 0) {
      if (!rest.slice(0, colon).split(',').some((p) => p.trim())) invalid(`a suppression names the codes it silences: ${suppressionComment(format, ['<code>'], reason)}`);
      continue;
    }
    suppressions.push({ line, codes });
  }
  // Stacked suppressions all apply to the first line below them that is not a suppression.
  const allSuppressionLines = new Set([...suppressions.map((s) => s.line), ...problems.map((p) => p.range.start.line)]);
  for (const suppression of suppressions) {
    let target = suppression.line + 1;
    while (allSuppressionLines.has(target)) target++;
    suppression.target = target < lines.lineCount ? target : undefined;
  }
  return { suppressions, problems };
}

/**
 * Drops the findings that suppressions silence, and adds a finding for each suppression (or code in
 * one) that silenced nothing and for each malformed one. Applied to the rules' findings before
 * severity settings, so a suppression of a code turned off in the settings still counts as used.
 */
export function applySuppressions(findings: Finding[], parsed: { format: FormatId; lines: LineIndex }): Finding[] {
  if (!parsed.lines.text.includes('headroom-ignore')) return findings;
  const { suppressions, problems } = scan(parsed.lines, parsed.format);
  const byTarget = new Map<number, Suppression[]>();
  for (const suppression of suppressions) {
    if (suppression.target === undefined) continue;
    byTarget.set(suppression.target, [...(byTarget.get(suppression.target) ?? []), suppression]);
  }
  const kept = findings.filter((finding) => {
    for (const suppression of byTarget.get(finding.range.start.line) ?? []) {
      const match = suppression.codes.find((c) => c.code === finding.code);
      if (match) {
        match.used = true;
        return false;
      }
    }
    return true;
  });
  const unused: Finding[] = [];
  for (const suppression of suppressions) {
    const idle = suppression.codes.filter((c) => !c.used);
    for (const code of idle) {
      const where = suppression.target === undefined ? 'there is no next line' : `line ${suppression.target + 1} has no ${code.code} finding`;
      unused.push({
        code: UNUSED_SUPPRESSION,
        severity: 'warning',
        message: `${SUPPRESSION_MARKER} ${code.code} silences nothing: ${where}. Remove it, or move it above the line it is meant for.`,
        range: { start: { line: suppression.line, character: code.start }, end: { line: suppression.line, character: code.end } },
        fixes: [idle.length === suppression.codes.length ? removeLineFix(parsed.lines, suppression.line) : removeCodeFix(suppression, code)],
      });
    }
  }
  return [...kept, ...problems, ...unused];
}

/**
 * Not preferred, so fix-all and `check --fix` leave it alone: a suppression of a cross-file finding
 * looks unused whenever the other file is not in view (a commit hook given one file), and removing it
 * then would lose the reason someone wrote.
 */
function removeLineFix(lines: LineIndex, line: number): Fix {
  const start = lines.offsetAt({ line, character: 0 });
  const end = line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : lines.lineEnd(line);
  const from = line + 1 < lines.lineCount || line === 0 ? start : lines.lineEnd(line - 1);
  return { title: 'Remove this unused suppression', edits: [{ range: lines.range(from, end), newText: '' }] };
}

function removeCodeFix(suppression: Suppression, code: SuppressedCode): Fix {
  const index = suppression.codes.indexOf(code);
  // "a, b" → remove "a, " for the first code, ", b" for a later one.
  let start = code.start;
  let end = code.end;
  if (index === 0) end = suppression.codes[1].start;
  else start = suppression.codes[index - 1].end;
  return {
    title: `Remove ${code.code} from this suppression`,
    edits: [{ range: { start: { line: suppression.line, character: start }, end: { line: suppression.line, character: end } }, newText: '' }],
  };
}

/**
 * Codes a comment cannot silence: findings about suppressions themselves, about files that are not read
 * (too large, failed), and about .headroom.yaml, which is read as configuration, not linted.
 */
const NOT_SUPPRESSIBLE = new Set([UNUSED_SUPPRESSION, INVALID_SUPPRESSION, 'headroom/file-too-large', 'headroom/internal-error', 'headroom/config']);

export function isSuppressible(code: string): boolean {
  return isKnownCode(code) && !NOT_SUPPRESSIBLE.has(code);
}

/**
 * The quick fix "Ignore <code> on this line": adds the code to a suppression right above the finding's
 * line, or inserts a new suppression line above it with the line's indentation and a placeholder
 * reason. Undefined when the finding cannot be suppressed in place.
 */
export function suppressFix(finding: Finding, parsed: { format: FormatId; lines: LineIndex }): Fix | undefined {
  if (!isSuppressible(finding.code)) return undefined;
  const { lines, format } = parsed;
  const line = finding.range.start.line;
  const title = `Ignore ${finding.code} on this line`;
  const { suppressions } = scan(lines, format);
  const existing = suppressions.find((s) => s.target === line);
  if (existing) {
    if (existing.codes.some((c) => c.code === finding.code)) return undefined;
    const last = existing.codes[existing.codes.length - 1];
    const at = { line: existing.line, character: last.end };
    return { title, edits: [{ range: { start: at, end: at }, newText: `, ${finding.code}` }] };
  }
  const text = lines.lineText(line);
  // Nothing may precede an XML declaration.
  if (format === 'clickhouse' && /^\s*<\?xml/.test(text)) return undefined;
  const indent = /^[ \t]*/.exec(text)![0];
  const eol = lines.lineBreakAt(line);
  const at = { line, character: 0 };
  return { title, edits: [{ range: { start: at, end: at }, newText: `${indent}${suppressionComment(format, [finding.code], REASON_PLACEHOLDER)}${eol}` }] };
}

/** The line break the file uses (that of `line`, else of the line before, else \n). */
