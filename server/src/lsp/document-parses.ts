/**
 * Open documents are parsed in the parse pool (node/parse-pool.ts) before the
 * synchronous lint sees their text: one pathological file (`List<` nested a
 * thousand deep) then costs one worker its budget, and never blocks requests
 * on other files. The project receives a document's new text only once its
 * model is ready; diagnostics wait for that (`settled`), hovers on other
 * files do not. A file stopped at its budget is not parsed again on every
 * keystroke: edits within the next `retryAfterMs` keep the "analysis
 * stopped" model, and the newest text is tried once the window has passed.
 *
 * The worker costs a full parse per edit (a few hundred ms on a 3,000-line
 * class) where the project re-parses only the edited member (a few ms). So an
 * edit goes to the worker only when it can be slow: the document's first text,
 * text after a stop, and text that can stall (node/parse-pool.ts: deep
 * nesting is what makes a prediction run for minutes). Other edits of a file
 * whose last text parsed within its budget go straight to the project.
 */
import type { LintProject } from '../core/project';
import type { ResolvedConfig, SourceFile } from '../base/contracts';
import type { FileModel } from '../model/ir';
import { canStall, ParsePool, unanalysedModel } from '../node/parse-pool';
import { parseSelection, PooledModels } from '../node/pooled-parse';

interface DocumentState {
  latest: string;
  pending: boolean;
  running?: Promise<void>;
  /** When the last parse of this file was stopped, and what it said. */
  stopped?: { at: number; model: FileModel };
  retry?: NodeJS.Timeout;
  /** The text whose model waits in `models` for the core. */
  handedIn?: string;
  /** The last text was parsed within its budget and nests shallowly. */
  fast: boolean;
  /** Whether the last `run` changed the project's text. */
  changed: boolean;
}

/** How long a stopped file is not parsed again: its budget, at least 2 s. */
export function retryAfterMs(config: ResolvedConfig): number {
  return Math.max(2000, config.fileTimeoutMs);
}

export class DocumentParses {
  readonly models = new PooledModels();
  private readonly pool = new ParsePool();
  private readonly states = new Map<string, DocumentState>();
  private preparing: Promise<void> | undefined;

  constructor(
    private readonly project: () => LintProject,
    private readonly configFor: (file: string) => Promise<ResolvedConfig>,
    /** A stopped file's retry window passed with a newer text waiting: lint it again. */
    private readonly onRetry: (file: string) => void,
  ) {}

  /**
   * An open document's new text: parsed in the pool, then put into the
   * project. Resolves to whether the project's text for the file changed.
   */
  update(file: string, text: string): Promise<boolean> {
    const state = this.states.get(file) ?? { latest: text, pending: false, fast: false, changed: false };
    this.states.set(file, state);
    state.latest = text;
    if (!state.running && state.fast && !canStall(text)) return Promise.resolve(this.project().setFile({ path: file, text }));
    state.fast = false;
    state.pending = true;
    state.changed = false;
    state.running ??= this.run(file, state).finally(() => (state.running = undefined));
    return state.running.then(() => state.changed);
  }

  /** Resolves once the project holds the newest text given for `file`. */
  async settled(file: string): Promise<void> {
    await this.states.get(file)?.running;
  }

  /** Parse in the pool what the project's next lint would parse that is not open (files read from disk), with the budget of `file`. */
  prepare(file: string): Promise<void> {
    this.preparing ??= this.configFor(file)
      // Open documents are parsed by `update`, which knows when a member re-parse in place is safe.
      .then((config) => parseSelection(this.project(), this.pool, this.models, config, undefined, (path) => this.states.has(path)))
      .finally(() => (this.preparing = undefined));
    return this.preparing;
  }

  forget(file: string): void {
    const state = this.states.get(file);
    if (!state) return;
    clearTimeout(state.retry);
    if (state.handedIn !== undefined) this.models.drop({ path: file, text: state.handedIn });
    this.states.delete(file);
  }

  async close(): Promise<void> {
    for (const file of [...this.states.keys()]) this.forget(file);
    await this.pool.close();
  }

  private async run(file: string, state: DocumentState): Promise<void> {
    while (state.pending) {
      state.pending = false;
      const source: SourceFile = { path: file, text: state.latest };
      const config = await this.configFor(file);
      let model: FileModel;
      const sinceStop = state.stopped ? Date.now() - state.stopped.at : Infinity;
      if (state.stopped && sinceStop < retryAfterMs(config)) {
        model = unanalysedModel(source, 'timeout', state.stopped.model.problems[0].message);
        this.scheduleRetry(file, state, retryAfterMs(config) - sinceStop);
      } else {
        model = await this.pool.parse(source, config);
        const stopped = model.problems.some((p) => p.kind === 'timeout');
        state.stopped = stopped ? { at: Date.now(), model } : undefined;
        state.fast = !stopped && !canStall(source.text);
      }
      if (this.states.get(file) !== state) return; // closed meanwhile
      if (state.handedIn !== undefined) this.models.drop({ path: file, text: state.handedIn });
      this.models.put(source, model);
      state.handedIn = source.text;
      const project = this.project();
      // A stopped file's old analysis must not be re-parsed member by member in this thread.
      if (state.stopped) project.removeFile(file);
      if (project.setFile(source)) state.changed = true;
    }
  }

  private scheduleRetry(file: string, state: DocumentState, delayMs: number): void {
    if (state.retry) return;
    state.retry = setTimeout(() => {
      state.retry = undefined;
      if (this.states.get(file) !== state) return;
      this.update(file, state.latest);
      void this.settled(file).then(() => this.onRetry(file));
    }, delayMs);
    state.retry.unref();
  }
}
