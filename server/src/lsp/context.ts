import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HeadroomEngine } from '../core/engine';
import type { Finding } from '../core/types';

/** What every handler gets: the connection, the engine, the open documents and a lint cache. */
export interface ServerContext {
  connection: Connection;
  engine: HeadroomEngine;
  documents: Map<string, TextDocument>;
  /**
   * Brings the engine up to date with the editor's text of every open document: edits are queued as
   * they arrive and parsed in one go here (before a request, or when the queued messages are all
   * handled), so a burst of keystrokes costs one incremental parse, not one per keystroke. Every
   * document, not only the one a request is about: its answer may read other files' facts (a declare's
   * export types, cross-file rules), which must include the edits that arrived before the request.
   */
  sync(): void;
  /** Findings per document version, so code actions reuse the published lint. */
  findings(uri: string): Finding[];
  /**
   * The findings of `uri` with an id that changes whenever they may have (a new version, or other
   * files' facts changed): what pull diagnostics answer with.
   */
  report(uri: string): { resultId: string; findings: Finding[] };
  /**
   * Diagnostics are due for `uri` (`all`: every open document, when cross-file facts changed): they
   * are published as soon as every message already received is handled (push clients), or the client
   * is asked to pull again (pull clients).
   */
  scheduleDiagnostics(uri: string | 'all'): void;
  /** Resolves once every message received so far has been handled, so an answer reflects the newest edits. */
  quiet(): Promise<void>;
  /** Forgets what the server kept for a closed document (pending analysis, cached lint) and clears its diagnostics. */
  closed(uri: string): void;
  log(message: string): void;
}
