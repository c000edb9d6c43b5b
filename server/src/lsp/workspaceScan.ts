import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { ServerContext } from './context';

// Cross-file rules (memory limiter vs the Alloy pod's memory, HPA vs its target's requests, ClickHouse
// memory vs its pod) need the files the user has not opened. The workspace is scanned once in the
// background, and files changed on disk are re-indexed; only their facts are kept, not their trees.

/** Files that can hold a format Headroom reads; the services still decide by content. */
export const SCANNED_FILE = /\.(alloy|river|ya?ml|xml)$/i;
export const WATCH_GLOB = '**/*.{alloy,river,yaml,yml,xml}';
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'vendor', '.terraform']);
/** A bound for very large monorepos: the scan is a convenience, not a promise. */
const MAX_FILES = 5000;

/** At most this often a progress report goes to the client, so a fast scan does not flood it. */
const PROGRESS_INTERVAL_MS = 200;

/**
 * Walks the roots and indexes every candidate file not open in the editor, reporting
 * window/workDoneProgress to clients that support it (VS Code shows it in the status bar). Resolves to
 * the count read.
 */
export async function scanWorkspace(ctx: ServerContext, roots: string[], maxFileBytes: () => number): Promise<number> {
  if (roots.length === 0) return 0;
  const progress = await ctx.connection.window.createWorkDoneProgress().catch(() => undefined);
  progress?.begin('Headroom: scanning the workspace', 0, 'finding files', false);
  let read = 0;
  try {
    const files: string[] = [];
    for (const root of roots) await collect(root, files);
    let changed = false;
    let reported = Date.now();
    for (const [done, file] of files.entries()) {
      if (progress && Date.now() - reported >= PROGRESS_INTERVAL_MS) {
        reported = Date.now();
        progress.report(Math.floor((done / files.length) * 100), `${done}/${files.length} files`);
      }
      const uri = pathToFileURL(file).href;
      if (ctx.documents.has(uri)) continue;
      const text = await readSmall(file, maxFileBytes());
      if (text === undefined) continue;
      read++;
      if (ctx.engine.index({ uri, text })) changed = true;
      // Let requests and edits in between files: the editor must not wait for the scan.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (changed) ctx.scheduleDiagnostics('all');
  } finally {
    progress?.done();
  }
  return read;
}

/** didChangeWatchedFiles for data files: re-index what changed on disk, forget what was deleted. */
export async function onFilesChanged(ctx: ServerContext, changes: FileEvent[], maxFileBytes: () => number): Promise<void> {
  let changed = false;
  for (const change of changes) {
    if (!change.uri.startsWith('file:') || !SCANNED_FILE.test(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) {
      if (ctx.engine.forget(change.uri)) changed = true;
      continue;
    }
    const text = await readSmall(fileURLToPath(change.uri), maxFileBytes());
    if (text === undefined) changed = ctx.engine.forget(change.uri) || changed;
    else if (ctx.engine.index({ uri: change.uri, text })) changed = true;
  }
  if (changed) ctx.scheduleDiagnostics('all');
}

async function collect(folder: string, out: string[]): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (out.length >= MAX_FILES) return;
    const child = path.join(folder, entry.name);
    // Symbolic links are not followed: no loops, and nothing outside the workspace is read.
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await collect(child, out);
    else if (entry.isFile() && SCANNED_FILE.test(entry.name)) out.push(child);
  }
}

async function readSmall(file: string, maxBytes: number): Promise<string | undefined> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
