/** Every rule, in the order of DESIGN.md's rule table. */
import type { Rule, RuleMeta } from './rule';
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
  return [...rules.map((r) => r.meta), syntaxErrorMeta, analysisIncompleteMeta];
}
