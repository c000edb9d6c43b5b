import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusPath } from '../test/helpers/shared';
import { initAlloyParser, parseAlloy } from '../server/src/core/alloy/parser';
import { formatAlloy } from '../server/src/core/alloy/format';
import { layoutFile } from '../server/src/core/alloy/format/layout';

// Benchmark (not a test): formatting the largest corpus Alloy file, next to parsing it. Formatting a
// file that changes costs the layout plus a check of the result (a second parse and an AST
// comparison); a file already formatted skips the check. Run: npm run bench:format

/**
 * Median and p95 wall time, and median CPU time of this process: on a shared machine the CPU time is
 * the steadier figure (waiting for a core is not counted).
 */
function measure(runs: number, fn: () => void): { median: number; p95: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const usage = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(runs / 2)];
  return { median: median(wall), p95: [...wall].sort((a, b) => a - b)[Math.floor(runs * 0.95)], cpu: median(cpu) };
}

async function main(): Promise<void> {
  const corpus = corpusPath('alloy');
  const largest = fs.readdirSync(corpus).map((f) => path.join(corpus, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const text = fs.readFileSync(largest, 'utf8');
  await initAlloyParser();
  const parsed = parseAlloy({ uri: 'file:///bench.alloy', text });
  const first = formatAlloy(parsed);
  if (!first.ok) throw new Error(first.refusal.message);
  const formattedParsed = parseAlloy({ uri: 'file:///bench-formatted.alloy', text: first.text });
  const runs = 50;
  for (let i = 0; i < 5; i++) formatAlloy(parsed);

  const parse = measure(runs, () => parseAlloy({ uri: 'file:///bench.alloy', text }).dispose());
  const layout = measure(runs, () => layoutFile(parsed.tree.rootNode, text));
  const format = measure(runs, () => formatAlloy(parsed));
  const already = measure(runs, () => formatAlloy(formattedParsed));
  parsed.dispose();
  formattedParsed.dispose();

  const ms = (t: { median: number; p95: number; cpu: number }) =>
    `${t.median.toFixed(1).padStart(7)} ms / ${t.p95.toFixed(1).padStart(7)} ms / ${t.cpu.toFixed(1).padStart(7)} ms`;
  const ratio = (t: { cpu: number }) => `${(t.cpu / parse.cpu).toFixed(2)}x parse`;
  console.log(`largest corpus file: ${path.basename(largest)} (${Buffer.byteLength(text)} bytes, ${text.split('\n').length} lines; ${first.text === text ? 'already formatted' : 'formatting changes it'})\n`);
  console.log(`wall median / wall p95 / CPU median of ${runs}; ratios of CPU medians`);
  console.log(`  Headroom parse (tree+AST+syntax)      ${ms(parse)}   1.00x parse`);
  console.log(`  layout only (aligned text)            ${ms(layout)}   ${ratio(layout)}`);
  console.log(`  format (layout + re-parse + compare)  ${ms(format)}   ${ratio(format)}`);
  console.log(`  format of the formatted file          ${ms(already)}   ${ratio(already)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
