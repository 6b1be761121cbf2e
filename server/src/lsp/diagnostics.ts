/**
 * Publishing findings. Open documents: after a debounce, for the version
 * being edited, with their code actions kept (PublishedFindings). The rest
 * of the workspace, as a build would (setting `diagnostics.scope`,
 * `workspace` by default): once the index is built and again after the
 * workspace changed — an edit in one class moves or creates findings in its
 * callers, open or not. Such a pass yields between files and gives way to
 * any newer one; unchanged diagnostics are not sent again.
 */
import { Cancelled, type Cancellation } from '../core/project';
import type { DiagnosticsScope } from '../../../shared/out/protocol';
import { PublishedFindings } from './code-actions';
import { diagnosticKey, pathOf, toDiagnostic } from './convert';
import { DiagnosticsScheduler, type CancellationFlag } from './diagnostics-scheduler';
import { formatError, type Log } from './runner';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintProject } from '../core/project';
import type { EditorBaseline } from './baseline';
import type { DocumentParses } from './document-parses';
import type { DocumentSettings } from './settings';

/** What publishing needs of the server (ServerContext, context.ts, is one): declared here so neither module imports the other back. */
export interface DiagnosticsHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly project: LintProject;
  readonly parses: DocumentParses;
  readonly settings: DocumentSettings;
  readonly baseline: EditorBaseline;
  readonly log: Log;
  readonly info: Log;
  /** The latest (re)indexing; settles when it is done. */
  readonly indexing: Promise<void>;
  uriFor(file: string): string;
  isOpen(file: string): boolean;
}

/**
 * Quiet time after a keystroke before its document is linted. A keystroke in a
 * 3,000-line class costs 15–50 ms to lint (one member re-parsed, the rules run
 * again), so a longer wait only adds to what a user waits for: at 75 ms the
 * p95 keystroke-to-diagnostics was 154 ms. 25 ms still folds a burst of
 * changes (a paste, a multi-cursor edit, a format) into one lint.
 */
export const DEFAULT_DEBOUNCE_MS = 25;
/** Quiet time after an edit before the other open documents, then the closed files, are checked again. */
const OTHERS_DELAY_MS = 150;
const WORKSPACE_DELAY_MS = 600;

/** Publications of one version kept for their actions (a handful of re-lints is the most a version sees). */
const KEPT_PUBLICATIONS = 4;
/** How long a request for actions waits for its document's lint; a lint that takes longer is stopped by the file budget anyway. */
const ACTIONS_WAIT_MS = 15000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Diagnostics {
  /** Open documents: the findings of the version last published, with their fixes. */
  readonly published = new Map<string, PublishedFindings>();
  /**
   * Open documents: earlier publications of the same version, newest first
   * (another document's edit or the end of indexing re-lints it). A client
   * may still hold their diagnostics and ask for their fixes.
   */
  private readonly earlier = new Map<string, PublishedFindings[]>();
  /** Requests for actions waiting for a document's next publication. */
  private readonly waiting = new Map<string, (() => void)[]>();
  /** Closed files: what was last published for them (a key per diagnostic), to skip repeats and clear them later. */
  private readonly closed = new Map<string, string>();
  private readonly scheduler: DiagnosticsScheduler;
  private scope: DiagnosticsScope = 'workspace';
  private pass: { timer?: NodeJS.Timeout; token: CancellationFlag } | undefined;

  constructor(
    private readonly ctx: DiagnosticsHost,
    private debounceMs: number,
  ) {
    this.scheduler = new DiagnosticsScheduler(
      debounceMs,
      (uri, token) => this.validate(uri, token),
      (m) => ctx.log(m),
    );
  }

  /** The quiet period after an edit (initializationOptions.debounceMs); every delay below is counted from it. */
  setDebounce(ms: number): void {
    this.debounceMs = ms;
  }

  get currentScope(): DiagnosticsScope {
    return this.scope;
  }

  /** An open document was opened (no wait) or edited (debounced, then the rest of the workspace follows). */
  documentChanged(uri: string, opened: boolean): void {
    this.scheduler.schedule(uri, opened ? 0 : this.debounceMs);
    if (opened) return;
    for (const doc of this.ctx.documents.all()) if (doc.uri !== uri) this.scheduler.schedule(doc.uri, this.debounceMs + OTHERS_DELAY_MS);
    this.scheduleWorkspace(this.debounceMs + WORKSPACE_DELAY_MS);
  }

  /** The workspace, the settings or the config changed: no typing to wait for. */
  revalidateAll(): void {
    for (const doc of this.ctx.documents.all()) this.scheduler.schedule(doc.uri, 0);
    this.scheduleWorkspace(0);
  }

  documentClosed(uri: string): void {
    this.scheduler.cancel(uri);
    this.published.delete(uri);
    this.earlier.delete(uri);
    this.wake(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.revalidateAll();
  }

  fileDeleted(uri: string): void {
    if (this.closed.delete(uri)) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  async setScope(scope: DiagnosticsScope): Promise<void> {
    const was = this.scope;
    this.scope = scope;
    if (scope === 'openFiles' && was !== scope) {
      this.cancelPass();
      for (const uri of [...this.closed.keys()]) {
        this.closed.delete(uri);
        await this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
  }

  private async validate(uri: string, token: Cancellation): Promise<void> {
    const { documents, project, settings, connection } = this.ctx;
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const file = pathOf(uri);
    const config = await settings.configFor(uri, file);
    const current = () => !token.isCancellationRequested && documents.get(uri)?.version === version;
    if (!current()) return;
    await this.ctx.parses.settled(file);
    await this.ctx.parses.prepare(file);
    if (!current()) return;
    let findings;
    try {
      findings = project.lintFile(file, config, token);
    } catch (e) {
      if (e instanceof Cancelled) return;
      throw e;
    }
    const text = doc.getText();
    findings = this.ctx.baseline.apply(file, text, findings, await settings.baselineFor(uri));
    if (!current()) return;
    const diagnostics = findings.map((f) => toDiagnostic(f, this.ctx.uriFor));
    this.publish(new PublishedFindings(uri, version, file, text, findings, diagnostics, () => project.analysisOf(file, text)));
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** Keep the findings of a publication (before it is sent): from then on, its actions can be answered. */
  private publish(next: PublishedFindings): void {
    const previous = this.published.get(next.uri);
    const kept = previous?.version === next.version ? [previous, ...(this.earlier.get(next.uri) ?? [])].slice(0, KEPT_PUBLICATIONS) : [];
    this.earlier.set(next.uri, kept);
    this.published.set(next.uri, next);
    this.wake(next.uri);
  }

  private wake(uri: string): void {
    const waiters = this.waiting.get(uri);
    this.waiting.delete(uri);
    for (const w of waiters ?? []) w();
  }

  /**
   * The publications of `version` of an open document, newest first. A
   * request for actions can arrive before that version's lint is published
   * (the client held diagnostics published while the file was closed, or
   * sent the request as the edit's lint was running on a busy machine): it
   * waits for the publication, up to `waitMs`, rather than answering with
   * no fixes. Empty when the document changed or closed meanwhile.
   */
  async publicationsOf(uri: string, version: number, waitMs = ACTIONS_WAIT_MS): Promise<PublishedFindings[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const newest = this.published.get(uri);
      if (newest?.version === version) return [newest, ...(this.earlier.get(uri) ?? [])];
      const left = deadline - Date.now();
      if (left <= 0 || this.ctx.documents.get(uri)?.version !== version) return [];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        const waiters = this.waiting.get(uri) ?? [];
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        this.waiting.set(uri, waiters);
      });
    }
  }

  /** Lints a closed file and publishes its diagnostics (versionless) when they changed; returns how many findings. */
  async publishClosed(file: string, token?: Cancellation): Promise<number> {
    const uri = this.ctx.uriFor(file);
    const linted = this.ctx.project.lintFile(file, await this.ctx.settings.configFor(uri, file), token);
    if (this.ctx.isOpen(file)) return linted.length;
    const found = this.ctx.baseline.apply(file, this.ctx.project.textOf(file) ?? '', linted, await this.ctx.settings.baselineFor(uri));
    const diagnostics = found.map((f) => toDiagnostic(f, this.ctx.uriFor));
    const key = diagnostics.map((d) => `${diagnosticKey(d)}|${JSON.stringify(d.relatedInformation ?? [])}`).join('\n');
    const before = this.closed.get(uri);
    if (before === key || (before === undefined && !diagnostics.length)) return found.length;
    this.closed.set(uri, key);
    await this.ctx.connection.sendDiagnostics({ uri, diagnostics });
    return found.length;
  }

  /**
   * Every file of the project, open documents as last published: what
   * "Lint Workspace" answers and what a workspace pass publishes.
   * Throws Cancelled when `token` is cancelled.
   */
  async lintWorkspace(token: Cancellation): Promise<{ files: number; findings: number }> {
    let files = 0;
    let findings = 0;
    await this.ctx.parses.prepare(this.ctx.project.paths()[0] ?? '');
    for (const file of this.ctx.project.paths()) {
      if (token.isCancellationRequested) throw new Cancelled();
      files++;
      try {
        findings += this.ctx.isOpen(file) ? (this.published.get(this.ctx.uriFor(file))?.findings.length ?? 0) : await this.publishClosed(file, token);
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        this.ctx.log(formatError(`Linting ${file}`, e));
      }
      await yieldToEventLoop();
    }
    return { files, findings };
  }

  /** A workspace pass after `delayMs`, replacing any pending or running one; a no-op for `openFiles`. */
  scheduleWorkspace(delayMs: number): void {
    if (this.scope !== 'workspace') return;
    this.cancelPass();
    const pass: NonNullable<Diagnostics['pass']> = { token: { isCancellationRequested: false } };
    pass.timer = setTimeout(() => {
      pass.timer = undefined;
      void this.ctx.indexing
        .then(async () => {
          if (pass.token.isCancellationRequested) return;
          const started = Date.now();
          const { files, findings } = await this.lintWorkspace(pass.token);
          this.ctx.info(`Linted the workspace: ${findings} finding(s) in ${files} file(s), ${Date.now() - started} ms`);
        })
        .catch((e: unknown) => {
          if (!(e instanceof Cancelled)) this.ctx.log(formatError('Linting the workspace', e));
        })
        .finally(() => {
          if (this.pass === pass) this.pass = undefined;
        });
    }, delayMs);
    this.pass = pass;
  }

  private cancelPass(): void {
    if (!this.pass) return;
    if (this.pass.timer) clearTimeout(this.pass.timer);
    this.pass.token.isCancellationRequested = true;
    this.pass = undefined;
  }

  cancelAll(): void {
    this.scheduler.cancelAll();
    this.cancelPass();
  }
}
