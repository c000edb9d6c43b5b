import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkIncremental, checkProperties, corpusSubjects, fuzzEngine, incrementalEditsArb, mutate, mutationArb, type IncrementalEdit } from '../test/helpers/fuzz';
import { alloyFile } from '../test/helpers/alloy-arbitrary';
import { repoRoot } from '../test/helpers/paths';
import { requireShared } from '../test/helpers/shared';

// The long fuzz run: `npm run fuzz -- --runs N [--format alloy|k8s|helm|clickhouse] [--mode mutations|incremental|all] [--seed S] [--minutes M]`.
// Mutates corpus files and generates Alloy, checks every property (test/helpers/fuzz.ts); applies
// random sequences of incremental edits and checks the findings equal a fresh open of the final text
// (mode `incremental`); prints the inputs tried per format and mode, and writes each minimised
// failure to test/fixtures/regressions/ (incremental failures: the file edited; the edits are printed).
// `--minutes M` ends each property after M minutes even if it has not reached N runs (a long campaign
// split over processes and seeds, each printing how many inputs it actually tried).

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const runs = Number(option('runs', '1000'));
const seed = Number(option('seed', String(Date.now() % 2 ** 31)));
const only = option('format', '');
const mode = option('mode', 'all');
if (!['mutations', 'incremental', 'all'].includes(mode)) throw new Error(`--mode is mutations, incremental or all, not ${mode}`);
const minutes = Number(option('minutes', '0'));
const interrupted: string[] = [];
/** fast-check parameters of every property: the seed, the runs and, with `--minutes`, the time budget. */
function parameters<T>(): fc.Parameters<T> {
  return { seed, numRuns: runs, ...(minutes > 0 ? { interruptAfterTimeLimit: minutes * 60_000 } : {}) };
}

const FOLDERS: Record<string, string[]> = { alloy: ['alloy/'], k8s: ['hpa/', 'k8s-workloads/'], helm: ['helm-values/'], clickhouse: ['clickhouse/'] };

async function main(): Promise<void> {
  const { engine, errors } = await fuzzEngine();
  requireShared('corpus');
  const corpus = corpusSubjects();
  const tried: Record<string, number> = {};
  const failures: string[] = [];
  const regressions = path.join(repoRoot(), 'test', 'fixtures', 'regressions');
  const started = Date.now();
  for (const [format, prefixes] of Object.entries(FOLDERS)) {
    if (only && only !== format) continue;
    const subjects = corpus.filter((s) => prefixes.some((p) => s.name.startsWith(p)));
    if (mode !== 'mutations') {
      const key = `${format} (incremental)`;
      tried[key] = 0;
      const incremental = fc.check(fc.property(fc.nat({ max: subjects.length - 1 }), incrementalEditsArb, (index, edits) => {
        tried[key]++;
        errors.length = 0;
        checkIncremental(engine, errors, subjects[index], edits);
      }), parameters());
      if (incremental.interrupted) interrupted.push(key);
      if (incremental.failed) recordIncremental(format, incremental, subjects, regressions, failures);
    }
    if (mode === 'incremental') continue;
    tried[format] = 0;
    const result = fc.check(fc.property(fc.nat({ max: subjects.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (index, mutations) => {
      tried[format]++;
      const base = subjects[index];
      errors.length = 0;
      checkProperties(engine, errors, { ...base, text: mutations.reduce(mutate, base.text) });
    }), parameters());
    if (result.interrupted) interrupted.push(format);
    if (result.failed) record(format, result, subjects, regressions, failures);
  }
  if ((!only || only === 'alloy') && mode !== 'incremental') {
    tried['alloy (generated)'] = 0;
    const result = fc.check(fc.property(alloyFile, (text) => {
      tried['alloy (generated)']++;
      errors.length = 0;
      checkProperties(engine, errors, { name: 'generated.alloy', text });
    }), parameters());
    if (result.interrupted) interrupted.push('alloy (generated)');
    if (result.failed) record('alloy-generated', result, [], regressions, failures);
  }
  console.log(`seed ${seed}, ${runs} runs per format, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [format, count] of Object.entries(tried)) console.log(`  ${format.padEnd(20)} ${count} inputs${interrupted.includes(format) ? ` (stopped after ${minutes} min)` : ''}`);
  console.log(failures.length === 0 ? 'no failures' : `${failures.length} failure(s):\n${failures.join('\n')}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

function record<T>(format: string, result: fc.RunDetails<T>, subjects: { name: string; text: string }[], folder: string, failures: string[]): void {
  fs.mkdirSync(folder, { recursive: true });
  const example = result.counterexample as unknown[] | null;
  let text = '';
  let extension = '.alloy';
  if (example && typeof example[0] === 'number') {
    const base = subjects[example[0] as number];
    text = (example[1] as Parameters<typeof mutate>[1][]).reduce(mutate, base.text);
    extension = path.extname(base.name);
  } else if (example) text = String(example[0]);
  const file = path.join(folder, `${format}-seed${result.seed}${extension}`);
  fs.writeFileSync(file, text);
  failures.push(`  ${format}: ${String(result.errorInstance).split('\n')[0]} → ${path.relative(repoRoot(), file)}`);
}

/** An incremental failure: the file edited goes to the regressions folder; the edits are printed (rerun with the seed to replay). */
function recordIncremental(format: string, result: fc.RunDetails<[number, IncrementalEdit[]]>, subjects: { name: string; text: string }[], folder: string, failures: string[]): void {
  fs.mkdirSync(folder, { recursive: true });
  const example = result.counterexample;
  const base = example ? subjects[example[0]] : undefined;
  const file = path.join(folder, `${format}-incremental-seed${result.seed}${base ? path.extname(base.name) : '.txt'}`);
  fs.writeFileSync(file, base?.text ?? '');
  failures.push(`  ${format} (incremental): ${String(result.errorInstance).split('\n')[0]} → ${path.relative(repoRoot(), file)}, edits ${JSON.stringify(example?.[1] ?? [])}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
