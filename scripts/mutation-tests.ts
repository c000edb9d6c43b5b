// The tests the mutation run (npm run test:mutation, stryker.config.mjs) executes for every mutant, in
// one process: the sizing model's and formulas' own tests, the load-driven tier tests and the sizing
// regressions. node:test runs what these modules register when the process ends; a failure exits 1.
import '../test/unit/capacity/catalog.test';
import '../test/unit/capacity/formulas.test';
import '../test/unit/capacity/coverage.test';
import '../test/unit/capacity/load.test';
import '../test/unit/k8s/sizing.test';
