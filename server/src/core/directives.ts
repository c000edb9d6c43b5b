import type { Finding, Range } from './types';
import type { TierCatalog } from './capacity/catalog-types';
import type { LineIndex } from './text';
import { LOAD_KEYS, type Load, loadMetricNamed, parseLoadValue } from './capacity/load';

export type CommentStyle = 'slash' | 'hash' | 'xml';

export interface Directive {
  workload?: string;
  tier?: string;
  /** `headroom: load otlp=40000/min agents=80`: the load the object below is sized for. */
  load?: Load;
  line: number;
  range: Range;
}

const PATTERNS: Record<CommentStyle, RegExp> = {
  slash: /^\s*\/\/\s*headroom:(.*)$/,
  hash: /^\s*#\s*headroom:(.*)$/,
  xml: /<!--\s*headroom:(.*?)-->/,
};

/**
 * `headroom: workload=<id> tier=<name>` and `headroom: [workload=<id>] load <metric>=<value> …` comments.
 * Unknown keys, workloads, tiers, load metrics and values become `headroom/directive` findings with a
 * did-you-mean, so a typo never silently disables a check.
 */
export function parseDirectives(lines: LineIndex, style: CommentStyle, catalog: TierCatalog): { directives: Directive[]; findings: Finding[] } {
  const directives: Directive[] = [];
  const findings: Finding[] = [];
  // Most files have no directive: one search of the text instead of a look at every line.
  if (!lines.text.includes('headroom:')) return { directives, findings };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!text.includes('headroom:')) continue;
    const match = PATTERNS[style].exec(text);
    if (!match) continue;
    const start = text.indexOf('headroom:');
    const range = { start: { line, character: start }, end: { line, character: text.length } };
    const directive: Directive = { line, range };
    let loadMode = false;
    for (const pair of match[1].trim().split(/\s+/).filter(Boolean)) {
      const [key, value] = pair.split('=', 2);
      if (pair === 'load') {
        loadMode = true;
        directive.load ??= {};
      } else if ((key === 'workload' || key === 'tier') && value) {
        directive[key] = value;
      } else if (loadMode && value !== undefined) {
        const metric = loadMetricNamed(key);
        const parsed = metric ? parseLoadValue(metric, value) : undefined;
        if (!metric) findings.push(problem(range, `unknown load "${key}"${didYouMean(key, LOAD_KEYS)}; known: ${LOAD_KEYS.slice(0, 10).join(', ')}`));
        else if ('error' in parsed!) findings.push(problem(range, `load ${key}: ${parsed!.error}`));
        else directive.load![metric] = parsed!.value;
      } else {
        findings.push(problem(range, `unknown headroom directive "${pair}": write headroom: workload=<id> tier=<name>, or headroom: load <metric>=<value>`));
      }
    }
    if (directive.workload && !catalog.workloads().includes(directive.workload)) {
      findings.push(problem(range, `unknown workload "${directive.workload}"${didYouMean(directive.workload, catalog.workloads())}; known: ${catalog.workloads().join(', ')}`));
    } else if (directive.workload && directive.tier && !catalog.get(directive.workload, directive.tier)) {
      const tiers = catalog.tiers(directive.workload).map((t) => t.tier);
      findings.push(problem(range, `workload ${directive.workload} has no tier "${directive.tier}"${didYouMean(directive.tier, tiers)}; its tiers: ${tiers.join(', ')}`));
    }
    directives.push(directive);
  }
  return { directives, findings };
}

function problem(range: Range, message: string): Finding {
  return { code: 'headroom/directive', severity: 'warning', message, range };
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  return best ? ` (did you mean "${best}"?)` : '';
}

/** The candidate within a small edit distance of `word`, if exactly one is closest. */
export function closest(word: string, candidates: readonly string[], maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  const lowerWord = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const lowerCandidate = candidate.toLowerCase();
    // The difference in length is a lower bound of the distance: a candidate that cannot beat the best
    // so far is not compared (a suggestion is computed per unknown name on every lint of its block).
    if (Math.abs(lowerCandidate.length - lowerWord.length) >= bestDistance) continue;
    const distance = editDistance(lowerWord, lowerCandidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Levenshtein distance between `a` and `b`. With `atLeast`, the comparison stops as soon as the distance
 * is known to be `atLeast` or more, and returns `atLeast` then.
 */
export function editDistance(a: string, b: string, atLeast = Infinity): number {
  const row = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j] < rowMinimum) rowMinimum = row[j];
      previous = current;
    }
    // Every later row's entries are at least this row's smallest.
    if (rowMinimum >= atLeast) return atLeast;
  }
  return Math.min(row[b.length], atLeast);
}
