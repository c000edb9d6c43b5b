import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { initAlloyParser, parseAlloy } from '../core/alloy/parser';
import { formatAlloy } from '../core/alloy/format';
import { LineIndex } from '../core/text';
import { parseArgs, type OptionSpec } from './args';
import { EXIT, UsageError, usageResult, type CliIo, type CliResult } from './io';
import { collectFiles } from './workspace';
import { writeFileAtomic } from './atomic-write';
import { decodeUtf8 } from './utf8';

// `headroom fmt`: Alloy files formatted as `alloy fmt` formats them (grafana/alloy
// internal/alloycli/cmd_fmt.go at 66ebea856d prints to stdout, `-w` rewrites, `-t` tests), for the
// command line, pre-commit hooks and CI.

export const FMT_USAGE = `usage: headroom fmt [FILE | -]          print FILE (or standard input) formatted as \`alloy fmt\` does
       headroom fmt -w PATH...           rewrite the files in place (a folder: its .alloy and .river files)
       headroom fmt --check PATH...      list the files formatting would change

Options:
  -w, --write    rewrite files that are not formatted, each atomically (a new file renamed over the old)
  -t, --check    change nothing; list the files that are not formatted (- reads standard input)
  -h, --help     this text

A file with a syntax error (or bytes that are not UTF-8) is never formatted: FILE:LINE:COL and the
problem go to standard error. Exit codes: 0 done, all formatted; 1 a file is not formatted (--check) or
cannot be formatted; 2 usage error, or a file that could not be read or written.`;

const OPTIONS: OptionSpec[] = [
  { name: 'write', short: 'w' },
  { name: 'check', short: 't' },
  // `alloy fmt --test` is the same check.
  { name: 'test' },
  { name: 'help', short: 'h' },
];

const STDIN = '-';
const ALLOY_FILE = /\.(alloy|river)$/i;

type Mode = 'print' | 'write' | 'check';

function parseFmtOptions(argv: string[]): { mode: Mode; paths: string[] } | 'help' {
  const args = parseArgs(argv, OPTIONS);
  if (args.options.has('help')) return 'help';
  const write = args.options.has('write');
  const check = args.options.has('check') || args.options.has('test');
  if (write && check) throw new UsageError('-w and --check cannot be used together');
  const mode: Mode = write ? 'write' : check ? 'check' : 'print';
  const paths = args.positionals;
  if (mode === 'print' && paths.length > 1) throw new UsageError('fmt prints one file; use -w or --check for several');
  if (mode !== 'print' && paths.length === 0) throw new UsageError(`${write ? '-w' : '--check'} needs at least one PATH`);
  if (write && paths.includes(STDIN)) throw new UsageError('-w cannot rewrite standard input');
  if (paths.filter((p) => p === STDIN).length > 1) throw new UsageError('- (standard input) can be given once');
  return { mode, paths: paths.length > 0 ? paths : [STDIN] };
}

/** The files to format: files named as they are, folders walked for their Alloy files. */
function filesToFormat(cwd: string, mode: Mode, paths: string[]): string[] {
  const files: string[] = [];
  for (const target of paths) {
    if (target === STDIN) {
      files.push(STDIN);
      continue;
    }
    const absolute = path.resolve(cwd, target);
    if (!fs.existsSync(absolute)) throw new UsageError(`${target} does not exist`);
    if (!fs.statSync(absolute).isDirectory()) files.push(absolute);
    else if (mode === 'print') throw new UsageError(`${target} is a folder: use -w or --check`);
    else files.push(...collectFiles(cwd, [target]).filter((file) => ALLOY_FILE.test(file)));
  }
  return [...new Set(files)];
}

export async function runFmt(argv: string[], cwd: string, io: CliIo): Promise<CliResult> {
  let options: { mode: Mode; paths: string[] } | 'help';
  let files: string[];
  try {
    options = parseFmtOptions(argv);
    if (options === 'help') return { exitCode: EXIT.ok, stdout: `${FMT_USAGE}\n`, stderr: '' };
    files = filesToFormat(cwd, options.mode, options.paths);
  } catch (error) {
    if (error instanceof UsageError) return usageResult(error.message, FMT_USAGE);
    throw error;
  }
  const { mode } = options;

  await initAlloyParser();
  let stdout = '';
  let stderr = '';
  let unformatted = false;
  let ioFailed = false;
  for (const file of files) {
    const shown = file === STDIN ? '<stdin>' : displayPath(cwd, file);
    let original: Buffer;
    try {
      original = file === STDIN ? await io.readStdin() : fs.readFileSync(file);
    } catch (error) {
      stderr += `headroom: ${shown}: cannot read: ${describe(error)}\n`;
      ioFailed = true;
      continue;
    }
    const result = formatBytes(original, file === STDIN ? path.join(cwd, 'stdin.alloy') : file);
    if (!result.ok) {
      stderr += `${shown}:${result.line}:${result.column}: ${result.message}\n`;
      unformatted = true;
      continue;
    }
    const changed = result.text !== original.toString('utf8');
    if (mode === 'print') {
      stdout += result.text;
    } else if (mode === 'check') {
      if (changed) {
        stdout += `${shown}\n`;
        unformatted = true;
      }
    } else if (changed) {
      try {
        writeFileAtomic(file, result.text);
      } catch (error) {
        stderr += `headroom: ${shown}: cannot write: ${describe(error)}\n`;
        ioFailed = true;
      }
    }
  }
  const exitCode = ioFailed ? EXIT.usage : unformatted ? EXIT.findings : EXIT.ok;
  return { exitCode, stdout, stderr };
}

type Formatted = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** Formats the bytes of a file; bytes that are not UTF-8 are refused (as Alloy's scanner refuses them), never replaced. */
function formatBytes(original: Buffer, file: string): Formatted {
  const { text, invalid } = decodeUtf8(original);
  if (invalid.length > 0) {
    const at = new LineIndex(text).positionAt(invalid[0]);
    return { ok: false, line: at.line + 1, column: at.character + 1, message: 'invalid UTF-8: the file is left as it is' };
  }
  const parsed = parseAlloy({ uri: pathToFileURL(path.resolve(file)).href, text });
  try {
    const outcome = formatAlloy(parsed);
    if (outcome.ok) return { ok: true, text: outcome.text };
    const { line, character } = outcome.refusal.range.start;
    return { ok: false, line: line + 1, column: character + 1, message: outcome.refusal.message };
  } finally {
    parsed.dispose();
  }
}

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
