// For machines where a desktop VS Code can be downloaded (not this one: @vscode/test-electron fetches a
// VS Code build from the internet). Runs suite.cjs inside VS Code's extension host with the extension
// under development loaded from this repository, on test/e2e/workspace.
// Usage: npm run build && node test/e2e/electron/runTest.mjs
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..', '..');
await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(here, 'suite.cjs'),
  launchArgs: [path.join(root, 'test', 'e2e', 'workspace'), '--disable-extensions'],
});
