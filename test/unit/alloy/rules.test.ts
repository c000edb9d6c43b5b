import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixturePath } from '../../helpers/paths';
import { actualFindings, applyEdits, expectedFindings, newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// Fixture files under test/fixtures/alloy/ carry their verdict: `// expect: code` on each line that
// must be reported, and nothing else may be.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const fixtures = fs.readdirSync(fixturePath('alloy')).filter((f) => f.endsWith('.alloy'));

for (const name of fixtures) {
  test(`fixture ${name}: findings match its expect comments`, () => {
    const text = fs.readFileSync(fixturePath('alloy', name), 'utf8');
    const uri = `file:///fixtures/${name}`;
    engine.open({ uri, text });
    const findings = engine.lint(uri);
    assert.deepEqual(actualFindings(findings), expectedFindings(text), findings.map((f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`).join('\n'));
    for (const finding of findings) {
      assert.doesNotMatch(finding.message, /NaN|undefined|\[object/, finding.message);
    }
    engine.close(uri);
  });

  test(`fixture ${name}: every fix removes its finding and changes nothing else`, () => {
    const text = fs.readFileSync(fixturePath('alloy', name), 'utf8');
    const uri = `file:///fixtures/${name}`;
    engine.open({ uri, text });
    const findings = engine.lint(uri);
    engine.close(uri);
    for (const finding of findings) {
      for (const fix of finding.fixes ?? []) {
        const fixed = applyEdits(text, fix.edits);
        assert.notEqual(fixed, text, `${fix.title} changes something`);
        // Outside the edit ranges the text is untouched: undoing the edit gives back the original.
        const firstEdit = Math.min(...fix.edits.map((e) => e.range.start.line));
        assert.equal(fixed.split('\n').slice(0, firstEdit).join('\n'), text.split('\n').slice(0, firstEdit).join('\n'));
        const fixedUri = `${uri}#${fix.title}`;
        engine.open({ uri: fixedUri, text: fixed });
        const after = engine.lint(fixedUri);
        engine.close(fixedUri);
        const syntax = after.filter((f) => f.code === 'alloy/syntax');
        assert.deepEqual(syntax, [], `${fix.title} leaves valid Alloy:\n${fixed}`);
        const sameBefore = findings.filter((f) => f.code === finding.code).length;
        const sameAfter = after.filter((f) => f.code === finding.code).length;
        assert.ok(sameAfter < sameBefore, `${fix.title}: ${finding.code} still reported (${sameBefore} → ${sameAfter})\n${fixed}`);
      }
    }
  });
}

test('fix all applies every preferred fix once; applying it again changes nothing more', () => {
  for (const name of fixtures) {
    const uri = `file:///fixall/${name}`;
    let text = fs.readFileSync(fixturePath('alloy', name), 'utf8');
    for (let round = 0; round < 5; round++) {
      engine.open({ uri, text });
      const edits = engine.fixAll(uri);
      if (edits.length === 0) break;
      const next = applyEdits(text, edits);
      engine.open({ uri, text: next });
      assert.deepEqual(engine.lint(uri).filter((f) => f.code === 'alloy/syntax'), [], `${name} after fix-all round ${round}:\n${next}`);
      text = next;
    }
    engine.open({ uri, text });
    assert.deepEqual(engine.fixAll(uri), [], `${name}: fix-all reaches a fixed point`);
    engine.close(uri);
  }
});
