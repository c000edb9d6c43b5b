import {
  DocumentHighlightRequest, RenameRequest, SemanticTokensRegistrationType, SignatureHelpRequest,
  type ClientCapabilities, type Connection, type DocumentSelector, type ServerCapabilities,
} from 'vscode-languageserver/node';
import * as semanticTokens from './handlers/semanticTokens';
import * as signatureHelp from './handlers/signatureHelp';

// Semantic tokens, rename, document highlights and signature help exist for Alloy only. The client
// offers YAML and XML documents to the server too, and a provider registered for them would shadow
// the editor's own behaviour there: VS Code highlights the word under the cursor by itself only when
// no highlight provider is registered for the language, and uses one semantic-tokens provider per
// document. So a client that supports dynamic registration gets these providers for Alloy documents
// only, once initialized; any other client (Neovim attaches the server to chosen buffers) gets them
// statically.

export const ALLOY_DOCUMENTS: DocumentSelector = [
  { language: 'grafana-alloy' }, { language: 'alloy' }, { language: 'river' }, { pattern: '**/*.{alloy,river}' },
];

export function registersDynamically(client: ClientCapabilities): boolean {
  const text = client.textDocument;
  return text?.semanticTokens?.dynamicRegistration === true && text.rename?.dynamicRegistration === true &&
    text.documentHighlight?.dynamicRegistration === true && text.signatureHelp?.dynamicRegistration === true;
}

const SEMANTIC_TOKENS = { legend: semanticTokens.LEGEND, full: { delta: true } };
const SIGNATURE_HELP = { triggerCharacters: signatureHelp.TRIGGER_CHARACTERS, retriggerCharacters: signatureHelp.RETRIGGER_CHARACTERS };

/** The capabilities to announce in the initialize result: none when they will be registered for Alloy later. */
export function staticCapabilities(dynamic: boolean): ServerCapabilities {
  if (dynamic) return {};
  return {
    semanticTokensProvider: SEMANTIC_TOKENS,
    renameProvider: { prepareProvider: true },
    documentHighlightProvider: true,
    signatureHelpProvider: SIGNATURE_HELP,
  };
}

/** After `initialized`: the providers, for Alloy documents only. */
export function registerForAlloy(connection: Connection): void {
  const selector = { documentSelector: ALLOY_DOCUMENTS };
  void connection.client.register(SemanticTokensRegistrationType.type, { ...selector, ...SEMANTIC_TOKENS });
  void connection.client.register(RenameRequest.type, { ...selector, prepareProvider: true });
  void connection.client.register(DocumentHighlightRequest.type, selector);
  void connection.client.register(SignatureHelpRequest.type, { ...selector, ...SIGNATURE_HELP });
}
