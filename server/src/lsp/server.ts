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
import * as capacityReport from './handlers/capacityReport';
import * as pipelineGraph from './handlers/pipelineGraph';

// Entry point of the language server: `node dist/server.js --stdio` (or --node-ipc from the VS Code
// client). stdout carries the protocol in stdio mode, so everything else goes to connection.console.

const DIAGNOSTICS_DELAY_MS = 120;

const connection = createConnection(ProposedFeatures.all);
const documents = new Map<string, TextDocument>();
const engine = new HeadroomEngine({
  services: ALL_FORMATS,
  catalog: defaultCatalog,
  log: (message) => connection.console.error(message),
});

const lintCache = new Map<string, { version: number; findings: Finding[] }>();
const pending = new Map<string, NodeJS.Timeout>();
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
  sync(uri) {
    if (textDocumentSync.flush(ctx, uri)) ctx.scheduleDiagnostics('all');
  },
  findings(uri) {
    ctx.sync(uri);
    const doc = documents.get(uri);
    if (!doc) return [];
    const cached = lintCache.get(uri);
    if (cached && cached.version === doc.version) return cached.findings;
    const findings = engine.lint(uri);
    lintCache.set(uri, { version: doc.version, findings });
    return findings;
  },
  scheduleDiagnostics(target) {
    const uris = target === 'all' ? [...documents.keys()] : [target];
    for (const uri of uris) {
      if (target === 'all') lintCache.delete(uri);
      clearTimeout(pending.get(uri));
      // Debounced per document: a burst of keystrokes lints once, for the newest version only.
      pending.set(uri, setTimeout(() => {
        pending.delete(uri);
        const doc = documents.get(uri);
        if (!doc) return;
        const version = doc.version;
        const diagnostics = ctx.findings(uri).map(toDiagnostic);
        if (documents.get(uri)?.version === version) void connection.sendDiagnostics({ uri, version, diagnostics });
      }, DIAGNOSTICS_DELAY_MS));
    }
  },
  log: (message) => connection.console.log(message),
};

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const { capabilities } = params;
  pullConfiguration = capabilities.workspace?.configuration === true;
  watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceRoots = configuration.rootsFrom(params);
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
  return { documents: documents.size, engineDocuments: engine.uris().length, heapUsed: process.memoryUsage().heapUsed };
});

// A broken message or a vanished client must not take the editor's server down with an exception.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error}`));
process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${String(error)}`));

connection.listen();
