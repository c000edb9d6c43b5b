import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../server/src/cli/io';

/** A CLI's surroundings for in-process runs: no terminal and no colour variables unless a test sets them. */
export function testIo(options: { stdin?: string | Buffer; env?: Record<string, string>; tty?: boolean } = {}): CliIo {
  return {
    readStdin: async () => {
      if (options.stdin === undefined) throw new Error('the command read standard input, which this test does not give');
      return Buffer.from(options.stdin);
    },
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
  };
}

/** A temporary folder holding `files` (path → text). */
export function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
