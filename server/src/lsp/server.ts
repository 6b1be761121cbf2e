/**
 * The language server: an adapter from LSP to the lint project. Documents in,
 * diagnostics and code actions out; the workspace indexed in the background.
 * Every handler is guarded: an exception is logged and the server goes on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LintProject, Cancelled, type Cancellation } from '../core/project';
import { CONFIG_FILE } from '../base/contracts';
import { SFDX_PROJECT_FILE } from '../base/sfdx-project';
import { NAMED_CREDENTIAL_SUFFIX } from '../base/project-info';
import { clearIgnoreCache } from '../node/files';

const FORCEIGNORE = '.forceignore';
import { PublishedFindings, codeActions, FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND, type EditContext } from './code-actions';
import { isApexPath, pathOf, toDiagnostic, toLspRange, uriOf } from './convert';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { DocumentSettings, type EditorSettings } from './settings';
import { WorkspaceIndex, type IndexState } from './workspace-loader';
import { executeScaffoldCommand, SCAFFOLD_COMMANDS } from './scaffold-command';
import { LINT_WORKSPACE_REQUEST, STATUS_NOTIFICATION, type LintWorkspaceResult, type ServerStatus } from './protocol';

export interface InitializationOptions {
  /** Quiet period after an edit before diagnostics are computed; 0 for benchmarks. */
  debounceMs?: number;
  /** Settings for clients that cannot answer workspace/configuration. */
  settings?: EditorSettings;
}

export const DEFAULT_DEBOUNCE_MS = 75;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const project = new LintProject();
  const published = new Map<string, PublishedFindings>();
  /** Closed files whose diagnostics "Lint Workspace" published; cleared when they leave the project. */
  const workspacePublished = new Set<string>();
  const openPaths = new Map<string, string>();
  /** didOpen also fires a content change; the open already scheduled its diagnostics. */
  const justOpened = new Set<string>();
  const log = (m: string) => connection.console.error(m);

  let folders: string[] = [];
  let canAskConfiguration = false;
  let editContext: Omit<EditContext, 'uriFor' | 'versionOf' | 'fileExists'> = { documentChanges: false, createFiles: false };
  let canShowDocument = false;
  let canWatchFiles = false;
  let canWatchFolders = false;
  let settings!: DocumentSettings;
  let scheduler!: DiagnosticsScheduler;
  let indexing: Promise<void> = Promise.resolve();

  const uriFor = (file: string) => openPaths.get(file) ?? uriOf(file);
  const isOpen = (file: string) => openPaths.has(file);
  const index = new WorkspaceIndex(connection, project, isOpen, (state: IndexState) => {
    const status: ServerStatus = { ...state };
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  });

  function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
        return fallback;
      }
    };
  }

  async function validate(uri: string, token: Cancellation): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const file = pathOf(uri);
    const config = await settings.configFor(uri, file);
    const current = () => !token.isCancellationRequested && documents.get(uri)?.version === version;
    if (!current()) return;
    let findings;
    try {
      findings = project.lintFile(file, config, token);
    } catch (e) {
      if (e instanceof Cancelled) return;
      throw e;
    }
    if (!current()) return;
    const diagnostics = findings.map((f) => toDiagnostic(f, uriFor));
    const text = doc.getText();
    published.set(uri, new PublishedFindings(uri, version, file, text, findings, diagnostics, () => project.analysisOf(file, text)));
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** Lint a closed file and publish its diagnostics (versionless); returns how many findings. */
  async function publishClosed(file: string, token?: Cancellation): Promise<number> {
    const uri = uriFor(file);
    const found = project.lintFile(file, await settings.configFor(uri, file), token);
    if (isOpen(file)) return found.length;
    if (found.length || workspacePublished.has(uri)) {
      workspacePublished.add(uri);
      await connection.sendDiagnostics({ uri, diagnostics: found.map((f) => toDiagnostic(f, uriFor)) });
    }
    return found.length;
  }

  /** The workspace, the settings or the config changed: no typing to wait for, so no debounce. */
  function revalidateOpenDocuments(): void {
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
  }

  function isLinted(doc: TextDocument): boolean {
    return doc.languageId === 'apex' || isApexPath(doc.uri);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const debounce = typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : DEFAULT_DEBOUNCE_MS;
    canAskConfiguration = !!caps.workspace?.configuration;
    canShowDocument = !!caps.window?.showDocument?.support;
    canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canWatchFolders = !!caps.workspace?.workspaceFolders;
    editContext = {
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      createFiles: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
    };
    settings = new DocumentSettings(connection, () => canAskConfiguration, options.settings);
    scheduler = new DiagnosticsScheduler(debounce, validate, log);
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = roots.filter((u) => u.startsWith('file:')).map(pathOf);
    index.useFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND, ...SCAFFOLD_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'apex-pattern-lint' },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (canAskConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'apexPatternLint' });
      if (canWatchFiles) {
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
      reindex();
      if (canWatchFolders)
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('workspace folders', undefined, (e) => {
            const removed = new Set(e.removed.map((f) => pathOf(f.uri)));
            folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => pathOf(f.uri))];
            reindex();
          }),
        );
    }),
  );

  function reindex(): void {
    indexing = index
      .index(folders)
      .then(revalidateOpenDocuments)
      .catch((e: unknown) => log(`Indexing failed: ${(e as Error).stack ?? String(e)}`));
  }

  documents.onDidOpen(
    guard('didOpen', undefined, ({ document }) => {
      if (!isLinted(document)) return;
      const file = pathOf(document.uri);
      openPaths.set(file, document.uri);
      project.setFile({ path: file, text: document.getText() });
      justOpened.add(document.uri);
      // The first diagnostics of a freshly opened file do not wait for the debounce.
      scheduler.schedule(document.uri, 0);
    }),
  );

  documents.onDidChangeContent(
    guard('didChange', undefined, ({ document }) => {
      if (justOpened.delete(document.uri) || !isLinted(document) || !openPaths.has(pathOf(document.uri))) return;
      project.setFile({ path: pathOf(document.uri), text: document.getText() });
      scheduler.schedule(document.uri);
    }),
  );

  documents.onDidClose(
    guard('didClose', undefined, ({ document }) => {
      const file = pathOf(document.uri);
      if (!openPaths.delete(file)) return;
      scheduler.cancel(document.uri);
      published.delete(document.uri);
      settings.forget(document.uri);
      index.closed(file);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      revalidateOpenDocuments();
    }),
  );

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, () => {
      settings.clearEditorSettings();
      revalidateOpenDocuments();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, ({ changes }) => {
      let reread = false;
      const relintClosed = new Set<string>();
      for (const change of changes) {
        const file = pathOf(change.uri);
        if (file.endsWith(SFDX_PROJECT_FILE)) reread = true;
        else if (path.basename(file) === FORCEIGNORE) {
          clearIgnoreCache();
          reread = true;
        } else if (file.endsWith(CONFIG_FILE)) settings.clearConfigFiles();
        else if (file.endsWith(NAMED_CREDENTIAL_SUFFIX)) index.refreshProjectInfo();
        else if (isApexPath(file)) {
          const deleted = change.type === FileChangeType.Deleted;
          index.changed(file, deleted);
          const uri = uriFor(file);
          if (deleted && workspacePublished.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
          else if (workspacePublished.has(uri) && !isOpen(file)) relintClosed.add(file);
        }
      }
      if (reread) reindex();
      else revalidateOpenDocuments();
      // Diagnostics that Lint Workspace published for a closed file follow the file on disk.
      for (const file of relintClosed) publishClosed(file).catch((e: unknown) => log(`Re-linting ${file} failed: ${(e as Error).stack ?? String(e)}`));
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [], (params, token) => {
      const doc = documents.get(params.textDocument.uri);
      const entry = published.get(params.textDocument.uri);
      // Fixes computed for another version of the text would edit the wrong code: refuse them.
      if (!doc || !entry || entry.version !== doc.version || token.isCancellationRequested) return [];
      const ctx: EditContext = {
        ...editContext,
        uriFor,
        versionOf: (file) => documents.get(uriFor(file))?.version ?? null,
        fileExists: (file) => fs.existsSync(file),
      };
      return codeActions(entry, { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only }, ctx);
    }),
  );

  connection.onHover(
    guard('hover', null, (params, token): Hover | null => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || token.isCancellationRequested) return null;
      const file = pathOf(doc.uri);
      const hover = project.hoverAt(file, { line: params.position.line + 1, character: params.position.character });
      if (!hover) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toLspRange(hover.range) };
    }),
  );

  connection.onExecuteCommand(
    guard('executeCommand', undefined as unknown, async (params) => {
      if (SCAFFOLD_COMMANDS.includes(params.command))
        return executeScaffoldCommand(params.command, params.arguments, {
          folders: () => folders,
          applyEdit: async (edit) => (await connection.workspace.applyEdit(edit)).applied,
        });
      if (params.command !== SHOW_DOCUMENTATION_COMMAND) return undefined;
      const url = String(params.arguments?.[0] ?? '');
      if (!/^https:\/\//.test(url)) return undefined;
      if (canShowDocument) await connection.window.showDocument({ uri: url, external: true });
      else await connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Apex Pattern Lint documentation: ${url}` });
      return undefined;
    }),
  );

  connection.onRequest(LINT_WORKSPACE_REQUEST, async (_params: unknown, token): Promise<LintWorkspaceResult> => {
    await indexing;
    let files = 0;
    let findings = 0;
    for (const file of project.paths()) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Lint Workspace was cancelled');
      files++;
      const uri = uriFor(file);
      try {
        if (isOpen(file)) {
          findings += published.get(uri)?.findings.length ?? 0;
        } else {
          findings += await publishClosed(file, token);
        }
      } catch (e) {
        if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Lint Workspace was cancelled');
        log(`Lint Workspace: ${file} failed: ${(e as Error).stack ?? String(e)}`);
      }
      await yieldToEventLoop();
    }
    return { files, findings };
  });

  connection.onShutdown(() => scheduler?.cancelAll());

  documents.listen(connection);
  connection.listen();
}
