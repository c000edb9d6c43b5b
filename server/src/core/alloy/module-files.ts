import * as path from 'node:path';
import type { BlockStmt, Expr } from './ast';
import { referencePath } from './ast';

// Which workspace files an `import.file` block loads. grafana/alloy v1.18.1
// docs/sources/reference/config-blocks/import.file.md: `filename` names a file or a directory (a
// directory is one module made of its files); `file.path_join(module_path, "x")` is relative to the
// importing module's directory. A plain relative `filename` is relative to the directory Alloy runs
// in, which the editor does not know: the importer's own directory is tried first (where `alloy run`
// is usually started), then a unique workspace path ending with the same components.

/** The POSIX path of a `file:` URI; undefined for other schemes (untitled documents). */
export function uriPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

/** The URIs of the workspace files an `import.file` block loads, or [] when that cannot be known statically. */
export function importedFiles(importer: string, block: BlockStmt, workspace: readonly string[]): string[] {
  if (block.name !== 'import.file') return [];
  const importerPath = uriPath(importer);
  const filename = block.body.find((s) => s.kind === 'attribute' && s.name === 'filename');
  if (!importerPath || !filename || filename.kind !== 'attribute') return [];
  const target = filenameOf(filename.value);
  if (!target) return [];
  const files = workspace.flatMap((uri) => {
    const file = uriPath(uri);
    return file ? [{ uri, file }] : [];
  });
  const matching = (wanted: string) => files.filter(({ file }) => file === wanted || path.posix.dirname(file) === wanted).map((f) => f.uri);
  const importerDir = path.posix.dirname(importerPath);
  if (target.relativeToModule || path.posix.isAbsolute(target.path)) {
    return matching(path.posix.resolve(importerDir, target.path));
  }
  const besideImporter = matching(path.posix.resolve(importerDir, target.path));
  if (besideImporter.length > 0) return besideImporter;
  const suffix = `/${path.posix.normalize(target.path).replace(/^(\.\/)+/, '').replace(/\/$/, '')}`;
  const bySuffix = files.filter(({ file }) => file.endsWith(suffix) || path.posix.dirname(file).endsWith(suffix));
  const roots = new Set(bySuffix.map(({ file }) => (file.endsWith(suffix) ? file : path.posix.dirname(file))));
  // Two different places end with the same path: which one Alloy loads depends on where it runs.
  return roots.size === 1 ? bySuffix.map((f) => f.uri) : [];
}

function filenameOf(value: Expr): { path: string; relativeToModule: boolean } | undefined {
  if (value.kind === 'string') return { path: String(value.value), relativeToModule: false };
  if (value.kind !== 'call' || referencePath(value.callee)?.parts.join('.') !== 'file.path_join') return undefined;
  const [first, ...rest] = value.args;
  if (first?.kind !== 'identifier' || first.name !== 'module_path') return undefined;
  if (!rest.every((arg) => arg.kind === 'string')) return undefined;
  return { path: path.posix.join('.', ...rest.map((arg) => String((arg as { value: unknown }).value))), relativeToModule: true };
}
