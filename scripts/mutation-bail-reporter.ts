// The node:test reporter of the mutation run (scripts/mutation-tests.ts): a mutant is killed by its first
// failing test, so the process exits there instead of running the rest (most mutants fail within the
// first tests; only survivors run them all). It names the failing test and its error, for a person
// running the script by hand; Stryker reads only the exit code.
import type { TestEvent } from 'node:test/reporters';

async function* bail(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  let passed = 0;
  for await (const event of source) {
    if (event.type === 'test:pass' && event.data.nesting === 0) passed++;
    if (event.type === 'test:fail') {
      const error = event.data.details.error as Error & { cause?: unknown };
      const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.message);
      process.stdout.write(`killed by: ${event.data.name} (${event.data.file ?? ''})\n${cause}\n`);
      process.exit(1);
    }
  }
  yield `${passed} passed, 0 failed\n`;
}

export = bail;
