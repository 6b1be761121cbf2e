/**
 * The language server: an adapter from LSP to the lint project. The state
 * the handlers share is a ServerContext; each group of handlers registers
 * itself from handlers/, every one inside the same guard (runner.ts).
 */
import type { Connection } from 'vscode-languageserver';
import { ServerContext } from './context';
import { registerCommands } from './handlers/commands';
import { registerDocuments } from './handlers/documents';
import { registerFeatures } from './handlers/features';
import { registerLifecycle } from './handlers/lifecycle';
import { registerWorkspaceChanges } from './handlers/workspace-changes';
import { registerInventory } from './handlers/inventory';

export { DEFAULT_DEBOUNCE_MS } from './diagnostics';
export type { InitializationOptions } from './handlers/lifecycle';

export function startServer(connection: Connection): ServerContext {
  const ctx = new ServerContext(connection);
  registerLifecycle(ctx);
  registerDocuments(ctx);
  registerWorkspaceChanges(ctx);
  registerFeatures(ctx);
  registerCommands(ctx);
  registerInventory(ctx);
  ctx.documents.listen(connection);
  connection.listen();
  return ctx;
}
