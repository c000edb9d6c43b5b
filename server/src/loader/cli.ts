import * as path from 'node:path';
import { runBundle } from './compile-cache';
import { startupFlags } from './v8-flags';

// dist/cli.js (the `headroom` command): runs the CLI bundle (dist/lib/cli.js) with the V8 code cache.
runBundle(path.join(__dirname, 'lib', 'cli.js'), module, startupFlags());
