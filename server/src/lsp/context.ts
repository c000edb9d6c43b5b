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
   * Brings the engine up to date with the editor's text of `uri`: edits are queued as they arrive and
   * parsed in one go here (before a request, or when the diagnostics timer fires), so a burst of
   * keystrokes costs one incremental parse, not one per keystroke.
   */
  sync(uri: string): void;
  /** Findings per document version, so code actions reuse the published lint. */
  findings(uri: string): Finding[];
  /** Lints again after the debounce and publishes diagnostics; `all` re-lints every open document. */
  scheduleDiagnostics(uri: string | 'all'): void;
  log(message: string): void;
}
