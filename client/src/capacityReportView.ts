import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CapacityReport } from '../../server/src/core/report/model';
import { renderHtml } from '../../server/src/core/report/render';
import { isRevealMessage, nonce, onRelevantChange, reveal, webviewOptions } from './webviewSupport';

// "Headroom: Show Capacity Report": the report of the whole workspace (headroom/capacityReport) in a
// webview, rendered by the same HTML renderer as `headroom report --format html`, in the editor's
// theme, updated as the configuration changes. A workload's title opens its file at its line.

const REQUEST = 'headroom/capacityReport';

/** Clicks on a workload title ask the extension to open it; nothing else runs in the page. */
const SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.open[data-uri]');
    if (!link) return;
    event.preventDefault();
    const line = Number(link.dataset.line), character = Number(link.dataset.character);
    vscode.postMessage({ type: 'reveal', uri: link.dataset.uri, range: { start: { line, character }, end: { line, character } } });
  });
})();`;

export class CapacityReportView {
  private panel: vscode.WebviewPanel | undefined;
  private watcher: vscode.Disposable | undefined;
  private generation = 0;

  constructor(private readonly client: () => LanguageClient | undefined, private readonly extensionUri: vscode.Uri) {}

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      this.panel = vscode.window.createWebviewPanel('headroom.capacityReport', 'Headroom: Capacity Report', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
      this.panel.webview.onDidReceiveMessage((message) => { if (isRevealMessage(message)) void reveal(message); });
      this.watcher = onRelevantChange(() => void this.refresh());
      this.panel.onDidDispose(() => {
        this.watcher?.dispose();
        this.panel = undefined;
      });
      this.panel.webview.html = page('Reading the workspace…');
    }
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    const client = this.client();
    if (!panel) return;
    if (!client?.isRunning()) {
      panel.webview.html = page('The Headroom language server is not running: see "Headroom: Show Output".');
      return;
    }
    const generation = ++this.generation;
    try {
      const report = await client.sendRequest<CapacityReport>(REQUEST, {});
      if (generation !== this.generation || this.panel !== panel) return;
      panel.webview.html = renderHtml(report, { nonce: nonce(), cspSource: panel.webview.cspSource, script: SCRIPT, fileLabel: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)) });
    } catch (error) {
      if (this.panel === panel) panel.webview.html = page(`The report could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function page(message: string): string {
  const n = nonce();
  const text = message.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'"><style nonce="${n}">body{color:var(--vscode-foreground);font-family:var(--vscode-font-family);padding:16px}</style></head><body><p>${text}</p></body></html>`;
}
