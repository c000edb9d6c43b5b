import type { Finding, Position } from '../types';
import type { LineIndex } from '../text';
import type { BlockStmt, Statement } from './ast';
import { editSession } from './reuse';
import { otherFiles } from './scope';
import type { AlloyRule, AlloyRuleContext } from './rule-context';

// The Alloy lint driver. Block-scoped rules (rule-context.ts `AlloyRule.scope`) run once per statement
// at component level (a "unit": a top-level statement, or a statement in a declare body); file-scoped
// rules run over the whole file. For a document being edited, the block rules' findings of each unit
// are kept, and the next lint reuses them for every unit the edit did not touch, moved to where the
// unit is now; the rules run again only on the units that changed. The findings equal a full run's,
// in the same order: rule by rule, each rule's findings in document order.
//
// What a unit's block findings depend on, and how each is proven unchanged:
// - the unit's own AST: the same statement object (reuse.ts: a statement taken over from an earlier
//   version is that version's object, its spans shifted), and the same text before it and after it on
//   its first and last line (indentation read by fixes);
// - whether each component of the unit is the one its `name.label` stands for (the first of a
//   duplicate): compared per unit;
// - the declare block around it: its place among the file's declares, whose labels, arguments and
//   exports are in the environment;
// - everything else a block rule may read (`Environment`): configuration and catalog, the tier
//   chosen, the other files' facts, whether the file has syntax errors, the component names and kinds
//   of the file, and its declare, argument, export and import blocks. When any of it changed, every
//   unit is checked again.
// A finding whose ranges or fixes reach outside its unit's lines is not kept (it could not be moved
// with the unit); it is found again on the next lint.

/** Everything besides its own statement that a block rule may read (see above). */
interface Environment {
  config: unknown;
  catalog: unknown;
  /** The other files' facts, by identity (a file's facts are new objects whenever it is parsed again). */
  others: readonly unknown[];
  tier: readonly unknown[];
  syntaxErrors: boolean;
  /** `name.label` and block name of every component the index holds, in order. */
  components: string;
  /** Labels of the declare blocks, what their argument blocks declare, their export blocks and the import blocks (as objects), in document order. */
  declarations: readonly unknown[];
}

/** The statements at component level, in document order, with the declare around each and its ordinal (-1 at top level). */
interface Units {
  statements: Statement[];
  declares: (BlockStmt | undefined)[];
  declareOrdinals: number[];
}

/** A unit's block findings as last found, with what they were found for. */
interface KeptUnit {
  start: number;
  position: Position;
  /** The text before the unit on its first line and after it on its last. */
  before: string;
  after: string;
  /** How many line breaks the unit holds (the same statement object has the same text). */
  lineCount: number;
  /** For each component in the unit: whether the index held it. */
  owned: string;
  declareOrdinal: number;
  /** Per block rule (in rule order): its findings, with their offsets relative to `start`. */
  findings: KeptFinding[][];
  /** The same findings as reported where the unit is now (NO_FINDINGS when it has none). */
  reported: Finding[][];
  /** The lint that last found the unit in the file: entries of units gone are dropped after each lint. */
  lint: number;
}

interface KeptFinding {
  finding: Finding;
  /** Range start and end, then every fix edit's start and end, as offsets relative to the unit's start. */
  offsets: number[];
}

interface LintCache {
  environment: Environment;
  /** Updated in place from one lint to the next (an edit keeps most units: no new map per keystroke). */
  units: Map<Statement, KeptUnit>;
  lints: number;
}

const CACHE_KEY = 'alloyLint';

/** A unit with no block findings (most of them), shared so that reusing it allocates nothing. */
const NO_FINDINGS: never[][] = [];

/** Every rule's findings for the file of `ctx` (which checks the whole file: no `unit`). */
export function runRules(ctx: AlloyRuleContext, rules: readonly AlloyRule[]): Finding[] {
  const blockRules = rules.filter((rule) => rule.scope === 'block');
  const session = editSession(ctx.parsed);
  const units = unitsOf(ctx.parsed.ast.body);
  const environment = session ? environmentOf(ctx) : undefined;
  const previous = session?.[CACHE_KEY] as LintCache | undefined;
  const reusable = previous !== undefined && environment !== undefined && sameEnvironment(previous.environment, environment);
  // The previous cache is given up with this lint: its map and entries are updated in place.
  const cache: LintCache | undefined = !environment ? undefined
    : previous ? Object.assign(previous, { environment, lints: previous.lints + 1 }) : { environment, units: new Map(), lints: 0 };
  if (cache && !reusable) cache.units.clear();
  const { lines, doc } = ctx.parsed;

  const count = units.statements.length;
  const perUnit: Finding[][][] = new Array(count);
  for (let u = 0; u < count; u++) {
    const statement = units.statements[u];
    if (!cache) {
      perUnit[u] = checkUnit(ctx, blockRules, statement, units.declares[u]);
      continue;
    }
    const start = statement.span.start;
    const position = lines.positionAt(start);
    const old = cache.units.get(statement);
    if (old && old.declareOrdinal === units.declareOrdinals[u] && sameSurroundings(lines, statement, position, old) && ctx.index.sameOwnership(statement, old.owned)) {
      // Findings are in lines and characters: a unit whose first line and column are the same (its
      // text and the text around it on its lines are) has them where they were, whatever its offset.
      const unmoved = position.line === old.position.line && position.character === old.position.character;
      if (!unmoved && old.findings !== NO_FINDINGS) {
        for (const ruleFindings of old.findings) for (const kept of ruleFindings) kept.finding = moved(kept, start, lines);
        old.reported = old.findings.map((ruleFindings) => ruleFindings.map((f) => f.finding));
      }
      old.start = start;
      old.position = position;
      old.lint = cache.lints;
      perUnit[u] = old.reported;
      continue;
    }
    const place = placeOf(lines, statement, position);
    const found = checkUnit(ctx, blockRules, statement, units.declares[u]);
    const findings = found.every((ruleFindings) => ruleFindings.length === 0) ? NO_FINDINGS : found;
    const keptFindings = findings === NO_FINDINGS ? NO_FINDINGS : keep(findings, statement, place, lines, doc.uri);
    if (keptFindings) {
      cache.units.set(statement, {
        ...place, start, owned: ctx.index.ownership(statement), declareOrdinal: units.declareOrdinals[u], findings: keptFindings, reported: findings, lint: cache.lints,
      });
    } else {
      cache.units.delete(statement);
    }
    perUnit[u] = findings;
  }
  if (cache) for (const [statement, kept] of cache.units) if (kept.lint !== cache.lints) cache.units.delete(statement);
  if (session && cache) session[CACHE_KEY] = cache;

  const out: Finding[] = [];
  let blockIndex = 0;
  for (const rule of rules) {
    if (rule.scope === 'block') {
      const index = blockIndex++;
      for (const findings of perUnit) if (findings !== NO_FINDINGS) out.push(...findings[index]);
    } else {
      out.push(...rule.check(ctx));
    }
  }
  return out;
}

/** The block rules' findings for one unit. One context per unit: the rules share what the helpers collect for it (rule-context.ts, walk.ts). */
function checkUnit(ctx: AlloyRuleContext, blockRules: readonly AlloyRule[], statement: Statement, declare: BlockStmt | undefined): Finding[][] {
  const unitContext: AlloyRuleContext = { ...ctx, unit: { statement, declare } };
  return blockRules.map((rule) => rule.check(unitContext));
}

/** The statements at component level, in document order (declare bodies are descended into). */
function unitsOf(body: Statement[]): Units {
  const units: Units = { statements: [], declares: [], declareOrdinals: [] };
  let declares = 0;
  const visit = (statements: Statement[], declare: BlockStmt | undefined, declareOrdinal: number) => {
    for (const statement of statements) {
      if (statement.kind === 'block' && statement.name === 'declare') {
        visit(statement.body, statement, declares++);
        continue;
      }
      units.statements.push(statement);
      units.declares.push(declare);
      units.declareOrdinals.push(declareOrdinal);
    }
  };
  visit(body, undefined, -1);
  return units;
}

function environmentOf(ctx: AlloyRuleContext): Environment {
  const tier = ctx.tier;
  return {
    config: ctx.analysis.config,
    catalog: ctx.analysis.catalog,
    others: otherFiles(ctx.parsed, ctx.analysis),
    tier: tier ? [tier.tier, tier.how, JSON.stringify(tier.load ?? null)] : [],
    syntaxErrors: ctx.parsed.syntax.length > 0,
    components: ctx.index.signature,
    declarations: ctx.index.declarations,
  };
}

function sameEnvironment(a: Environment, b: Environment): boolean {
  return a.config === b.config && a.catalog === b.catalog && a.syntaxErrors === b.syntaxErrors && a.components === b.components
    && sameItems(a.others, b.others) && sameItems(a.tier, b.tier) && sameItems(a.declarations, b.declarations);
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function placeOf(lines: LineIndex, statement: Statement, position: Position): { position: Position; before: string; after: string; lineCount: number } {
  const { start, end } = statement.span;
  const endLine = lines.positionAt(end).line;
  return {
    position,
    before: lines.text.slice(start - position.character, start),
    after: lines.text.slice(end, Math.max(end, lines.lineEnd(endLine))),
    lineCount: endLine - position.line,
  };
}

/** Whether the text around a kept unit on its first and last lines is what it was (compared in place). */
function sameSurroundings(lines: LineIndex, statement: Statement, position: Position, old: KeptUnit): boolean {
  const { start, end } = statement.span;
  if (position.character !== old.before.length || !lines.text.startsWith(old.before, start - position.character)) return false;
  return Math.max(end, lines.lineEnd(position.line + old.lineCount)) - end === old.after.length && lines.text.startsWith(old.after, end);
}

/** The findings in offsets relative to the unit, or undefined when one reaches outside the unit's lines. */
function keep(findings: Finding[][], statement: Statement, place: { before: string; after: string }, lines: LineIndex, uri: string): KeptFinding[][] | undefined {
  const from = statement.span.start - place.before.length;
  const to = statement.span.end + place.after.length;
  const out: KeptFinding[][] = [];
  for (const ruleFindings of findings) {
    const kept: KeptFinding[] = [];
    for (const finding of ruleFindings) {
      // Related information in this document would not move with the unit.
      if (finding.related?.some((r) => r.uri === uri)) return undefined;
      const ranges = [finding.range, ...(finding.fixes ?? []).flatMap((fix) => fix.edits.map((edit) => edit.range))];
      const offsets: number[] = [];
      for (const range of ranges) {
        const start = lines.offsetAt(range.start);
        const end = lines.offsetAt(range.end);
        if (start < from || end > to) return undefined;
        offsets.push(start - statement.span.start, end - statement.span.start);
      }
      kept.push({ finding, offsets });
    }
    out.push(kept);
  }
  return out;
}

/** A kept finding moved to where its unit now starts. */
function moved(kept: KeptFinding, start: number, lines: LineIndex): Finding {
  const { finding, offsets } = kept;
  let i = 2;
  const range = lines.range(start + offsets[0], start + offsets[1]);
  const fixes = finding.fixes?.map((fix) => ({
    ...fix,
    edits: fix.edits.map((edit) => {
      const editRange = lines.range(start + offsets[i], start + offsets[i + 1]);
      i += 2;
      return { ...edit, range: editRange };
    }),
  }));
  return { ...finding, range, ...(fixes ? { fixes } : {}) };
}
