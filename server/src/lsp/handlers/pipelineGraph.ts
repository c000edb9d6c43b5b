import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { alloyService } from '../../core/alloy/service';
import type { AlloyParsed } from '../../core/alloy/parser';
import { buildPipelineGraph, relatedFiles, type PipelineGraph } from '../../core/alloy/pipeline-graph';
import type { ServerContext } from '../context';

/** `headroom/pipelineGraph` `{ uri }`: the Alloy file's components as a graph; null for other documents. */
export const PIPELINE_GRAPH_REQUEST = 'headroom/pipelineGraph';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(PIPELINE_GRAPH_REQUEST, ({ uri }: { uri: string }): PipelineGraph | null => {
    ctx.sync(uri);
    const text = ctx.engine.text(uri);
    if (text === undefined || ctx.engine.formatOf(uri) !== 'alloy') return null;
    const main = alloyService.parse({ uri, text }) as AlloyParsed;
    const siblings = siblingFiles(ctx, uri);
    try {
      const related = relatedFiles(main, siblings);
      const files = [main, ...related].map((parsed) => ({
        uri: parsed.doc.uri,
        parsed,
        // Open files are coloured by their findings; a sibling read from disk only adds its components.
        findings: ctx.documents.has(parsed.doc.uri) ? ctx.findings(parsed.doc.uri) : [],
      }));
      return buildPipelineGraph(files, ctx.engine.context());
    } finally {
      main.dispose();
      for (const sibling of siblings) sibling.dispose();
    }
  });
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
    if (sibling === uri) continue;
    if (ctx.documents.has(sibling)) ctx.sync(sibling);
    let text = ctx.engine.text(sibling);
    if (text === undefined) {
      try {
        const file = path.join(folder, name);
        if (fs.statSync(file).size > ctx.engine.currentConfig.maxFileBytes) continue;
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
    }
    out.push(alloyService.parse({ uri: sibling, text }) as AlloyParsed);
  }
  return out;
}
