import type { AnalysisContext } from './context';
import type { HeadroomConfig } from './config-types';
import type { TierCatalog } from './capacity/catalog-types';
import type { FormatResult, FormatService, ParsedDocument, SourceDocument } from './service';
import type {
  CodeLensResult, CompletionResult, DocumentSymbolResult, Finding, FoldingRangeResult, HoverResult,
  Fix, InlayHintResult, LocationResult, Position, Range, TextChange, TextEdit,
} from './types';
import { emptyFacts, type DocumentFacts, type WorkspaceIndex } from './workspace';
import { LineIndex, applyTextEdits, minimalEdit } from './text';
import { createHash } from 'node:crypto';
import { defaultConfig } from './config';
import { applySuppressions } from './suppressions';
import type {
  HighlightResult, PrepareRenameResult, RenameResult, SemanticTokenResult, SignatureHelpResult, WorkspaceDocuments,
  WorkspaceSymbolResult,
} from './editor-types';
import { factSymbols, matchSymbols } from './workspace-symbols';

interface OpenDocument {
  doc: SourceDocument;
  service?: FormatService;
  parsed?: ParsedDocument;
  /** Set when the file is over `maxFileBytes`: it is not parsed. */
  tooLarge?: number;
  facts?: DocumentFacts;
}

export interface EngineOptions {
  services: FormatService[];
  catalog: TierCatalog;
  config?: HeadroomConfig;
  /** Where internal errors are logged (the LSP output channel, stderr for the CLI). */
  log?: (message: string) => void;
}

/**
 * The analysis engine shared by the language server and the CLI: it owns documents, picks the format
 * service, keeps the cross-file workspace index, applies severity settings and fixes. It never throws
 * to its caller: a service failure becomes one `headroom/internal-error` finding and a log line.
 */
export class HeadroomEngine implements WorkspaceIndex {
  private readonly documents = new Map<string, OpenDocument>();
  /** Facts of files that are not open (the workspace scan); an open document's own facts win. */
  private readonly scanned = new Map<string, DocumentFacts>();
  /** A fingerprint of the text each indexed file had, so re-indexing an unchanged file parses nothing. */
  private readonly indexedText = new Map<string, string>();
  /**
   * The text and facts of the documents closed last: when the file on disk has the same text (it was
   * saved), indexing it takes these facts instead of parsing it again. A few only: it is a hand-over.
   */
  private readonly closedFacts = new Map<string, { fingerprint: string; facts: DocumentFacts; format: string; symbols?: WorkspaceSymbolResult[] }>();
  /** `all()`, kept until a document's or a file's facts change (rules ask for it many times per lint). */
  private allFacts: readonly DocumentFacts[] | undefined;
  /** Workspace symbols of files that are not open, by format (the workspace scan), for workspace/symbol and rename. */
  private readonly scannedSymbols = new Map<string, { format: string; symbols: WorkspaceSymbolResult[] }>();
  /** While fix-all lints its scratch copy of a document, the original is hidden from the index. */
  private replacedByScratch: string | undefined;
  private readonly services: FormatService[];
  private config: HeadroomConfig;
  private catalog: TierCatalog;
  private readonly log: (message: string) => void;
  private ready: Promise<void> | undefined;

  constructor(options: EngineOptions) {
    this.services = options.services;
    this.catalog = options.catalog;
    this.config = options.config ?? defaultConfig();
    this.log = options.log ?? (() => undefined);
  }

  /** Awaits every service's one-time set-up (Alloy's wasm). Safe to call repeatedly. */
  init(): Promise<void> {
    this.ready ??= Promise.all(this.services.map((s) => s.init?.())).then(() => undefined);
    return this.ready;
  }

  /**
   * Changes the configuration. Parse results do not depend on it, so documents are parsed again only
   * when the size limit now lets them in or keeps them out; everything else recomputes its facts.
   */
  setConfig(config: HeadroomConfig, catalog?: TierCatalog): void {
    this.config = config;
    if (catalog) this.catalog = catalog;
    const changed: string[] = [];
    for (const [uri, entry] of this.documents) {
      const before = entry.facts;
      const tooLarge = Buffer.byteLength(entry.doc.text, 'utf8') > config.maxFileBytes;
      if (entry.parsed && !tooLarge) this.refreshFacts(entry, entry.parsed);
      else if (tooLarge !== (entry.tooLarge !== undefined) || (!entry.parsed && !tooLarge)) this.reparse(entry);
      if (!sameFacts(before, entry.facts)) changed.push(uri);
    }
    // A document whose facts were made before those of a file they read were made again.
    this.refreshDependents(changed);
    // Indexed facts were computed under the old configuration (tiers decide workloads): index afresh.
    this.indexedText.clear();
  }

  /** Closes every document and forgets the index, freeing every parse tree. The engine can be used again. */
  dispose(): void {
    for (const entry of this.documents.values()) if (entry.parsed) dispose(entry.parsed);
    this.documents.clear();
    this.scanned.clear();
    this.scannedSymbols.clear();
    this.indexedText.clear();
    this.closedFacts.clear();
    this.allFacts = undefined;
  }

  get currentConfig(): HeadroomConfig {
    return this.config;
  }

  context(): AnalysisContext {
    return { config: this.config, catalog: this.catalog, workspace: this };
  }

  // WorkspaceIndex
  /**
   * Every file's facts, open documents' over indexed files', in URI order: what cross-file rules see
   * does not depend on the order files were opened or indexed in (the parallel CLI relies on it).
   */
  all(): readonly DocumentFacts[] {
    if (!this.allFacts) {
      const byUri = new Map<string, DocumentFacts>();
      for (const facts of this.scanned.values()) if (!this.documents.has(facts.uri)) byUri.set(facts.uri, facts);
      for (const entry of this.documents.values()) {
        if (entry.facts && entry.doc.uri !== this.replacedByScratch) byUri.set(entry.doc.uri, entry.facts);
      }
      this.allFacts = [...byUri.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    }
    return this.allFacts;
  }

  /**
   * Facts computed elsewhere (a CLI worker parsed the file) for a file this engine does not open, so
   * its cross-file rules see that file without parsing it again.
   */
  addFacts(facts: DocumentFacts): void {
    const before = this.scanned.get(facts.uri);
    if (publishes(facts)) this.scanned.set(facts.uri, facts);
    else this.scanned.delete(facts.uri);
    this.allFacts = undefined;
    if (!this.documents.has(facts.uri) && !sameFacts(before, this.scanned.get(facts.uri))) this.refreshDependents([facts.uri]);
  }

  get(uri: string): DocumentFacts | undefined {
    return this.documents.get(uri)?.facts ?? this.scanned.get(uri);
  }

  /**
   * Indexes a file that is not open in the editor (found by a workspace scan or changed on disk), so
   * cross-file rules see it: it is parsed once for its facts and not kept. Files no format claims, or
   * over maxFileBytes, are dropped from the index. Returns true when the index changed.
   */
  index(doc: SourceDocument): boolean {
    const before = this.scanned.get(doc.uri);
    const print = fingerprint(doc.text);
    if (this.indexedText.get(doc.uri) === print) return false;
    const closed = this.closedFacts.get(doc.uri);
    this.closedFacts.delete(doc.uri);
    this.indexedText.set(doc.uri, print);
    if (closed && closed.fingerprint === print) {
      // The document was just closed with this very text: its facts and symbols are this file's.
      if (publishes(closed.facts)) this.scanned.set(doc.uri, closed.facts);
      else this.scanned.delete(doc.uri);
      this.allFacts = undefined;
      if (closed.symbols) this.scannedSymbols.set(doc.uri, { format: closed.format, symbols: closed.symbols });
      else this.scannedSymbols.delete(doc.uri);
      return this.scannedChanged(doc.uri, before);
    }
    const service = this.services.find((s) => this.safeClaims(s, doc));
    let facts: DocumentFacts | undefined;
    let symbols: WorkspaceSymbolResult[] | undefined;
    if (service && Buffer.byteLength(doc.text, 'utf8') <= this.config.maxFileBytes) {
      let parsed: ParsedDocument | undefined;
      try {
        parsed = service.parse(doc);
        facts = service.facts(parsed, this.context());
        symbols = service.workspaceSymbols?.(parsed);
      } catch (error) {
        this.log(`${service.format} could not index ${doc.uri}: ${describe(error)}`);
      } finally {
        if (parsed) dispose(parsed);
      }
    }
    if (facts && publishes(facts)) this.scanned.set(doc.uri, facts);
    else this.scanned.delete(doc.uri);
    this.allFacts = undefined;
    if (service && symbols) this.scannedSymbols.set(doc.uri, { format: service.format, symbols });
    else this.scannedSymbols.delete(doc.uri);
    return this.scannedChanged(doc.uri, before);
  }

  /** Whether the scanned facts of `uri` changed from `before` for the index (an open document's win), making its dependents' facts again. */
  private scannedChanged(uri: string, before: DocumentFacts | undefined): boolean {
    const changed = !this.documents.has(uri) && !sameFacts(before, this.scanned.get(uri));
    if (changed) this.refreshDependents([uri]);
    return changed;
  }

  /** Drops a deleted file from the scan index. Returns true when the index changed. */
  forget(uri: string): boolean {
    const before = this.scanned.get(uri);
    this.scanned.delete(uri);
    this.allFacts = undefined;
    this.indexedText.delete(uri);
    this.closedFacts.delete(uri);
    this.scannedSymbols.delete(uri);
    return this.scannedChanged(uri, before);
  }

  has(uri: string): boolean {
    return this.documents.has(uri);
  }

  uris(): string[] {
    return [...this.documents.keys()];
  }

  formatOf(uri: string): string | undefined {
    return this.documents.get(uri)?.service?.format;
  }

  text(uri: string): string | undefined {
    return this.documents.get(uri)?.doc.text;
  }

  /** Opens (or replaces) a document. Returns true when its cross-file facts changed. */
  open(doc: SourceDocument): boolean {
    return this.openWith(doc, this.services.find((s) => this.safeClaims(s, doc)));
  }

  private openWith(doc: SourceDocument, service: FormatService | undefined): boolean {
    const previous = this.documents.get(doc.uri);
    previous?.parsed && dispose(previous.parsed);
    const entry: OpenDocument = { doc, service };
    this.documents.set(doc.uri, entry);
    this.allFacts = undefined;
    this.reparse(entry);
    // Before this, the index held the previous version's facts, or the scanned file's.
    return this.openFactsChanged(doc.uri, previous ? previous.facts : this.scanned.get(doc.uri), entry.facts);
  }

  /**
   * Whether a document's facts changed from `before` to `after`, making its dependents' facts again. Not
   * while fix-all lints a scratch copy: the others keep the facts they read from the original.
   */
  private openFactsChanged(uri: string, before: DocumentFacts | undefined, after: DocumentFacts | undefined): boolean {
    const changed = !sameFacts(before, after);
    if (changed && this.replacedByScratch === undefined) this.refreshDependents([uri]);
    return changed;
  }

  /** Applies incremental changes whose result is `doc.text`. Returns true when cross-file facts changed. */
  update(doc: SourceDocument, changes: TextChange[]): boolean {
    const entry = this.documents.get(doc.uri);
    if (!entry || !entry.service || !entry.parsed) return this.open(doc);
    // An edit can change which format owns the text (typing `kind:` turns Helm values into a
    // manifest; breaking the root element of an XML file disowns it): then it is opened afresh.
    const service = this.services.find((s) => this.safeClaims(s, doc));
    if (service !== entry.service) return this.openWith(doc, service);
    const before = entry.facts;
    entry.doc = doc;
    this.reparse(entry, changes);
    return this.openFactsChanged(doc.uri, before, entry.facts);
  }

  /** Closes a document; its scanned facts, if any, take over. Returns true when cross-file facts changed. */
  close(uri: string): boolean {
    const entry = this.documents.get(uri);
    if (!entry) return false;
    // A file's document (not fix-all's scratch copy) hands over to the re-index of the file on disk.
    if (entry.service && entry.parsed && entry.facts && this.replacedByScratch === undefined && uri.startsWith('file:')) {
      let symbols: WorkspaceSymbolResult[] | undefined;
      try {
        symbols = entry.service.workspaceSymbols?.(entry.parsed);
      } catch (error) {
        this.log(`${entry.service.format}.workspaceSymbols failed on ${uri}: ${describe(error)}`);
      }
      this.closedFacts.delete(uri);
      this.closedFacts.set(uri, { fingerprint: fingerprint(entry.doc.text), facts: entry.facts, format: entry.service.format, symbols });
      for (const oldest of this.closedFacts.keys()) {
        if (this.closedFacts.size <= CLOSED_FACTS_KEPT) break;
        this.closedFacts.delete(oldest);
      }
    }
    if (entry.parsed) dispose(entry.parsed);
    this.documents.delete(uri);
    this.allFacts = undefined;
    return this.openFactsChanged(uri, entry.facts, this.scanned.get(uri));
  }

  private safeClaims(service: FormatService, doc: SourceDocument): boolean {
    try {
      return service.claims(doc);
    } catch (error) {
      this.log(`${service.format}.claims failed on ${doc.uri}: ${describe(error)}`);
      return false;
    }
  }

  private reparse(entry: OpenDocument, changes?: TextChange[]): void {
    try {
      this.parseEntry(entry, changes);
    } finally {
      this.allFacts = undefined;
    }
  }

  private parseEntry(entry: OpenDocument, changes?: TextChange[]): void {
    const { doc, service } = entry;
    if (!service) return;
    const size = Buffer.byteLength(doc.text, 'utf8');
    if (size > this.config.maxFileBytes) {
      if (entry.parsed) dispose(entry.parsed);
      entry.parsed = undefined;
      entry.tooLarge = size;
      entry.facts = emptyFacts(doc.uri, service.format);
      return;
    }
    entry.tooLarge = undefined;
    try {
      const previous = entry.parsed && changes ? { parsed: entry.parsed, changes } : undefined;
      if (entry.parsed && !previous) dispose(entry.parsed);
      entry.parsed = service.parse(doc, previous);
    } catch (error) {
      this.log(`${service.format}.parse failed on ${doc.uri}: ${describe(error)}`);
      entry.parsed = undefined;
      entry.facts = emptyFacts(doc.uri, service.format);
      return;
    }
    this.refreshFacts(entry, entry.parsed);
  }

  private refreshFacts(entry: OpenDocument, parsed: ParsedDocument): void {
    const service = entry.service!;
    try {
      entry.facts = service.facts(parsed, this.context());
    } catch (error) {
      this.log(`${service.format}.facts failed on ${entry.doc.uri}: ${describe(error)}`);
      entry.facts = emptyFacts(entry.doc.uri, service.format);
    }
    this.allFacts = undefined;
  }

  /**
   * Makes again the facts of the open documents that can read the facts of the files `changed` (their
   * service's factsDependOn), whose facts just changed; then those of the documents that can read the ones
   * that changed in turn, and so on, in rounds. A round makes each document's facts at most once: it
   * costs at most one facts() per open document that can read the files of the round, and a document
   * that reads none of them is not made again. Facts equal to the ones a document had stay those very
   * objects (lint caches and Alloy scopes compare the facts they read by identity). A change carried by k
   * references from file to file settles within k + 1 rounds; files reading each other (A reads B reads
   * A) settle when a round changes nothing, and the propagation stops after MAX_FACTS_ROUNDS rounds
   * whatever happens: at most MAX_FACTS_ROUNDS facts() per open document per change.
   */
  private refreshDependents(changed: Iterable<string>): void {
    let round = new Set(changed);
    for (let rounds = 0; round.size > 0; rounds++) {
      if (rounds === MAX_FACTS_ROUNDS) {
        this.log(`The facts of ${[...round].join(', ')} still changed after ${MAX_FACTS_ROUNDS} rounds of making again those of the files reading them: left as they are.`);
        return;
      }
      const next = new Set<string>();
      for (const [uri, entry] of this.documents) {
        const { service, parsed } = entry;
        if (!service?.factsDependOn || !parsed) continue;
        if (!this.readsAny(service, parsed, round)) continue;
        const before = entry.facts;
        this.refreshFacts(entry, parsed);
        if (before !== undefined && JSON.stringify(before) === JSON.stringify(entry.facts)) entry.facts = before;
        else next.add(uri);
      }
      round = next;
    }
  }

  private readsAny(service: FormatService, parsed: ParsedDocument, uris: Set<string>): boolean {
    try {
      for (const uri of uris) if (service.factsDependOn!(parsed, uri)) return true;
    } catch (error) {
      this.log(`${service.format}.factsDependOn failed on ${parsed.doc.uri}: ${describe(error)}`);
    }
    return false;
  }

  /** All findings for the document, with the configured severities; `[]` for files no format claims. */
  lint(uri: string): Finding[] {
    const entry = this.documents.get(uri);
    if (!entry?.service) return [];
    if (entry.tooLarge !== undefined) {
      return [{
        code: 'headroom/file-too-large',
        severity: 'info',
        message: `Headroom does not analyse this file: it has ${entry.tooLarge} bytes, more than headroom.maxFileBytes (${this.config.maxFileBytes}).`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      }];
    }
    if (!entry.parsed) return [internalError(entry.service.format, 'parse')];
    let findings: Finding[];
    try {
      findings = applySuppressions(entry.service.lint(entry.parsed, this.context()), entry.parsed);
    } catch (error) {
      this.log(`${entry.service.format}.lint failed on ${uri}: ${describe(error)}`);
      return [internalError(entry.service.format, 'lint')];
    }
    return this.applySeverities(findings, entry.parsed.lines);
  }

  private applySeverities(findings: Finding[], lines: LineIndex): Finding[] {
    const out: Finding[] = [];
    for (const finding of findings) {
      const setting = this.config.severity[finding.code] ?? this.config.severity[`${finding.code.split('/')[0]}/*`];
      if (setting === 'off') continue;
      const range = clampRange(finding.range, lines);
      const fixes = finding.fixes && withDocumentLineBreaks(finding.fixes, lines);
      out.push({ ...finding, ...(setting ? { severity: setting } : {}), range, ...(fixes ? { fixes } : {}) });
    }
    return out;
  }

  hover(uri: string, position: Position): HoverResult | null {
    return this.call(uri, 'hover', null, (s, p) => s.hover(p, position, this.context()));
  }

  inlayHints(uri: string, range: Range): InlayHintResult[] {
    return this.call(uri, 'inlayHints', [], (s, p) => s.inlayHints(p, range, this.context()));
  }

  codeLenses(uri: string): CodeLensResult[] {
    return this.call(uri, 'codeLenses', [], (s, p) => s.codeLenses(p, this.context()));
  }

  symbols(uri: string): DocumentSymbolResult[] {
    return this.call(uri, 'symbols', [], (s, p) => s.symbols(p));
  }

  foldingRanges(uri: string): FoldingRangeResult[] {
    return this.call(uri, 'foldingRanges', [], (s, p) => s.foldingRanges(p));
  }

  completion(uri: string, position: Position): CompletionResult[] {
    return this.call(uri, 'completion', [], (s, p) => s.completion(p, position, this.context()));
  }

  definition(uri: string, position: Position): LocationResult[] {
    return this.call(uri, 'definition', [], (s, p) => s.definition(p, position, this.context()));
  }

  references(uri: string, position: Position): LocationResult[] {
    return this.call(uri, 'references', [], (s, p) => s.references(p, position, this.context()));
  }

  semanticTokens(uri: string): SemanticTokenResult[] {
    return this.call(uri, 'semanticTokens', [], (s, p) => s.semanticTokens?.(p) ?? []);
  }

  documentHighlights(uri: string, position: Position): HighlightResult[] {
    return this.call(uri, 'documentHighlights', [], (s, p) => s.documentHighlights?.(p, position) ?? []);
  }

  signatureHelp(uri: string, position: Position): SignatureHelpResult | null {
    return this.call(uri, 'signatureHelp', null, (s, p) => s.signatureHelp?.(p, position) ?? null);
  }

  /** Symbols of every open and scanned document whose name matches `query` (see matchSymbols). */
  workspaceSymbols(query: string): WorkspaceSymbolResult[] {
    const symbols: WorkspaceSymbolResult[] = [];
    for (const [uri, entry] of this.documents) {
      if (uri === this.replacedByScratch || !entry.service?.workspaceSymbols || !entry.parsed) continue;
      symbols.push(...this.call(uri, 'workspaceSymbols', [], (s, p) => s.workspaceSymbols!(p)));
    }
    for (const [uri, scanned] of this.scannedSymbols) if (!this.documents.has(uri)) symbols.push(...scanned.symbols);
    for (const facts of this.all()) symbols.push(...factSymbols(facts));
    return matchSymbols(symbols, query);
  }

  /**
   * Whether the name at `position` can be renamed; null when the format has no rename. `read` gives
   * the text of a workspace file that is not open (the server reads it from disk), for names that
   * live in another file.
   */
  prepareRename(uri: string, position: Position, read: (uri: string) => string | undefined): PrepareRenameResult | null {
    return this.withWorkspace(uri, 'prepareRename', null, read, (s, p, workspace) => s.prepareRename?.(p, position, workspace) ?? null);
  }

  /** The edits, per document, that rename the name at `position` across the workspace. */
  rename(uri: string, position: Position, newName: string, read: (uri: string) => string | undefined): RenameResult {
    const refused = { error: 'This document has nothing Headroom can rename.' };
    return this.withWorkspace(uri, 'rename', refused, read, (s, p, workspace) => s.rename?.(p, position, newName, workspace) ?? refused);
  }

  /**
   * Runs a cross-file feature with the workspace's documents of the same format: open ones as they are
   * in the editor, the others (known from the workspace scan) parsed from `read` on first use and freed
   * afterwards.
   */
  private withWorkspace<T>(uri: string, method: string, fallback: T, read: (uri: string) => string | undefined,
    run: (service: FormatService, parsed: ParsedDocument, workspace: WorkspaceDocuments<ParsedDocument>) => T): T {
    const service = this.documents.get(uri)?.service;
    if (!service) return fallback;
    const uris = [
      ...[...this.documents].filter(([u, e]) => e.service === service && e.parsed && u !== this.replacedByScratch).map(([u]) => u),
      ...[...this.scannedSymbols].filter(([u, s]) => s.format === service.format && !this.documents.has(u)).map(([u]) => u),
    ];
    const known = new Set(uris);
    const loaded = new Map<string, ParsedDocument | undefined>();
    const workspace: WorkspaceDocuments<ParsedDocument> = {
      uris: () => uris,
      get: (other) => {
        const open = this.documents.get(other);
        if (open) return open.service === service ? open.parsed : undefined;
        if (!loaded.has(other)) {
          const text = known.has(other) ? read(other) : undefined;
          let parsed: ParsedDocument | undefined;
          if (text !== undefined && Buffer.byteLength(text, 'utf8') <= this.config.maxFileBytes) {
            try {
              parsed = service.parse({ uri: other, text });
            } catch (error) {
              this.log(`${service.format} could not parse ${other} for ${method}: ${describe(error)}`);
            }
          }
          loaded.set(other, parsed);
        }
        return loaded.get(other);
      },
    };
    try {
      return this.call(uri, method, fallback, (s, p) => run(s, p, workspace));
    } finally {
      for (const parsed of loaded.values()) if (parsed) dispose(parsed);
    }
  }

  /** Formatting edits for the document (or the statements `range` touches); null when its format has no formatter. */
  formatEdits(uri: string, range?: Range): FormatResult | null {
    return this.call(uri, 'formatEdits', null, (s, p) => s.formatEdits?.(p, range) ?? null);
  }

  /**
   * "Fix all": every finding's preferred fix. Fixes whose edits overlap one already taken wait for the
   * next round, which runs on the fixed text, until nothing is left to fix (at most five rounds), so
   * applying the result and asking again yields nothing more. One round gives its edits as they are;
   * several are returned as one edit over the changed region.
   */
  fixAll(uri: string): TextEdit[] {
    const entry = this.documents.get(uri);
    if (!entry?.parsed) return [];
    const first = this.fixAllRound(uri);
    if (first.length === 0) return [];
    const original = entry.doc.text;
    let text = applyTextEdits(original, first);
    const scratch = `${uri}#headroom-fix-all`;
    let rounds = 1;
    this.replacedByScratch = uri;
    this.allFacts = undefined;
    try {
      for (; rounds < 5; rounds++) {
        // The scratch URI has no file extension to claim it by: it keeps the original's format.
        this.openWith({ uri: scratch, text, languageId: entry.doc.languageId }, entry.service);
        const edits = this.fixAllRound(scratch);
        if (edits.length === 0) break;
        text = applyTextEdits(text, edits);
      }
    } finally {
      this.close(scratch);
      this.replacedByScratch = undefined;
      this.allFacts = undefined;
    }
    if (rounds === 1) return first;
    return text === original ? [] : [minimalEdit(original, text)];
  }

  private fixAllRound(uri: string): TextEdit[] {
    const entry = this.documents.get(uri);
    if (!entry?.parsed) return [];
    const lines = entry.parsed.lines;
    const taken: { start: number; end: number }[] = [];
    const edits: TextEdit[] = [];
    for (const finding of this.lint(uri)) {
      const fix = finding.fixes?.find((f) => f.isPreferred);
      if (!fix) continue;
      const spans = fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }));
      const overlaps = spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end ||
        (s.start === s.end && t.start === t.end && s.start === t.start)));
      if (overlaps) continue;
      taken.push(...spans);
      edits.push(...fix.edits);
    }
    return edits;
  }

  private call<T>(uri: string, method: string, fallback: T, run: (service: FormatService, parsed: ParsedDocument) => T): T {
    const entry = this.documents.get(uri);
    if (!entry?.service || !entry.parsed) return fallback;
    try {
      return run(entry.service, entry.parsed);
    } catch (error) {
      this.log(`${entry.service.format}.${method} failed on ${uri}: ${describe(error)}`);
      return fallback;
    }
  }
}

/**
 * How many rounds of making dependent documents' facts again one change may take (see `refreshDependents`);
 * also the bound on the CLI threads' exchanges of facts (cli/parallel.ts).
 */
export const MAX_FACTS_ROUNDS = 16;

/** How many closed documents' facts are kept for the re-index of their file (see `closedFacts`). */
const CLOSED_FACTS_KEPT = 8;

function fingerprint(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function dispose(parsed: ParsedDocument): void {
  (parsed as { dispose?: () => void }).dispose?.();
}

/**
 * Rules write the new lines of a fix with `\n`; in a file whose lines end in `\r\n` (or `\r`) each of those
 * becomes the line break of the line the edit is on, so a fix never leaves a file with mixed line endings.
 * There, a span ending between `\r` and `\n` (an unterminated string token takes the `\r`) would give a
 * position past the line's end: the edit's range is clamped like a finding's, so every position is inside
 * the document (LSP clients clamp such a character; some reject it).
 */
function withDocumentLineBreaks(fixes: Fix[], lines: LineIndex): Fix[] {
  if (!/\r/.test(lines.text)) return fixes;
  return fixes.map((fix) => ({
    ...fix,
    edits: fix.edits.map((edit) => {
      const brk = lines.lineBreakAt(edit.range.start.line);
      return { range: clampRange(edit.range, lines), newText: brk === '\n' ? edit.newText : edit.newText.replace(/\r?\n/g, brk) };
    }),
  }));
}

function internalError(format: string, step: string): Finding {
  return {
    code: 'headroom/internal-error',
    severity: 'warning',
    message: `Headroom could not ${step} this ${format} file because of an internal error; the output channel has the details. Please report it.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

function clampRange(range: Range, lines: LineIndex): Range {
  const start = lines.positionAt(lines.offsetAt(range.start));
  const end = lines.positionAt(Math.max(lines.offsetAt(range.start), lines.offsetAt(range.end)));
  return { start, end };
}

/** Facts that publish nothing count as no facts, so opening an unrelated file re-lints nothing else. */
function sameFacts(a: DocumentFacts | undefined, b: DocumentFacts | undefined): boolean {
  // A service may hand back the very facts it gave before when nothing in them changed (Alloy does).
  if (a === b) return true;
  return JSON.stringify(publishes(a) ? a : null) === JSON.stringify(publishes(b) ? b : null);
}

function publishes(facts: DocumentFacts | undefined): boolean {
  return facts !== undefined && (facts.workloads.length > 0 || facts.hpas.length > 0 ||
    facts.memoryLimiters.length > 0 || facts.clickhouseMemory !== undefined ||
    // An Alloy pipeline or a ClickHouse server is a workload of its own (the capacity report lists it).
    facts.format === 'alloy' || facts.format === 'clickhouse');
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
}

