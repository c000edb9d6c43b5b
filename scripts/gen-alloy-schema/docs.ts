import type { SourceTree } from './source-tree';

// Reads the component reference pages of grafana/alloy (docs/sources/reference/components/<ns>/<name>.md)
// with the shared fragments they include ({{< docs/shared lookup="reference/components/…" >}} from
// docs/sources/shared/): front-matter stage, the Arguments table, the Blocks table (`a > b` nesting,
// Required column), the argument table of each block section, and the Exported fields table. Only
// facts are kept (names, types, defaults, required, allowed values, deprecations); no prose.

export interface DocArg {
  name: string;
  type: string;
  default?: string;
  required?: boolean;
  enum?: string[];
  deprecated?: string;
}

export interface DocBlock {
  /** Block path from the component, e.g. ['endpoint', 'queue_config']. */
  path: string[];
  required?: boolean;
}

export interface DocPage {
  name: string;
  /** Path under docs/sources/reference/components/. */
  page: string;
  stage?: string;
  /** Component removed (the page says so and there is no code). */
  removed: boolean;
  args: DocArg[];
  blocks: DocBlock[];
  /** Argument tables of block sections, by the section heading's block path (possibly a suffix). */
  blockArgs: { heading: string[]; args: DocArg[] }[];
  exports: DocArg[];
  /** `name` → replacement, from sentences such as "The `x` argument is deprecated in favor of `y`". */
  deprecations: Map<string, string>;
}

const COMPONENTS_DIR = 'docs/sources/reference/components/';
const SHARED_DIR = 'docs/sources/shared/';

export function readDocPages(tree: SourceTree): DocPage[] {
  return tree.list(COMPONENTS_DIR)
    .filter((f) => f.endsWith('.md') && !f.endsWith('_index.md'))
    .sort()
    .map((file) => parsePage(tree, file));
}

function inlineShared(tree: SourceTree, text: string, depth = 0): string {
  if (depth > 5) return text;
  return text.replace(/\{\{<\s*docs\/shared\s+lookup="([^"]+)"[^}]*\}\}/g, (_, lookup: string) => {
    const fragment = tree.read(`${SHARED_DIR}${lookup}`);
    return fragment === undefined ? '' : inlineShared(tree, stripFrontMatter(fragment), depth + 1);
  });
}

function stripFrontMatter(text: string): string {
  return text.startsWith('---') ? text.slice(text.indexOf('\n---', 3) + 4) : text;
}

function parsePage(tree: SourceTree, file: string): DocPage {
  const raw = tree.read(file) ?? '';
  const front = raw.startsWith('---') ? raw.slice(3, raw.indexOf('\n---', 3)) : '';
  const stage = /^\s*stage:\s*(\S+)/m.exec(front)?.[1];
  const title = /^title:\s*(\S+)/m.exec(front)?.[1];
  const page = file.slice(COMPONENTS_DIR.length);
  const name = title ?? page.split('/').pop()!.replace(/\.md$/, '');
  const text = inlineShared(tree, stripFrontMatter(raw));
  const result: DocPage = {
    name, page, stage, removed: /\bis removed\b|\bhas been removed\b/i.test(text.slice(0, 1500)) && !/^## Arguments/m.test(text),
    args: [], blocks: [], blockArgs: [], exports: [], deprecations: new Map(),
  };
  let section = '';
  let heading: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^(#{2,6})\s+(.*)$/.exec(line);
    if (h) {
      if (h[1] === '##') { section = h[2].trim().toLowerCase(); heading = []; }
      else heading = headingPath(h[2]);
      continue;
    }
    if (!line.trimStart().startsWith('|')) deprecationsIn(line, result.deprecations);
    if (!line.trimStart().startsWith('|')) continue;
    // A table: header, separator, rows.
    const header = cells(line).map((c) => c.toLowerCase());
    if (!/^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? '')) continue;
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].trimStart().startsWith('|'); j++) rows.push(cells(lines[j]));
    i = j - 1;
    const col = (name: string) => header.findIndex((c) => c === name);
    if (section.startsWith('blocks') && heading.length === 0 && col('block') >= 0) {
      for (const row of rows) {
        const path = [...row[col('block')].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
        if (path.length === 0) continue;
        const requiredCell = col('required') >= 0 ? row[col('required')] : '';
        result.blocks.push({ path, required: /^\s*yes/i.test(requiredCell) || undefined });
      }
      continue;
    }
    if (col('name') < 0 || col('type') < 0) continue;
    const args = rows.map((row) => docArg(row, col)).filter((a): a is DocArg => a !== undefined);
    if (section.startsWith('export')) result.exports.push(...args);
    else if (section.startsWith('arguments') && heading.length === 0) result.args.push(...args);
    else if (heading.length > 0 && (section.startsWith('blocks') || section.startsWith('arguments'))) result.blockArgs.push({ heading, args });
  }
  return result;
}

/**
 * "The `x` argument is deprecated in favor of `y`", "`a` and `b` are deprecated. Use the `c` block
 * instead": every name before "deprecated" in its sentence maps to the first name after use / in favor of.
 */
function deprecationsIn(line: string, out: Map<string, string>): void {
  const at = line.search(/\bdeprecated\b/i);
  if (at < 0) return;
  const sentenceStart = Math.max(0, line.lastIndexOf('. ', at) + 1);
  const names = [...line.slice(sentenceStart, at).matchAll(/`([a-z_][\w.]*)`/g)].map((m) => m[1]);
  const after = line.slice(at);
  const replacement = /(?:in favor of|\b[Uu]se|replaced by)\s+(?:the\s+)?`([a-z_][\w.]*)`/.exec(after)?.[1];
  if (!replacement) return;
  for (const name of names) if (name !== replacement && !out.has(name)) out.set(name, replacement);
}

/** `### \`endpoint\` > \`queue_config\`` → ['endpoint', 'queue_config']; `### \`kafka\` block` → ['kafka']. */
function headingPath(text: string): string[] {
  const names = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim());
  if (names.length === 0) return [];
  if (names.length > 1 && !text.includes('>')) return [];
  return names.flatMap((n) => n.split(/\s*>\s*/));
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  // Split on pipes that are not escaped (`\|`) and not inside back-ticks.
  const out: string[] = [];
  let current = '';
  let code = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\' && inner[i + 1] === '|') { current += '|'; i++; continue; }
    if (c === '`') code = !code;
    if (c === '|' && !code) { out.push(current.trim()); current = ''; continue; }
    current += c;
  }
  out.push(current.trim());
  return out;
}

function docArg(row: string[], col: (name: string) => number): DocArg | undefined {
  const nameCell = row[col('name')] ?? '';
  const name = /`([^`]+)`/.exec(nameCell)?.[1] ?? nameCell.replace(/[[\]*]/g, '').trim();
  if (!/^[a-z_][\w.]*$/i.test(name)) return undefined;
  const typeCell = row[col('type')] ?? '';
  const type = (/`([^`]+)`/.exec(typeCell)?.[1] ?? typeCell).trim();
  const arg: DocArg = { name, type };
  const defaultCell = col('default') >= 0 ? (row[col('default')] ?? '') : '';
  const defaultMatch = /`([^`]*)`/.exec(defaultCell);
  if (defaultMatch) arg.default = defaultMatch[1];
  else if (defaultCell && !/^(none|n\/a|-|–)$/i.test(defaultCell) && defaultCell.length < 40) arg.default = defaultCell;
  const requiredCell = col('required') >= 0 ? (row[col('required')] ?? '') : '';
  if (/^\s*yes/i.test(requiredCell)) arg.required = true;
  const description = col('description') >= 0 ? (row[col('description')] ?? '') : '';
  const values = enumValues(description);
  if (values) arg.enum = values;
  if (/\bdeprecated\b/i.test(description)) {
    const replacement = /(?:in favor of|[Uu]se|replaced by)\s+(?:the\s+)?`([a-z_][\w.]*)`/.exec(description)?.[1];
    arg.deprecated = replacement ?? 'deprecated';
  }
  return arg;
}

/**
 * Allowed values listed in a description: "Must be one of `a`, `b`", "One of `a` or `b`",
 * "Supported values are `a` and `b`", "Can be `a` or `b`", "Must be `a`, `b`, or `c`". Undefined when the
 * sentence is anything else.
 */
export function enumValues(description: string): string[] | undefined {
  const m = /(?:must be one of|must be either|must be|should be either|one of|supported values(?: are)?|valid values(?: are)?|valid actions are|possible values(?: are)?|allowed values(?: are)?|available options are|can be either|can be set to|can be|supports|must be set to either)\s*[:]?\s*((?:`[^`]*`(?:\s*(?:,\s*or|,\s*and|,|or|and)\s*)?)+)/i.exec(description);
  if (!m) return undefined;
  const values = [...m[1].matchAll(/`([^`]*)`/g)].map((v) => v[1].replace(/^"(.*)"$/, '$1'));
  return values.length >= 2 ? values : undefined;
}
