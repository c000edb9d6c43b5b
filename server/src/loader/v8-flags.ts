// V8 flags the entries (dist/server.js, dist/cli.js) set before compiling their bundle, so that the
// code cache is made and read under the same flags on every start (see compile-cache.ts).

/**
 * `--wasm-tiering-budget` ("budget for dynamic tiering (rough approximation of bytes executed)"): how much
 * a Liftoff-compiled (baseline) wasm function runs before TurboFan recompiles it. Its default is not the
 * same on the two Nodes the server runs on: 1,800,000 on Node 20.20 (V8 11.3), 13,000,000 on Node 24.22
 * (V8 13.6), the Node that runs the extension host of code-server 4.139 (VS Code 1.139) in the e2e suite
 * (`node --v8-options` of each).
 */
const NODE20_DEFAULT_WASM_TIERING_BUDGET = 1_800_000;

/**
 * With the default budget, tree-sitter's lexer and parse loop are recompiled by TurboFan in the middle of
 * the first parse of a large file, which then waits on that compilation. The budget set is 100 times
 * Node 20's default, 14 times Node 24's: with it the first parse of the largest corpus file (107 KB
 * Alloy) compiles no function with TurboFan on either Node (`--trace-wasm-compilation-times`: 4 TurboFan
 * compilations during that parse on Node 20 with the default, 1 on Node 24). That first parse, in fresh
 * processes (8 each, shared 2-core machine at load 2.5, 2026-11-30): Node 20 51-108 ms (median 80) with
 * the default, 28-60 ms (37) with this budget, 23-39 ms (36) with `--liftoff-only`; Node 24, whose
 * default is larger, 49-78 ms (58), 40-67 ms (52) and 34-50 ms (42). The hot functions are still
 * optimised later, while the user reads or types (later full parses take 10-30 ms optimised against
 * 30-50 ms baseline).
 */
const WASM_TIERING_BUDGET = 100 * NODE20_DEFAULT_WASM_TIERING_BUDGET;

/**
 * The flags to set for this process: none that the command line (an editor's execArgv, a profiler run)
 * already decides.
 */
export function startupFlags(execArgv: readonly string[] = process.execArgv): string[] {
  const decidesTiering = execArgv.some((arg) => /^--(no-)?(wasm-tiering-budget|liftoff|liftoff-only|wasm-dynamic-tiering|wasm-tier-up)\b/.test(arg.replace(/_/g, '-')));
  return decidesTiering ? [] : [`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`];
}
