import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
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

/** The corpus folders of each format. */
const FOLDERS: Record<string, string[]> = { alloy: ['alloy/'], k8s: ['hpa/', 'k8s-workloads/'], helm: ['helm-values/'], clickhouse: ['clickhouse/'] };
const FORMATS = Object.keys(FOLDERS);
const MODES = ['mutations', 'incremental', 'all'];
const USAGE = `usage: npm run fuzz -- [--runs N] [--format ${FORMATS.join('|')}] [--mode ${MODES.join('|')}] [--seed S] [--minutes M]`;

/** The command line, strictly: an unknown option or a bad value prints the usage and exits 2 instead of starting a campaign (a long one, by default). */
function options(): { runs: number; seed: number; only: string; mode: string; minutes: number } {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        help: { type: 'boolean', short: 'h' }, runs: { type: 'string' }, seed: { type: 'string' },
        format: { type: 'string' }, mode: { type: 'string' }, minutes: { type: 'string' },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { help, format, mode = 'all', ...numbers } = parsed.values;
  if (help) {
    console.log(USAGE);
    process.exit(0);
  }
  const count = (name: keyof typeof numbers, fallback: number, minimum: number) => {
    const text = numbers[name];
    const value = text === undefined ? fallback : Number(text);
    return Number.isInteger(value) && value >= minimum ? value : usage(`--${name} is a whole number of at least ${minimum}, not ${text}`);
  };
  if (format !== undefined && !FORMATS.includes(format)) usage(`--format is one of ${FORMATS.join(', ')}, not ${format}`);
  if (!MODES.includes(mode)) usage(`--mode is one of ${MODES.join(', ')}, not ${mode}`);
  return { runs: count('runs', 1000, 1), seed: count('seed', Date.now() % 2 ** 31, 0), only: format ?? '', mode, minutes: count('minutes', 0, 0) };
}

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

const { runs, seed, only, mode, minutes } = options();
const interrupted: string[] = [];
/** fast-check parameters of every property: the seed, the runs and, with `--minutes`, the time budget. */
function parameters<T>(): fc.Parameters<T> {
  return { seed, numRuns: runs, ...(minutes > 0 ? { interruptAfterTimeLimit: minutes * 60_000 } : {}) };
}

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
