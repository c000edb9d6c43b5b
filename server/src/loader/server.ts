import * as path from 'node:path';
import { runBundle } from './compile-cache';
import { startupFlags } from './v8-flags';

// dist/server.js: runs the language server bundle (dist/lib/server.js) with the V8 code cache.
// Tried and dropped: keeping V8's young generation at its initial size (`--semi-space-growth-factor=1`
// set here before compiling). With the 154 corpus files open it saved ~20 MB of RSS, but each keystroke
// cost 38% more server CPU on the 208 KB Helm values (33-35 vs 24-25 ms) and ~10% on the 90 KB manifest,
// which took Helm below 10x yaml-language-server (bench/instant.ts, alternating, load 3-5, 2026-11-29).
// Also dropped: growing it faster (`--semi-space-growth-factor=8`): first diagnostics of the 107 KB file
// took 860 -> 790 ms of CPU, but on Node 24 the heap committed with the 154 corpus files open went from
// 109 to 171 MB (RSS 187 -> 253 MB; test/lsp/memory.test.ts, 2026-11-30).
runBundle(path.join(__dirname, 'lib', 'server.js'), module, startupFlags());
