import { createHash } from 'node:crypto';
import { createConnection, ProposedFeatures, TextDocumentSyncKind, CodeActionKind, type InitializeResult } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { HeadroomEngine } from '../core/engine';
import { ALL_FORMATS } from '../core/formats';
import { defaultCatalog } from '../core/capacity/catalog';
import type { Finding } from '../core/types';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';
import * as textDocumentSync from './handlers/textDocumentSync';
import * as hover from './handlers/hover';
import * as codeAction from './handlers/codeAction';
import * as inlayHint from './handlers/inlayHint';
import * as codeLens from './handlers/codeLens';
import * as documentSymbol from './handlers/documentSymbol';
import * as foldingRange from './handlers/foldingRange';
import * as completion from './handlers/completion';
import * as definition from './handlers/definition';
import * as references from './handlers/references';
import * as configuration from './handlers/configuration';
import * as semanticTokens from './handlers/semanticTokens';
import * as rename from './handlers/rename';
import * as documentHighlight from './handlers/documentHighlight';
import * as signatureHelp from './handlers/signatureHelp';
import * as workspaceSymbol from './handlers/workspaceSymbol';
import * as alloyFeatures from './alloyFeatures';
import * as formatting from './handlers/formatting';
import * as rangeFormatting from './handlers/rangeFormatting';
import * as workspaceScan from './workspaceScan';
import * as diagnostic from './handlers/diagnostic';
import { AnalysisScheduler } from './scheduler';
import * as capacityReport from './handlers/capacityReport';
import * as pipelineGraph from './handlers/pipelineGraph';
import { saveCompileCache } from '../loader/compile-cache';
import { IDLE_RELEASE_MS, MemoryRelease } from './memoryRelease';

// Entry point of the language server: `node dist/server.js --stdio` (or --node-ipc from the VS Code
// client). stdout carries the protocol in stdio mode, so everything else goes to connection.console.

// No debounce: diagnostics are computed once every message already received is handled (see
// scheduler.ts), so a burst of keystrokes is analysed once, for its newest version, with no fixed wait.
const scheduler = new AnalysisScheduler((uri) => publish(uri), (message) => connection.console.error(message));
const connection = createConnection(ProposedFeatures.all, { messageStrategy: scheduler.messageStrategy });
// Once nothing has happened for a while, the memory the last burst of work made V8 keep goes back (memoryRelease.ts).
const memoryRelease = new MemoryRelease((message) => connection.console.error(message));
scheduler.whenIdle(IDLE_RELEASE_MS, () => memoryRelease.release());
const documents = new Map<string, TextDocument>();
const engine = new HeadroomEngine({
  services: ALL_FORMATS,
  catalog: defaultCatalog,
  log: (message) => connection.console.error(message),
});

const lintCache = new Map<string, { version: number; epoch: number; findings: Finding[] }>();
/** Bumped whenever other files' facts (or the configuration) change: every cached lint is stale then. */
let epoch = 0;
/**
 * What was last published per document, so a re-lint that changes nothing publishes nothing: a digest of
 * the diagnostics' JSON, not the JSON itself (the findings are held once, in the lint cache).
 */
const published = new Map<string, { version: number; digest: string }>();
/** Clients that ask for diagnostics (LSP 3.17 pull) get no pushed ones: never both for one client. */
let pullDiagnostics = false;
let refreshDiagnostics = false;
let inlayHintsEnabled = true;
let pullConfiguration = false;
let watchFiles = false;
let workspaceRoots: string[] = [];
let documentChanges = false;
let alloyFeaturesDynamic = false;
let formattingRegisteredLater = false;
const maxFileBytes = () => engine.currentConfig.maxFileBytes;

const ctx: ServerContext = {
  connection,
  engine,
  documents,
  sync() {
    if (textDocumentSync.flush(ctx)) ctx.scheduleDiagnostics('all');
  },
  findings(uri) {
    return ctx.report(uri).findings;
  },
  report(uri) {
    ctx.sync();
    const doc = documents.get(uri);
    if (!doc) return { resultId: '', findings: [] };
    let cached = lintCache.get(uri);
    if (!cached || cached.version !== doc.version || cached.epoch !== epoch) {
      cached = { version: doc.version, epoch, findings: engine.lint(uri) };
      lintCache.set(uri, cached);
      scheduleCompileCacheSave();
    }
    return { resultId: `${cached.version}.${cached.epoch}`, findings: cached.findings };
  },
  scheduleDiagnostics(target) {
    if (target === 'all') {
      epoch++;
      if (pullDiagnostics) {
        if (refreshDiagnostics) void connection.languages.diagnostics.refresh();
        return;
      }
      // Documents already waiting (the one being edited) keep their place ahead of the others.
      scheduler.queue([...documents.keys()]);
      return;
    }
    if (!pullDiagnostics) scheduler.touch(target);
  },
  quiet: () => scheduler.quiet(),
  closed(uri) {
    scheduler.forget(uri);
    lintCache.delete(uri);
    published.delete(uri);
    // A pull client drops a closed document's diagnostics itself.
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  },
  log: (message) => connection.console.log(message),
};

/**
 * Once the first diagnostics are out, the V8 code cache (see loader/compile-cache.ts) is written, holding
 * what start-up and the first analysis compiled; a little later, so it does not delay that analysis's
 * reply. Editors often kill a server rather than let it exit, so this does not wait for the exit.
 */
let compileCacheSaveScheduled = false;
function scheduleCompileCacheSave(): void {
  if (compileCacheSaveScheduled) return;
  compileCacheSaveScheduled = true;
  setTimeout(saveCompileCache, 2000).unref();
}

/** Lints `uri` (if it changed) and pushes its diagnostics, unless the very same ones are already published. */
function publish(uri: string): void {
  const doc = documents.get(uri);
  if (!doc) return;
  const diagnostics = ctx.report(uri).findings.map(toDiagnostic);
  const digest = createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64');
  const last = published.get(uri);
  if (last && last.version === doc.version && last.digest === digest) return;
  published.set(uri, { version: doc.version, digest });
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const { capabilities } = params;
  pullConfiguration = capabilities.workspace?.configuration === true;
  watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceRoots = configuration.rootsFrom(params);
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  refreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
  documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
  alloyFeaturesDynamic = alloyFeatures.registersDynamically(capabilities);
  formattingRegisteredLater = formatting.registersDynamically(capabilities);
  await engine.init();
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, codeAction.FIX_ALL_KIND] },
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      completionProvider: { triggerCharacters: ['.', '"', '='] },
      definitionProvider: true,
      referencesProvider: true,
      ...(pullDiagnostics ? { diagnosticProvider: diagnostic.OPTIONS } : {}),
      ...alloyFeatures.staticCapabilities(alloyFeaturesDynamic),
      workspaceSymbolProvider: true,
      documentFormattingProvider: !formattingRegisteredLater,
      documentRangeFormattingProvider: !formattingRegisteredLater,
    },
    serverInfo: { name: 'headroom', version: '0.1.0' },
  };
});

textDocumentSync.register(ctx);
hover.register(ctx);
codeAction.register(ctx);
inlayHint.register(ctx, () => inlayHintsEnabled);
codeLens.register(ctx);
documentSymbol.register(ctx);
foldingRange.register(ctx);
completion.register(ctx);
definition.register(ctx);
references.register(ctx);
diagnostic.register(ctx);
capacityReport.register(ctx);
pipelineGraph.register(ctx);
semanticTokens.register(ctx);
rename.register(ctx, () => documentChanges);
documentHighlight.register(ctx);
signatureHelp.register(ctx);
workspaceSymbol.register(ctx);
formatting.register(ctx);
rangeFormatting.register(ctx);
configuration.register(ctx, {
  canPull: () => pullConfiguration,
  canWatch: () => watchFiles,
  workspaceRoots: () => workspaceRoots,
  onSettings: (settings) => { inlayHintsEnabled = settings.inlayHints?.enabled !== false; },
  onFilesChanged: (changes) => { void workspaceScan.onFilesChanged(ctx, changes, maxFileBytes); },
  onReady: () => {
    if (alloyFeaturesDynamic) alloyFeatures.registerForAlloy(connection);
    if (formattingRegisteredLater) formatting.registerForAlloy(ctx);
    const started = Date.now();
    workspaceScan.scanWorkspace(ctx, workspaceRoots, maxFileBytes).then(
      (count) => { if (count > 0) ctx.log(`indexed ${count} workspace files for cross-file rules in ${Date.now() - started} ms`); },
      (error) => connection.console.error(`workspace scan failed: ${String(error)}`));
  },
});

// Diagnostics for people and load tests: open documents and the server's memory.
connection.onRequest('headroom/stats', () => {
  if (typeof global.gc === 'function') global.gc();
  const memory = process.memoryUsage();
  return { documents: documents.size, engineDocuments: engine.uris().length, heapUsed: memory.heapUsed, rss: memory.rss, pendingAnalyses: scheduler.pending,
    heapTotal: memory.heapTotal, memoryReleases: memoryRelease.stats.releases, lastReleaseMs: memoryRelease.stats.lastReleaseMs };
});

// A broken message or a vanished client must not take the editor's server down with an exception.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error}`));
process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${String(error)}`));

connection.listen();
