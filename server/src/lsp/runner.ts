/**
 * The one guard every handler runs in (vscode's css server `utils/runner.ts`):
 * a request that is cancelled answers RequestCancelled, an exception is
 * logged with the handler's name and answered with the handler's neutral
 * value, so one bad file or handler never takes the server down. Errors the
 * handler means to send (a ResponseError) go through as they are.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export type Log = (message: string) => void;

export function formatError(what: string, e: unknown): string {
  return `${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
}

function cancelled(name: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} was cancelled`);
}

/** A request handler: `fallback` when it throws, RequestCancelled when its token is cancelled before it answers. */
export function runSafe<P, R>(
  log: Log,
  name: string,
  fallback: R,
  fn: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token.isCancellationRequested) return cancelled(name);
    try {
      const result = await fn(params, token);
      return token.isCancellationRequested ? cancelled(name) : result;
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      log(formatError(name, e));
      return fallback;
    }
  };
}

/** A notification handler: exceptions are logged. */
export function guard<A extends unknown[]>(log: Log, name: string, fn: (...args: A) => void | Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      log(formatError(name, e));
    }
  };
}
