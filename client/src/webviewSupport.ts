import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

// What both Headroom webviews share: a fresh nonce per page (the only scripts and styles allowed run
// with it), scripts enabled but nothing loaded from outside the extension, and opening a location
// the page asks for in the editor column it came from.

export function nonce(): string {
  return randomBytes(18).toString('base64');
}

/** Webview options: scripts on, local resources only from the extension's dist/webview folder. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

export interface RevealMessage {
  type: 'reveal';
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export function isRevealMessage(message: unknown): message is RevealMessage {
  const m = message as RevealMessage | undefined;
  return m?.type === 'reveal' && typeof m.uri === 'string' && typeof m.range?.start?.line === 'number';
}

/** Shows the location in a text editor beside the webview (or where the file is already open) with the cursor on it. */
export async function reveal(message: RevealMessage, column?: vscode.ViewColumn): Promise<void> {
  const { start, end } = message.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: column ?? vscode.ViewColumn.One, selection: new vscode.Selection(selection.start, selection.start), preserveFocus: false });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Calls `refresh` a moment after the last change to a document Headroom reads (typing, saving, files on disk). */
export function onRelevantChange(refresh: () => void, delayMs = 400): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, delayMs);
  };
  const relevant = (document: vscode.TextDocument) => ['grafana-alloy', 'yaml', 'helm', 'xml'].includes(document.languageId);
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{alloy,river,yaml,yml,xml}');
  const subscriptions = [
    vscode.workspace.onDidChangeTextDocument((e) => { if (relevant(e.document) && e.contentChanges.length > 0) schedule(); }),
    vscode.workspace.onDidOpenTextDocument((d) => { if (relevant(d)) schedule(); }),
    watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule),
  ];
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    subscriptions.forEach((s) => s.dispose());
  });
}
