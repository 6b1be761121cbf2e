/**
 * The VS Code client: starts the bundled server over IPC for Apex documents
 * and adds the UI around it (commands, status bar, output). All analysis
 * happens in the server; this file only talks to VS Code.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerScaffoldCommands } from './scaffold';
import { ApexStatusBar } from './status-bar';

/** Method names of the server's own protocol (server/src/lsp/protocol.ts). */
const LINT_WORKSPACE_REQUEST = 'apexPatternLint/lintWorkspace';
const STATUS_NOTIFICATION = 'apexPatternLint/status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Apex Pattern Lint');
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'apex' },
      { scheme: 'untitled', language: 'apex' },
    ],
    outputChannel: output,
  };
  client = new LanguageClient('apexPatternLint', 'Apex Pattern Lint', serverOptions, clientOptions);
  const statusBar = new ApexStatusBar();
  context.subscriptions.push(output, statusBar);

  const listenForStatus = (c: LanguageClient) =>
    context.subscriptions.push(c.onNotification(STATUS_NOTIFICATION, (s: { indexing: boolean; indexed: number; total: number }) => statusBar.setIndexing(s)));

  context.subscriptions.push(
    vscode.commands.registerCommand('apexPatternLint.lintWorkspace', async () => {
      if (!client) return;
      const c = client;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Apex Pattern Lint: linting the workspace', cancellable: true },
        (_progress, token) => c.sendRequest<{ files: number; findings: number }>(LINT_WORKSPACE_REQUEST, {}, token),
      );
      if (result) void vscode.window.showInformationMessage(`Apex Pattern Lint: ${result.findings} finding(s) in ${result.files} file(s).`);
    }),
    vscode.commands.registerCommand('apexPatternLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('apexPatternLint.restartServer', async () => {
      if (!client) return;
      await client.restart();
      listenForStatus(client);
    }),
  );

  registerScaffoldCommands(context, () => client);

  await client.start();
  listenForStatus(client);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
