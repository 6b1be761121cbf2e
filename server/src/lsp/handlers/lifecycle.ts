/** initialize, initialized (registrations, first indexing), workspace folders, shutdown. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { CONFIG_FILE } from '../../base/contracts';
import { NAMED_CREDENTIAL_SUFFIX } from '../../base/project-info';
import { SFDX_PROJECT_FILE } from '../../base/sfdx-project';
import { FIX_ALL_KIND, SETTINGS_SECTION, SHOW_DOCUMENTATION_COMMAND } from '../../../../shared/out/protocol';
import type { ServerContext } from '../context';
import { pathOf } from '../convert';
import { DEFAULT_DEBOUNCE_MS } from '../diagnostics';
import { formatError, guard } from '../runner';
import { SCAFFOLD_COMMAND_IDS } from '../scaffold-command';
import type { EditorSettings } from '../settings';

export const FORCEIGNORE = '.forceignore';

export interface InitializationOptions {
  /** Quiet period after an edit before diagnostics are computed; 0 for benchmarks. */
  debounceMs?: number;
  /** Settings for clients that cannot answer workspace/configuration. */
  settings?: EditorSettings;
}

/** The version in the package.json next to the server (server/out/lsp in a clone, dist/ in the .vsix). */
export function serverVersion(): string {
  for (const candidate of [
    path.join(__dirname, '..', 'package.json'),
    path.join(__dirname, '..', '..', '..', 'package.json'),
    path.join(__dirname, '..', '..', '..', '..', 'package.json'),
  ]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'apex-pattern-lint' && pkg.version) return pkg.version;
    } catch {
      // not this layout
    }
  }
  return 'unknown';
}

export function registerLifecycle(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const debounce = typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : DEFAULT_DEBOUNCE_MS;
    ctx.abilities = {
      askConfiguration: !!caps.workspace?.configuration,
      showDocument: !!caps.window?.showDocument?.support,
      watchFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      watchFolders: !!caps.workspace?.workspaceFolders,
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      createFiles: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
      disabledCodeActions: !!caps.textDocument?.codeAction?.codeActionLiteralSupport && !!caps.textDocument.codeAction.disabledSupport,
    };
    ctx.settings.useFallback(options.settings);
    ctx.diagnostics.setDebounce(debounce);
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    ctx.folders = roots.filter((u) => u.startsWith('file:')).map(pathOf);
    ctx.index.useFolders(ctx.folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND, ...SCAFFOLD_COMMAND_IDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'apex-pattern-lint', version: serverVersion() },
    };
  });

  connection.onInitialized(
    guard(ctx.log, 'initialized', async () => {
      if (ctx.abilities.askConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      if (ctx.abilities.watchFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.{cls,trigger}' },
            { globPattern: `**/${SFDX_PROJECT_FILE}` },
            { globPattern: `**/${FORCEIGNORE}` },
            { globPattern: `**/${CONFIG_FILE}` },
            { globPattern: `**/*${NAMED_CREDENTIAL_SUFFIX}` },
          ],
        });
      }
      await ctx.diagnostics.setScope(await ctx.settings.scope());
      ctx.info(
        `Apex Pattern Lint ${serverVersion()} (Node ${process.version}); workspace folders: ${ctx.folders.join(', ') || '(none)'}; problems of ${ctx.diagnostics.currentScope === 'workspace' ? 'the whole workspace' : 'open files only'}`,
      );
      reindex(ctx);
      if (ctx.abilities.watchFolders)
        connection.workspace.onDidChangeWorkspaceFolders(
          guard(ctx.log, 'workspace folders', (e) => {
            const removed = new Set(e.removed.map((f) => pathOf(f.uri)));
            ctx.folders = [...ctx.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => pathOf(f.uri))];
            reindex(ctx);
          }),
        );
    }),
  );

  connection.onShutdown(() => {
    ctx.diagnostics.cancelAll();
    return ctx.parses.close();
  });
}

/** (Re)reads the workspace from disk, then checks everything again. */
export function reindex(ctx: ServerContext): void {
  const started = Date.now();
  ctx.indexing = ctx.index
    .index(ctx.folders)
    .then(() => {
      const roots = ctx.index.projectRoots();
      ctx.info(`Indexed ${ctx.index.state.total} Apex file(s) in ${Date.now() - started} ms; SFDX project(s): ${roots.join(', ') || '(none)'}`);
      ctx.diagnostics.revalidateAll();
    })
    .catch((e: unknown) => ctx.log(formatError('Indexing', e)));
}
