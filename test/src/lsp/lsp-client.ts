/**
 * A JSON-RPC client for the server's real protocol: starts
 * `bin/apex-pattern-lint-server.js --stdio` as a child process and records
 * what it publishes. Waiting has a generous guard so that a broken server
 * fails the test instead of hanging it; no test asserts on timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  CancellationTokenSource,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, InitializeResult, PublishDiagnosticsParams, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'bin', 'apex-pattern-lint-server.js');
// A benchmark on a loaded machine may wait longer (APL_LSP_GUARD_MS): a large project's first lint can take more than 15 s.
const GUARD_MS = Number(process.env.APL_LSP_GUARD_MS) || 15000;

export interface StartOptions {
  workspace?: string;
  initializationOptions?: unknown;
  /** Answer to workspace/configuration for `apexPatternLint`. */
  settings?: unknown;
  /** Capabilities of a minimal client (no configuration, no documentChanges). */
  minimal?: boolean;
  /** Declare `textDocument.codeAction.disabledSupport` (with codeActionLiteralSupport), as VS Code does. */
  disabledCodeActions?: boolean;
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: unknown[] = [];
  /** Indexing states, each with how many publications had arrived before it. */
  readonly statuses: { indexing: boolean; indexed: number; total: number; publishedBefore: number }[] = [];
  readonly shownDocuments: string[] = [];
  readonly shownMessages: string[] = [];
  readonly logs: string[] = [];
  private listeners: (() => void)[] = [];
  private versions = new Map<string, number>();
  settings: unknown;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection);
    client.settings = options.settings ?? {};
    child.stderr!.on('data', (d: Buffer) => client.logs.push(d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.record(() => client.published.push(p)));
    connection.onNotification('$/progress', (p: unknown) => client.record(() => client.progress.push(p)));
    connection.onNotification('apexPatternLint/status', (s: { indexing: boolean; indexed: number; total: number }) =>
      client.record(() => client.statuses.push({ ...s, publishedBefore: client.published.length })),
    );
    connection.onNotification('window/showMessage', (m: { message: string }) => client.record(() => client.shownMessages.push(m.message)));
    connection.onNotification('window/logMessage', (m: { message: string }) => client.record(() => client.logs.push(m.message)));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => client.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showDocument', (p: { uri: string }) => {
      client.record(() => client.shownDocuments.push(p.uri));
      return { success: true };
    });
    connection.listen();
    const folders = options.workspace ? [{ uri: fileUri(options.workspace), name: path.basename(options.workspace) }] : null;
    const capabilities = options.minimal
      ? {}
      : {
          workspace: {
            configuration: true,
            workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
            didChangeWatchedFiles: { dynamicRegistration: true },
            didChangeConfiguration: { dynamicRegistration: true },
          },
          window: { workDoneProgress: true, showDocument: { support: true } },
          ...(options.disabledCodeActions
            ? { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, disabledSupport: true } } }
            : {}),
        };
    (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders?.[0].uri ?? null,
      workspaceFolders: folders,
      capabilities,
      initializationOptions: options.initializationOptions,
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return client;
  }

  private record(push: () => void): void {
    push();
    for (const l of [...this.listeners]) l();
  }

  /** Resolves with the first value `probe` returns (checked now and after every notification). */
  waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v === undefined) return false;
        this.listeners = this.listeners.filter((l) => l !== listener);
        clearTimeout(timer);
        resolve(v);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`timed out waiting for ${what}; server log:\n${this.logs.join('\n')}`));
      }, GUARD_MS);
      if (!check()) this.listeners.push(listener);
    });
  }

  diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${uri} v${version}`, () => this.published.find((p) => p.uri === uri && p.version === version)?.diagnostics);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apex', version, text } });
  }

  /** Sends one didChange and returns its version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** A request that is cancelled right after it is sent. */
  requestThenCancel<R>(method: string, params: unknown): Promise<R> {
    const source = new CancellationTokenSource();
    const p = this.connection.sendRequest<R>(method, params, source.token);
    source.cancel();
    return p;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing it below is what matters.
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}
