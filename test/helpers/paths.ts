import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the compiled test's location (tests run from out/ or a per-helper out-NAME folder). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'ARCHITECTURE.md'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`repository root not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(fixturePath(...parts), 'utf8');
}
