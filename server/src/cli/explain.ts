import { knownCodes } from '../core/codes';
import { closest } from '../core/directives';
import { findRuleDocsRoot, readRulePage } from '../core/rule-docs';
import { parseArgs } from './args';
import { EXIT, palette, UsageError, useColour, usageResult, type CliIo, type CliResult } from './io';

// `headroom explain CODE`: the rule's page (docs/rules/<code>.md) in the terminal; without a code, the
// list of codes with their one-line summaries.

export const EXPLAIN_USAGE = `usage: headroom explain [CODE]

Prints the documentation page of a finding code (what it checks, why, sources, a bad and a good example,
how to silence it), for example: headroom explain alloy/batch-tier
Without CODE, lists every code with its summary.`;

export async function runExplain(argv: string[], _cwd: string, io: CliIo): Promise<CliResult> {
  let code: string | undefined;
  try {
    const args = parseArgs(argv, [{ name: 'help', short: 'h' }]);
    if (args.options.has('help')) return { exitCode: EXIT.ok, stdout: `${EXPLAIN_USAGE}\n`, stderr: '' };
    if (args.positionals.length > 1) throw new UsageError('explain takes one CODE');
    code = args.positionals[0];
  } catch (error) {
    if (error instanceof UsageError) return usageResult(error.message, EXPLAIN_USAGE);
    throw error;
  }
  const root = findRuleDocsRoot();
  if (!root) return { exitCode: EXIT.usage, stdout: '', stderr: 'headroom: the rule pages (docs/rules) are not installed next to this program\n' };
  const c = palette(useColour(io));
  const codes = knownCodes().map((k) => k.code);
  if (code === undefined) {
    const width = Math.max(...codes.map((k) => k.length));
    const lines = codes.map((k) => `${c.bold(k.padEnd(width))}  ${readRulePage(k, root)?.summary ?? ''}`);
    return { exitCode: EXIT.ok, stdout: `${lines.join('\n')}\n`, stderr: '' };
  }
  const page = codes.includes(code) ? readRulePage(code, root) : undefined;
  if (!page) {
    const suggestion = closest(code, codes);
    return { exitCode: EXIT.usage, stdout: '', stderr: `headroom: no finding code "${code}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; headroom explain lists them all\n` };
  }
  return { exitCode: EXIT.ok, stdout: render(page.markdown, c), stderr: '' };
}

/** The page's Markdown as written, with headings in bold and code blocks dimmed on a colour terminal. */
function render(markdown: string, c: ReturnType<typeof palette>): string {
  let fenced = false;
  const lines = markdown.replace(/\r\n/g, '\n').split('\n').map((line) => {
    if (/^```/.test(line)) {
      fenced = !fenced;
      return c.dim(line);
    }
    if (fenced) return line;
    if (/^# /.test(line)) return c.bold(c.cyan(line));
    if (/^## /.test(line)) return c.bold(line);
    return line;
  });
  return lines.join('\n').replace(/\n*$/, '\n');
}
