import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

/** Read access to one version of the grafana/alloy sources: a checkout folder, or a tag of a git repository. */
export interface SourceTree {
  /** A name for messages: the folder, or `repo@tag`. */
  readonly label: string;
  /** Every file path (relative, `/`-separated) under `prefix`. */
  list(prefix: string): string[];
  read(file: string): string | undefined;
}

export function directoryTree(root: string): SourceTree {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) files.push(rel);
    }
  };
  walk('');
  return {
    label: root,
    list: (prefix) => files.filter((f) => f.startsWith(prefix)),
    read: (file) => {
      try { return fs.readFileSync(path.join(root, file), 'utf8'); } catch { return undefined; }
    },
  };
}

/**
 * One tag of a (bare) git repository, read with `git ls-tree` and one `git cat-file --batch` for the
 * files asked for, so older versions need no checkout of their own.
 */
export function gitTree(gitDir: string, ref: string, prefixes: string[]): SourceTree {
  const listing = execFileSync('git', ['-C', gitDir, 'ls-tree', '-r', '--full-tree', ref, '--', ...prefixes], { maxBuffer: 1 << 28 }).toString();
  const blobs = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
    if (m) blobs.set(m[2], m[1]);
  }
  const wanted = [...blobs.keys()].filter((f) => f.endsWith('.go') || f.endsWith('.md') || f.endsWith('go.mod'));
  const contents = new Map<string, string>();
  const input = wanted.map((f) => blobs.get(f)).join('\n') + '\n';
  const out = execFileSync('git', ['-C', gitDir, 'cat-file', '--batch'], { input, maxBuffer: 1 << 30 });
  let offset = 0;
  for (const file of wanted) {
    const headerEnd = out.indexOf(10, offset);
    const header = out.subarray(offset, headerEnd).toString();
    const size = Number(header.split(' ')[2]);
    contents.set(file, out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return {
    label: `${gitDir}@${ref}`,
    list: (prefix) => wanted.filter((f) => f.startsWith(prefix)),
    read: (file) => contents.get(file),
  };
}
