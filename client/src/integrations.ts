/**
 * The "Integrations" view and the "Export Integration Inventory" command:
 * the server's inventory as a tree (integrations-tree.ts) whose items open
 * their site, refreshed when Apex files change, and written as Markdown or
 * CSV where the user chooses (VS Code's save dialog asks before replacing a file).
 */
import * as vscode from 'vscode';
// Types only: at run time this file needs nothing but `vscode`.
import type { LanguageClient } from 'vscode-languageclient/node';
import { INVENTORY_REQUEST, type InventoryResult } from '../../shared/out/protocol';
import { integrationTree, type IntegrationNode } from './integrations-tree';
export const INTEGRATIONS_VIEW = 'apexPatternLint.integrations';
export const EXPORT_INVENTORY_COMMAND = 'apexPatternLint.exportInventory';
export const REFRESH_INTEGRATIONS_COMMAND = 'apexPatternLint.refreshIntegrations';
const REFRESH_DELAY_MS = 1500;

class IntegrationsProvider implements vscode.TreeDataProvider<IntegrationNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<IntegrationNode[]> | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.roots = undefined;
    this.changed.fire();
  }

  getTreeItem(node: IntegrationNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.location) {
      const at = new vscode.Position(node.location.line - 1, node.location.column - 1);
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.location.file), { selection: new vscode.Range(at, at) }] };
    }
    return item;
  }

  async getChildren(node?: IntegrationNode): Promise<IntegrationNode[]> {
    if (node) return node.children;
    this.roots ??= this.load();
    return this.roots;
  }

  private async load(): Promise<IntegrationNode[]> {
    const c = this.client();
    if (!c) return [];
    try {
      const { inventory } = await c.sendRequest<InventoryResult>(INVENTORY_REQUEST, {});
      if (!inventory) return [{ label: 'Could not build the inventory', description: 'see the Apex Pattern Lint output', icon: 'error', children: [] }];
      return integrationTree(inventory);
    } catch (e) {
      return [{ label: 'Could not build the inventory', description: (e as Error).message, icon: 'error', children: [] }];
    }
  }
}

async function exportInventory(client: LanguageClient | undefined): Promise<void> {
  if (!client) return;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Markdown', format: 'md' as const, ext: 'md' },
      { label: 'CSV', description: 'callout sites only', format: 'csv' as const, ext: 'csv' },
    ],
    { title: 'Export integration inventory', placeHolder: 'Format' },
  );
  if (!picked) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export integration inventory',
    filters: { [picked.label]: [picked.ext] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `integration-inventory.${picked.ext}`) } : {}),
  });
  if (!target) return;
  const { text } = await client.sendRequest<InventoryResult>(INVENTORY_REQUEST, { format: picked.format });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text ?? ''));
  void vscode.window.showInformationMessage(`Apex Pattern Lint: integration inventory written to ${vscode.workspace.asRelativePath(target)}.`);
}

/** The view, its refresh and export commands, and a refresh shortly after Apex files change. */
export function registerIntegrations(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const provider = new IntegrationsProvider(client);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), REFRESH_DELAY_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{cls,trigger,js,object-meta.xml}');
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider(INTEGRATIONS_VIEW, provider),
    vscode.commands.registerCommand(REFRESH_INTEGRATIONS_COMMAND, () => provider.refresh()),
    vscode.commands.registerCommand(EXPORT_INVENTORY_COMMAND, () => exportInventory(client())),
    watcher,
    watcher.onDidChange(later),
    watcher.onDidCreate(later),
    watcher.onDidDelete(later),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
