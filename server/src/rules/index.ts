/** Every rule, in the order of DESIGN.md's rule table. */
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
import empapiErrorHandlerMissing from './empapi-error-handler-missing';
import empapiUnsubscribeMissing from './empapi-unsubscribe-missing';
import eventChannelUnknown from './event-channel-unknown';

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
];

/** Rules over Lightning Web Components' JavaScript (`lwc/<name>/*.js`). */
export const lwcRules: LwcRule[] = [empapiErrorHandlerMissing, empapiUnsubscribeMissing, eventChannelUnknown];

export const syntaxErrorMeta: RuleMeta = {
  id: 'syntax-error',
  description: 'The file does not parse (or could not be analysed); the rest of the file is still analysed',
  defaultSeverity: 'error',
  fixable: false,
};

export const analysisIncompleteMeta: RuleMeta = {
  id: 'analysis-incomplete',
  description: 'The linter could not finish analysing this file (a time limit, or an internal error); its findings may be missing',
  defaultSeverity: 'warning',
  fixable: false,
};

export function allRuleMetas(): RuleMeta[] {
  return [...rules.map((r) => r.meta), ...lwcRules.map((r) => r.meta), syntaxErrorMeta, analysisIncompleteMeta];
}
