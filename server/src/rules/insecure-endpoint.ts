import { calloutsOf } from '../analysis/callouts';
import { fold } from '../analysis/constants';
import { shown } from './hardcoded-endpoint';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'insecure-endpoint',
    description: 'setEndpoint() with a plain-text http:// URL',
    defaultSeverity: 'error',
    fixable: false,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      for (const rc of facts.requestCalls) {
        if (rc.method !== 'setendpoint' || rc.call.args.length !== 1) continue;
        const v = fold(rc.call.args[0], { workspace: ctx.workspace, type, scope: facts.scope });
        if (v.kind !== 'string' || !/^http:\/\//i.test(v.prefix)) continue;
        ctx.report({
          span: rc.span,
          message: `Insecure endpoint '${shown(v.prefix, v.complete)}': http:// sends the request and its credentials in plain text; use https://`,
        });
      }
    }
  },
);
