/**
 * The VS Code client: starts the bundled server over IPC for Apex documents
 * and adds the UI around it (commands, status bar, output, the rule pages
 * shipped in the .vsix). All analysis happens in the server; this file only
 * talks to VS Code.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, LSPErrorCodes, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  LINT_WORKSPACE_REQUEST,
  SETTINGS_SECTION,
  SHOW_DOCUMENTATION_COMMAND,
  STATUS_NOTIFICATION,
  type LintWorkspaceResult,
  type ServerStatus,
} from '../../shared/out/protocol';
import { registerScaffoldCommands } from './scaffold';
import { registerIntegrations } from './integrations';
import { ApexStatusBar } from './status-bar';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** Set when VS Code deactivates the extension (reload, exit): requests still in flight then answer nothing. */
let stopping = false;

/** A provider call that a closing connection turns into "no result" instead of an error in the log. */
async function quietWhileStopping<T>(call: () => Promise<T>): Promise<T | undefined> {
  if (stopping) return undefined;
  try {
    return await call();
  } catch (e) {
    if (stopping) return undefined;
    throw e;
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  stopping = false;
  // Not in context.subscriptions: the client writes to it until it has stopped (see deactivate).
  const channel = (output = vscode.window.createOutputChannel('Apex Pattern Lint'));
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  /** The rule's page shipped in the .vsix, when it is there. */
  const rulePage = (id: string): vscode.Uri | undefined => {
    const file = context.asAbsolutePath(`docs/rules/${id}.md`);
    return /^[a-z-]+$/.test(id) && fs.existsSync(file) ? vscode.Uri.file(file) : undefined;
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'apex' },
      { scheme: 'untitled', language: 'apex' },
      { scheme: 'file', language: 'javascript', pattern: '**/lwc/*/*.js' },
    ],
    outputChannel: channel,
    middleware: {
      // The rule id links to the page inside the extension: it opens offline and before anything is published.
      handleDiagnostics: (uri, diagnostics, next) => {
        for (const d of diagnostics) {
          const id = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
          const page = rulePage(id);
          if (page) d.code = { value: id, target: page };
        }
        next(uri, diagnostics);
      },
      executeCommand: async (command, args, next) => {
        const page = command === SHOW_DOCUMENTATION_COMMAND ? rulePage(String(args[1] ?? '')) : undefined;
        if (page) return vscode.commands.executeCommand('markdown.showPreview', page);
        return next(command, args);
      },
      provideCodeActions: (document, range, ctx, token, next) => quietWhileStopping(async () => next(document, range, ctx, token)),
      provideHover: (document, position, token, next) => quietWhileStopping(async () => next(document, position, token)),
    },
  };
  client = new LanguageClient('apexPatternLint', 'Apex Pattern Lint', serverOptions, clientOptions);
  const statusBar = new ApexStatusBar();
  context.subscriptions.push(statusBar);

  // Registered before start: the client keeps the handler across restarts.
  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (s: ServerStatus) => statusBar.setIndexing(s)));

  context.subscriptions.push(
    vscode.commands.registerCommand('apexPatternLint.lintWorkspace', async () => {
      if (!client) return;
      const c = client;
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Apex Pattern Lint: linting the workspace', cancellable: true },
          (_progress, token) => c.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, {}, token),
        );
        void vscode.window.showInformationMessage(`Apex Pattern Lint: ${result.findings} finding(s) in ${result.files} file(s).`);
      } catch (e) {
        // Cancelling from the notification is not an error.
        if ((e as { code?: number }).code === LSPErrorCodes.RequestCancelled) return;
        channel.appendLine(`Lint Workspace failed: ${(e as Error).message}`);
        void vscode.window.showErrorMessage('Apex Pattern Lint: Lint Workspace failed (see Show Output).');
      }
    }),
    vscode.commands.registerCommand('apexPatternLint.showOutput', () => channel.show(true)),
    vscode.commands.registerCommand('apexPatternLint.restartServer', async () => {
      await client?.restart();
    }),
  );

  registerScaffoldCommands(context, () => client);
  registerIntegrations(context, () => client);

  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  channel.appendLine(`Apex Pattern Lint ${version} in VS Code ${vscode.version}; settings section "${SETTINGS_SECTION}"`);
  await client.start();
}

/** Stops the server first, then closes the output it logs to: nothing writes to a closed channel on reload. */
export async function deactivate(): Promise<void> {
  stopping = true;
  try {
    await client?.stop(3000);
  } catch {
    // A server that is already gone is what we wanted.
  } finally {
    client = undefined;
    output?.dispose();
    output = undefined;
  }
}
