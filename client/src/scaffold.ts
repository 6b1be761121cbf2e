/**
 * The scaffolding commands in VS Code: the conversation of scaffold-flow.ts
 * with input boxes, quick picks and modal questions, then the server's edit
 * applied, the new files saved and the Apex among them opened.
 */
import * as vscode from 'vscode';
// Types only: at run time this file needs nothing but `vscode`, so that a test can load it with a stand-in.
import type { LanguageClient, WorkspaceEdit } from 'vscode-languageclient/node';
import {
  askAndScaffold,
  choosePattern,
  CHOOSE_PATTERN_COMMAND,
  NEW_PATTERN_COMMANDS,
  type ExecuteCommand,
  type Scaffolded,
  type ScaffoldUi,
} from './scaffold-flow';

export const KEEP_FILES = 'Keep Existing Files';

const ui: ScaffoldUi = {
  input: (o) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: o.title,
        prompt: o.prompt,
        value: o.value,
        placeHolder: o.placeholder,
        ignoreFocusOut: true,
        validateInput: (v) => o.validate(v).then((m) => m ?? null),
      }),
    ),
  pick: async <T>(o: { title: string; placeholder: string; items: { label: string; description?: string; detail?: string; value: T }[] }) => {
    const picked = await vscode.window.showQuickPick(o.items, { title: o.title, placeHolder: o.placeholder, ignoreFocusOut: true });
    return picked?.value;
  },
  // The safe choice is the default: VS Code makes the first item that is not the close affordance the primary button,
  // the one Enter presses, so "keep" comes first and is not marked as closing (VS Code adds its own Cancel).
  confirm: async (message, detail, button) => {
    const keep: vscode.MessageItem = { title: KEEP_FILES };
    const proceed: vscode.MessageItem = { title: button };
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, keep, proceed)) === proceed;
  },
  offer: async (message, detail, button) => (await vscode.window.showInformationMessage(message, { modal: true, detail }, button)) === button,
  error: (message) => void vscode.window.showErrorMessage(message),
};

/**
 * Where to generate, as a folder URI the server resolves upward to the
 * nearest sfdx-project.json: the active file's folder when it is in the
 * workspace, else the only workspace folder, else one the user picks.
 */
async function targetFolder(): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) return vscode.Uri.joinPath(active, '..').toString();
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Apex Pattern Lint: open an SFDX project folder first (one with sfdx-project.json).');
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri.toString();
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'SFDX project to generate into' }))?.uri.toString();
}

/** Applies the edit, saves what it created and opens the Apex files (or everything when there is no Apex). */
async function createFiles(client: LanguageClient, done: Scaffolded): Promise<void> {
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(done.edit as WorkspaceEdit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Apex Pattern Lint: VS Code did not apply the edit for ${done.title} "${done.name}"; nothing was created.`);
    return;
  }
  const uris = done.files.map((u) => vscode.Uri.parse(u));
  for (const uri of uris) await (await vscode.workspace.openTextDocument(uri)).save();
  const apex = uris.filter((u) => /\.(cls|trigger)$/.test(u.path));
  for (const [i, uri] of (apex.length ? apex : uris).entries()) {
    await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: i > 0 });
  }
  const overwritten = done.overwritten.length ? ` (${done.overwritten.length} overwritten)` : '';
  const message = `Apex Pattern Lint: created ${done.title} "${done.name}": ${done.files.length} files${overwritten}.`;
  if (done.note) void vscode.window.showWarningMessage(`${message} Still to do: ${done.note}.`);
  else void vscode.window.showInformationMessage(message);
}

export function registerScaffoldCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const run = (conversation: (execute: ExecuteCommand, folder: string) => Promise<Scaffolded | undefined>) => async () => {
    const client = getClient();
    if (!client) {
      void vscode.window.showErrorMessage('Apex Pattern Lint: the language server is not running.');
      return;
    }
    const folder = await targetFolder();
    if (!folder) return;
    const execute: ExecuteCommand = <R>(command: string, argument?: unknown) =>
      client.sendRequest<R>('workspace/executeCommand', { command, arguments: argument === undefined ? [] : [argument] });
    try {
      const done = await conversation(execute, folder);
      if (done) await createFiles(client, done);
    } catch (e) {
      void vscode.window.showErrorMessage(`Apex Pattern Lint: scaffolding failed: ${(e as Error).message}`);
    }
  };
  for (const [command, pattern] of Object.entries(NEW_PATTERN_COMMANDS)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(
        command,
        run((execute, folder) => askAndScaffold(pattern, ui, execute, folder)),
      ),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(
      CHOOSE_PATTERN_COMMAND,
      run((execute, folder) => choosePattern(ui, execute, folder)),
    ),
  );
}
