import * as path from 'node:path';
import { runBundle } from './compile-cache';

// dist/server.js: runs the language server bundle (dist/lib/server.js) with the V8 code cache.
runBundle(path.join(__dirname, 'lib', 'server.js'), module);
