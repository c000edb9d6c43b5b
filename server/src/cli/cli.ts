import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../core/capacity/catalog';
import { CATALOG_DATA } from '../core/capacity/catalog-data';
import { mergeConfig, parseHeadroomYaml } from '../core/config';
import type { Finding } from '../core/types';
import { toSarif } from './sarif';
import { checkFiles } from './parallel';

// `headroom check [--format text|json|sarif] [--config FILE] PATH...`: the editor's analysis, for CI.
// Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or configuration error.

const USAGE = `usage: headroom check [--format text|json|sarif] [--config .headroom.yaml] [--jobs N] PATH...

Lints Alloy, Kubernetes, Helm values and ClickHouse XML files (folders are walked) against the
capacity-planning tiers. Exit code 1 when any finding has error severity, 2 on a usage error.
--jobs N checks on N threads (default: every core; the output is the same).`;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out']);

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  code: string;
  message: string;
}

export async function runCli(argv: string[], cwd = process.cwd()): Promise<CliResult> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') return { exitCode: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (command !== 'check') return usage(command ? `unknown command "${command}"` : 'missing command');
  let format = 'text';
  let configPath: string | undefined;
  let jobs: number | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format' || arg === '-f') format = rest[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--config') configPath = rest[++i];
    else if (arg.startsWith('--config=')) configPath = arg.slice('--config='.length);
    else if (arg === '--jobs' || arg === '-j' || arg.startsWith('--jobs=')) {
      const value = arg.startsWith('--jobs=') ? arg.slice('--jobs='.length) : rest[++i];
      jobs = Number(value);
      if (!Number.isInteger(jobs) || jobs < 1) return usage(`--jobs needs a whole number of threads, got "${value ?? ''}"`);
    }
    else if (arg.startsWith('-')) return usage(`unknown option "${arg}"`);
    else paths.push(arg);
  }
  if (!['text', 'json', 'sarif'].includes(format)) return usage(`unknown format "${format}" (text, json or sarif)`);
  if (paths.length === 0) return usage('no PATH given');

  let stderr = '';
  const configFile = configPath ? path.resolve(cwd, configPath) : findConfig(cwd);
  let fileConfig;
  if (configFile) {
    if (!fs.existsSync(configFile)) return usage(`config file ${configFile} does not exist`);
    const { file, findings } = parseHeadroomYaml(fs.readFileSync(configFile, 'utf8'));
    if (!file) {
      const lines = findings.map((f) => `${configFile}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
      return { exitCode: 2, stdout: '', stderr: `${lines.join('\n')}\n` };
    }
    fileConfig = file;
    if (file.catalog) {
      try {
        loadCatalog([...CATALOG_DATA, ...file.catalog]);
      } catch (error) {
        return { exitCode: 2, stdout: '', stderr: `${configFile}: ${error instanceof Error ? error.message : String(error)}\n` };
      }
    }
  }

  const files: string[] = [];
  for (const target of paths) {
    const absolute = path.resolve(cwd, target);
    if (!fs.existsSync(absolute)) return usage(`${target} does not exist`);
    collect(absolute, files);
  }
  // Every file is opened before any is linted, so cross-file rules see every workload (parallel.ts).
  const { checked, log } = await checkFiles({ files: [...new Set(files)].sort(), config: mergeConfig(fileConfig, undefined), catalog: fileConfig?.catalog, jobs });
  stderr += log;
  const uris = new Map(checked.map(({ uri, file }) => [uri, file]));
  const findings: ReportedFinding[] = [];
  for (const { file, findings: found } of checked) {
    for (const finding of found) {
      findings.push({
        file: path.relative(cwd, file) || file,
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
        severity: finding.severity,
        code: finding.code,
        message: finding.citation ? `${finding.message} [${finding.citation.document} § ${finding.citation.section}]` : finding.message,
      });
    }
  }
  // Reading order: by file, then position, whatever order the rules reported in.
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const exitCode = findings.some((f) => f.severity === 'error') ? 1 : 0;
  let stdout: string;
  if (format === 'json') stdout = `${JSON.stringify({ files: uris.size, findings }, null, 2)}\n`;
  else if (format === 'sarif') stdout = `${JSON.stringify(toSarif(findings), null, 2)}\n`;
  else {
    const errors = findings.filter((f) => f.severity === 'error').length;
    const body = findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`).join('');
    stdout = `${body}${uris.size} file${uris.size === 1 ? '' : 's'} checked, ${findings.length} finding${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`;
  }
  return { exitCode, stdout, stderr };
}

function usage(problem: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `headroom: ${problem}\n${USAGE}\n` };
}

function findConfig(cwd: string): string | undefined {
  const candidate = path.join(cwd, '.headroom.yaml');
  return fs.existsSync(candidate) ? candidate : undefined;
}

function collect(target: string, out: string[]): void {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    out.push(target);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name)) continue;
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) collect(child, out);
    else if (entry.isFile() && /\.(alloy|river|ya?ml|xml)$/i.test(entry.name)) out.push(child);
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  }, (error) => {
    process.stderr.write(`headroom: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  });
}
