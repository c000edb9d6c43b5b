import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIGURE_REGISTRY as REGISTRY, type Figure } from '../../../server/src/core/capacity/figures';
import { EXCLUSIONS, type Exclusion } from '../../../server/src/core/capacity/exclusions';
import '../../../server/src/core/capacity/model';
import '../../../server/src/core/capacity/formulas';
import { allSeedFigures, type SeedFigure } from '../../helpers/seed-figures';
import { needsShared } from '../../helpers/shared';

// Every number the five capacity-planning documents print in their tables, configuration blocks and
// lists is either a figure of the sizing model (at the document, section, key and token it names) or
// in the exclusions table with a reason. Read from ../shared/seeds at test time.

/** The model's figures (other tests may build figures of made-up documents in the same process). */
const FIGURE_REGISTRY = REGISTRY.filter((f) => /^\d{3}_.*\.txt$/.test(f.source.document));

const sameFigure = (s: SeedFigure, f: Figure) => s.document === f.source.document && s.section === f.source.section && s.key === f.key && s.token === f.printed;
const excludes = (e: Exclusion, s: SeedFigure) => e.document === s.document && e.section === s.section && (e.kind === undefined || e.kind === s.kind)
  && (e.key === undefined || (typeof e.key === 'string' ? e.key === s.key : e.key.test(s.key))) && (e.token === undefined || e.token === s.token);
/** The documents' figures, read once for the whole file (the mutation run executes these tests per mutant). */
let inventoryRead: SeedFigure[] | undefined;
const seedInventory = () => (inventoryRead ??= allSeedFigures());
const where = (s: SeedFigure) => `${s.document.slice(0, 3)}:${s.line} [${s.section}] ${s.kind} "${s.key}" ${s.token}`;

/**
 * The value a printed token stands for, read independently of figures.ts (a second reading of the same
 * units), so a figure whose unit, token or value is changed no longer agrees.
 */
function independentReading(printed: string, unit: Figure['unit']): number {
  const text = printed.replace(/[+,_]/g, '');
  const number = Number(/^\$?([\d.]+(?:e\d+)?)/.exec(text)![1]);
  const suffix = text.replace(/^\$?[\d.]+(?:e\d+)?/, '');
  const table: Record<string, Record<string, number>> = {
    cpu: { '': 1, m: 1e-3 },
    memory: { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 },
    bytes: { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 },
    'decimal-bytes': { '': 1, MB: 1e6, GB: 1e9 },
    duration: { ms: 1, s: 1000, m: 60_000, h: 3_600_000 },
    seconds: { '': 1000, s: 1000 },
    milliseconds: { ms: 1, s: 1000 },
    MB: { '': 1e6 }, GB: { '': 1e9 }, TB: { '': 1e12 },
    mib: { '': 2 ** 20 },
    number: { '': 1, k: 1e3, K: 1e3, M: 1e6 },
    usd: { '': 1 },
    percent: { '': 1, '%': 1 },
    fraction: { '%': 0.01 },
  };
  const factor = table[unit]?.[suffix];
  assert.ok(factor !== undefined, `no reading of "${printed}" as ${unit}`);
  return number * factor;
}

test('every figure\'s value is what its printed token says in its unit, unless the document\'s arithmetic is recorded as wrong', () => {
  for (const figure of FIGURE_REGISTRY) {
    const reading = independentReading(figure.printed, figure.unit);
    const where = `${figure.source.document.slice(0, 3)} "${figure.key}" ${figure.printed} (${figure.unit})`;
    if (figure.printedValue === undefined) assert.ok(Math.abs(figure.value - reading) <= Math.abs(reading) * 1e-12, `${where}: ${figure.value} ≠ ${reading}`);
    else assert.ok(Math.abs(figure.printedValue - reading) <= Math.abs(reading) * 1e-12 && figure.value !== figure.printedValue, `${where}: printed ${figure.printedValue}, recomputed ${figure.value}`);
  }
  assert.ok(FIGURE_REGISTRY.length > 300);
});

test('every figure of the model is printed in its document, at the section and key it names', needsShared('seeds'), () => {
  const inventory = seedInventory();
  const missing = FIGURE_REGISTRY.filter((f) => !inventory.some((s) => sameFigure(s, f)));
  assert.deepEqual(missing.map((f) => `${f.source.document.slice(0, 3)} [${f.source.section}] "${f.key}" ${f.printed}`), []);
});

test('every figure the documents print is in the model or excluded with a reason; no exclusion is stale', needsShared('seeds'), () => {
  const inventory = seedInventory();
  const uncovered = inventory.filter((s) => !FIGURE_REGISTRY.some((f) => sameFigure(s, f)) && !EXCLUSIONS.some((e) => excludes(e, s)));
  assert.deepEqual(uncovered.map(where), []);
  const stale = EXCLUSIONS.filter((e) => !inventory.some((s) => excludes(e, s)));
  assert.deepEqual(stale.map((e) => `${e.document} [${e.section}] ${String(e.key ?? '')} ${e.token ?? ''}`), []);
  for (const e of EXCLUSIONS) assert.ok(e.reason.length > 20, `a reason for ${e.section}`);
});

test('coverage counts (printed for the closing note)', needsShared('seeds'), (t) => {
  const inventory = seedInventory();
  const encoded = inventory.filter((s) => FIGURE_REGISTRY.some((f) => sameFigure(s, f)));
  const excluded = inventory.filter((s) => !encoded.includes(s));
  const byDocument = (list: SeedFigure[]) => Object.fromEntries(['000', '001', '002', '003', '004'].map((d) => [d, list.filter((s) => s.document.startsWith(d)).length]));
  const reasons = new Map<string, number>();
  for (const s of excluded) {
    const reason = EXCLUSIONS.find((e) => excludes(e, s))!.reason;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  t.diagnostic(`tokens ${inventory.length}: encoded ${encoded.length} ${JSON.stringify(byDocument(encoded))}, excluded ${excluded.length} ${JSON.stringify(byDocument(excluded))}`);
  for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1])) t.diagnostic(`excluded ${count}: ${reason}`);
  assert.equal(encoded.length + excluded.length, inventory.length);
});
