// What a CLI command reads and returns. Commands never touch process.* themselves, so tests run them
// in-process with their own standard input, environment and terminal, and compare the output exactly.

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliIo {
  /** All of standard input as bytes, read only when a command is given `-`. */
  readStdin(): Promise<Buffer>;
  env: Record<string, string | undefined>;
  /** Whether standard output is a terminal: colour is used only then (unless NO_COLOR or FORCE_COLOR say otherwise). */
  stdoutIsTTY: boolean;
}

export function processIo(): CliIo {
  return {
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      return Buffer.concat(chunks);
    },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A wrong command line or configuration: exit 2 with the message and the command's usage. */
export class UsageError extends Error {}

export function usageResult(problem: string, usage: string): CliResult {
  return { exitCode: EXIT.usage, stdout: '', stderr: `headroom: ${problem}\n${usage}\n` };
}

/**
 * Whether to colour output, as Node decides for its own output (nodejs/node lib/internal/tty.js
 * `getColorDepth`, checked on Node 20.20 and 24.22):
 * - FORCE_COLOR, when set, decides alone: "", "1", "true", "2" or "3" turn colour on, any other value
 *   ("0", "false", "yes", "TRUE") off;
 * - then NO_COLOR or NODE_DISABLE_COLORS, set to anything but "", turn it off (https://no-color.org: an
 *   empty NO_COLOR does not count, as in Node 24; Node 20 counted it);
 * - then TERM=dumb turns it off;
 * - else colour only when standard output is a terminal.
 */
export function useColour(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return FORCE_COLOR_ON.has(force);
  if (io.env.NO_COLOR || io.env.NODE_DISABLE_COLORS) return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY;
}

/** The FORCE_COLOR values that turn colour on (16, 256 or 16 million colours to Node; any colour to us). */
const FORCE_COLOR_ON: ReadonlySet<string> = new Set(['', '1', 'true', '2', '3']);

/** ANSI styles that are the identity when colour is off. */
export function palette(colour: boolean) {
  const style = (open: number, close: number) => (text: string) => (colour ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: style(1, 22), dim: style(2, 22), red: style(31, 39), yellow: style(33, 39), blue: style(34, 39), cyan: style(36, 39), green: style(32, 39) };
}
