// V8 flags the entries (dist/server.js, dist/cli.js) set before compiling their bundle, so that the
// code cache is made and read under the same flags on every start (see compile-cache.ts).

/**
 * V8's default budget before a Liftoff-compiled (baseline) wasm function is recompiled by TurboFan:
 * `--wasm-tiering-budget`, default 1,800,000 ("rough approximation of bytes executed"), the same on
 * Node 20.20 (V8 11.3) and Node 24.22 (V8 13.6) — read from `node --v8-options` of both.
 */
const V8_DEFAULT_WASM_TIERING_BUDGET = 1_800_000;

/**
 * With the default budget, tree-sitter's lexer and parse loop are recompiled by TurboFan in the middle of
 * the first parse of a large file, and that first parse takes 3-4 times as long as one in baseline code
 * (107 KB Alloy file, web-tree-sitter: 145-240 ms against 33-54 ms with `--liftoff-only`, Node 20 and
 * Node 24, shared 2-core machine, 2026-11-30). A budget 100 times the default lets the first parse of
 * the largest corpus file run in baseline code; the hot functions are still optimised a little later,
 * while the user reads or types (later full parses take 10-30 ms optimised against 30-50 ms baseline).
 */
const WASM_TIERING_BUDGET = 100 * V8_DEFAULT_WASM_TIERING_BUDGET;

/**
 * The flags to set for this process: none that the command line (an editor's execArgv, a profiler run)
 * already decides.
 */
export function startupFlags(execArgv: readonly string[] = process.execArgv): string[] {
  const decidesTiering = execArgv.some((arg) => /^--(no-)?(wasm-tiering-budget|liftoff|liftoff-only|wasm-dynamic-tiering|wasm-tier-up)\b/.test(arg.replace(/_/g, '-')));
  return decidesTiering ? [] : [`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`];
}
