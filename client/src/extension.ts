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
const REQUEST_CANCELLED = -32800;

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

  // Registered before start: the client keeps the handler across restarts.
  context.subscriptions.push(
    client.onNotification(STATUS_NOTIFICATION, (s: { indexing: boolean; indexed: number; total: number }) => statusBar.setIndexing(s)),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('apexPatternLint.lintWorkspace', async () => {
      if (!client) return;
      const c = client;
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Apex Pattern Lint: linting the workspace', cancellable: true },
          (_progress, token) => c.sendRequest<{ files: number; findings: number }>(LINT_WORKSPACE_REQUEST, {}, token),
        );
        void vscode.window.showInformationMessage(`Apex Pattern Lint: ${result.findings} finding(s) in ${result.files} file(s).`);
      } catch (e) {
        // Cancelling from the notification is not an error.
        if ((e as { code?: number }).code === REQUEST_CANCELLED) return;
        output.appendLine(`Lint Workspace failed: ${(e as Error).message}`);
        void vscode.window.showErrorMessage('Apex Pattern Lint: Lint Workspace failed (see Show Output).');
      }
    }),
    vscode.commands.registerCommand('apexPatternLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('apexPatternLint.restartServer', async () => {
      await client?.restart();
    }),
  );

  registerScaffoldCommands(context, () => client);

  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
