/**
 * What a rule is: metadata (id, default severity, docs URL, fixable, message
 * templates) and a check over the model and the workspace. Rules never parse,
 * never read files and never see LSP types; they report spans in their file,
 * each with a message id of their metadata and the values of its
 * placeholders (typescript-eslint's `meta.messages`), so that tests and tools
 * name a finding's message by id rather than by its wording.
 */
import type { Span, MethodDecl, TypeDecl } from '../model/ir';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import type { FixText } from '../fixes/fixer';
import type { MessageData, RefusedFix } from '../base/contracts';
import type { ResolvedConfig, RuleId, Severity } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import type { LwcModel } from '../model/lwc';

export interface RuleMeta {
  id: RuleId;
  /** One line for rule tables, SARIF `shortDescription` and `--help`. */
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /**
   * Whether the rule reports in test code (`Workspace.isTestCode`: `@IsTest`
   * classes and methods, `testMethod`). `skip`: what it checks does not matter
   * where nothing reaches production (timeouts, response and publish checks,
   * batch starts, endpoints of mocked callouts); `report`: it does (a literal
   * secret in a test is still a secret in the repository). With `skip`,
   * `members()` leaves test members out.
   */
  testCode: 'report' | 'skip';
  /** Message id → template; `{{name}}` is filled from the report's `data`. */
  messages: Readonly<Record<string, string>>;
}

export interface RelatedSpan {
  message: string;
  span: Span;
  /** Absent: the reporting file. */
  file?: AnalyzedFile;
}

export interface Report<MessageId extends string = string> {
  span: Span;
  /** A key of the rule's `meta.messages`. */
  messageId: MessageId;
  /** A value for every placeholder of the message's template. */
  data?: MessageData;
  /** Fixes offered with the finding (built with `fixer`, fixes/fixer.ts). */
  fixes?: FixText[];
  /** Fixes considered and refused, with why. */
  refused?: RefusedFix[];
  /** Overrides the rule's default severity for this finding (config still wins). */
  severity?: Severity;
  related?: RelatedSpan[];
}

export interface MemberRef {
  type: TypeDecl;
  method: MethodDecl;
}

export interface RuleContext<MessageId extends string = string> {
  workspace: Workspace;
  file: AnalyzedFile;
  config: ResolvedConfig;
  /** The SFDX project around the files, when the adapter knows it (fixes that create files need it). */
  project?: ProjectInfo;
  /** Every method, constructor, initializer, accessor and trigger body of the file (test code left out when the rule skips it). */
  members(): MemberRef[];
  report(r: Report<MessageId>): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** The metadata as a rule file writes it: the keys of `messages` are the ids its reports may use. */
export type RuleMetaOf<MessageId extends string> = Omit<RuleMeta, 'messages'> & { messages: Readonly<Record<MessageId, string>> };

export function defineRule<MessageId extends string>(meta: RuleMetaOf<MessageId>, check: (ctx: RuleContext<MessageId>) => void): Rule {
  return { meta, check };
}

/** What a rule over a Lightning Web Component's JavaScript sees: the component's model, never Apex. */
export interface LwcRuleContext<MessageId extends string = string> {
  model: LwcModel;
  project?: ProjectInfo;
  report(r: { span: Span; messageId: MessageId; data?: MessageData }): void;
}

export interface LwcRule {
  meta: RuleMeta;
  check(ctx: LwcRuleContext): void;
}

export function defineLwcRule<MessageId extends string>(meta: RuleMetaOf<MessageId>, check: (ctx: LwcRuleContext<MessageId>) => void): LwcRule {
  return { meta, check };
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g;

/**
 * A message's text: its template with every `{{name}}` replaced by
 * `data[name]`. An id the rule does not declare, or a placeholder without a
 * value, is a bug in the rule: it throws (a rule's throw becomes an
 * `analysis-incomplete` finding, never a sentence with a hole in it).
 */
export function renderMessage(meta: RuleMeta, messageId: string, data: MessageData = {}): string {
  const template = Object.hasOwn(meta.messages, messageId) ? meta.messages[messageId] : undefined;
  if (template === undefined) throw new Error(`${meta.id} reported an undeclared message id '${messageId}'`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (!Object.hasOwn(data, name)) throw new Error(`${meta.id} message '${messageId}' lacks a value for {{${name}}}`);
    return String(data[name]);
  });
}
