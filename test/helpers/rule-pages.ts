import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadroomEngine } from '../../server/src/core/engine';
import { ALL_FORMATS } from '../../server/src/core/formats';
import { defaultCatalog, loadCatalog } from '../../server/src/core/capacity/catalog';
import { CATALOG_DATA } from '../../server/src/core/capacity/catalog-data';
import { mergeConfig, parseHeadroomYaml } from '../../server/src/core/config';
import type { Finding } from '../../server/src/core/types';
import { repoRoot } from './paths';

// The examples of the rule pages (docs/rules/**.md), run through the engine as a workspace of files.

export const DOCS_ROOT = () => path.join(repoRoot(), 'docs', 'rules');

/** Every page as its code: docs/rules/alloy/batch-tier.md → alloy/batch-tier. */
export function pageCodes(): string[] {
  const root = DOCS_ROOT();
  return fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((format) =>
    fs.readdirSync(path.join(root, format.name)).map((file) => `${format.name}/${file.replace(/\.md$/, '')}`)).sort();
}

export interface Example {
  file: string;
  lang: string;
  text: string;
}

const DEFAULT_FILE: Record<string, string> = { alloy: 'config.alloy', yaml: 'manifest.yaml', xml: 'config.xml' };

/** The fenced blocks of a section: ```lang or ```lang file=NAME; the text exactly as written. */
export function examplesOf(section: string): Example[] {
  const out: Example[] = [];
  const lines = section.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)(?:\s+file=(\S+))?\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`unclosed fence at "${lines[i]}"`);
    out.push({ lang: open[1], file: open[2] ?? DEFAULT_FILE[open[1]] ?? `example.${open[1]}`, text: `${lines.slice(i + 1, end).join('\n')}\n` });
    i = end;
  }
  return out;
}

/** Lints the examples together, as the CLI would in a folder holding them; `.headroom.yaml` configures the run. */
export async function lintExamples(examples: Example[]): Promise<{ file: string; finding: Finding }[]> {
  const results: { file: string; finding: Finding }[] = [];
  const configExample = examples.find((e) => e.file === '.headroom.yaml');
  let config = mergeConfig(undefined, undefined);
  let catalog = defaultCatalog;
  if (configExample) {
    const parsed = parseHeadroomYaml(configExample.text);
    for (const finding of parsed.findings) results.push({ file: '.headroom.yaml', finding });
    if (parsed.file) {
      config = mergeConfig(parsed.file, undefined);
      if (parsed.file.catalog) catalog = loadCatalog([...CATALOG_DATA, ...parsed.file.catalog]);
    }
  }
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog, config });
  await engine.init();
  const files = examples.filter((e) => e !== configExample);
  for (const example of files) engine.open({ uri: `file:///docs-example/${example.file}`, text: example.text });
  for (const example of files) {
    const uri = `file:///docs-example/${example.file}`;
    if (!engine.formatOf(uri)) throw new Error(`no format claims the example ${example.file}`);
    for (const finding of engine.lint(uri)) results.push({ file: example.file, finding });
  }
  return results;
}
