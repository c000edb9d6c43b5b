import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CapacityReportView } from './capacityReportView';
import { PipelineView } from './pipelineView';

// Starts the Headroom language server over node-ipc and shows its state in the status bar. The server
// decides per YAML/XML document whether it is a Kubernetes manifest, Helm values or ClickHouse config;
// every other YAML or XML file gets nothing from it.

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Headroom');
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'Headroom';
  status.text = '$(loading~spin) Headroom';
  status.tooltip = 'Headroom language server is starting';
  status.command = 'headroom.showOutput';
  status.show();
  context.subscriptions.push(output, status, vscode.commands.registerCommand('headroom.showOutput', () => output.show()));

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Files and unsaved buffers only: diff views and other virtual documents (git:, output:) get nothing.
    documentSelector: ['file', 'untitled'].flatMap((scheme) => [
      { scheme, language: 'grafana-alloy' },
      { scheme, language: 'yaml' },
      { scheme, language: 'helm' },
      { scheme, language: 'xml' },
    ]), // .river files are grafana-alloy through contributes.languages
    outputChannel: output,
    synchronize: {
      configurationSection: 'headroom',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.headroom.yaml'),
    },
  };

  client = new LanguageClient('headroom', 'Headroom', serverOptions, clientOptions);
  client.onDidChangeState(({ newState }) => {
    if (newState === State.Running) {
      status.text = '$(pulse) Headroom';
      status.tooltip = 'Headroom: capacity-aware linting is running. Click for the log.';
    } else if (newState === State.Stopped) {
      status.text = '$(error) Headroom';
      status.tooltip = 'Headroom language server stopped. Click for the log.';
    }
  });
  context.subscriptions.push(vscode.commands.registerCommand('headroom.restartServer', async () => {
    await client?.restart();
  }));
  const report = new CapacityReportView(() => client, context.extensionUri);
  const pipeline = new PipelineView(() => client, context.extensionUri);
  context.subscriptions.push(report, pipeline,
    vscode.commands.registerCommand('headroom.showCapacityReport', () => report.show()),
    vscode.commands.registerCommand('headroom.showAlloyPipeline', () => pipeline.show()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
