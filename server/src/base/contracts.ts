/**
 * The contracts every layer shares: rule ids and severities, the resolved
 * configuration, the files handed to the core and the findings and fixes it
 * hands back. This folder is the bottom of the import graph: it imports
 * nothing of ours but itself, so parse/, model/, analysis/, rules/, core/ and
 * the adapters can all point down at it.
 */
import type { Range } from './source';

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
  'named-credential-unknown',
  'auth-header-manual',
  'event-retry-unbounded',
  'batch-callouts-exceed-limit',
  'callout-budget-exceeded',
  'continuation-request-limit',
  'empapi-error-handler-missing',
  'empapi-unsubscribe-missing',
  'event-channel-unknown',
  'callout-blocks-save',
  'syntax-error',
  'analysis-incomplete',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

const DOCS_BASE = 'https://github.com/apex-pattern-lint/apex-pattern-lint/blob/main/docs/rules/';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE}${id}.md`;
}

export const CONFIG_FILE = '.apexpatternlintrc.json';

export type RuleSetting = Severity | 'off';

export interface ResolvedConfig {
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Limits judged by callout-timeout-excessive; `defaultMs` is what quick fixes insert. */
  timeouts: { syncLimitMs: number; asyncLimitMs: number; defaultMs: number };
  /** Milliseconds one file's analysis may take before it is abandoned. */
  fileTimeoutMs: number;
}

export function defaultConfig(): ResolvedConfig {
  return { rules: {}, timeouts: { syncLimitMs: 15000, asyncLimitMs: 120000, defaultMs: 10000 }, fileTimeoutMs: 10000 };
}

/** One file as an adapter hands it to the core. */
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

/** A file a fix creates; `path` is absolute and inside the project. */
export interface NewFile {
  path: string;
  text: string;
}

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

/** The values a rule fills into its message template's `{{name}}` placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

/** A fix the rule considered and did not offer, with why: the editor shows it disabled (or the reason in the hover). */
export interface RefusedFix {
  /** The fix's title without its details: `Move the callout to a Queueable`. */
  title: string;
  /** `not offered — <why>`. */
  reason: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Which of the rule's `meta.messages` this is: stable across wording changes, so tests and tools branch on it. */
  messageId: string;
  /** The values of the message's placeholders; absent when it has none. */
  data?: MessageData;
  /** The rendered text (the template with `data` filled in): what the CLI and the editor show. */
  message: string;
  range: Range;
  related: RelatedLocation[];
  /** Rule-specific fixes; empty when the rule has none for this finding. */
  fixes: Fix[];
  /** Fixes considered and refused (the moves to another transaction); absent when none. */
  refused?: RefusedFix[];
}

export interface FileResult {
  path: string;
  findings: Finding[];
}
