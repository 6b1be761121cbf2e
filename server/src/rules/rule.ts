/**
 * What a rule is: metadata (id, default severity, docs URL, fixable) and a
 * check over the model and the workspace. Rules never parse, never read
 * files and never see LSP types; they report spans in their file.
 */
import type { Span, MethodDecl, TypeDecl } from '../model/ir';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import type { ResolvedConfig } from '../core/config';
import type { ProjectInfo } from '../core/project-info';

export type Severity = 'error' | 'warning' | 'info';

export const RULE_IDS = [
  'callout-timeout-missing',
  'callout-timeout-excessive',
  'callout-after-dml',
  'hardcoded-endpoint',
  'callout-retry-loop',
  'callout-in-trigger',
  'future-callout-missing',
  'async-callout-not-allowed',
  'callout-in-loop',
  'insecure-endpoint',
  'hardcoded-credentials',
  'unchecked-callout-response',
  'unchecked-event-publish',
  'syntax-error',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

const DOCS_BASE = 'https://github.com/apex-pattern-lint/apex-pattern-lint/blob/main/docs/rules/';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE}${id}.md`;
}

export interface RuleMeta {
  id: RuleId;
  /** One line for rule tables, SARIF `shortDescription` and `--help`. */
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
}

export interface RelatedSpan {
  message: string;
  span: Span;
  /** Absent: the reporting file. */
  file?: AnalyzedFile;
}

/** A replacement of `span` (in `file`, default the reporting file) by `text`. */
export interface SpanEdit {
  span: Span;
  text: string;
  file?: AnalyzedFile;
}

/** A file a fix creates; `path` is absolute and inside the project. */
export interface NewFile {
  path: string;
  text: string;
}

/** A fix as a rule computes it, with the finding. */
export interface FixSpec {
  title: string;
  /** Safe fixes are applied by "fix all" (`source.fixAll.apexPatternLint`); the others only on request. */
  safe: boolean;
  edits: SpanEdit[];
  creates?: NewFile[];
}

export interface Report {
  span: Span;
  message: string;
  fixes?: FixSpec[];
  /** Overrides the rule's default severity for this finding (config still wins). */
  severity?: Severity;
  related?: RelatedSpan[];
}

export interface MemberRef {
  type: TypeDecl;
  method: MethodDecl;
}

export interface RuleContext {
  workspace: Workspace;
  file: AnalyzedFile;
  config: ResolvedConfig;
  /** The SFDX project around the files, when the adapter knows it (fixes that create files need it). */
  project?: ProjectInfo;
  /** Every method, constructor, initializer, accessor and trigger body of the file. */
  members(): MemberRef[];
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(meta: Omit<RuleMeta, 'id'> & { id: RuleId }, check: (ctx: RuleContext) => void): Rule {
  return { meta, check };
}
