import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HeadroomEngine } from '../core/engine';
import { ALL_FORMATS } from '../core/formats';
import { defaultCatalog, loadCatalog } from '../core/capacity/catalog';
import { CATALOG_DATA } from '../core/capacity/catalog-data';
import { mergeConfig, parseHeadroomYaml } from '../core/config';
import { buildCapacityReport } from '../core/report/model';
import { renderHtml, renderJson, renderMarkdown } from '../core/report/render';

// `headroom report [--format html|markdown|json] [--output FILE] [--config FILE] PATH...`: the capacity
// report of the given files and folders. Exit 0 when written, 2 on a usage or configuration error.

export const REPORT_USAGE = `usage: headroom report [--format html|markdown|json] [--output FILE] [--config .headroom.yaml] PATH...

Reports every workload in the files (folders are walked): the tier it is held to and why, replicas,
CPU and memory per pod and in total, what it sustains and costs, each against the capacity documents'
recommendation with its source. Markdown on standard output unless --format or --output says otherwise
(an --output name ending in .html, .md or .json picks the format).`;

const FORMATS = ['html', 'markdown', 'json'] as const;
type ReportFormat = (typeof FORMATS)[number];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out']);

export interface ReportResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runReport(argv: string[], cwd = process.cwd()): Promise<ReportResult> {
  let format: string | undefined;
  let output: string | undefined;
  let configPath: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string) => (arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : argv[++i]);
    if (arg === '--help' || arg === '-h') return { exitCode: 0, stdout: `${REPORT_USAGE}\n`, stderr: '' };
    if (arg === '--format' || arg === '-f' || arg.startsWith('--format=')) format = value('--format');
    else if (arg === '--output' || arg === '-o' || arg.startsWith('--output=')) output = value('--output');
    else if (arg === '--config' || arg.startsWith('--config=')) configPath = value('--config');
    else if (arg.startsWith('-') && arg !== '-') return usage(`unknown option "${arg}"`);
    else paths.push(arg);
  }
  if (format === undefined && output) format = { '.html': 'html', '.htm': 'html', '.md': 'markdown', '.json': 'json' }[path.extname(output).toLowerCase()];
  format ??= 'markdown';
  if (!(FORMATS as readonly string[]).includes(format)) return usage(`unknown format "${format}" (html, markdown or json)`);
  if (output === '') return usage('--output needs a file name');
  if (paths.length === 0) return usage('no PATH given');

  const configFile = configPath ? path.resolve(cwd, configPath) : existing(path.join(cwd, '.headroom.yaml'));
  let fileConfig;
  let catalog = defaultCatalog;
  if (configFile) {
    if (!fs.existsSync(configFile)) return usage(`config file ${configFile} does not exist`);
    const { file, findings } = parseHeadroomYaml(fs.readFileSync(configFile, 'utf8'));
    if (!file) return { exitCode: 2, stdout: '', stderr: findings.map((f) => `${configFile}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}\n`).join('') };
    fileConfig = file;
    if (file.catalog) {
      try {
        catalog = loadCatalog([...CATALOG_DATA, ...file.catalog]);
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

  let stderr = '';
  const config = mergeConfig(fileConfig, undefined);
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog, config, log: (message) => { stderr += `${message}\n`; } });
  await engine.init();
  for (const file of [...new Set(files)].sort()) {
    try {
      engine.open({ uri: pathToFileURL(file).href, text: fs.readFileSync(file, 'utf8') });
    } catch (error) {
      stderr += `cannot read ${file}: ${String(error)}\n`;
    }
  }
  const report = buildCapacityReport(engine.all(), catalog, config);
  for (const uri of engine.uris()) engine.close(uri);
  const fileLabel = (uri: string) => {
    const file = fileURLToPath(uri);
    return path.relative(cwd, file) || file;
  };
  const text = render(format as ReportFormat, report, fileLabel);
  if (!output) return { exitCode: 0, stdout: text, stderr };
  const target = path.resolve(cwd, output);
  try {
    fs.writeFileSync(target, text);
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: `${stderr}headroom: cannot write ${output}: ${error instanceof Error ? error.message : String(error)}\n` };
  }
  return { exitCode: 0, stdout: '', stderr: `${stderr}wrote ${output} (${report.workloads.length} workload${report.workloads.length === 1 ? '' : 's'})\n` };
}

function render(format: ReportFormat, report: ReturnType<typeof buildCapacityReport>, fileLabel: (uri: string) => string): string {
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report, { fileLabel });
  return renderHtml(report, { fileLabel, nonce: randomBytes(16).toString('base64') });
}

function usage(problem: string): ReportResult {
  return { exitCode: 2, stdout: '', stderr: `headroom: ${problem}\n${REPORT_USAGE}\n` };
}

function existing(file: string): string | undefined {
  return fs.existsSync(file) ? file : undefined;
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
