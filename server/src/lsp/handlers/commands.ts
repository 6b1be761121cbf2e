/** workspace/executeCommand (scaffolding, documentation) and the Lint Workspace request. */
import { LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification } from 'vscode-languageserver';
import { Cancelled } from '../../core/project';
import { LINT_WORKSPACE_REQUEST, SHOW_DOCUMENTATION_COMMAND, type LintWorkspaceResult } from '../../../../shared/out/protocol';
import type { ServerContext } from '../context';
import { runSafe } from '../runner';
import { executeScaffoldCommand, SCAFFOLD_COMMAND_IDS } from '../scaffold-command';

export function registerCommands(ctx: ServerContext): void {
  const { connection } = ctx;

  connection.onExecuteCommand(
    runSafe(ctx.log, 'executeCommand', undefined as unknown, async (params) => {
      if (SCAFFOLD_COMMAND_IDS.includes(params.command))
        return executeScaffoldCommand(params.command, params.arguments, {
          folders: () => ctx.folders,
          applyEdit: async (edit) => (await connection.workspace.applyEdit(edit)).applied,
        });
      if (params.command !== SHOW_DOCUMENTATION_COMMAND) return undefined;
      const url = String(params.arguments?.[0] ?? '');
      if (!/^https:\/\//.test(url)) return undefined;
      if (ctx.abilities.showDocument) await connection.window.showDocument({ uri: url, external: true });
      else await connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Apex Pattern Lint documentation: ${url}` });
      return undefined;
    }),
  );

  connection.onRequest(
    LINT_WORKSPACE_REQUEST,
    runSafe(ctx.log, 'Lint Workspace', { files: 0, findings: 0 }, async (_params: unknown, token): Promise<LintWorkspaceResult> => {
      await ctx.indexing;
      const started = Date.now();
      try {
        const result = await ctx.diagnostics.lintWorkspace(token);
        ctx.info(`Lint Workspace: ${result.findings} finding(s) in ${result.files} file(s), ${Date.now() - started} ms`);
        return result;
      } catch (e) {
        if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Lint Workspace was cancelled');
        throw e;
      }
    }),
  );
}
