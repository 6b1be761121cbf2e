import { endpointsOf } from '../analysis/callouts';
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
      for (const { call: rc, value: v } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (v.kind !== 'string' || !/^http:\/\//i.test(v.prefix)) continue;
        ctx.report({
          span: rc.span,
          message: `Insecure endpoint '${shown(v.prefix, v.complete)}': http:// sends the request and its credentials in plain text; use https://`,
        });
      }
    }
  },
);
