import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { knownCodes } from '../../../server/src/core/codes';
import { parseRulePage, RULE_PAGE_SECTIONS } from '../../../server/src/core/rule-docs';
import { isSuppressible, suppressFix } from '../../../server/src/core/suppressions';
import { LineIndex, applyTextEdits } from '../../../server/src/core/text';
import type { FormatId } from '../../../server/src/core/service';
import { DOCS_ROOT, examplesOf, lintExamples, pageCodes, type Example } from '../../helpers/rule-pages';

// A page per finding code (docs/rules/<format>/<rule>.md) and a code per page; each page has the
// sections of the house format, names the sources its rule cites, and its Bad examples produce the
// code while its Good examples produce no finding at all.

/** Codes whose Bad example cannot be written: they report a defect in Headroom, not in a configuration. */
const NO_EXAMPLE = new Set(['headroom/internal-error']);

const COMMENT: Record<string, (text: string) => string> = {
  alloy: (text) => `// ${text}`, k8s: (text) => `# ${text}`, hpa: (text) => `# ${text}`, yaml: (text) => `# ${text}`,
  clickhouse: (text) => `<!-- ${text} -->`,
};

test('every code Headroom emits has a page, and every page is a code Headroom emits', () => {
  const codes = knownCodes().map((c) => c.code);
  const pages = pageCodes();
  assert.deepEqual(codes.filter((c) => !pages.includes(c)), [], 'codes without a page');
  assert.deepEqual(pages.filter((p) => !codes.includes(p)), [], 'pages without a code');
});

for (const { code, sources } of knownCodes()) {
  const file = path.join(DOCS_ROOT(), `${code}.md`);
  test(`${code}: page format, sources, and examples that do and do not produce it`, { skip: fs.existsSync(file) ? undefined : 'no page (reported above)' }, async () => {
    const page = parseRulePage(code, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(page.problems, []);
    assert.equal(page.title, code);
    assert.match(page.summary, /^[A-Z`].*[.]$/, 'a one-sentence summary under the title');
    assert.ok(!/\.\s+[A-Z]/.test(page.summary.replace(/`[^`]*`/g, '')), `one sentence: ${page.summary}`);
    for (const name of RULE_PAGE_SECTIONS) assert.ok(page.sections[name], `section ${name} is not empty`);

    // The rule's own citations, so the page cannot drift from what its findings cite (Markdown code spans aside).
    const cited = page.sections.Sources!.replace(/`/g, '');
    for (const source of sources) {
      assert.ok(cited.includes(source.document), `Sources names ${source.document}`);
      assert.ok(cited.includes(source.section), `Sources names "${source.section}"`);
    }

    const silence = page.sections['Silence it']!;
    assert.ok(silence.includes(`${code}: off`), 'shows the severity override');
    if (isSuppressible(code)) {
      assert.ok(silence.includes(`headroom-ignore-next-line ${code}: `), 'shows the suppression comment');
      const format = code.split('/')[0];
      if (COMMENT[format]) assert.ok(silence.includes(COMMENT[format](`headroom-ignore-next-line ${code}: `).replace(/ -->$/, '')), 'in the format\'s comment syntax');
    } else {
      assert.match(silence, /cannot be silenced in place/);
    }

    const bad = examplesOf(page.sections.Bad!);
    const good = examplesOf(page.sections.Good!);
    if (NO_EXAMPLE.has(code)) {
      assert.deepEqual([bad.length, good.length], [0, 0]);
      return;
    }
    assert.ok(bad.length > 0 && good.length > 0, 'fenced Bad and Good examples');
    const badFindings = await lintExamples(bad);
    assert.ok(badFindings.some((f) => f.finding.code === code), `Bad produces ${code}; it produced ${JSON.stringify(badFindings.map((f) => f.finding.code))}`);
    const goodFindings = await lintExamples(good);
    assert.deepEqual(goodFindings.map((f) => `${f.file}:${f.finding.range.start.line + 1} ${f.finding.code} ${f.finding.message}`), [], 'Good is clean');
    if (isSuppressible(code)) await assertSuppressible(code, bad);
  });
}

/** "Ignore <code> on this line", applied to each of the Bad example's findings, silences them all and leaves no suppression finding. */
async function assertSuppressible(code: string, examples: Example[]): Promise<void> {
  const current = examples.map((e) => ({ ...e }));
  for (let round = 0; round < 10; round++) {
    const found = (await lintExamples(current)).find((f) => f.finding.code === code);
    if (!found) break;
    const example = current.find((e) => e.file === found.file)!;
    const format = FORMAT_OF_LANG[example.lang];
    const fix = suppressFix(found.finding, { format, lines: new LineIndex(example.text) });
    assert.ok(fix, `a suppression is offered for ${found.file}:${found.finding.range.start.line + 1}`);
    example.text = applyTextEdits(example.text, fix.edits);
  }
  const after = await lintExamples(current);
  assert.deepEqual(after.filter((f) => f.finding.code === code || f.finding.code.endsWith('-suppression')).map((f) => `${f.file}:${f.finding.range.start.line + 1} ${f.finding.code}`), [],
    'silenced by the suppression comment, which is used');
}

const FORMAT_OF_LANG: Record<string, FormatId> = { alloy: 'alloy', yaml: 'k8s', xml: 'clickhouse' };
