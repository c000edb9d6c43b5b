import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';

// `npm run package` must produce a VSIX with everything the extension loads at run time, .wasm included,
// and a manifest whose contributions point at files inside it.

test('the VSIX holds the bundles, both .wasm files and every contributed file', () => {
  const root = repoRoot();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-vsix-')), 'headroom.vsix');
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', out],
    { cwd: root, stdio: 'pipe' });
  const listing = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/dist/tree-sitter.wasm',
    // The bundles the two entries above load (with their code cache).
    'extension/dist/lib/server.js', 'extension/dist/lib/cli.js',
    'extension/dist/tree-sitter-alloy.wasm', 'extension/language-configuration.json', 'extension/grammars/alloy.tmLanguage.json',
    'extension/snippets/alloy.json', 'extension/schemas/headroom.schema.json', 'extension/package.json']) {
    assert.ok(listing.includes(file), `${file} in ${listing.join(', ')}`);
  }
  assert.ok(!listing.some((f) => f.includes('node_modules') || f.includes('/test/') || f.endsWith('.ts')), listing.join(', '));
  // The rule pages that diagnostics link to by file URI, beside dist/.
  const pages = fs.readdirSync(path.join(root, 'docs', 'rules'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
  assert.ok(pages.length > 30);
  for (const page of pages) assert.ok(listing.includes(`extension/docs/rules/${page.split(path.sep).join('/')}`), `docs/rules/${page} is packaged`);
  // The walkthrough's media and the example it opens.
  for (const step of JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.walkthroughs[0].steps) {
    assert.ok(listing.includes(`extension/${step.media.markdown}`), `${step.media.markdown} is packaged`);
  }
  assert.ok(listing.includes('extension/walkthrough/example.alloy'));
  const manifest = JSON.parse(execFileSync('unzip', ['-p', out, 'extension/package.json'], { encoding: 'utf8' }));
  assert.equal(manifest.contributes.languages[0].id, 'grafana-alloy');
  assert.deepEqual(manifest.contributes.languages[0].extensions, ['.alloy', '.river']);
  for (const contributed of [manifest.contributes.languages[0].configuration, manifest.contributes.grammars[0].path, manifest.contributes.snippets[0].path, manifest.main]) {
    const inside = `extension/${path.posix.normalize(contributed.replace(/^\.\//, ''))}`;
    assert.ok(listing.includes(inside) || listing.includes(`${inside}.js`), `${contributed} is packaged`);
  }
});
