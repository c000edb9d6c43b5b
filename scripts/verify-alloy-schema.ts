import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadroomEngine } from '../server/src/core/engine';
import { ALL_FORMATS } from '../server/src/core/formats';
import { defaultCatalog } from '../server/src/core/capacity/catalog';
import { defaultConfig } from '../server/src/core/config';

// `npm run verify:alloy-schema -- PATH_TO_ALLOY_CHECKOUT [ALLOY_VERSION]`
//
// Lints the configs Alloy's own tests load, as an oracle for the schema: the converter tests
// (internal/converter/internal/test_common/testing.go) load every expected `.alloy` output with the
// Alloy runtime and fail on any error other than "Failed to build component", so those files have no
// unknown component, argument or block and no dangling reference (decode errors of values and missing
// required blocks are among the ignored build errors, so those are only reported). Exits 1 when Headroom
// reports a name or reference problem in one of them. Give the checkout's release as ALLOY_VERSION to
// check an older checkout against its own release.

const NAME_CODES = new Set(['alloy/unknown-component', 'alloy/unknown-argument', 'alloy/unknown-block', 'alloy/dangling-reference', 'alloy/unknown-export', 'alloy/syntax']);

async function main(): Promise<void> {
  const [checkout, alloyVersion] = process.argv.slice(2);
  if (!checkout) {
    console.error('usage: verify-alloy-schema PATH_TO_ALLOY_CHECKOUT [ALLOY_VERSION]');
    process.exit(2);
  }
  const root = path.join(checkout, 'internal', 'converter');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.alloy') && /testdata/.test(full)) files.push(full);
    }
  };
  walk(root);
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog });
  await engine.init();
  engine.setConfig({ ...defaultConfig(), alloyVersion });
  const counts = new Map<string, number>();
  let failures = 0;
  for (const file of files.sort()) {
    const uri = `file://${file}`;
    engine.open({ uri, text: fs.readFileSync(file, 'utf8') });
    for (const finding of engine.lint(uri)) {
      counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
      if (NAME_CODES.has(finding.code)) {
        failures++;
        console.log(`${path.relative(checkout, file)}:${finding.range.start.line + 1} ${finding.code} ${finding.message}`);
      }
    }
    engine.close(uri);
  }
  console.log(`${files.length} converter test outputs; findings by code: ${[...counts].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  console.log(failures === 0 ? 'no unknown names or dangling references: as Alloy loads them' : `${failures} name or reference findings Alloy's tests contradict`);
  process.exit(failures === 0 ? 0 : 1);
}

void main();
