import { version } from '../../../package.json';
import type { ReportedFinding } from './check';

const LEVEL: Record<ReportedFinding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/** SARIF 2.1.0 for code-scanning upload: one run, one rule per finding code, 1-based regions. */
export function toSarif(findings: ReportedFinding[]): object {
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
          rules: codes.map((code) => ({ id: code, name: code.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()), shortDescription: { text: code } })),
        },
      },
      results: findings.map((f) => ({
        ruleId: f.code,
        ruleIndex: codes.indexOf(f.code),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: f.file.split('\\').join('/') },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
      })),
    }],
  };
}
