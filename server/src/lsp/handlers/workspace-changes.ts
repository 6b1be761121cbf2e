/** Settings and files changed outside the open documents: re-read what they affect, check again. */
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import { CONFIG_FILE } from '../../base/contracts';
import { NAMED_CREDENTIAL_SUFFIX } from '../../base/project-info';
import { SFDX_PROJECT_FILE } from '../../base/sfdx-project';
import { clearIgnoreCache } from '../../node/files';
import type { ServerContext } from '../context';
import { isApexPath, pathOf } from '../convert';
import { guard } from '../runner';
import { FORCEIGNORE, reindex } from './lifecycle';

export function registerWorkspaceChanges(ctx: ServerContext): void {
  ctx.connection.onDidChangeConfiguration(
    guard(ctx.log, 'didChangeConfiguration', async () => {
      ctx.settings.clearEditorSettings();
      await ctx.diagnostics.setScope(await ctx.settings.scope());
      ctx.diagnostics.revalidateAll();
    }),
  );

  ctx.connection.onDidChangeWatchedFiles(
    guard(ctx.log, 'didChangeWatchedFiles', ({ changes }) => {
      let reread = false;
      for (const change of changes) {
        const file = pathOf(change.uri);
        if (file.endsWith(SFDX_PROJECT_FILE)) reread = true;
        else if (path.basename(file) === FORCEIGNORE) {
          clearIgnoreCache();
          reread = true;
        } else if (file.endsWith(CONFIG_FILE)) ctx.settings.clearConfigFiles();
        else if (file.endsWith(NAMED_CREDENTIAL_SUFFIX)) ctx.index.refreshProjectInfo();
        else if (isApexPath(file)) {
          const deleted = change.type === FileChangeType.Deleted;
          ctx.index.changed(file, deleted);
          if (deleted) ctx.diagnostics.fileDeleted(ctx.uriFor(file));
        }
      }
      if (reread) reindex(ctx);
      else ctx.diagnostics.revalidateAll();
    }),
  );
}
