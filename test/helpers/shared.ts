import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

// Third-party data the tests read but the project does not hold: the real-world config corpus, the
// capacity-planning documents (seeds) and the `alloy fmt` reference outputs. They live in the
// workplace's shared folder next to the checkout (`../shared`, present in CI and for every developer;
// SOURCES.tsv and README.txt there record origin and licence), or wherever HEADROOM_SHARED points.

export type SharedPart = 'corpus' | 'seeds' | 'alloy-fmt';

export function sharedRoot(): string {
  return process.env.HEADROOM_SHARED ? path.resolve(process.env.HEADROOM_SHARED) : path.resolve(repoRoot(), '..', 'shared');
}

/** The folder of a shared part, or undefined when this machine does not have it. */
export function sharedDir(part: SharedPart): string | undefined {
  const dir = path.join(sharedRoot(), part);
  return fs.existsSync(dir) ? dir : undefined;
}

/** The folder of a shared part; throws with the place it looked when it is missing (for scripts and benchmarks). */
export function requireShared(part: SharedPart): string {
  const dir = sharedDir(part);
  if (!dir) throw new Error(`${part} not found at ${path.join(sharedRoot(), part)}: set HEADROOM_SHARED to the shared folder`);
  return dir;
}

/**
 * Options for `test()` and `describe()`: skipped, with the reason in the test report, when a shared part
 * is missing, so a run without `../shared` says which suites it could not run instead of failing them.
 */
export function needsShared(...parts: SharedPart[]): { skip?: string } {
  const missing = parts.filter((part) => !sharedDir(part));
  return missing.length === 0 ? {} : { skip: `needs ${missing.map((p) => path.join(sharedRoot(), p)).join(' and ')}, not found (set HEADROOM_SHARED)` };
}

export function corpusPath(...parts: string[]): string {
  return path.join(requireShared('corpus'), ...parts);
}

export function seedPath(document: string): string {
  return path.join(requireShared('seeds'), document);
}

/** The seed file whose name starts with `prefix` (`000`, `004`). */
export function seedFile(prefix: string): string {
  const name = fs.readdirSync(requireShared('seeds')).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no seed ${prefix}_* in ${requireShared('seeds')}`);
  return name;
}

/**
 * The text of a fenced code block of a seed, verbatim: the `nth` block in `lang` after the markdown
 * heading whose title is `heading`, within that heading's section. Tests build their seed-derived
 * inputs from these, so the documents themselves are never copied into the project.
 */
export function seedCodeBlock(prefix: string, heading: string, lang: string, nth = 0): string {
  const lines = fs.readFileSync(seedPath(seedFile(prefix)), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '').trim() === heading);
  if (start < 0) throw new Error(`seed ${prefix} has no heading "${heading}"`);
  const level = /^#+/.exec(lines[start])![0].length;
  let seen = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const heading = /^(#+) /.exec(lines[i]);
    if (heading && heading[1].length <= level) break;
    if (lines[i].trim() !== '```' + lang) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) break;
    if (seen++ === nth) return lines.slice(i + 1, end).join('\n') + '\n';
    i = end;
  }
  throw new Error(`seed ${prefix} has no ${nth + 1}. \`\`\`${lang} block under "${heading}"`);
}

/**
 * Marks the verdict on a seed-derived input: appends `<comment> expect: code` to the first line (after
 * the previous mark) containing each `match`, so input and verdict read together in the test.
 */
export function expectOnLines(text: string, comment: '#' | '//' | '<!--', marks: { match: string; codes: string[] }[]): string {
  const lines = text.split('\n');
  let from = 0;
  for (const { match, codes } of marks) {
    const index = lines.findIndex((line, i) => i >= from && line.includes(match));
    if (index < 0) throw new Error(`no line containing "${match}"`);
    const close = comment === '<!--' ? ' -->' : '';
    lines[index] = `${lines[index].trimEnd()} ${comment} expect: ${codes.join(', ')}${close}`;
    from = index + 1;
  }
  return lines.join('\n');
}
