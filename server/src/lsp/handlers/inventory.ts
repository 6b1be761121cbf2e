/**
 * The `apexPatternLint/inventory` request: the integration map of the indexed
 * workspace (core/inventory.ts), optionally rendered as Markdown or CSV for
 * "Export integration inventory". The Lightning components' scripts are read
 * from disk on each request.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { Cancelled } from '../../core/project';
import { buildInventory } from '../../core/inventory';
import { formatInventory } from '../../core/inventory-format';
import { packageDirectoriesOf } from '../../node/files';
import { readLwcScripts } from '../../node/lwc-files';
import { INVENTORY_REQUEST, type InventoryParams, type InventoryResult } from '../../../../shared/out/protocol';
import type { ServerContext } from '../context';
import { runSafe } from '../runner';

export function registerInventory(ctx: ServerContext): void {
  ctx.connection.onRequest(
    INVENTORY_REQUEST,
    runSafe(ctx.log, 'Inventory', { inventory: null }, async (params: InventoryParams | undefined, token): Promise<InventoryResult> => {
      await ctx.indexing;
      try {
        const lwc = readLwcScripts(ctx.folders.flatMap(packageDirectoriesOf));
        const inventory = buildInventory(ctx.project, lwc, token);
        const format = params?.format;
        return { inventory, ...(format === 'md' || format === 'csv' ? { text: formatInventory(inventory, format, ctx.folders[0] ?? '') } : {}) };
      } catch (e) {
        if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Inventory was cancelled');
        throw e;
      }
    }),
  );
}
