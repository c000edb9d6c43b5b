import * as path from 'node:path';
import { runBundle } from './compile-cache';
import { limitYoungGeneration } from './memory';

// dist/server.js: runs the language server bundle (dist/lib/server.js) with the V8 code cache and a
// young generation that does not grow (memory.ts; before the bundle is compiled, as the cache requires).
limitYoungGeneration();
runBundle(path.join(__dirname, 'lib', 'server.js'), module);
