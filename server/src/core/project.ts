/**
 * A lint project: the files of one workspace, kept across edits. Adapters
 * (CLI, language server) put file texts in and ask for findings; the project
 * caches each file's analysis by its text, so a change re-analyses that file
 * only. Pure: no file system.
 */
import { declaredNames, demandSignature, forgetScans, omitBodies, selectDemand } from '../select';
import { analyzeFile, unitKind } from './analyze-file';
import { sameDemandInBody } from './demand-edit';
import { checkFile } from './check-file';
import { checkLwcFile, isLwcSource } from './check-lwc';
import { defaultConfig, type FileResult, type Finding, type ResolvedConfig, type SourceFile } from '../base/contracts';
import type { FileModel } from '../model/ir';
import type { UnitKind } from '../parse/parse';
import { Workspace, type AnalyzedFile } from '../analysis/workspace';
import type { ProjectInfo } from '../base/project-info';
import { calloutHoverAt } from './hover';
import { reanalyzeMember, reparsedMemberOf } from './reparse';
import { carryCallFacts } from '../analysis/carry-facts';
import { ParseCancelled } from '../parse/parse';
import { SourceText, type Position, type Range } from '../base/source';

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface LintOptions {
  /** Parse every file, not just those that can matter (reports syntax errors everywhere). */
  allFiles?: boolean;
  /** The SFDX project around the files, for fixes that create files or use Named Credentials. */
  project?: ProjectInfo;
  /** Models of files already parsed in an earlier run, by content (the CLI's --cache). */
  modelCache?: ModelCache;
  /**
   * Batch linting (the CLI): in the chosen files, read the bodies of methods
   * no rule needs (see DemandSelection.omitted) as empty. Their syntax errors
   * are then not reported, as those of files never parsed; `allFiles` reads
   * everything. Not for an editor, which shows every error of an open file.
   */
  omitUnneededBodies?: boolean;
}

/** A store of file models by file content; the adapter decides where it lives. */
export interface ModelCache {
  get(text: string, kind: UnitKind): FileModel | undefined;
  set(text: string, kind: UnitKind, model: FileModel): void;
  /**
   * The results of a whole lint by everything they depend on (the files'
   * paths and texts, the configuration, the projects): an unchanged
   * workspace re-lints without loading a model.
   */
  getResults?(dependsOn: readonly string[]): FileResult[] | undefined;
  setResults?(dependsOn: readonly string[], results: FileResult[]): void;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export class LintProject {
  private readonly files = new Map<string, SourceFile>();
  private readonly analyses = new Map<string, { text: string; analyzed: AnalyzedFile }>();
  private selection: Set<string> | undefined;
  /** Per chosen file, the bodies read as empty (omitUnneededBodies). */
  private omitted = new Map<string, [number, number][]>();
  /** The files with those bodies blanked, for the current selection. */
  private blanked = new WeakMap<SourceFile, SourceFile>();
  /** Type names declared in the workspace when the selection was made. */
  private names: Set<string> | undefined;
  private workspace: Workspace | undefined;
  /** The workspace before the edits of one file since (its call facts may be kept, see carry-facts.ts). */
  private beforeEdit: { path: string; workspace: Workspace } | undefined;
  /** Every file analysed, for the integration map (analyzedWorkspace). */
  private complete: Workspace | undefined;
  private infos: ProjectInfo[] = [];
  /** Work done so far, for tests and benchmarks: files parsed, demand selections computed. */
  readonly stats = { parsed: 0, selections: 0, membersReparsed: 0, factsKept: 0 };

  constructor(
    private config: ResolvedConfig = defaultConfig(),
    private readonly options: LintOptions = {},
  ) {}

  /** The configuration used when `lintFile` is not given one. */
  setConfig(config: ResolvedConfig): void {
    if (config.fileTimeoutMs !== this.config.fileTimeoutMs) this.analyses.clear();
    this.config = config;
    this.workspace = undefined;
    this.beforeEdit = undefined;
    this.complete = undefined;
  }

  /**
   * The SFDX project(s) around the files (fixes that create files need them).
   * With several (a multi-root workspace), each file gets the one whose
   * folder holds it.
   */
  setProjectInfo(info: ProjectInfo | ProjectInfo[] | undefined): void {
    this.infos = info === undefined ? [] : Array.isArray(info) ? info : [info];
  }

  /** The project whose folder holds `path` (the deepest), else the first one. */
  projectInfo(path?: string): ProjectInfo | undefined {
    if (path === undefined) return this.infos[0];
    const holding = this.infos.filter((i) => isBelow(i.sfdx.root, path));
    return holding.sort((a, b) => b.sfdx.root.length - a.sfdx.root.length)[0] ?? this.infos[0];
  }

  /** Add or replace a file. Returns false when the text did not change. */
  setFile(file: SourceFile): boolean {
    const old = this.files.get(file.path);
    if (old && old.text === file.text && old.unreadable === file.unreadable) return false;
    this.files.set(file.path, file);
    // Most edits do not change which files need parsing: keep the selection then.
    // (Not when bodies are omitted: their offsets move with any edit.)
    // An edit inside one method body is judged from that body alone (demand-edit.ts).
    const sameDemand =
      !this.options.omitUnneededBodies &&
      old &&
      this.names &&
      (sameDemandInBody(old, file, this.names) ?? demandSignature(old, this.names) === demandSignature(file, this.names));
    this.complete = undefined;
    // Edits of one file only since the last workspace: it may lend its call facts to the next (when the selection stays the same).
    const before = this.workspace ? { path: file.path, workspace: this.workspace } : this.beforeEdit;
    if (sameDemand) this.workspace = undefined;
    else this.invalidate();
    this.beforeEdit = before?.path === file.path ? before : undefined;
    return true;
  }

  removeFile(path: string): boolean {
    if (!this.files.delete(path)) return false;
    this.analyses.delete(path);
    this.invalidate();
    return true;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /** Findings of one file, with every other file of the project as context. */
  lintFile(path: string, config: ResolvedConfig = this.config, token?: Cancellation): Finding[] {
    const file = this.files.get(path);
    if (!file) return [];
    if (isLwcSource(path)) return checkLwcFile(file, config, this.projectInfo(path));
    return cancellable(() => {
      const workspace = this.currentWorkspace(token);
      const analyzed = workspace.file(path) ?? this.analyze(file, token);
      return checkFile(workspace, analyzed, config, this.projectInfo(path), token && (() => token.isCancellationRequested));
    });
  }

  /** The text of a file of the project, as last set. */
  textOf(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  /** The analysis already made of `path` for exactly `text`, if any (never parses). */
  analysisOf(path: string, text: string): AnalyzedFile | undefined {
    const cached = this.analyses.get(path);
    return cached && cached.text === text ? cached.analyzed : undefined;
  }

  /** Whether some text of `path` was analysed already (an edit of it is then re-parsed by member, here). */
  hasAnalysis(path: string): boolean {
    return this.analyses.has(path);
  }

  /**
   * A model parsed elsewhere (a parse port, linter.ts) for a file as
   * filesToParse gave it: the next lint takes it instead of parsing. A model
   * of a text since replaced is dropped. (Storing it is the port's business.)
   */
  acceptModel(file: SourceFile, model: FileModel): void {
    const current = this.files.get(file.path);
    if (!current || this.asParsed(current).text !== file.text) return;
    this.analyses.set(file.path, { text: file.text, analyzed: { path: file.path, source: new SourceText(file.text), model } });
  }

  /** Hover text for the callout at `position` (1-based line, UTF-16 character) of an indexed file. */
  hoverAt(path: string, position: Position): { range: Range; markdown: string } | undefined {
    const file = this.files.get(path);
    if (!file) return undefined;
    const workspace = this.currentWorkspace();
    const analyzed = workspace.file(path) ?? this.analyze(file);
    const hover = calloutHoverAt(workspace, analyzed, analyzed.source.offsetAt(position));
    return hover && { range: analyzed.source.rangeOf(hover.start, hover.end), markdown: hover.markdown };
  }

  /** The analysed workspace of every selected file, as the rules see it (the integration map reads it). */
  /**
   * Every Apex file of the project analysed, not only those the rules need:
   * the integration map follows entry points (a Platform Event trigger that
   * enqueues the job that calls out) that no rule asks about.
   */
  analyzedWorkspace(token?: Cancellation): Workspace {
    return cancellable(() => {
      if (this.complete) return this.complete;
      const analyzed = [...this.files.values()].filter((f) => !isLwcSource(f.path)).map((f) => (check(token), this.analyze(f, token)));
      this.complete = new Workspace(analyzed);
      return this.complete;
    });
  }

  lintAll(token?: Cancellation): FileResult[] {
    return cancellable(() => this.lintAllNow(token));
  }

  private lintAllNow(token?: Cancellation): FileResult[] {
    const cache = this.options.modelCache;
    const dependsOn = cache?.getResults && this.resultsDependOn();
    const stored = dependsOn && cache.getResults!(dependsOn);
    if (stored) return stored;
    const results = this.checkAll(token);
    // Timeouts depend on the machine's load: only complete results are worth keeping.
    if (dependsOn && !results.some((r) => r.findings.some((f) => f.ruleId === 'analysis-incomplete'))) cache.setResults?.(dependsOn, results);
    return results;
  }

  /** What the results of lintAll depend on besides the code: options, configuration, projects, every file. */
  private resultsDependOn(): string[] {
    const head = JSON.stringify([!!this.options.allFiles, !!this.options.omitUnneededBodies, this.config, this.infos]);
    return [head, ...[...this.files.values()].map((f) => `${f.path}\0${f.unreadable ?? ''}\0${f.text}`)];
  }

  private checkAll(token?: Cancellation): FileResult[] {
    const workspace = this.currentWorkspace(token);
    return [...this.files.keys()].map((path) => {
      check(token);
      if (isLwcSource(path)) return { path, findings: checkLwcFile(this.files.get(path)!, this.config, this.projectInfo(path)) };
      const analyzed = workspace.file(path);
      return {
        path,
        findings: analyzed ? checkFile(workspace, analyzed, this.config, this.projectInfo(path), token && (() => token.isCancellationRequested)) : [],
      };
    });
  }

  private invalidate(): void {
    this.selection = undefined;
    this.names = undefined;
    this.workspace = undefined;
    this.beforeEdit = undefined;
    this.complete = undefined;
  }

  private analyze(file: SourceFile, token?: Cancellation): AnalyzedFile {
    const isCancelled = token && (() => token.isCancellationRequested);
    const cached = this.analyses.get(file.path);
    if (cached && cached.text === file.text && !file.unreadable) return cached.analyzed;
    // An edit inside one member body: re-parse that body only.
    const edited = cached && !file.unreadable ? reanalyzeMember(cached.analyzed, file.text, Date.now() + this.config.fileTimeoutMs, isCancelled) : undefined;
    if (edited) {
      this.stats.membersReparsed++;
      this.analyses.set(file.path, { text: file.text, analyzed: edited });
      return edited;
    }
    const cache = this.options.modelCache;
    const kind = unitKind(file.path);
    const stored = !file.unreadable ? cache?.get(file.text, kind) : undefined;
    if (stored) {
      const analyzed = { path: file.path, source: new SourceText(file.text), model: stored };
      this.analyses.set(file.path, { text: file.text, analyzed });
      return analyzed;
    }
    const analyzed = analyzeFile(file, this.config, isCancelled);
    this.stats.parsed++;
    // Timeouts depend on the machine's load: only complete analyses are worth keeping.
    if (cache && !file.unreadable && !analyzed.model.problems.some((p) => p.kind === 'timeout' || p.kind === 'internal'))
      cache.set(file.text, kind, analyzed.model);
    this.analyses.set(file.path, { text: file.text, analyzed });
    return analyzed;
  }

  /**
   * The files the next lint will parse: those of the demand selection with no
   * analysis of their current text. An adapter may parse them elsewhere first
   * (a worker it can stop) and hand the models in through the model cache.
   */
  filesToParse(): SourceFile[] {
    // Results kept from an unchanged workspace need no model at all.
    const cache = this.options.modelCache;
    const dependsOn = cache?.getResults && this.resultsDependOn();
    if (dependsOn && cache.getResults!(dependsOn)) return [];
    const selection = this.select();
    return this.apexFiles()
      .filter((f) => selection.has(f.path) && !f.unreadable)
      .map((f) => this.asParsed(f))
      .filter((f) => !this.analysisOf(f.path, f.text));
  }

  /** The file as the rules read it: with the bodies they do not need blanked (omitUnneededBodies). */
  private asParsed(file: SourceFile): SourceFile {
    const omitted = this.omitted.get(file.path);
    if (!omitted || file.unreadable) return file;
    // Made once per selection: filesToParse and the workspace both ask for it.
    let parsed = this.blanked.get(file);
    if (!parsed) this.blanked.set(file, (parsed = { ...file, text: omitBodies(file.text, omitted) }));
    return parsed;
  }

  /** Lightning component scripts are linted on their own, never parsed as Apex. */
  private apexFiles(): SourceFile[] {
    return [...this.files.values()].filter((f) => !isLwcSource(f.path));
  }

  private select(): Set<string> {
    if (!this.selection) {
      const all = this.apexFiles();
      // The names an edit is checked against (setFile) matter only to an editor's project;
      // batch linting drops the token scans once the selection is made (on 5,000 classes, 0.2 GB).
      const batch = this.options.allFiles || this.options.omitUnneededBodies;
      this.blanked = new WeakMap();
      if (this.options.allFiles) {
        this.selection = new Set(this.files.keys());
        this.omitted = new Map();
      } else {
        const demand = selectDemand(all);
        this.selection = demand.paths;
        this.omitted = this.options.omitUnneededBodies ? demand.omitted : new Map();
      }
      if (batch) forgetScans(all);
      else this.names = declaredNames(all);
      this.stats.selections++;
    }
    return this.selection;
  }

  private currentWorkspace(token?: Cancellation): Workspace {
    if (this.workspace) return this.workspace;
    const selection = this.select();
    const analyzed: AnalyzedFile[] = [];
    for (const f of this.apexFiles()) {
      if (!selection.has(f.path)) continue;
      check(token);
      analyzed.push(this.analyze(this.asParsed(f), token));
    }
    this.workspace = new Workspace(analyzed);
    this.keepCallFacts(this.workspace);
    return this.workspace;
  }

  /** After an edit confined to one method body, keep the call facts it cannot change. */
  private keepCallFacts(workspace: Workspace): void {
    const before = this.beforeEdit;
    this.beforeEdit = undefined;
    const after = before && workspace.file(before.path);
    const member = after && reparsedMemberOf(after);
    if (!before || !after || !member || before.workspace.file(before.path) !== member.before) return;
    this.stats.factsKept += carryCallFacts(before.workspace, workspace, { ...member, after });
  }
}

function isBelow(dir: string, file: string): boolean {
  const d = dir.replace(/[\\/]+$/, '');
  return file.startsWith(d + '/') || file.startsWith(d + '\\');
}

/** A parse or a rule stopped by the token surfaces as Cancelled. */
function cancellable<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ParseCancelled) throw new Cancelled();
    throw e;
  }
}

function check(token?: Cancellation): void {
  if (token?.isCancellationRequested) throw new Cancelled();
}
