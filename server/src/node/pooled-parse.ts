/**
 * Parsing a lint project's files in the parse pool before the (synchronous)
 * core lints them. The core asks its model cache before it parses; this
 * cache is filled by the pool first, so the core never parses a selected
 * file itself, and a file that ran past its budget arrives as a model with
 * a `timeout` problem (reported as `analysis-incomplete`). Complete models
 * also go to the backing cache (the CLI's --cache), never stopped ones.
 */
import type { LintProject, ModelCache } from '../core/project';
import type { FileResult, ResolvedConfig, SourceFile } from '../base/contracts';
import type { FileModel } from '../model/ir';
import type { UnitKind } from '../parse/parse';
import { unitKind } from '../core/analyze-file';
import type { ParsePool } from './parse-pool';
import { poolParse } from './parse-ports';

/** Models parsed in the pool, each handed to the core once; then the backing cache. */
export class PooledModels implements ModelCache {
  private readonly models: Record<UnitKind, Map<string, FileModel>> = { class: new Map(), trigger: new Map() };

  constructor(private readonly backing?: ModelCache) {
    if (backing?.getResults) {
      this.getResults = (dependsOn) => backing.getResults!(dependsOn);
      this.setResults = (dependsOn, results) => backing.setResults?.(dependsOn, results);
    }
  }

  get(text: string, kind: UnitKind): FileModel | undefined {
    const own = this.models[kind].get(text);
    if (own) {
      // The core keeps what it was given: holding it here too would only hold memory.
      this.models[kind].delete(text);
      return own;
    }
    return this.backing?.get(text, kind);
  }

  set(text: string, kind: UnitKind, model: FileModel): void {
    this.backing?.set(text, kind, model);
  }

  /** Only with a backing cache that keeps results: without one, the core must not compute their key. */
  readonly getResults?: (dependsOn: readonly string[]) => FileResult[] | undefined;
  readonly setResults?: (dependsOn: readonly string[], results: FileResult[]) => void;

  /** A model made outside the core (the pool, or a stop): handed to the core; complete ones also stored. */
  put(file: SourceFile, model: FileModel): void {
    const kind = unitKind(file.path);
    this.models[kind].set(file.text, model);
    if (!model.problems.some((p) => p.kind === 'timeout' || p.kind === 'internal')) this.backing?.set(file.text, kind, model);
  }

  /** Forget a model the core never asked for (its text was replaced first). */
  drop(file: SourceFile): void {
    this.models[unitKind(file.path)].delete(file.text);
  }

  has(file: SourceFile): boolean {
    return this.models[unitKind(file.path)].has(file.text);
  }

  /** Whether the backing cache already holds the file (no parse needed). */
  stored(file: SourceFile): boolean {
    const kind = unitKind(file.path);
    const model = this.backing?.get(file.text, kind);
    if (!model) return false;
    this.models[kind].set(file.text, model);
    return true;
  }
}

/**
 * Parse in the pool every file the project's next lint would parse. `onModel`
 * sees each file's model as it arrives (e.g. to report stopped files). Files
 * that can stall go to workers first; the others are parsed in this thread
 * meanwhile, in slices that let the event loop run (`poolParse`, the CLI's
 * parse port).
 */
export async function parseSelection(
  project: LintProject,
  pool: ParsePool,
  models: PooledModels,
  config: ResolvedConfig,
  onModel?: (file: SourceFile, model: FileModel) => void,
  skip: (path: string) => boolean = () => false,
): Promise<void> {
  const files = project.filesToParse().filter((f) => !skip(f.path) && !models.has(f) && !models.stored(f));
  const take = (file: SourceFile, model: FileModel) => {
    models.put(file, model);
    onModel?.(file, model);
  };
  await poolParse(pool).parse(files, config, take);
}
