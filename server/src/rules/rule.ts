/**
 * What a rule is: metadata (id, default severity, docs URL, fixable) and a
 * check over the model and the workspace. Rules never parse, never read
 * files and never see LSP types; they report spans in their file.
 */
import type { Span, MethodDecl, TypeDecl } from '../model/ir';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import type { SpanEdit } from '../analysis/text-edits';
import type { NewFile } from '../base/contracts';
import type { ResolvedConfig, RuleId, Severity } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import type { LwcModel } from '../model/lwc';

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

/** What a rule over a Lightning Web Component's JavaScript sees: the component's model, never Apex. */
export interface LwcRuleContext {
  model: LwcModel;
  project?: ProjectInfo;
  report(r: { span: Span; message: string }): void;
}

export interface LwcRule {
  meta: RuleMeta;
  check(ctx: LwcRuleContext): void;
}

export function defineLwcRule(meta: RuleMeta, check: (ctx: LwcRuleContext) => void): LwcRule {
  return { meta, check };
}
