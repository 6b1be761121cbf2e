import { calloutsOf } from '../analysis/callouts';
import { timeoutFix } from '../fixes/timeout';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'callout-timeout-missing',
    description: 'An HttpRequest is sent without an explicit setTimeout()',
    defaultSeverity: 'warning',
    fixable: true,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      for (const site of facts.sends) {
        if (!site.timeoutMissing) continue;
        if (site.request && facts.continuationRequests.has(site.request)) continue;
        const arg = site.call.args[0];
        const name = arg.k === 'name' ? `'${arg.text}'` : 'the request';
        const fix = timeoutFix(ctx, method, site);
        ctx.report({
          span: site.span,
          message: `Callout without an explicit timeout: ${name} never gets setTimeout() before send(), so the silent 10 s default applies`,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
  },
);
