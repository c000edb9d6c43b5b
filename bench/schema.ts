import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { corpusPath } from '../test/helpers/shared';
import { initAlloyParser, parseAlloy, type AlloyParsed } from '../server/src/core/alloy/parser';
import { ALLOY_RULES } from '../server/src/core/alloy/rules';
import type { AlloyRuleContext } from '../server/src/core/alloy/rule-context';
import { alloyScope } from '../server/src/core/alloy/scope';
import { selectTier } from '../server/src/core/alloy/tier';
import { defaultConfig } from '../server/src/core/config';
import { defaultCatalog } from '../server/src/core/capacity/catalog';
import { emptyWorkspace } from '../server/src/core/workspace';
import type { AnalysisContext } from '../server/src/core/context';

// Benchmark (not a test): what the generated component schema costs. Loading its data (measured inside
// a fresh process), and per rule the time to check every file of the Alloy corpus, side by side with the
// time to parse the same files. Each run parses afresh, so caches kept per parse (the scope, value types)
// are paid by the first rule that needs them, as in a real lint. Run: npm run bench:schema

const RUNS = 7;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;

async function main(): Promise<void> {
  // 1. Loading the schema module (JSON parse + component table) in a fresh process, timed inside it.
  const schemaModule = path.join(__dirname, '..', 'server', 'src', 'core', 'alloy', 'schema', 'components.js');
  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const script = `const t = performance.now(); require(${JSON.stringify(schemaModule)}); process.stdout.write(String(performance.now() - t));`;
    loads.push(Number(execFileSync(process.execPath, ['-e', script]).toString()));
  }
  console.log(`schema module load in a fresh process: ${fmt(median(loads))} (median of ${RUNS})`);

  // 2. Rules over the corpus against parsing it.
  await initAlloyParser();
  const dir = corpusPath('alloy');
  const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.alloy')).sort().map((f) => ({ uri: `file:///bench/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
  const ctx: AnalysisContext = { config: defaultConfig(), catalog: defaultCatalog, workspace: emptyWorkspace };
  const parseSamples: number[] = [];
  const ruleSamples = new Map<string, number[]>(ALLOY_RULES.map((r) => [r.id, []]));
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    const parsed: AlloyParsed[] = texts.map((t) => parseAlloy(t));
    parseSamples.push(performance.now() - start);
    const contexts: AlloyRuleContext[] = parsed.map((p) => ({ parsed: p, analysis: ctx, tier: selectTier(p, ctx).selection, ...alloyScope(p, ctx) }));
    for (const rule of ALLOY_RULES) {
      start = performance.now();
      for (const c of contexts) rule.check(c);
      ruleSamples.get(rule.id)!.push(performance.now() - start);
    }
    parsed.forEach((p) => p.dispose());
  }
  const parseMs = median(parseSamples);
  console.log(`\n${texts.length} corpus files, ${(bytes / 1024).toFixed(0)} KiB (median of ${RUNS}; ratio = time / parse time)`);
  console.log(`  ${'parse (tree + AST)'.padEnd(34)}${fmt(parseMs)}   1.00x`);
  let total = 0;
  for (const [id, samples] of ruleSamples) {
    const ms = median(samples);
    total += ms;
    console.log(`  ${id.padEnd(34)}${fmt(ms)}   ${(ms / parseMs).toFixed(2)}x`);
  }
  console.log(`  ${'all rules'.padEnd(34)}${fmt(total)}   ${(total / parseMs).toFixed(2)}x`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
