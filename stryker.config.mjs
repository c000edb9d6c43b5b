// Mutation testing of the sizing model, its formulas and the load-driven tier choice (npm run
// test:mutation). StrykerJS instruments every mutant into one build (the buildCommand, run once per
// sandbox) and runs the capacity tests once per mutant with that mutant switched on; node:test is not a
// Stryker runner, so the generic command runner runs scripts/mutation-tests.ts compiled by tsc.
// The tests read the capacity documents from the shared folder: HEADROOM_SHARED points the sandbox at it.
import * as path from 'node:path';

const shared = path.resolve(process.env.HEADROOM_SHARED ?? '../shared');
const scope = process.env.HEADROOM_MUTATE;

export default {
  testRunner: 'command',
  buildCommand: 'npx tsc -p tsconfig.json',
  commandRunner: { command: `HEADROOM_SHARED=${shared} node out/scripts/mutation-tests.js` },
  coverageAnalysis: 'off',
  mutate: scope ? scope.split(',') : [
    'server/src/core/capacity/figures.ts',
    'server/src/core/capacity/formulas.ts',
    'server/src/core/capacity/load.ts',
    'server/src/core/capacity/choose.ts',
    'server/src/core/capacity/requirements.ts',
    'server/src/core/capacity/model.ts',
    'server/src/core/capacity/catalog.ts',
    'server/src/core/capacity/seeds/*.ts',
  ],
  ignorePatterns: ['out', 'dist', '.e2e-cache', 'test/e2e', 'reports', 'bench/native/build', '*.vsix'],
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
