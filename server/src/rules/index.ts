/** Every rule, in the order of the README's rule table (docs/principles.md, rule order). */
import type { ProblemKind } from '../model/ir';
import type { LwcRule, Rule, RuleMeta } from './rule';
import calloutTimeoutMissing from './callout-timeout-missing';
import calloutTimeoutExcessive from './callout-timeout-excessive';
import hardcodedEndpoint from './hardcoded-endpoint';
import insecureEndpoint from './insecure-endpoint';
import hardcodedCredentials from './hardcoded-credentials';
import calloutRetryLoop from './callout-retry-loop';
import calloutInLoop from './callout-in-loop';
import uncheckedCalloutResponse from './unchecked-callout-response';
import uncheckedEventPublish from './unchecked-event-publish';
import calloutAfterDml from './callout-after-dml';
import calloutInTrigger from './callout-in-trigger';
import futureCalloutMissing from './future-callout-missing';
import asyncCalloutNotAllowed from './async-callout-not-allowed';
import namedCredentialUnknown from './named-credential-unknown';
import authHeaderManual from './auth-header-manual';
import eventRetryUnbounded from './event-retry-unbounded';
import batchCalloutsExceedLimit from './batch-callouts-exceed-limit';
import calloutBudgetExceeded from './callout-budget-exceeded';
import continuationRequestLimit from './continuation-request-limit';
import empapiErrorHandlerMissing from './empapi-error-handler-missing';
import empapiUnsubscribeMissing from './empapi-unsubscribe-missing';
import eventChannelUnknown from './event-channel-unknown';
import calloutBlocksSave from './callout-blocks-save';

export const rules: Rule[] = [
  calloutTimeoutMissing,
  calloutTimeoutExcessive,
  calloutAfterDml,
  hardcodedEndpoint,
  insecureEndpoint,
  hardcodedCredentials,
  calloutRetryLoop,
  calloutInTrigger,
  futureCalloutMissing,
  asyncCalloutNotAllowed,
  calloutInLoop,
  uncheckedCalloutResponse,
  uncheckedEventPublish,
  namedCredentialUnknown,
  authHeaderManual,
  eventRetryUnbounded,
  batchCalloutsExceedLimit,
  calloutBudgetExceeded,
  continuationRequestLimit,
  calloutBlocksSave,
];

/** Rules over Lightning Web Components' JavaScript (`lwc/<name>/*.js`). */
export const lwcRules: LwcRule[] = [empapiErrorHandlerMissing, empapiUnsubscribeMissing, eventChannelUnknown];

/** The problem kinds that are the user's input (`syntax-error`); the others are our failures (`analysis-incomplete`). */
type InputProblemKind = Exclude<ProblemKind, 'timeout' | 'internal'>;

/**
 * A model problem's message id is its kind; the text comes with the problem
 * (the parser's words, the file's size), so the template is the whole of it.
 */
const PROBLEM_TEXT = '{{message}}';

export const syntaxErrorMeta: RuleMeta = {
  id: 'syntax-error',
  description: 'The file does not parse (or could not be analysed); the rest of the file is still analysed',
  defaultSeverity: 'error',
  fixable: false,
  testCode: 'report',
  messages: {
    syntax: PROBLEM_TEXT,
    'too-deep': PROBLEM_TEXT,
    empty: PROBLEM_TEXT,
    binary: PROBLEM_TEXT,
    unreadable: PROBLEM_TEXT,
  } satisfies Record<InputProblemKind, string>,
};

export const analysisIncompleteMeta: RuleMeta = {
  id: 'analysis-incomplete',
  description: 'The linter could not finish analysing this file (a time limit, or an internal error); its findings may be missing',
  defaultSeverity: 'warning',
  fixable: false,
  testCode: 'report',
  messages: {
    timeout: PROBLEM_TEXT,
    internal: PROBLEM_TEXT,
    rulesSkipped: 'Analysis took longer than {{ms}} ms; remaining rules were skipped',
    ruleFailed: 'Rule {{ruleId}} failed on this file ({{reason}}); its findings are missing',
  } satisfies Record<Exclude<ProblemKind, InputProblemKind>, string> & Record<'rulesSkipped' | 'ruleFailed', string>,
};

export function allRuleMetas(): RuleMeta[] {
  return [...rules.map((r) => r.meta), ...lwcRules.map((r) => r.meta), syntaxErrorMeta, analysisIncompleteMeta];
}
