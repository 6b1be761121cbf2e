/**
 * When a document's diagnostics are computed: after a short quiet period
 * (debounce), and never for a version that has been superseded. Scheduling a
 * document again cancels the work queued or running for it.
 */
import type { Cancellation } from '../core/project';

export interface CancellationFlag extends Cancellation {
  isCancellationRequested: boolean;
}

interface Pending {
  timer?: NodeJS.Timeout;
  token: CancellationFlag;
}

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly debounceMs: number,
    private readonly run: (uri: string, token: Cancellation) => Promise<void>,
    private readonly log: (message: string) => void,
  ) {}

  schedule(uri: string, delayMs = this.debounceMs): void {
    this.cancel(uri);
    const entry: Pending = { token: { isCancellationRequested: false } };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.run(uri, entry.token)
        .catch((e: unknown) => this.log(`Diagnostics for ${uri} failed: ${(e as Error).stack ?? String(e)}`))
        .finally(() => {
          if (this.pending.get(uri) === entry) this.pending.delete(uri);
        });
    }, delayMs);
    this.pending.set(uri, entry);
  }

  cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.token.isCancellationRequested = true;
    this.pending.delete(uri);
  }

  cancelAll(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }
}
