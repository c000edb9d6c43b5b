// Mutation testing of the sizing model, its formulas, the load-driven tier choice and the rules that read
// them (npm run test:mutation). StrykerJS instruments every mutant into one build (the buildCommand, run
// once per sandbox) and runs the tests once per mutant with that mutant switched on; node:test is not a
// Stryker runner, so the generic command runner runs scripts/mutation-tests.ts compiled by tsc: first the
// model's own tests, then (only if they pass) the tests that observe it through the engine, each group
// stopped at its first failure (scripts/mutation-bail-reporter.ts).
//
// Affordable on a shared machine:
// - HEADROOM_MUTATE=a.ts,b.ts (or a.ts:12-40, Stryker's line ranges) narrows the run to those files;
// - incremental: results are kept in reports/mutation/incremental/<scope>.json, one file per
//   HEADROOM_MUTATE scope (Stryker writes only the mutated files' results to the file, so one shared file
//   would lose every other file's results at each narrowed run); not committed, being this checkout's
//   results against its own tests. A re-run tests only mutants whose code changed. The command runner reports
//   no per-test coverage, so Stryker cannot see that a test was added: after adding tests, re-test the
//   survivors with `npx stryker run --force` and HEADROOM_MUTATE naming their lines (npm run
//   test:mutation -- --force re-tests everything in scope);
// - nice the run (`nice npm run test:mutation`); HEADROOM_MUTATION_CONCURRENCY sets the number of
//   sandboxes (2 by default).
// The tests read the capacity documents from the shared folder: HEADROOM_SHARED points the sandbox at it.
import * as path from 'node:path';

const shared = path.resolve(process.env.HEADROOM_SHARED ?? '../shared');
const scope = process.env.HEADROOM_MUTATE;
/** `capacity/formulas.ts`, `capacity/seeds/*.ts` → a file name: the scope's own incremental and JSON reports. */
const scopeName = scope ? scope.split(',').map((p) => p.replace(/^server\/src\/core\//, '').replace(/[^\w.-]+/g, '_')).join('+') : 'all';
const group = (name) => `node --test-reporter=./out/scripts/mutation-bail-reporter.js out/scripts/mutation-tests.js ${name}`;

/** The sizing model and formulas: 100% killed, or an equivalent mutant disabled in the source with the reason. */
const MODEL = [
  'server/src/core/capacity/figures.ts',
  'server/src/core/capacity/formulas.ts',
  'server/src/core/capacity/load.ts',
  'server/src/core/capacity/choose.ts',
  'server/src/core/capacity/requirements.ts',
  'server/src/core/capacity/sustains.ts',
  'server/src/core/capacity/model.ts',
  'server/src/core/capacity/catalog.ts',
  'server/src/core/capacity/report.ts',
  'server/src/core/capacity/seeds/*.ts',
];

export default {
  testRunner: 'command',
  buildCommand: 'npx tsc -p tsconfig.json',
  commandRunner: { command: `HEADROOM_SHARED=${shared} ${group('model')} && HEADROOM_SHARED=${shared} ${group('features')}` },
  coverageAnalysis: 'off',
  mutate: scope ? scope.split(',') : MODEL,
  // Instrumented sources do not type-check: Stryker marks every file `// @ts-nocheck` so the build passes.
  disableTypeChecks: true,
  incremental: true,
  incrementalFile: `reports/mutation/incremental/${scopeName}.json`,
  ignorePatterns: ['out', 'dist', '.e2e-cache', 'test/e2e', 'reports', 'bench/native/build', '*.vsix'],
  concurrency: Number(process.env.HEADROOM_MUTATION_CONCURRENCY ?? 2),
  // A mutant's tests take ~1-3 s; a mutant that loops is stopped after 1.5 × the dry run's time + 10 s.
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${scopeName}.json` },
  htmlReporter: { fileName: `reports/mutation/${scopeName}.html` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
