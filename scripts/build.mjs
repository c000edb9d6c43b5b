// Bundles the language server, the CLI and the VS Code client into dist/ with esbuild, and copies the
// two .wasm files web-tree-sitter needs next to them (the parser looks beside its own bundle first).
// The server and CLI bundles go to dist/lib/; dist/server.js and dist/cli.js are small entries that run
// them with a V8 code cache (server/src/loader/), so `node dist/server.js --stdio` stays the command.
import { build, transform } from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  // The oldest Node we run on: the CLI and server on Node 20; VS Code's extension host is newer.
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

// The loader compiles a bundle as one function expression taking what Node gives a CommonJS module (the
// banner starts on the first line, so line and column numbers in stack traces and the map stay right).
const wrapped = {
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '})' },
};

// esbuild gives every module that imports a CommonJS package its own ES-module view of it (`__toESM`,
// which copies each export as a getter): vscode-languageserver/node has 308 exports and a dozen of our
// modules import it, ~2 ms each at start-up on the shared machine. Our modules import it through one
// ES module instead, so the view is made once.
const LANGUAGE_SERVER = 'vscode-languageserver/node';
const oneLanguageServerView = {
  name: 'one-language-server-view',
  setup(plugin) {
    plugin.onResolve({ filter: /^vscode-languageserver\/node$/ }, (args) =>
      args.importer.startsWith(join(root, 'server', 'src')) ? { path: LANGUAGE_SERVER, namespace: 'language-server-view' } : undefined);
    plugin.onLoad({ filter: /.*/, namespace: 'language-server-view' }, () => ({ contents: `export * from '${LANGUAGE_SERVER}';`, resolveDir: root, loader: 'js' }));
  },
};

await Promise.all([
  build({ ...common, ...wrapped, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/lib/server.js', plugins: [oneLanguageServerView] }),
  build({ ...common, ...wrapped, entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/lib/cli.js' }),
  build({ ...common, entryPoints: ['server/src/loader/server.ts'], outfile: 'dist/server.js', sourcemap: false }),
  build({ ...common, entryPoints: ['server/src/loader/cli.ts'], outfile: 'dist/cli.js', sourcemap: false, banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The pipeline webview's script, with dagre, for the browser inside VS Code's webview (no Node, no network).
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2020', entryPoints: ['client/src/webview/pipeline.ts'], outfile: 'dist/webview/pipeline.js', minify: true, sourcemap: false }),
]);
// The loader reads an ASCII bundle as a one-byte string (server/src/loader/compile-cache.ts): half the
// memory of the two-byte string one character outside Latin-1 makes of the whole text. esbuild escapes
// what is not ASCII in strings, template literals and identifiers (charset 'ascii', its default), but
// writes comments as they are: a character there is replaced by '?' (by '??' for one outside the BMP,
// so that columns, counted in UTF-16 units, stay those of the source map). Only there: the bundle
// without its comments (esbuild's whitespace minification) must be ASCII already, else the build
// fails and names the character (a regular expression, say, should spell it as an escape).
async function keepAscii(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  const { code } = await transform(text, { minifyWhitespace: true, legalComments: 'none', charset: 'ascii' });
  const outside = code.match(/.{0,40}[^\x00-\x7f].{0,40}/);
  if (outside) throw new Error(`${file}: a character that is not ASCII outside a comment: ${JSON.stringify(outside[0])}`);
  writeFileSync(file, text.replace(/[^\x00-\x7f]/gu, (ch) => '?'.repeat(ch.length)));
}
await Promise.all(['dist/lib/server.js', 'dist/lib/cli.js'].map((file) => keepAscii(join(root, file))));
chmodSync(join(dist, 'cli.js'), 0o755);
copyFileSync(join(root, 'node_modules', 'web-tree-sitter', 'tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));
copyFileSync(join(root, 'grammars', 'alloy', 'tree-sitter-alloy.wasm'), join(dist, 'tree-sitter-alloy.wasm'));
console.log('built dist/server.js, dist/cli.js (and their bundles in dist/lib/), dist/extension.js, dist/webview/pipeline.js and the .wasm files');
