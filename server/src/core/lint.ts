/**
 * The core: `lint(files, config) → results`. Pure: no file system, no
 * process state. The CLI and the language server are adapters around it.
 */
import { SourceText, type Range } from './source';
import { parseApex, AnalysisTimeout, ParseCancelled, type UnitKind } from '../parse/parse';
import { buildModel } from '../model/build';
import { blankDeepestMember, nestsTooDeep, DEEP_NESTING_LIMIT } from '../parse/deepNesting';
import type { FileModel, Span } from '../model/ir';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import { rules, syntaxErrorMeta } from '../rules';
import type { Report, RuleContext, RuleId, Severity, MemberRef, FixSpec, NewFile } from '../rules/rule';
import { defaultConfig, type ResolvedConfig } from './config';
import { suppressionFilter } from './suppress';
import type { ProjectInfo } from './project-info';
import { LintProject } from './project';

export interface SourceFile {
  path: string;
  text: string;
  /** Why the file's bytes could not be read as Apex source (e.g. not UTF-8); reported as `syntax-error`. */
  unreadable?: string;
}

export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

export type { NewFile } from '../rules/rule';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FileEdit {
  /** Absolute path, as given to the core. */
  path: string;
  edits: TextEdit[];
}

/** A quick fix, computed with the finding: text edits plus files to create (never overwriting). */
export interface Fix {
  title: string;
  /** Part of "fix all": applied without asking (timeouts, callout=true, AllowsCallouts, https). */
  safe: boolean;
  changes: FileEdit[];
  creates: NewFile[];
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  related: RelatedLocation[];
  /** Rule-specific fixes; empty when the rule has none for this finding. */
  fixes: Fix[];
}

export interface FileResult {
  path: string;
  findings: Finding[];
}

export function unitKind(path: string): UnitKind {
  return /\.trigger$/i.test(path) ? 'trigger' : 'class';
}

function problem(message: string, span: Span = { start: 0, end: 0 }): FileModel['problems'][number] {
  return { message, span };
}

/** Parse and model one file. Never throws: what cannot be analysed becomes a problem. */
export function analyzeFile(file: SourceFile, config: ResolvedConfig = defaultConfig(), isCancelled?: () => boolean): AnalyzedFile {
  const source = new SourceText(file.text);
  const kind = unitKind(file.path);
  const empty: FileModel = { kind, types: [], problems: [], lineSuppressions: [] };
  if (file.unreadable) return { path: file.path, source, model: { ...empty, problems: [problem(file.unreadable)] } };
  if (file.text.trim() === '') return { path: file.path, source, model: { ...empty, problems: [problem('The file is empty: no Apex to analyse')] } };
  if (file.text.includes('\u0000')) {
    return { path: file.path, source, model: { ...empty, problems: [problem('The file contains binary data (NUL bytes); it is not Apex source')] } };
  }
  const blanked: Span[] = [];
  let text = file.text;
  // Blank members nested past the limit up front; the RangeError path below stays as the backstop.
  for (let i = 0; i < 4 && nestsTooDeep(text); i++) {
    const b = blankDeepestMember(text, (cp) => source.unitOffset(cp));
    if (!b) break;
    text = b.text;
    blanked.push({ start: b.start - 1, end: b.end });
  }
  // Each retry blanks one more deeply nested member; a handful is plenty.
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const parseSource = text === file.text ? source : new SourceText(text);
      const parsed = parseApex(parseSource, kind, { deadline: Date.now() + config.fileTimeoutMs, ...(isCancelled ? { isCancelled } : {}) });
      const model = buildModel(parsed, source);
      model.problems.unshift(
        ...blanked.map((b) => problem(`This member nests more than ${DEEP_NESTING_LIMIT} levels deep; it is not analysed`, { start: b.start, end: b.start + 1 })),
        ...parsed.problems.map((p) => problem(p.message, { start: p.start, end: p.end })),
      );
      return { path: file.path, source, model };
    } catch (e) {
      if (e instanceof ParseCancelled) throw e;
      if (e instanceof AnalysisTimeout) {
        return { path: file.path, source, model: { ...empty, problems: [problem(`Parsing took longer than ${config.fileTimeoutMs} ms; the file is not analysed`)] } };
      }
      if (!(e instanceof RangeError)) {
        return { path: file.path, source, model: { ...empty, problems: [problem(`Internal error while parsing: ${(e as Error).message}`)] } };
      }
      const b = blankDeepestMember(text, (cp) => source.unitOffset(cp));
      if (!b) break;
      text = b.text;
      blanked.push({ start: b.start - 1, end: b.end });
    }
  }
  return { path: file.path, source, model: { ...empty, problems: [problem('The file nests too deeply for the parser; it is not analysed')] } };
}

function toFix(spec: FixSpec, file: AnalyzedFile): Fix {
  const byFile = new Map<AnalyzedFile, TextEdit[]>();
  for (const e of spec.edits) {
    const f = e.file ?? file;
    const list = byFile.get(f) ?? [];
    list.push({ range: f.source.rangeOf(e.span.start, e.span.end), newText: e.text });
    byFile.set(f, list);
  }
  return { title: spec.title, safe: spec.safe, changes: [...byFile].map(([f, edits]) => ({ path: f.path, edits })), creates: spec.creates ?? [] };
}

function members(file: AnalyzedFile): MemberRef[] {
  const out: MemberRef[] = [];
  for (const type of file.model.types) for (const method of type.methods) if (method.body) out.push({ type, method });
  return out;
}

function severityOf(ruleId: RuleId, reported: Severity, config: ResolvedConfig): Severity | undefined {
  const setting = config.rules[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? reported;
}

/** Run every enabled rule over one analysed file of the workspace. */
export function checkFile(workspace: Workspace, file: AnalyzedFile, config: ResolvedConfig, project?: ProjectInfo, isCancelled?: () => boolean): Finding[] {
  const raw: { ruleId: RuleId; severity: Severity; report: Report }[] = [];
  for (const p of file.model.problems) {
    raw.push({ ruleId: 'syntax-error', severity: syntaxErrorMeta.defaultSeverity, report: { span: p.span, message: p.message } });
  }
  const deadline = Date.now() + config.fileTimeoutMs;
  const memberList = members(file);
  for (const rule of rules) {
    if (config.rules[rule.meta.id] === 'off') continue;
    if (isCancelled?.()) throw new ParseCancelled();
    if (Date.now() > deadline) {
      raw.push({ ruleId: 'syntax-error', severity: 'error', report: { span: { start: 0, end: 0 }, message: `Analysis took longer than ${config.fileTimeoutMs} ms; remaining rules were skipped` } });
      break;
    }
    const ctx: RuleContext = {
      workspace,
      file,
      config,
      ...(project ? { project } : {}),
      members: () => memberList,
      report: (r) => raw.push({ ruleId: rule.meta.id, severity: r.severity ?? rule.meta.defaultSeverity, report: r }),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      const message = e instanceof RangeError ? 'nesting too deep' : (e as Error).message;
      raw.push({ ruleId: 'syntax-error', severity: 'error', report: { span: { start: 0, end: 0 }, message: `Rule ${rule.meta.id} failed on this file (${message}); its findings are missing` } });
    }
  }
  const keep = suppressionFilter(file.model);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { ruleId, severity, report } of raw) {
    const effective = severityOf(ruleId, severity, config);
    if (!effective) continue;
    const range = file.source.rangeOf(report.span.start, report.span.end);
    if (!keep({ ruleId, span: report.span, line: range.start.line })) continue;
    const key = `${ruleId}:${report.span.start}:${report.span.end}:${report.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      ruleId,
      severity: effective,
      message: report.message,
      range,
      related: (report.related ?? []).map((r) => {
        const f = r.file ?? file;
        return { path: f.path, message: r.message, range: f.source.rangeOf(r.span.start, r.span.end) };
      }),
      fixes: (report.fixes ?? []).map((fix) => toFix(fix, file)),
    });
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return findings;
}

export { filesThatMatter } from './demand';

export interface LintOptions {
  /** Parse every file, not just those that can matter (reports syntax errors everywhere). */
  allFiles?: boolean;
  /** The SFDX project around the files, for fixes that create files or use Named Credentials. */
  project?: ProjectInfo;
  /** Models of files already parsed in an earlier run, by content (the CLI's --cache). */
  modelCache?: ModelCache;
}

/** A store of file models by file content; the adapter decides where it lives. */
export interface ModelCache {
  get(text: string, kind: UnitKind): FileModel | undefined;
  set(text: string, kind: UnitKind, model: FileModel): void;
}

/** Lint a set of files as one workspace. */
export function lint(files: SourceFile[], config: ResolvedConfig = defaultConfig(), options: LintOptions = {}): FileResult[] {
  const project = new LintProject(config, options);
  if (options.project) project.setProjectInfo(options.project);
  for (const f of files) project.setFile(f);
  return project.lintAll();
}
