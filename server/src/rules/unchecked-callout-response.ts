import { calloutsOf } from '../analysis/callouts';
import { isResultExamined } from '../analysis/usage';
import { defineRule } from './rule';

const STATUS_CHECKS = new Set(['getstatuscode', 'getstatus']);

export default defineRule(
  {
    id: 'unchecked-callout-response',
    description: 'The HttpResponse status of a callout is never examined',
    defaultSeverity: 'info',
    fixable: false,
    testCode: 'skip',
    messages: {
      statusUnchecked: 'The response status of this callout is never checked (getStatusCode()/getStatus()): errors from the other system pass silently',
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      for (const site of facts.sends) {
        // A SOAP fault throws a CalloutException: a WSDL2Apex operation has no status to check.
        if (site.soap) continue;
        if (isResultExamined(method, site.call, STATUS_CHECKS)) continue;
        ctx.report({ span: site.span, messageId: 'statusUnchecked' });
      }
    }
  },
);
