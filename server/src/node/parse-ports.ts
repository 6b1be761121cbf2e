/**
 * The parse ports of the adapters (core/linter.ts): the worker pool, whose
 * workers a deadline can stop, and a model cache in front of any port (the
 * CLI's --cache). A file past its budget arrives as a model with a `timeout`
 * problem (reported as `analysis-incomplete`); only complete models are
 * stored, since timeouts depend on the machine's load.
 */
import type { ModelCache } from '../core/project';
import type { ParsePort } from '../core/linter';
import type { SourceFile } from '../base/contracts';
import type { FileModel } from '../model/ir';
import { unitKind } from '../core/analyze-file';
import type { ParsePool } from './parse-pool';

/** How long the files parsed in this thread may hold it before other work gets a turn. */
const SLICE_MS = 50;

/**
 * Parse in the pool: files that can stall go to workers first, all at once;
 * the others are parsed in this thread meanwhile (the pool decides), in
 * slices that let the event loop run.
 */
export function poolParse(pool: ParsePool): ParsePort {
  return {
    async parse(files, config, take) {
      const isolate = new Set(files.filter((f) => pool.isolates(f)));
      const isolated = Promise.all([...isolate].map(async (file) => take(file, await pool.parse(file, config))));
      let slice = Date.now();
      for (const file of files) {
        if (isolate.has(file)) continue;
        take(file, await pool.parse(file, config));
        if (Date.now() - slice > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = Date.now();
        }
      }
      await isolated;
    },
  };
}

/** Models the cache holds, by content; the rest from `port`, the complete ones stored. */
export function cachedParse(port: ParsePort, cache: ModelCache | undefined): ParsePort {
  if (!cache) return port;
  return {
    async parse(files, config, take, token) {
      const missing: SourceFile[] = [];
      for (const file of files) {
        const stored = file.unreadable ? undefined : cache.get(file.text, unitKind(file.path));
        if (stored) take(file, stored);
        else missing.push(file);
      }
      const store = (file: SourceFile, model: FileModel) => {
        if (!file.unreadable && !model.problems.some((p) => p.kind === 'timeout' || p.kind === 'internal')) cache.set(file.text, unitKind(file.path), model);
        take(file, model);
      };
      if (missing.length) await port.parse(missing, config, store, token);
    },
  };
}
