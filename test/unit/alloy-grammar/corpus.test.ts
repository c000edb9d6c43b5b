import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { corpusPath, needsShared, sharedDir } from '../../helpers/shared';
import { initAlloyParser, parseAlloy } from '../../../server/src/core/alloy/parser';

const BROKEN_UPSTREAM = 'grafana__alloy-scenarios__routing__config.alloy';

before(() => initAlloyParser());

const folder = sharedDir('corpus') ? corpusPath('alloy') : undefined;
const files = folder ? fs.readdirSync(folder).filter((name) => name.endsWith('.alloy')).sort() : [];

test('the Alloy corpus is all there', needsShared('corpus'), () => {
  assert.equal(files.length, 58);
});

for (const name of files) {
  test(`corpus ${name}`, () => {
    const text = fs.readFileSync(`${folder}/${name}`, 'utf8');
    const parsed = parseAlloy({ uri: `file:///${name}`, text });
    try {
      if (name === BROKEN_UPSTREAM) {
        // A `stage.match` block (line 58) is closed by a brace indented for its parent, so one '}' is missing.
        assert.equal(parsed.syntax.length, 1, JSON.stringify(parsed.syntax));
        const [finding] = parsed.syntax;
        assert.equal(finding.code, 'alloy/syntax');
        assert.equal(finding.range.start.line, 57);
        assert.match(finding.message, /block stage\.match opened at line 58 is never closed/);
      } else {
        assert.deepEqual(parsed.syntax, []);
        assert.ok(parsed.ast.body.length > 0);
      }
    } finally {
      parsed.dispose();
    }
  });
}
