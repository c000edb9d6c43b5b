// The tests the mutation run (npm run test:mutation, stryker.config.mjs) executes for every mutant, in two
// groups run one after the other (`node out/scripts/mutation-tests.js model && … features`), each
// stopped at its first failure by scripts/mutation-bail-reporter.ts:
// - model: the sizing model's own tests, which load nothing but server/src/core/capacity and the
//   quantity parsers: most mutants die here, in well under a second;
// - features: the tests that observe the model through the engine (rules, hovers, hints, lenses, the
//   CLI), which load the parsers and the tree-sitter grammar: run only for mutants the model tests let
//   live.
// Only tests that observe the model belong here: every other test costs time on every mutant.
const GROUPS: Record<string, string[]> = {
  model: [
    '../test/unit/capacity/formulas.test',
    '../test/unit/capacity/model.test',
    '../test/unit/capacity/catalog.test',
    '../test/unit/capacity/coverage.test',
    '../test/unit/capacity/report.test',
    '../test/unit/capacity/selection.test',
    '../test/unit/capacity/sustains.test',
  ],
  features: [
    '../test/unit/capacity/load.test',
    '../test/unit/k8s/sizing.test',
  ],
};

const group = process.argv[2] ?? '';
const files = GROUPS[group];
if (!files) {
  process.stderr.write(`usage: node out/scripts/mutation-tests.js ${Object.keys(GROUPS).join('|')}\n`);
  process.exit(2);
}
// node:test runs what these modules register once this module has finished loading.
for (const file of files) require(file);
