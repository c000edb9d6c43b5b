import * as v8 from 'node:v8';

// Keeps the language server's young generation at its initial size. Opening many files makes V8 grow it
// to its maximum (two 16 MB semi-spaces on 64-bit) and V8 keeps those pages committed while the server
// sleeps: measured with the 154 corpus files open, RSS 135 -> 113 MB (in-process engine) and 150 -> 138 MB
// (the server), for ~4% more server CPU per keystroke on the 107 KB Alloy file (22.0-23.3 vs 23.0-24.0 ms,
// load 6-7; notes/startup.md). A flag on the command line would not reach Neovim, which starts the server
// as plain `node dist/server.js --stdio`; `--max-semi-space-size` cannot be changed once the heap exists,
// but the growth factor is read whenever the young generation would grow.

/**
 * Called by the server's entry before its bundle is compiled: a V8 flag changed later would change the
 * flag hash V8 checks code caches against (compile-cache.ts), so the cache would never be accepted.
 */
export function limitYoungGeneration(): void {
  try {
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // An engine without the flag: the young generation grows as V8 decides.
  }
}
