/**
 * The core's front door for adapters, in the shape of
 * vscode-css-languageservice: `createLinter({ parse, config, options })`
 * returns the operations an adapter needs (set and remove files, lint a file
 * or the project with a cancellation token, hover, inventory) and hides the
 * engine (LintProject) behind them.
 *
 * Parsing is a port, and asynchronous: before it lints, the linter asks the
 * engine which files its next lint needs parsed (the demand selection) and
 * awaits their models from the port. In this thread (`parseInThisThread`),
 * in a worker pool that a deadline can stop, or from a cache in front of
 * either (node/parse-ports.ts): the engine takes the models it awaited
 * instead of finding them pre-filled in a cache. Files edited since their
 * last analysis are left to the engine, which re-parses the edited member
 * only (reparse.ts).
 */
import { defaultConfig, type FileResult, type Finding, type ResolvedConfig, type SourceFile } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import type { Position, Range } from '../base/source';
import type { FileModel } from '../model/ir';
import { analyzeFile } from './analyze-file';
import { buildInventory, type Inventory } from './inventory';
import { Cancelled, LintProject, type Cancellation, type LintOptions } from './project';

/** Where models come from. `parse` hands each file's model to `take` as it arrives, and settles when all have. */
export interface ParsePort {
  parse(files: readonly SourceFile[], config: ResolvedConfig, take: (file: SourceFile, model: FileModel) => void, token?: Cancellation): Promise<void>;
}

/** How long parsing in this thread may hold it before other work (an editor's requests) gets a turn. */
const SLICE_MS = 50;

/** Parse in this thread, in slices that let the event loop run. */
export const parseInThisThread: ParsePort = {
  async parse(files, config, take, token) {
    let slice = Date.now();
    for (const file of files) {
      if (token?.isCancellationRequested) throw new Cancelled();
      take(file, analyzeFile(file, config, token && (() => token.isCancellationRequested)).model);
      if (Date.now() - slice > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = Date.now();
      }
    }
  },
};

export interface LinterInit {
  /** Where models come from (default: this thread). */
  parse?: ParsePort;
  /** The configuration used when an operation is not given one. */
  config?: ResolvedConfig;
  options?: LintOptions;
}

export interface Linter {
  /** Add or replace a file; false when its text did not change. */
  setFile(file: SourceFile): boolean;
  removeFile(path: string): boolean;
  setConfig(config: ResolvedConfig): void;
  /** The SFDX project(s) around the files (several: each file gets the one whose folder holds it). */
  setProjectInfo(info: ProjectInfo | ProjectInfo[] | undefined): void;
  paths(): string[];
  /** Findings of one file, with every other file as context. Rejects with Cancelled when the token is. */
  lintFile(path: string, config?: ResolvedConfig, token?: Cancellation): Promise<Finding[]>;
  /** Findings of every file. */
  lintAll(token?: Cancellation): Promise<FileResult[]>;
  /** Hover text for the callout at `position` (1-based line, UTF-16 character). */
  hover(path: string, position: Position): Promise<{ range: Range; markdown: string } | undefined>;
  /** The integration inventory (docs/inventory.md), with the Lightning components' scripts given. */
  inventory(lwcScripts?: SourceFile[], token?: Cancellation): Promise<Inventory>;
  /** Work done so far (files parsed, selections made), for tests and benchmarks. */
  readonly stats: LintProject['stats'];
}

export function createLinter(init: LinterInit = {}): Linter {
  let config = init.config ?? defaultConfig();
  const project = new LintProject(config, init.options ?? {});
  const port = init.parse ?? parseInThisThread;

  /** Await the models the next lint needs, then hand them to the engine. */
  async function parsed(token?: Cancellation): Promise<void> {
    const files = project.filesToParse().filter((f) => !project.hasAnalysis(f.path));
    if (files.length) await port.parse(files, config, (file, model) => project.acceptModel(file, model), token);
  }

  return {
    setFile: (file) => project.setFile(file),
    removeFile: (path) => project.removeFile(path),
    setConfig(next) {
      config = next;
      project.setConfig(next);
    },
    setProjectInfo: (info) => project.setProjectInfo(info),
    paths: () => project.paths(),
    async lintFile(path, given = config, token) {
      await parsed(token);
      return project.lintFile(path, given, token);
    },
    async lintAll(token) {
      await parsed(token);
      return project.lintAll(token);
    },
    async hover(path, position) {
      await parsed();
      return project.hoverAt(path, position);
    },
    async inventory(lwcScripts = [], token) {
      await parsed(token);
      return buildInventory(project, lwcScripts, token);
    },
    stats: project.stats,
  };
}
