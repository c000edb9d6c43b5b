import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import { readRulePage, type RulePage } from '../core/rule-docs';
import type { ReportedFinding } from './check';

const LEVEL: Record<ReportedFinding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/**
 * SARIF 2.1.0 for code-scanning upload: one run, one rule per finding code with the rule's page as its
 * help (GitHub shows `help.markdown` beside each alert), 1-based regions.
 */
export function toSarif(findings: ReportedFinding[], page: (code: string) => RulePage | undefined = readRulePage): object {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'headroom',
          informationUri: 'https://github.com/headroom/headroom',
          version,
          rules: codes.map((code) => rule(code, page(code))),
        },
      },
      results: findings.map((f) => ({
        ruleId: f.code,
        ruleIndex: codes.indexOf(f.code),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            // Relative to the working directory (the repository root in CI); absolute paths as file URIs.
            artifactLocation: { uri: path.isAbsolute(f.file) ? pathToFileURL(f.file).href : f.file.split('\\').join('/') },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
      })),
    }],
  };
}

function rule(code: string, page: RulePage | undefined): object {
  const name = code.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase());
  if (!page) return { id: code, name, shortDescription: { text: code } };
  return {
    id: code,
    name,
    shortDescription: { text: plainText(page.summary) },
    fullDescription: { text: plainText(page.sections['What it checks'] ?? page.summary) },
    help: { text: plainText(page.markdown), markdown: page.markdown },
  };
}

/** Markdown as plain text: no heading marks, fences or backticks; the words and code lines stay. */
export function plainText(markdown: string): string {
  return markdown.replace(/\r\n/g, '\n').split('\n')
    .filter((line) => !/^```/.test(line))
    .map((line) => line.replace(/^#+ /, '').replace(/`([^`]*)`/g, '$1'))
    .join('\n').trim();
}
