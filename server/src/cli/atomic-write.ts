import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The parts of node:fs an atomic write uses; tests pass a copy whose rename fails. */
export type AtomicFs = Pick<typeof fs, 'realpathSync' | 'statSync' | 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'chmodSync' | 'renameSync' | 'rmSync'>;

/**
 * Replaces a file's contents so that a reader sees either the old file or the new one, never a part:
 * the text goes to a temporary file beside it (same folder, so the same file system), is flushed to
 * disk, takes the original's permissions, and is renamed over it. A symbolic link is followed and
 * its target rewritten, so the link stays a link. On any failure the temporary file is removed and
 * the original is untouched.
 */
export function writeFileAtomic(file: string, text: string, fsImpl: AtomicFs = fs): void {
  const target = fsImpl.realpathSync(file);
  const mode = fsImpl.statSync(target).mode & 0o7777;
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.headroom-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = fsImpl.openSync(temporary, 'wx', mode);
  try {
    try {
      const data = Buffer.from(text, 'utf8');
      for (let written = 0; written < data.length;) written += fsImpl.writeSync(fd, data, written, data.length - written);
      fsImpl.fsyncSync(fd);
    } finally {
      fsImpl.closeSync(fd);
    }
    // openSync's mode is reduced by the umask; the original's permissions are what the file keeps.
    fsImpl.chmodSync(temporary, mode);
    fsImpl.renameSync(temporary, target);
  } catch (error) {
    fsImpl.rmSync(temporary, { force: true });
    throw error;
  }
}
