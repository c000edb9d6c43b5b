import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Rule documentation pages, docs/rules/<format>/<rule>.md: one per finding code, shipped inside the
// npm package and the VSIX next to dist/, so a diagnostic links to its page by file URI (works
// offline), `headroom explain CODE` prints it, and SARIF rules carry it as their help.

/** The sections of every page, in this order, after `# <code>` and a one-sentence summary. */
export const RULE_PAGE_SECTIONS = ['What it checks', 'Why', 'Sources', 'Bad', 'Good', 'Silence it'] as const;
export type RulePageSection = (typeof RULE_PAGE_SECTIONS)[number];

export interface RulePage {
  code: string;
  /** The `# heading`: the code. */
  title: string;
  /** The one sentence under the heading. */
  summary: string;
  sections: Partial<Record<RulePageSection, string>>;
  /** Headings that are not one of RULE_PAGE_SECTIONS, or are out of order or repeated. */
  problems: string[];
  markdown: string;
}

/** `alloy/batch-tier` → `alloy/batch-tier.md` (relative to docs/rules); undefined for a malformed code. */
export function rulePagePath(code: string): string | undefined {
  return /^[a-z0-9-]+\/[a-z0-9-]+$/.test(code) ? `${code}.md` : undefined;
}

export function parseRulePage(code: string, markdown: string): RulePage {
  const lines = markdown.split(/\r?\n/);
  const problems: string[] = [];
  const title = /^# (.*)$/.exec(lines[0] ?? '')?.[1]?.trim() ?? '';
  if (!title) problems.push('the first line is not a "# <code>" heading');
  const sections: Partial<Record<RulePageSection, string>> = {};
  const order: string[] = [];
  let current: string | undefined;
  let body: string[] = [];
  const summaryLines: string[] = [];
  let fenced = false;
  const close = () => {
    if (current && (RULE_PAGE_SECTIONS as readonly string[]).includes(current)) sections[current as RulePageSection] = body.join('\n').trim();
  };
  for (const line of lines.slice(1)) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? undefined : /^## (.*)$/.exec(line)?.[1]?.trim();
    if (heading !== undefined) {
      close();
      current = heading;
      order.push(heading);
      body = [];
    } else if (current) body.push(line);
    else summaryLines.push(line);
  }
  close();
  const expected = RULE_PAGE_SECTIONS.join(' / ');
  if (order.join(' / ') !== expected) problems.push(`sections are "${order.join(' / ')}", expected "${expected}"`);
  return { code, title, summary: summaryLines.join(' ').trim(), sections, problems, markdown };
}

/** The docs/rules folder shipped beside the running bundle (dist/ → ../docs/rules) or the compiled tests (out/…). */
export function findRuleDocsRoot(from = __dirname): string | undefined {
  let dir = from;
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The page of `code` from docs/rules, or undefined when there is none. */
export function readRulePage(code: string, root = findRuleDocsRoot()): RulePage | undefined {
  const relative = rulePagePath(code);
  if (!root || !relative) return undefined;
  try {
    return parseRulePage(code, fs.readFileSync(path.join(root, relative), 'utf8'));
  } catch {
    return undefined;
  }
}

const uris = new Map<string, string | undefined>();

/** The file URI of the page of `code` (cached), for a diagnostic's codeDescription. */
export function rulePageUri(code: string): string | undefined {
  if (!uris.has(code)) {
    const root = findRuleDocsRoot();
    const relative = rulePagePath(code);
    const file = root && relative ? path.join(root, relative) : undefined;
    uris.set(code, file && fs.existsSync(file) ? pathToFileURL(file).href : undefined);
  }
  return uris.get(code);
}
