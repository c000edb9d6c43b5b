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
 * How much V8's young generation grows each time it grows (`--semi-space-growth-factor`, default 2;
 * Node 20.20 and 24.22). Start-up and the first analysis allocate fast: with the default the young
 * generation starts small and is scavenged ~9 times (and old space once marked and compacted, from
 * early promotion) before the first diagnostics of the 107 KB file; growing by 8 reaches its maximum
 * after one scavenge. Measured (server, alternating, load 7): first diagnostics CPU 910-920 ms against
 * 670-840 ms; RSS with the 154 corpus files open 146.5 MB against 143.5 MB (the young generation grows
 * to its maximum there either way), with one small file 75.5 against 80.1 MB.
 */
const SEMI_SPACE_GROWTH_FACTOR = 8;

const TIERING_FLAG = /^--(no-)?(wasm-tiering-budget|liftoff|liftoff-only|wasm-dynamic-tiering|wasm-tier-up)\b/;
const YOUNG_GENERATION_FLAG = /^--(semi-space-growth-factor|min-semi-space-size|max-semi-space-size)\b/;

/**
 * The flags to set for this process: none that the command line (an editor's execArgv, a profiler run)
 * already decides.
 */
export function startupFlags(execArgv: readonly string[] = process.execArgv): string[] {
  const given = (flag: RegExp) => execArgv.some((arg) => flag.test(arg.replace(/_/g, '-')));
  return [
    ...(given(TIERING_FLAG) ? [] : [`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`]),
    ...(given(YOUNG_GENERATION_FLAG) ? [] : [`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`]),
  ];
}
