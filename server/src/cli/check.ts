import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HeadroomEngine } from '../core/engine';
import { applyTextEdits } from '../core/text';
import type { Finding, Severity } from '../core/types';
import { choiceOption, countOption, parseArgs, stringOption, type OptionSpec } from './args';
import { EXIT, UsageError, type CliIo, type CliResult, usageResult } from './io';
import { collectFiles, createEngine, loadSettings } from './workspace';
import { writeFileAtomic } from './atomic-write';
import { formatReport, REPORT_FORMATS, type ReportFormat } from './report-formats';
import { decodeUtf8 } from './utf8';
import { checkInParallel } from './parallel';

// `headroom check`: the editor's analysis for CI and commit hooks. Reading, fixing, filtering and
// printing are separate steps, so a parallel runner can take over `lintDocuments` for many files.

export const CHECK_USAGE = `usage: headroom check [options] PATH...
       headroom check [options] - --stdin-filename NAME      (reads the file from standard input)

Lints Grafana Alloy, Kubernetes manifests, Helm values and ClickHouse XML (folders are walked, skipping
node_modules, .git, dist and out) against the capacity-planning tiers.

Options:
  -f, --format FORMAT        text (default), json, sarif, or github (GitHub Actions annotations)
      --config FILE          workspace configuration (default: .headroom.yaml in the current folder)
      --stdin-filename NAME  the name of the text read from standard input; its extension picks the format
      --fix                  apply every finding's preferred fix in place (atomically) and report what
                             changed; with "-", the fixed text goes to standard output, the report to stderr
      --severity LEVEL       report findings at LEVEL or above: error, warning, info or hint (default)
  -q, --quiet                report errors only (--severity error)
      --max-warnings N       exit 1 when more than N warnings are reported
  -j, --jobs N               check on N threads (default: one per idle core for large inputs; the output is the same)
  -h, --help                 this text

Exit codes: 0 no error (and at most --max-warnings warnings), 1 errors or too many warnings, 2 usage or
configuration error, or a file that could not be read or written.
Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR=1 forces it (FORCE_COLOR=0 off).`;

const OPTIONS: OptionSpec[] = [
  { name: 'format', short: 'f', value: 'text|json|sarif|github' },
  { name: 'config', value: 'FILE' },
  { name: 'stdin-filename', value: 'NAME' },
  { name: 'fix' },
  { name: 'severity', value: 'error|warning|info|hint' },
  { name: 'quiet', short: 'q' },
  { name: 'max-warnings', value: 'N' },
  { name: 'jobs', short: 'j', value: 'N' },
  { name: 'help', short: 'h' },
];

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** A finding as the CLI reports it: 1-based line and column, end exclusive, the citation in the message. */
export interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/** One file to check: from disk, or standard input under the name given by --stdin-filename. */
export interface InputDocument {
  uri: string;
  /** As reported: relative to the working directory when inside it. */
  display: string;
  text: string;
  /** Absolute path of a file on disk; undefined for standard input. */
  file?: string;
  /** The bytes read, to check a rewrite loses none (and that the file did not change meanwhile). */
  raw: Buffer;
  /** Offsets in `text` of the U+FFFD that stand for bytes that are not UTF-8 (reported by the formats). */
  invalidUtf8: number[];
}

export interface FixOutcome {
  doc: InputDocument;
  text: string;
  /** Codes whose findings the fixes removed, with how many of each. */
  fixed: Map<string, number>;
}

interface CheckOptions {
  format: ReportFormat;
  configPath?: string;
  stdinFilename?: string;
  fix: boolean;
  minSeverity: Severity;
  maxWarnings?: number;
  jobs?: number;
  paths: string[];
}

function parseCheckOptions(argv: string[]): CheckOptions | 'help' {
  const args = parseArgs(argv, OPTIONS);
  if (args.options.has('help')) return 'help';
  const format = choiceOption(args, 'format', REPORT_FORMATS, 'text');
  let minSeverity = choiceOption(args, 'severity', SEVERITIES, 'hint');
  if (args.options.has('quiet')) {
    if (args.options.has('severity') && minSeverity !== 'error') throw new UsageError('--quiet reports errors only; it contradicts --severity ' + minSeverity);
    minSeverity = 'error';
  }
  const stdinFilename = stringOption(args, 'stdin-filename');
  const paths = args.positionals;
  const dashes = paths.filter((p) => p === '-').length;
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a file name');
  if (paths.length === 0) throw new UsageError('no PATH given (use - with --stdin-filename NAME to read standard input)');
  if (dashes > 1) throw new UsageError('- (standard input) can be given once');
  if (dashes === 1 && !stdinFilename) throw new UsageError('- needs --stdin-filename NAME: its extension (.alloy, .yaml, .xml) picks the format');
  if (dashes === 0 && stdinFilename) throw new UsageError('--stdin-filename names standard input, which is read only when "-" is one of the PATHs');
  const jobs = countOption(args, 'jobs');
  if (jobs === 0) throw new UsageError('--jobs must be at least 1');
  return {
    format, configPath: stringOption(args, 'config'), stdinFilename, fix: args.options.has('fix'),
    minSeverity, maxWarnings: countOption(args, 'max-warnings'), jobs, paths,
  };
}

export async function runCheck(argv: string[], cwd: string, io: CliIo): Promise<CliResult> {
  let options: CheckOptions | 'help';
  try {
    options = parseCheckOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) return usageResult(error.message, CHECK_USAGE);
    throw error;
  }
  if (options === 'help') return { exitCode: EXIT.ok, stdout: `${CHECK_USAGE}\n`, stderr: '' };

  let stderr = '';
  let docs: InputDocument[];
  let engine: HeadroomEngine;
  let ioFailed: boolean;
  try {
    const settings = loadSettings(cwd, options.configPath);
    const read = await readDocuments(cwd, options, io);
    docs = read.docs;
    stderr += read.problems.map((p) => `headroom: ${p}\n`).join('');
    ioFailed = read.problems.length > 0;
    engine = await createEngine(settings, (message) => { stderr += `${message}\n`; });
  } catch (error) {
    if (error instanceof UsageError) return { exitCode: EXIT.usage, stdout: '', stderr: `${stderr}headroom: ${error.message}\n` };
    throw error;
  }

  // Without --fix (which rewrites files one after the other), many files are checked on every idle core;
  // the findings are the same (parallel.ts). Undefined: one thread, this engine.
  const parallel = options.fix ? undefined : await checkInParallel({
    docs: docs.map(({ uri, text, invalidUtf8 }) => ({ uri, text, invalidUtf8 })), cwd, configPath: options.configPath, jobs: options.jobs,
  });
  if (parallel) stderr += parallel.log;
  else openDocuments(engine, docs);
  const applied: FixOutcome[] = [];
  if (options.fix) {
    // Text decoded from bytes that are not UTF-8 cannot be written back without altering them.
    for (const doc of docs.filter((d) => d.invalidUtf8.length > 0 && engine.formatOf(d.uri))) {
      stderr += `headroom: ${doc.display} not fixed: it is not valid UTF-8, and rewriting it would alter bytes the fixes do not touch\n`;
      ioFailed = true;
    }
    for (const outcome of fixDocuments(engine, docs.filter((d) => d.invalidUtf8.length === 0))) {
      const problem = outcome.doc.file ? writeFix(outcome) : undefined;
      if (problem) {
        stderr += `headroom: ${outcome.doc.display} not fixed: ${problem}\n`;
        ioFailed = true;
        // What is reported must be what is on disk.
        engine.open({ uri: outcome.doc.uri, text: outcome.doc.text });
        continue;
      }
      stderr += `fixed ${outcome.doc.display}: ${describeFixed(outcome.fixed)}\n`;
      applied.push(outcome);
    }
  }

  const results = parallel ?? engine;
  const all = reportedFindings(results, docs);
  const reported = all.filter((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(options.minSeverity));
  const checked = docs.filter((d) => results.formatOf(d.uri)).length;
  const report = formatReport(options.format, reported, {
    files: checked, hidden: all.length - reported.length, minSeverity: options.minSeverity, io,
    fixed: options.fix ? applied.map((f) => ({ file: f.doc.display, codes: Object.fromEntries(f.fixed) })) : undefined,
  });
  const stdinDoc = docs.find((d) => d.file === undefined);
  let stdout = report;
  if (options.fix && stdinDoc) {
    // A filter: the (fixed) text on stdout, byte for byte, and the report beside it on stderr. Input
    // that is not UTF-8 cannot be given back unaltered as text: nothing is written (exit 2, said above).
    stdout = stdinDoc.invalidUtf8.length > 0 ? '' : engine.text(stdinDoc.uri) ?? stdinDoc.text;
    stderr += report;
  }
  // Frees every parse tree: a process that runs many checks (tests, a watcher) must not grow.
  engine.dispose();

  let exitCode: number = reported.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
  const warnings = reported.filter((f) => f.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    stderr += `headroom: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`;
    exitCode = EXIT.findings;
  }
  if (ioFailed) exitCode = EXIT.usage;
  return { exitCode, stdout, stderr };
}

/** The files named (folders walked) and standard input; files that cannot be read are problems, not a stop. */
async function readDocuments(cwd: string, options: CheckOptions, io: CliIo): Promise<{ docs: InputDocument[]; problems: string[] }> {
  const docs: InputDocument[] = [];
  const problems: string[] = [];
  for (const file of collectFiles(cwd, options.paths.filter((p) => p !== '-'))) {
    try {
      const raw = fs.readFileSync(file);
      const { text, invalid } = decodeUtf8(raw);
      docs.push({ uri: pathToFileURL(file).href, display: displayPath(cwd, file), text, file, raw, invalidUtf8: invalid });
    } catch (error) {
      problems.push(`cannot read ${displayPath(cwd, file)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (options.stdinFilename === undefined) return { docs, problems };
  const absolute = path.resolve(cwd, options.stdinFilename);
  const raw = await io.readStdin();
  const { text, invalid } = decodeUtf8(raw);
  const stdinDoc: InputDocument = { uri: pathToFileURL(absolute).href, display: displayPath(cwd, absolute), text, raw, invalidUtf8: invalid };
  // The text on standard input stands for the file of that name: it replaces the copy on disk.
  return { docs: [...docs.filter((d) => d.uri !== stdinDoc.uri), stdinDoc], problems };
}

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Opens every document before any is linted (or fixed), so cross-file rules see all of them. */
export function openDocuments(engine: HeadroomEngine, docs: InputDocument[]): void {
  for (const doc of docs) engine.open({ uri: doc.uri, text: doc.text, invalidUtf8: doc.invalidUtf8 });
}

/**
 * Fix-all on every document, one after the other; each fixed text replaces the document in the engine
 * so the next file's cross-file rules see it. Documents without a preferred fix are left out.
 */
export function fixDocuments(engine: HeadroomEngine, docs: InputDocument[]): FixOutcome[] {
  const outcomes: FixOutcome[] = [];
  for (const doc of docs) {
    if (!engine.formatOf(doc.uri)) continue;
    const edits = engine.fixAll(doc.uri);
    if (edits.length === 0) continue;
    const before = engine.lint(doc.uri);
    const text = applyTextEdits(doc.text, edits);
    if (text === doc.text) continue;
    engine.open({ uri: doc.uri, text });
    outcomes.push({ doc, text, fixed: removedCodes(before, engine.lint(doc.uri)) });
  }
  return outcomes;
}

function removedCodes(before: Finding[], after: Finding[]): Map<string, number> {
  const count = (findings: Finding[]) => findings.reduce((m, f) => m.set(f.code, (m.get(f.code) ?? 0) + 1), new Map<string, number>());
  const left = count(after);
  const removed = new Map<string, number>();
  for (const [code, n] of [...count(before)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const gone = n - (left.get(code) ?? 0);
    if (gone > 0) removed.set(code, gone);
  }
  return removed;
}

function describeFixed(fixed: Map<string, number>): string {
  const total = [...fixed.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return 'rewritten by the fixes (no finding went away)';
  const parts = [...fixed].map(([code, n]) => (n === 1 ? code : `${code} ×${n}`));
  return `${total} finding${total === 1 ? '' : 's'} fixed (${parts.join(', ')})`;
}

/** Writes a fixed file; returns why it was not written, if it was not. */
function writeFix(outcome: FixOutcome): string | undefined {
  const { doc } = outcome;
  if (!doc.file) return 'not a file';
  try {
    if (!fs.readFileSync(doc.file).equals(doc.raw)) return 'it changed on disk while it was being checked';
    writeFileAtomic(doc.file, outcome.text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

/** The findings of every document Headroom claims, in reading order. */
export function reportedFindings(engine: Pick<HeadroomEngine, 'formatOf' | 'lint'>, docs: InputDocument[]): ReportedFinding[] {
  const findings: ReportedFinding[] = [];
  for (const doc of docs) {
    if (!engine.formatOf(doc.uri)) continue;
    for (const finding of engine.lint(doc.uri)) {
      findings.push({
        file: doc.display,
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
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
