import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCapacityReport } from '../core/report/model';
import { renderHtml, renderJson, renderMarkdown } from '../core/report/render';
import { parseArgs, stringOption, type OptionSpec } from './args';
import { EXIT, UsageError, usageResult, type CliIo, type CliResult } from './io';
import { decodeUtf8 } from './utf8';
import { collectFiles, createEngine, loadSettings } from './workspace';

// `headroom report [--format html|markdown|json] [--output FILE] [--config FILE] PATH...`: the capacity
// report of the given files and folders. Exit 0 when written, 2 on a usage or configuration error.

export const REPORT_USAGE = `usage: headroom report [options] PATH...

Reports every workload in the files (folders are walked, skipping node_modules, .git, dist and out):
the tier it is held to and why, replicas, CPU and memory per pod and in total, what it sustains and
costs, each against the capacity documents' recommendation with its source; totals per namespace and
for the workspace.

Options:
  -f, --format FORMAT   markdown (default), html (one self-contained page) or json (docs/capacity-report.md)
  -o, --output FILE     write the report to FILE instead of standard output; a name ending in .html,
                        .md or .json picks the format when --format is not given
      --config FILE     workspace configuration (default: .headroom.yaml in the current folder)
  -h, --help            this text

Exit codes: 0 the report was written, 2 usage or configuration error.`;

const OPTIONS: OptionSpec[] = [
  { name: 'format', short: 'f', value: 'html|markdown|json' },
  { name: 'output', short: 'o', value: 'FILE' },
  { name: 'config', value: 'FILE' },
  { name: 'help', short: 'h' },
];

const FORMATS = ['html', 'markdown', 'json'] as const;
type ReportFormat = (typeof FORMATS)[number];
const BY_EXTENSION: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.md': 'markdown', '.json': 'json' };

export async function runReport(argv: string[], cwd: string, _io: CliIo): Promise<CliResult> {
  let format: ReportFormat;
  let output: string | undefined;
  let files: string[];
  let settings: ReturnType<typeof loadSettings>;
  try {
    const args = parseArgs(argv, OPTIONS);
    if (args.options.has('help')) return { exitCode: EXIT.ok, stdout: `${REPORT_USAGE}\n`, stderr: '' };
    output = stringOption(args, 'output');
    if (output === '') throw new UsageError('--output needs a file name');
    const written = stringOption(args, 'format') ?? (output ? BY_EXTENSION[path.extname(output).toLowerCase()] : undefined) ?? 'markdown';
    if (!(FORMATS as readonly string[]).includes(written)) throw new UsageError(`--format must be ${FORMATS.join(', ')}; got "${written}"`);
    format = written as ReportFormat;
    if (args.positionals.length === 0) throw new UsageError('no PATH given');
    if (args.positionals.includes('-')) throw new UsageError('report reads files, not standard input');
    settings = loadSettings(cwd, stringOption(args, 'config'));
    files = collectFiles(cwd, args.positionals);
  } catch (error) {
    if (error instanceof UsageError) return usageResult(error.message, REPORT_USAGE);
    throw error;
  }

  let stderr = '';
  const engine = await createEngine(settings, (message) => { stderr += `${message}\n`; });
  for (const file of files) {
    try {
      engine.open({ uri: pathToFileURL(file).href, text: decodeUtf8(fs.readFileSync(file)).text });
    } catch (error) {
      stderr += `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
  const report = buildCapacityReport(engine.all(), settings.catalog, settings.config);
  for (const uri of engine.uris()) engine.close(uri);
  const fileLabel = (uri: string) => {
    const file = fileURLToPath(uri);
    return path.relative(cwd, file) || file;
  };
  const text = render(format, report, fileLabel);
  if (!output) return { exitCode: EXIT.ok, stdout: text, stderr };
  try {
    fs.writeFileSync(path.resolve(cwd, output), text);
  } catch (error) {
    return { exitCode: EXIT.usage, stdout: '', stderr: `${stderr}headroom: cannot write ${output}: ${error instanceof Error ? error.message : String(error)}\n` };
  }
  return { exitCode: EXIT.ok, stdout: '', stderr: `${stderr}wrote ${output} (${report.workloads.length} workload${report.workloads.length === 1 ? '' : 's'})\n` };
}

function render(format: ReportFormat, report: ReturnType<typeof buildCapacityReport>, fileLabel: (uri: string) => string): string {
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report, { fileLabel });
  return renderHtml(report, { fileLabel, nonce: randomBytes(16).toString('base64') });
}
