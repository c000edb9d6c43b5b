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
 * Whether to colour output, as Node decides for its own output: FORCE_COLOR wins when set ("0" or
 * "false" turn colour off, anything else on), then NO_COLOR (any non-empty value: off,
 * https://no-color.org), then TERM=dumb (off), then whether standard output is a terminal.
 */
export function useColour(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (io.env.NO_COLOR) return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY;
}

/** ANSI styles that are the identity when colour is off. */
export function palette(colour: boolean) {
  const style = (open: number, close: number) => (text: string) => (colour ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: style(1, 22), dim: style(2, 22), red: style(31, 39), yellow: style(33, 39), blue: style(34, 39), cyan: style(36, 39), green: style(32, 39) };
}
