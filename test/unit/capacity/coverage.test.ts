import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIGURE_REGISTRY, type Figure } from '../../../server/src/core/capacity/figures';
import { EXCLUSIONS, type Exclusion } from '../../../server/src/core/capacity/exclusions';
import '../../../server/src/core/capacity/model';
import '../../../server/src/core/capacity/formulas';
import { allSeedFigures, type SeedFigure } from '../../helpers/seed-figures';
import { needsShared } from '../../helpers/shared';

// Every number the five capacity-planning documents print in their tables, configuration blocks and
// lists is either a figure of the sizing model (at the document, section, key and token it names) or
// in the exclusions table with a reason. Read from ../shared/seeds at test time.

const sameFigure = (s: SeedFigure, f: Figure) => s.document === f.source.document && s.section === f.source.section && s.key === f.key && s.token === f.printed;
const excludes = (e: Exclusion, s: SeedFigure) => e.document === s.document && e.section === s.section && (e.kind === undefined || e.kind === s.kind)
  && (e.key === undefined || (typeof e.key === 'string' ? e.key === s.key : e.key.test(s.key))) && (e.token === undefined || e.token === s.token);
const where = (s: SeedFigure) => `${s.document.slice(0, 3)}:${s.line} [${s.section}] ${s.kind} "${s.key}" ${s.token}`;

test('every figure of the model is printed in its document, at the section and key it names', needsShared('seeds'), () => {
  const inventory = allSeedFigures();
  const missing = FIGURE_REGISTRY.filter((f) => !inventory.some((s) => sameFigure(s, f)));
  assert.deepEqual(missing.map((f) => `${f.source.document.slice(0, 3)} [${f.source.section}] "${f.key}" ${f.printed}`), []);
});

test('every figure the documents print is in the model or excluded with a reason; no exclusion is stale', needsShared('seeds'), () => {
  const inventory = allSeedFigures();
  const uncovered = inventory.filter((s) => !FIGURE_REGISTRY.some((f) => sameFigure(s, f)) && !EXCLUSIONS.some((e) => excludes(e, s)));
  assert.deepEqual(uncovered.map(where), []);
  const stale = EXCLUSIONS.filter((e) => !inventory.some((s) => excludes(e, s)));
  assert.deepEqual(stale.map((e) => `${e.document} [${e.section}] ${String(e.key ?? '')} ${e.token ?? ''}`), []);
  for (const e of EXCLUSIONS) assert.ok(e.reason.length > 20, `a reason for ${e.section}`);
});

test('coverage counts (printed for the closing note)', needsShared('seeds'), (t) => {
  const inventory = allSeedFigures();
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
