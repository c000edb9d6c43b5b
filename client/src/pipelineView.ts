import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PipelineGraph } from '../../server/src/core/alloy/pipeline-graph';
import { isRevealMessage, nonce, onRelevantChange, reveal, webviewOptions } from './webviewSupport';

// "Headroom: Show Alloy Pipeline": the active Alloy file's components as a graph (headroom/pipelineGraph),
// drawn by dist/webview/pipeline.js (dagre layout, SVG) beside the editor. It follows the file as it is
// edited and the active Alloy editor as it changes; a click on a node puts the cursor on its block.

const REQUEST = 'headroom/pipelineGraph';

export class PipelineView {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private column: vscode.ViewColumn | undefined;
  private ready = false;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined, private readonly extensionUri: vscode.Uri) {}

  async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor && isAlloy(editor.document)) {
      this.uri = editor.document.uri.toString();
      this.column = editor.viewColumn;
    }
    if (!this.uri) {
      void vscode.window.showInformationMessage('Headroom: open an Alloy file to see its pipeline.');
      return;
    }
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel('headroom.alloyPipeline', 'Alloy Pipeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
      this.ready = false;
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.webview.onDidReceiveMessage((message) => {
        if ((message as { type?: string })?.type === 'ready') {
          this.ready = true;
          void this.refresh();
        } else if (isRevealMessage(message)) {
          void reveal(message, this.column);
        }
      });
      this.subscriptions.push(
        onRelevantChange(() => void this.refresh()),
        vscode.window.onDidChangeActiveTextEditor((e) => {
          if (!e || !isAlloy(e.document) || e.document.uri.toString() === this.uri) return;
          this.uri = e.document.uri.toString();
          this.column = e.viewColumn;
          void this.refresh();
        }),
      );
      this.panel.onDidDispose(() => {
        this.subscriptions.splice(0).forEach((s) => s.dispose());
        this.panel = undefined;
      });
    }
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    const client = this.client();
    if (!panel || !this.ready || !this.uri) return;
    panel.title = `Alloy Pipeline: ${decodeURIComponent(this.uri.slice(this.uri.lastIndexOf('/') + 1))}`;
    if (!client?.isRunning()) {
      void panel.webview.postMessage({ type: 'graph', graph: null, error: 'The Headroom language server is not running: see "Headroom: Show Output".' });
      return;
    }
    const generation = ++this.generation;
    try {
      const graph = await client.sendRequest<PipelineGraph | null>(REQUEST, { uri: this.uri });
      if (generation === this.generation && this.panel === panel) void panel.webview.postMessage({ type: 'graph', graph });
    } catch (error) {
      if (this.panel === panel) void panel.webview.postMessage({ type: 'graph', graph: null, error: `The pipeline could not be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private html(webview: vscode.Webview): string {
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'pipeline.js'));
    const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${n}'; script-src 'nonce-${n}'`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Alloy Pipeline</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<div id="header"><p class="muted">Reading the pipeline…</p></div>
<div id="legend">
  <span class="key"><span class="swatch worst-error"></span>error</span>
  <span class="key"><span class="swatch worst-warning"></span>warning</span>
  <span class="key"><span class="swatch worst-info"></span>info</span>
  <span class="key"><span class="swatch clean"></span>no finding</span>
  <span class="key"><span class="swatch unwired"></span>unwired</span>
  <span class="key"><span class="line data"></span>data</span>
  <span class="key"><span class="line config"></span>configures</span>
  <button id="fit" type="button">Actual size</button>
</div>
<div id="canvas"></div>
<script nonce="${n}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function isAlloy(document: vscode.TextDocument): boolean {
  return document.languageId === 'grafana-alloy';
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 12px 16px; }
h1 { font-size: 1.3em; margin: 0 0 4px; }
p { margin: 2px 0; }
.muted { color: var(--vscode-descriptionForeground); }
.note { color: var(--vscode-editorWarning-foreground); }
.summary { font-weight: 600; }
#legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 10px 0; color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.key { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 10px; border: 2px solid var(--vscode-panel-border); border-radius: 3px; background: var(--vscode-editorWidget-background); }
.swatch.worst-error { border-color: var(--vscode-editorError-foreground); }
.swatch.worst-warning { border-color: var(--vscode-editorWarning-foreground); }
.swatch.worst-info { border-color: var(--vscode-editorInfo-foreground); }
.swatch.unwired { border-style: dashed; opacity: 0.75; }
.line { display: inline-block; width: 22px; border-top: 2px solid var(--vscode-foreground); }
.line.config { border-top-style: dashed; opacity: 0.7; }
#canvas { overflow: auto; }
#fit { margin-left: auto; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 2px 10px; cursor: pointer; font: inherit; }
#fit:hover { background: var(--vscode-button-secondaryHoverBackground); }
svg text { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; fill: var(--vscode-foreground); }
.node { cursor: pointer; }
.node .box { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-panel-border); stroke-width: 1.5; }
.node:hover .box, .node:focus .box { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
.node:focus { outline: none; }
.node.worst-error .box { stroke: var(--vscode-editorError-foreground); stroke-width: 2.5; }
.node.worst-warning .box { stroke: var(--vscode-editorWarning-foreground); stroke-width: 2.5; }
.node.worst-info .box, .node.worst-hint .box { stroke: var(--vscode-editorInfo-foreground); stroke-width: 2; }
.node.unwired .box { stroke-dasharray: 6 4; }
.node.unwired { opacity: 0.8; }
.node .name { font-weight: 700; }
.node .label { fill: var(--vscode-descriptionForeground); }
.node .figure.differs { fill: var(--vscode-editorWarning-foreground); }
.node .figure.note { fill: var(--vscode-descriptionForeground); }
.node .findings.error { fill: var(--vscode-editorError-foreground); }
.node .findings.warning { fill: var(--vscode-editorWarning-foreground); }
.node .findings.info, .node .findings.hint { fill: var(--vscode-editorInfo-foreground); }
.node .unwired-reason { fill: var(--vscode-editorWarning-foreground); font-style: italic; }
.node .stripe { fill: var(--vscode-charts-foreground, var(--vscode-foreground)); }
.role-receiver .stripe, .role-source .stripe { fill: var(--vscode-charts-blue); }
.role-processor .stripe, .role-relabel .stripe { fill: var(--vscode-charts-purple); }
.role-connector .stripe, .role-module .stripe { fill: var(--vscode-charts-orange); }
.role-exporter .stripe, .role-write .stripe { fill: var(--vscode-charts-green); }
.role-discovery .stripe, .role-scrape .stripe { fill: var(--vscode-charts-yellow); }
.role-config .stripe, .role-other .stripe { fill: var(--vscode-descriptionForeground); }
.edge { fill: none; stroke: var(--vscode-foreground); stroke-opacity: 0.65; stroke-width: 1.5; }
.edge.config { stroke-dasharray: 5 4; stroke-opacity: 0.45; }
.arrow { fill: var(--vscode-foreground); fill-opacity: 0.65; }
.cluster rect { fill: none; stroke: var(--vscode-panel-border); stroke-dasharray: 3 3; }
.cluster text { fill: var(--vscode-descriptionForeground); }
`;
