import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CapacityReportView } from './capacityReportView';
import { PipelineView } from './pipelineView';
import { countFindings, statusPresentation, type ServerState } from './status';
import { serverEnvironment } from './serverEnvironment';
import { CONFIG_TEMPLATE } from './walkthrough';

// Starts the Headroom language server over node-ipc and shows its state in the status bar. The server
// decides per YAML/XML document whether it is a Kubernetes manifest, Helm values or ClickHouse config;
// every other YAML or XML file gets nothing from it.

let client: LanguageClient | undefined;

/** Added by the capacity report; until it is registered, the status item opens the Problems view. */
const REPORT_COMMAND = 'headroom.showCapacityReport';

/** The server's environment: see serverEnvironment.ts. */
const SERVER_ENV = serverEnvironment();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Headroom');
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'Headroom';
  status.command = 'headroom.showReportOrProblems';
  let state: ServerState = 'starting';
  let reportAvailable = false;
  const refresh = () => {
    const { text, tooltip } = statusPresentation(state, countFindings(vscode.languages.getDiagnostics()), reportAvailable);
    status.text = text;
    status.tooltip = tooltip;
  };
  // Diagnostics change in bursts (one per document per lint): count once per burst.
  let pending: NodeJS.Timeout | undefined;
  const scheduleRefresh = () => {
    if (pending) return;
    pending = setTimeout(() => { pending = undefined; refresh(); }, 150);
  };
  refresh();
  status.show();
  context.subscriptions.push(
    output, status,
    vscode.languages.onDidChangeDiagnostics(scheduleRefresh),
    { dispose: () => clearTimeout(pending) },
    vscode.commands.registerCommand('headroom.showOutput', () => output.show()),
    vscode.commands.registerCommand('headroom.showReportOrProblems', async () => {
      reportAvailable = (await vscode.commands.getCommands(true)).includes(REPORT_COMMAND);
      refresh();
      await vscode.commands.executeCommand(reportAvailable ? REPORT_COMMAND : 'workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand('headroom.openExample', async () => {
      const content = fs.readFileSync(context.asAbsolutePath(path.join('walkthrough', 'example.alloy')), 'utf8');
      const document = await vscode.workspace.openTextDocument({ language: 'grafana-alloy', content });
      await vscode.window.showTextDocument(document);
    }),
    vscode.commands.registerCommand('headroom.openConfig', openConfig),
  );
  void vscode.commands.getCommands(true).then((commands) => {
    reportAvailable = commands.includes(REPORT_COMMAND);
    refresh();
  });

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: SERVER_ENV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'], env: SERVER_ENV } },
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
    state = newState === State.Running ? 'running' : newState === State.Stopped ? 'stopped' : 'starting';
    refresh();
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

/** Opens the first workspace folder's .headroom.yaml, creating it from the template when it is missing. */
async function openConfig(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: CONFIG_TEMPLATE });
    await vscode.window.showTextDocument(document);
    void vscode.window.showInformationMessage('Headroom reads .headroom.yaml from the root of a workspace folder: open a folder and save this there.');
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.headroom.yaml');
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(CONFIG_TEMPLATE, 'utf8'));
  }
  await vscode.window.showTextDocument(uri);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
