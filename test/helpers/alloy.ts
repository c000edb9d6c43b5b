import { HeadroomEngine } from '../../server/src/core/engine';
import { ALL_FORMATS } from '../../server/src/core/formats';
import { defaultCatalog } from '../../server/src/core/capacity/catalog';
import { applyTextEdits } from '../../server/src/core/text';
import type { Finding, TextEdit } from '../../server/src/core/types';

export async function newEngine(): Promise<HeadroomEngine> {
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: defaultCatalog });
  await engine.init();
  return engine;
}

/** `// expect: code, code` (or `# expect:` / `<!-- expect: -->`) comments: the findings expected on that line. */
export function expectedFindings(text: string): string[] {
  const expected: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /(?:\/\/|#|<!--)\s*expect:\s*([^>]*?)\s*(?:-->)?\s*$/.exec(line);
    if (!match) return;
    for (const code of match[1].split(',').map((c) => c.trim()).filter(Boolean)) expected.push(`${index + 1} ${code}`);
  });
  return expected.sort();
}

export function actualFindings(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1} ${f.code}`).sort();
}

/** Applies non-overlapping edits, all given against `text` (the engine's own implementation). */
export const applyEdits = applyTextEdits;

/** True when `after` equals `before` outside the edited ranges (each edit's text is where it says). */
export function onlyEditedRangesChanged(before: string, after: string, edits: TextEdit[]): boolean {
  return applyEdits(before, edits) === after;
}
