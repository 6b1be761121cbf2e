/**
 * The `apexPatternLint/inventory` request: the integration map of the indexed
 * workspace (core/inventory.ts), optionally rendered as Markdown or CSV for
 * "Export integration inventory". The Lightning components' scripts are read
 * from disk on each request.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { Cancelled } from '../../core/project';
import { buildInventory, type Inventory } from '../../core/inventory';
import { formatInventory } from '../../core/inventory-format';
import { packageDirectoriesOf } from '../../node/files';
import { readLwcScripts } from '../../node/lwc-files';
import { INVENTORY_REQUEST, type Inventory as WireInventory, type InventoryParams, type InventoryResult } from '../../../../shared/out/protocol';
import type { ServerContext } from '../context';
import { runSafe } from '../runner';

/** The protocol's inventory type and the core's are one shape: this fails to compile when either changes alone. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type InventoryShapesAgree = Assert<Same<Inventory, WireInventory>>;

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
