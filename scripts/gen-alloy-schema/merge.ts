import type { DocArg, DocPage } from './docs';
import type { SchemaArg, SchemaBlock, SchemaComponent } from './model';
import { parseAlloyBytes, parseGoDuration } from '../../server/src/core/quantity';

// Joins what the Go code says (authoritative: it is what Alloy decodes) with what the reference pages
// say (capsule names, defaults the code computes at run time, allowed values, deprecations), and
// counts every disagreement for the generator's report.

export interface Disagreements {
  /** Documented but not in the Go struct: Alloy rejects it, so it is left out. */
  documentedOnly: string[];
  /** In the Go struct but not documented: Alloy accepts it, so it is kept. */
  undocumented: string[];
  /** Both give a default and they differ: the code's default is kept. */
  defaults: string[];
  /** Both say whether it is required and they differ: the code is kept. */
  required: string[];
  /** Types that differ beyond notation: the code's type is kept (docs refine `string` to `duration`). */
  types: string[];
  /** Defaults only the docs give (the code computes them at run time). */
  defaultsFromDocs: number;
  enums: number;
  /** Allowed values the code lists differently from the docs (the code's list is kept). */
  enumsFromCode: number;
  deprecations: number;
  /** Names the docs give capsule types the code names by Go path: Go path → doc name → count. */
  capsuleNames: Map<string, Map<string, number>>;
}

export function emptyDisagreements(): Disagreements {
  return { documentedOnly: [], undocumented: [], defaults: [], required: [], types: [], defaultsFromDocs: 0, enums: 0, enumsFromCode: 0, deprecations: 0, capsuleNames: new Map() };
}

export function mergeDocs(component: SchemaComponent, page: DocPage | undefined, report: Disagreements): void {
  if (!page) return;
  component.page = page.page;
  const walk = (block: SchemaBlock, path: string[]) => {
    if (block.recursive) return;
    const docArgs = path.length === 0 ? page.args : docArgsFor(page, path, Object.keys(block.args));
    const where = `${component.name}${path.length ? ` > ${path.join(' > ')}` : ''}`;
    if (docArgs) {
      const byName = new Map(docArgs.map((a) => [a.name, a]));
      for (const [name, arg] of Object.entries(block.args)) {
        const doc = byName.get(name);
        if (!doc) {
          report.undocumented.push(`${where}.${name}`);
          continue;
        }
        // A page's "x is deprecated in favor of y" concerns the block where y is x's sibling.
        const replacement = page.deprecations.get(name);
        const sibling = replacement !== undefined && (replacement in block.args || replacement in block.blocks) ? replacement : undefined;
        mergeArg(arg, doc, `${where}.${name}`, report, sibling);
      }
      for (const doc of docArgs) {
        if (!(doc.name in block.args) && !(doc.name in block.blocks)) report.documentedOnly.push(`${where}.${doc.name}`);
      }
    }
    for (const [name, child] of Object.entries(block.blocks)) {
      const deprecated = page.deprecations.get(name);
      if (deprecated && deprecated in block.blocks) child.deprecated = deprecated;
      walk(child, [...path, name]);
    }
  };
  walk(component, []);
  for (const [name, type] of Object.entries(component.exports)) {
    const doc = page.exports.find((e) => e.name === name);
    if (doc) component.exports[name] = refineType(type, doc.type, `${component.name} export ${name}`, report);
  }
}

/** The argument table of the block section whose heading names this path (its last parts). */
function docArgsFor(page: DocPage, path: string[], codeArgs: string[]): DocArg[] | undefined {
  let best: { args: DocArg[]; score: number } | undefined;
  for (const section of page.blockArgs) {
    const h = section.heading;
    if (h.length > path.length || !h.every((part, i) => path[path.length - h.length + i] === part)) continue;
    const overlap = section.args.filter((a) => codeArgs.includes(a.name)).length;
    const score = h.length * 1000 + overlap;
    if (!best || score > best.score) best = { args: section.args, score };
  }
  return best?.args;
}

function mergeArg(arg: SchemaArg, doc: DocArg, where: string, report: Disagreements, pageDeprecation?: string): void {
  arg.type = refineType(arg.type, doc.type, where, report);
  if (doc.required !== undefined || arg.required !== undefined) {
    if (Boolean(doc.required) !== Boolean(arg.required)) report.required.push(`${where}: docs ${doc.required ? 'required' : 'optional'}, code ${arg.required ? 'required' : 'optional'}`);
  }
  const docDefault = normaliseDocDefault(arg.type, doc.default);
  if (arg.default === undefined && docDefault !== undefined && !arg.required) {
    arg.default = docDefault;
    report.defaultsFromDocs++;
  } else if (arg.default !== undefined && docDefault !== undefined && !sameDefault(arg.type, arg.default, docDefault)) {
    report.defaults.push(`${where}: docs ${docDefault}, code ${arg.default}`);
  }
  if (arg.enum) {
    // The code's list (its UnmarshalText) is what Alloy accepts.
    if (doc.enum && doc.enum.join() !== arg.enum.join()) report.enumsFromCode++;
  } else if (doc.enum && ['string', 'secret', 'optional_secret'].includes(arg.type)) {
    const current = arg.default !== undefined ? unquote(arg.default) : undefined;
    // A list that leaves out the default is a description, not the set of allowed values.
    if (current === undefined || current === '' || doc.enum.includes(current)) {
      arg.enum = doc.enum;
      arg.enumFromDocs = true;
      report.enums++;
    }
  }
  const named = doc.deprecated && doc.deprecated !== 'deprecated' ? doc.deprecated : undefined;
  const deprecated = named ?? pageDeprecation ?? doc.deprecated;
  if (deprecated) {
    arg.deprecated = deprecated;
    report.deprecations++;
  }
}

const PRIMITIVES = new Set(['string', 'number', 'bool', 'duration', 'bytes', 'secret', 'optional_secret', 'any', 'object', 'function']);

/**
 * The code's type, with what the docs add: capsule names as the docs spell them, and `duration`
 * where the code only knows a string-decoded type.
 */
function refineType(code: string, docRaw: string, where: string, report: Disagreements): string {
  const doc = docRaw.replace(/\bboolean\b/g, 'bool').replace(/\s+/g, '').replace(/\bstring\|secret\b|\bsecret\|string\b/g, 'secret');
  if (normaliseNotation(code) === normaliseNotation(doc)) return code;
  const codeParts = splitType(code);
  const docParts = splitType(doc);
  if (codeParts && docParts && codeParts.outer === docParts.outer) {
    return `${codeParts.outer}(${refineType(codeParts.inner, docParts.inner, where, report)})`;
  }
  if (code === 'string' && doc === 'duration') return 'duration';
  // The docs often write `string` for sizes and secrets the code decodes more precisely.
  if ((doc === 'string' || doc === 'secret') && code === 'optional_secret') return code;
  if (doc === 'string' && (code === 'bytes' || code === 'secret' || code === 'duration')) return code;
  const docCapsule = /^capsule\((.+)\)$/.exec(doc)?.[1] ?? (!PRIMITIVES.has(doc) && !doc.includes('(') ? doc : undefined);
  if (code.startsWith('capsule(') && docCapsule) {
    // Capsules the code knows only by Go path take the name the docs use most (see nameCapsules).
    const goPath = code.slice('capsule('.length, -1);
    if (goPath.includes('/')) {
      const votes = report.capsuleNames.get(goPath) ?? new Map<string, number>();
      votes.set(docCapsule, (votes.get(docCapsule) ?? 0) + 1);
      report.capsuleNames.set(goPath, votes);
    }
    return code;
  }
  report.types.push(`${where}: docs ${docRaw}, code ${code}`);
  return code;
}

/** Removed arguments and blocks whose reference page still names their replacement (`blocking` → `block_on_overflow`). */
export function nameReplacements(components: Map<string, SchemaComponent>, pages: DocPage[]): void {
  for (const component of components.values()) {
    const page = pages.find((p) => p.name === component.name);
    if (!page) continue;
    const seen = new Set<SchemaBlock>();
    const walk = (block: SchemaBlock) => {
      if (seen.has(block)) return;
      seen.add(block);
      for (const [name, arg] of Object.entries(block.args)) {
        const replacement = page.deprecations.get(name);
        if (arg.removed && replacement && !arg.deprecated && replacement in block.args) arg.deprecated = replacement;
      }
      for (const child of Object.values(block.blocks)) walk(child);
    };
    walk(component);
  }
}

/**
 * Renames capsule types known only by Go path (`capsule(github.com/…/relabel.Rules)`) to the name the
 * reference pages use most for them (`RelabelRules`), else to `package.Type`.
 */
export function nameCapsules(components: Map<string, SchemaComponent>, report: Disagreements): void {
  const names = new Map<string, string>();
  const rename = (type: string) => type.replace(/capsule\(([^()]*\/[^()]*)\)/g, (_, goPath: string) => {
    let name = names.get(goPath);
    if (!name) {
      const votes = [...(report.capsuleNames.get(goPath) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
      name = votes[0]?.[0] ?? goPath.slice(goPath.lastIndexOf('/') + 1);
      names.set(goPath, name);
    }
    return `capsule(${name})`;
  });
  const walk = (block: SchemaBlock) => {
    for (const arg of Object.values(block.args)) arg.type = rename(arg.type);
    for (const child of Object.values(block.blocks)) walk(child);
  };
  for (const component of components.values()) {
    walk(component);
    for (const [name, type] of Object.entries(component.exports)) component.exports[name] = rename(type);
  }
}

/** Notations the docs use for the same type: `list(string)` and `array(string)`, `map(string)` and `object(string)`. */
function normaliseNotation(type: string): string {
  return type
    .replace(/\b(u?int(8|16|32|64)?|integer|float(32|64)?)\b/g, 'number')
    .replace(/\[\]([\w.]+)/g, 'list($1)')
    .replace(/\bmap\[string\]([\w.]+)/g, 'map($1)')
    .replace(/\b(units\.Base2Bytes|size)\b/g, 'bytes')
    .replace(/\bDuration\b/g, 'duration')
    .replace(/\b(discovery\.)?Target\b/g, 'map(string)')
    .replace(/\bloki\.LogsReceiver\b/g, 'LogsReceiver')
    .replace(/\barray\(/g, 'list(').replace(/\bobject\(/g, 'map(').replace(/\bmap\(any\)/g, 'object').replace(/\bcapsule\(([^()]*)\)/g, '$1');
}

function splitType(type: string): { outer: string; inner: string } | undefined {
  const m = /^(list|map|array|object)\((.*)\)$/.exec(type);
  if (!m) return undefined;
  return { outer: m[1] === 'array' ? 'list' : m[1] === 'object' ? 'map' : m[1], inner: m[2] };
}

function unquote(text: string): string {
  return text.replace(/^"(.*)"$/, '$1');
}

/** A docs default in Alloy syntax, or undefined when it is prose ("20% of limit", "See below"). */
function normaliseDocDefault(type: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  if (type === 'number') return /^-?\d+(\.\d+)?(e\d+)?$/i.test(t) ? t : undefined;
  if (type === 'bool') return t === 'true' || t === 'false' ? t : undefined;
  if (['duration', 'bytes', 'string', 'secret', 'optional_secret'].includes(type)) {
    if (/^".*"$/.test(t)) return t;
    if (type === 'duration' && parseGoDuration(t).ok) return `"${t}"`;
    if (type === 'bytes' && parseAlloyBytes(t).ok) return `"${t}"`;
    return undefined;
  }
  if (type.startsWith('list(')) return /^\[.*\]$/.test(t) ? t : undefined;
  if (type.startsWith('map(') || type === 'object') return /^\{.*\}$/.test(t) ? t : undefined;
  return undefined;
}

function sameDefault(type: string, a: string, b: string): boolean {
  if (a === b) return true;
  const ua = unquote(a);
  const ub = unquote(b);
  if (type === 'duration') {
    const da = parseGoDuration(ua);
    const db = parseGoDuration(ub);
    return da.ok && db.ok && da.value === db.value;
  }
  if (type === 'bytes') {
    const ba = parseAlloyBytes(ua);
    const bb = parseAlloyBytes(ub);
    return ba.ok && bb.ok && ba.value === bb.value;
  }
  if (type === 'number') return Number(ua) === Number(ub);
  if (type === 'list(duration)') {
    const parse = (list: string) => [...list.matchAll(/"([^"]*)"/g)].map((m) => parseGoDuration(m[1])).map((d) => (d.ok ? d.value : NaN));
    const la = parse(a);
    const lb = parse(b);
    return la.length === lb.length && la.every((v, i) => v === lb[i]);
  }
  if (type.startsWith('list(') || type.startsWith('map(')) return a.replace(/\s/g, '') === b.replace(/\s/g, '');
  return ua === ub;
}

