import { endpointsOf } from '../analysis/callouts';
import { namedCredentialFix } from '../fixes/named-credential';
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
    fixable: true,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const { call: rc, value: v, literal } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (v.kind !== 'string' || !/^https?:\/\//i.test(v.prefix)) continue;
        const fix = literal && namedCredentialFix(ctx, { file: ctx.file, type, method }, rc, literal);
        ctx.report({
          span: rc.span,
          message: `Hard-coded endpoint '${shown(v.prefix, v.complete)}': use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment`,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
  },
);
