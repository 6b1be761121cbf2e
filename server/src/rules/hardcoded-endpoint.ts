import { calloutsOf } from '../analysis/callouts';
import { fold } from '../analysis/constants';
import { defineRule } from './rule';

export function shown(url: string, complete: boolean): string {
  const text = url.length > 60 ? url.slice(0, 57) + '...' : url;
  return complete || url.length > 60 ? text : `${text}...`;
}

export default defineRule(
  {
    id: 'hardcoded-endpoint',
    description: 'setEndpoint() with a literal https:// or http:// URL instead of a Named Credential',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      for (const rc of facts.requestCalls) {
        if (rc.method !== 'setendpoint' || rc.call.args.length !== 1) continue;
        const v = fold(rc.call.args[0], { workspace: ctx.workspace, type, scope: facts.scope });
        if (v.kind !== 'string' || !/^https?:\/\//i.test(v.prefix)) continue;
        ctx.report({
          span: rc.span,
          message: `Hard-coded endpoint '${shown(v.prefix, v.complete)}': use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment`,
        });
      }
    }
  },
);
