import * as fs from 'node:fs';
import { requireShared, seedPath } from './shared';

// Every figure printed in the capacity-planning documents, read at test time (the documents are never
// copied into the project). A figure is one numeric token with where it stands: the document, the
// heading path of its section, the kind of line (table cell, code line, text line) and a key naming it
// within the section — `Row / Column` for a table cell, the dotted key path for a YAML/HCL/XML or
// `label: value` code line, the bold label or the text around it for a text line. The sizing model
// and its exclusions table locate figures with the same four parts.

export type FigureKind = 'table' | 'code' | 'text';

export interface SeedFigure {
  document: string;
  section: string;
  kind: FigureKind;
  /** Fence language of a code line (`yaml`, `python`…); '' for an unlabelled fence. */
  lang?: string;
  key: string;
  /** The token as printed: digits with their attached unit and sign (`500m`, `$3,200`, `16Gi+`, `1.5e9`). */
  token: string;
  /** 1-based line in the document. */
  line: number;
}

/** A number not glued to an identifier (`c6i.2xlarge`, `us-east-1`, `p95`, `autoscaling/v2` hold none). */
const TOKEN = /(?<![A-Za-z0-9_./:\\])(?<![A-Za-z]-)\$?\d[\d,_]*(?:\.\d+)?(?:e[+-]?\d+)?[A-Za-zμ%]*\+?/g;

/** The heading title without its numbering emoji (seed 000 writes `## 🏗️ Deployment Sizes`). */
export function headingTitle(line: string): string {
  return line.replace(/^#+\s*/, '').replace(/^[^A-Za-z0-9]+/, '').trim();
}

const clean = (text: string) => text.replace(/\*\*|`/g, '').replace(/\s+/g, ' ').trim();

function tokens(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => m[0].replace(/[,.]$/, ''));
}

/** The key of a text line: its bold or colon label, else its words with the figures left out. */
function textKey(line: string): string {
  const body = clean(line.replace(/^\s*(?:[-*]|\d+\.)\s+/, ''));
  const colon = /^([^:]{1,60}):/.exec(body);
  if (colon && !/\d/.test(colon[1])) return colon[1].trim();
  return body.replace(TOKEN, '#').replace(/\s+/g, ' ').slice(0, 60).trim();
}

/** Code lines: a dotted path of the keys of the enclosing lines (by indentation), then the line's own key. */
function codeKeys(lines: string[]): string[] {
  const stack: { indent: number; key: string }[] = [];
  /** `- name: X` then `value: "…"`: the value is keyed by X (environment variable lists). */
  let itemName: { indent: number; name: string } | undefined;
  return lines.map((raw) => {
    const line = raw.replace(/[├└│]─?\s?|─/g, (m) => ' '.repeat(m.length));
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') && !/^#\s*\d/.test(trimmed)) return '';
    let indent = line.length - line.trimStart().length;
    let body = trimmed;
    if (body.startsWith('- ')) {
      indent += 2;
      body = body.slice(2);
    }
    const xml = /^<([A-Za-z_][\w.-]*)>/.exec(body);
    const pair = /^([A-Za-z_][\w .\-/()×]*?)\s*(?::(?!\/)|=(?!=))/.exec(body);
    let own = xml ? xml[1] : pair ? pair[1].trim() : '';
    const named = /^name:\s*"?([\w.-]+)"?\s*$/.exec(body);
    if (named && trimmed.startsWith('- ')) itemName = { indent, name: named[1] };
    else if (own === 'value' && itemName?.indent === indent) own = itemName.name;
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    const path = [...stack.map((s) => s.key), own].filter(Boolean).join('.');
    const opens = own && (/:\s*(#.*)?$/.test(body) || /\{\s*$/.test(body));
    if (opens) stack.push({ indent, key: own });
    else if (!own && /^([A-Za-z_][\w.]*)(?:\s+"[^"]*")?\s*\{\s*$/.test(body)) stack.push({ indent, key: /^([A-Za-z_][\w.]*)/.exec(body)![1] });
    return path;
  });
}

export function seedFigures(document: string): SeedFigure[] {
  const lines = fs.readFileSync(seedPath(document), 'utf8').split('\n');
  const out: SeedFigure[] = [];
  const headings: { level: number; title: string }[] = [];
  const section = () => headings.filter((h) => h.level > 1).map((h) => h.title).join(' > ');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const end = lines.indexOf('```', i + 1);
      const block = lines.slice(i + 1, end);
      const keys = codeKeys(block);
      block.forEach((code, j) => {
        for (const token of tokens(code)) out.push({ document, section: section(), kind: 'code', lang: fence[1], key: keys[j], token, line: i + 2 + j });
      });
      i = end;
      continue;
    }
    const heading = /^(#+) /.exec(line);
    if (heading) {
      const level = heading[1].length;
      while (headings.length > 0 && headings[headings.length - 1].level >= level) headings.pop();
      headings.push({ level, title: headingTitle(line) });
      continue;
    }
    if (line.startsWith('|')) {
      const header = line.split('|').slice(1, -1).map(clean);
      let j = i + 2;
      for (; j < lines.length && lines[j].startsWith('|'); j++) {
        const cells = lines[j].split('|').slice(1, -1).map(clean);
        cells.forEach((cell, c) => {
          if (c === 0 && !/^[-~<>$\d]/.test(cell)) return;
          const key = c === 0 ? `${cell} / ${header[0]}` : `${cells[0]} / ${header[c]}`;
          for (const token of tokens(cell)) out.push({ document, section: section(), kind: 'table', key, token, line: j + 1 });
        });
      }
      i = j - 1;
      continue;
    }
    for (const token of tokens(line)) out.push({ document, section: section(), kind: 'text', key: textKey(line), token, line: i + 1 });
  }
  return out;
}

export function allSeedFigures(): SeedFigure[] {
  return fs.readdirSync(requireShared('seeds')).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort().flatMap(seedFigures);
}
