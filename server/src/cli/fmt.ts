import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { initAlloyParser, parseAlloy } from '../core/alloy/parser';
import { formatAlloy } from '../core/alloy/format';
import type { CliResult } from './cli';

// `headroom fmt`: Alloy files formatted as `alloy fmt` formats them (grafana/alloy
// internal/alloycli/cmd_fmt.go at 66ebea856d prints to stdout, `-w` rewrites, `-t` tests), for the
// command line, pre-commit hooks and CI.

export const FMT_USAGE = `usage: headroom fmt [FILE | -]          print FILE (or standard input) formatted as \`alloy fmt\` does
       headroom fmt -w PATH...           rewrite the files in place (a folder: its .alloy and .river files)
       headroom fmt --check PATH...      list the files formatting would change

  -w, --write    rewrite files that are not formatted (each atomically: a new file renamed over the old)
  --check, -t    change nothing; list the files that are not formatted (- reads standard input)

A file with a syntax error is never formatted: FILE:LINE:COL and the error go to standard error.
Exit codes: 0 done, all formatted; 1 a file is not formatted (--check) or cannot be formatted;
2 usage error.`;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out']);
const STDIN = '-';

export interface FmtInput {
  /** Standard input, read when FILE is `-` or missing. */
  readStdin(): Promise<Buffer>;
}

const processInput: FmtInput = {
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
};

type Mode = 'print' | 'write' | 'check';

export async function runFmt(args: string[], cwd: string, input: FmtInput = processInput): Promise<CliResult> {
  let mode: Mode = 'print';
  const paths: string[] = [];
  let optionsEnded = false;
  for (const arg of args) {
    if (!optionsEnded && (arg === '-h' || arg === '--help')) return { exitCode: 0, stdout: `${FMT_USAGE}\n`, stderr: '' };
    if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && (arg === '-w' || arg === '--write' || arg === '--check' || arg === '-t' || arg === '--test')) {
      const requested: Mode = arg === '-w' || arg === '--write' ? 'write' : 'check';
      if (mode !== 'print' && mode !== requested) return usage('-w and --check cannot be used together');
      mode = requested;
    } else if (!optionsEnded && arg.startsWith('-') && arg !== STDIN) return usage(`unknown option "${arg}"`);
    else paths.push(arg);
  }
  if (mode === 'print' && paths.length > 1) return usage('fmt prints one file; use -w or --check for several');
  if (mode !== 'print' && paths.length === 0) return usage(`${mode === 'write' ? '-w' : '--check'} needs at least one PATH`);
  if (mode === 'write' && paths.includes(STDIN)) return usage('-w cannot rewrite standard input');
  if (paths.length === 0) paths.push(STDIN);

  const files: string[] = [];
  for (const target of paths) {
    if (target === STDIN) {
      files.push(STDIN);
      continue;
    }
    const absolute = path.resolve(cwd, target);
    if (!fs.existsSync(absolute)) return usage(`${target} does not exist`);
    if (fs.statSync(absolute).isDirectory()) {
      if (mode === 'print') return usage(`${target} is a folder: use -w or --check`);
      alloyFilesIn(absolute, files);
    } else {
      files.push(absolute);
    }
  }

  await initAlloyParser();
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const file of [...new Set(files)]) {
    const shown = file === STDIN ? '<stdin>' : path.relative(cwd, file) || file;
    let original: Buffer;
    try {
      original = file === STDIN ? await input.readStdin() : fs.readFileSync(file);
    } catch (error) {
      stderr += `${shown}: cannot read: ${describe(error)}\n`;
      exitCode = 1;
      continue;
    }
    const result = formatBytes(original, file === STDIN ? 'stdin.alloy' : file);
    if (!result.ok) {
      stderr += `${shown}:${result.line}:${result.column}: ${result.message}\n`;
      exitCode = 1;
      continue;
    }
    const changed = !result.bytes.equals(original);
    if (mode === 'print') {
      stdout += result.bytes.toString('utf8');
    } else if (mode === 'check') {
      if (changed) {
        stdout += `${shown}\n`;
        exitCode = 1;
      }
    } else if (changed) {
      try {
        writeAtomically(file, result.bytes);
      } catch (error) {
        stderr += `${shown}: cannot write: ${describe(error)}\n`;
        exitCode = 1;
      }
    }
  }
  return { exitCode, stdout, stderr };
}

type Formatted = { ok: true; bytes: Buffer } | { ok: false; line: number; column: number; message: string };

/** Formats the bytes of a file; invalid UTF-8 is refused, as Alloy's scanner refuses it, rather than decoded lossily. */
function formatBytes(original: Buffer, file: string): Formatted {
  const invalid = firstInvalidUtf8(original);
  if (invalid >= 0) {
    const before = original.subarray(0, invalid).toString('utf8').split('\n');
    return { ok: false, line: before.length, column: before[before.length - 1].length + 1, message: 'invalid UTF-8: the file is left as it is' };
  }
  const parsed = parseAlloy({ uri: pathToFileURL(path.resolve(file)).href, text: original.toString('utf8') });
  try {
    const outcome = formatAlloy(parsed);
    if (outcome.ok) return { ok: true, bytes: Buffer.from(outcome.text, 'utf8') };
    const { line, character } = outcome.refusal.range.start;
    return { ok: false, line: line + 1, column: character + 1, message: outcome.refusal.message };
  } finally {
    parsed.dispose();
  }
}

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Buffer): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Narrow it down: the longest valid prefix ends where decoding first fails.
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (validPrefix(bytes, mid)) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Whether the first `length` bytes are well-formed UTF-8, a sequence cut at the end included. */
function validPrefix(bytes: Buffer, length: number): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces a file by writing the new text to a temporary file next to it and renaming that over it, so
 * a reader (or a crash) sees the old file or the new one, never a partial one. A symbolic link keeps
 * pointing at its target, which is the file rewritten; the file keeps its permissions.
 */
function writeAtomically(file: string, bytes: Buffer): void {
  const target = fs.realpathSync(file);
  const mode = fs.statSync(target).mode & 0o7777;
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.headroom-fmt`);
  const fd = fs.openSync(temporary, 'wx', mode);
  try {
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

function alloyFilesIn(folder: string, out: string[]): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) alloyFilesIn(child, out);
    } else if (entry.isFile() && /\.(alloy|river)$/i.test(entry.name)) {
      out.push(child);
    }
  }
}

function usage(problem: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `headroom fmt: ${problem}\n${FMT_USAGE}\n` };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
