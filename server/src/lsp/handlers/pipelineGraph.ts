import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { alloyService } from '../../core/alloy/service';
import type { AlloyParsed } from '../../core/alloy/parser';
import { buildPipelineGraph, relatedFiles, type PipelineGraph } from '../../core/alloy/pipeline-graph';
import { importedFiles } from '../../core/alloy/module-files';
import type { ServerContext } from '../context';

/** `headroom/pipelineGraph` `{ uri }`: the Alloy file's components as a graph; null for other documents. */
export const PIPELINE_GRAPH_REQUEST = 'headroom/pipelineGraph';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(PIPELINE_GRAPH_REQUEST, ({ uri }: { uri: string }): PipelineGraph | null => {
    ctx.sync();
    const text = ctx.engine.text(uri);
    if (text === undefined || ctx.engine.formatOf(uri) !== 'alloy') return null;
    const main = alloyService.parse({ uri, text }) as AlloyParsed;
    const siblings = siblingFiles(ctx, uri);
    const modules = moduleFiles(ctx, main);
    try {
      const related = relatedFiles(main, siblings.filter((s) => !modules.some((m) => m.parsed.doc.uri === s.doc.uri)));
      // Open files are coloured by their findings; a file read from disk only adds its components.
      const findings = (file: string) => (ctx.documents.has(file) ? ctx.findings(file) : []);
      const files = [
        ...[main, ...related].map((parsed) => ({ uri: parsed.doc.uri, parsed, findings: findings(parsed.doc.uri) })),
        ...modules.map(({ parsed, namespace }) => ({ uri: parsed.doc.uri, parsed, namespace, findings: findings(parsed.doc.uri) })),
      ];
      return buildPipelineGraph(files, ctx.engine.context());
    } finally {
      main.dispose();
      for (const sibling of siblings) sibling.dispose();
      for (const module of modules) module.parsed.dispose();
    }
  });
}

/** The modules the file imports with `import.file`, where the workspace index knows the files. */
function moduleFiles(ctx: ServerContext, main: AlloyParsed): { parsed: AlloyParsed; namespace: string }[] {
  const known = [...new Set([...ctx.engine.uris(), ...ctx.engine.all().map((facts) => facts.uri)])];
  const out: { parsed: AlloyParsed; namespace: string }[] = [];
  for (const statement of main.ast.body) {
    if (statement.kind !== 'block' || statement.name !== 'import.file' || statement.label === undefined) continue;
    for (const file of importedFiles(main.doc.uri, statement, known)) {
      if (file === main.doc.uri) continue;
      const text = readText(ctx, file);
      if (text !== undefined) out.push({ parsed: alloyService.parse({ uri: file, text }) as AlloyParsed, namespace: statement.label });
    }
  }
  return out;
}

/** The editor's text of a file when it is open, else the file on disk (within maxFileBytes); the request synced every open document. */
function readText(ctx: ServerContext, uri: string): string | undefined {
  const open = ctx.engine.text(uri);
  if (open !== undefined) return open;
  try {
    const file = fileURLToPath(uri);
    return fs.statSync(file).size > ctx.engine.currentConfig.maxFileBytes ? undefined : fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The other .alloy files of the folder: the editor's text when open, else the file on disk. */
function siblingFiles(ctx: ServerContext, uri: string): AlloyParsed[] {
  if (!uri.startsWith('file:')) return [];
  const folder = path.dirname(fileURLToPath(uri));
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => /\.alloy$/i.test(name)).sort();
  } catch {
    return [];
  }
  const out: AlloyParsed[] = [];
  for (const name of names) {
    const sibling = pathToFileURL(path.join(folder, name)).href;
    const text = sibling === uri ? undefined : readText(ctx, sibling);
    if (text !== undefined) out.push(alloyService.parse({ uri: sibling, text }) as AlloyParsed);
  }
  return out;
}
