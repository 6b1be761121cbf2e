import { callIndex, methodLabel } from '../analysis/callindex';
import { endpointParams, endpointsOf, endpointValues, hasLiteralHost } from '../analysis/endpoints';
import { namedCredentialFix } from '../fixes/named-credential';
import { defineRule } from './rule';

export function shown(url: string, complete: boolean): string {
  const text = url.length > 60 ? url.slice(0, 57) + '...' : url;
  return complete || url.length > 60 ? text : `${text}...`;
}

const ADVICE = 'use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment';

export default defineRule(
  {
    id: 'hardcoded-endpoint',
    description: 'setEndpoint() with a literal https:// or http:// URL instead of a Named Credential',
    defaultSeverity: 'warning',
    fixable: true,
    testCode: 'skip',
    messages: {
      hardcodedEndpoint: `Hard-coded endpoint '{{url}}': ${ADVICE}`,
      hardcodedEndpointViaHelper: `Hard-coded endpoint '{{url}}', set by {{helper}} with setEndpoint(): ${ADVICE}`,
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const reported = new Set<unknown>();
      for (const { call: rc, value: v, literal } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (v.kind !== 'string' || !hasLiteralHost(v) || reported.has(rc)) continue;
        reported.add(rc);
        const fix = literal && namedCredentialFix(ctx, { file: ctx.file, type, method }, rc, literal);
        ctx.report({
          span: rc.span,
          messageId: 'hardcodedEndpoint',
          data: { url: shown(v.prefix, v.complete) },
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
      // A literal handed to a project helper that sets it as the endpoint: reported on the literal, here.
      const ref = { file: ctx.file, type, method };
      const facts = index.factsOf(ref);
      for (const site of facts.calls) {
        const callees = index.callees(ref, site);
        if (callees.length !== 1 || callees[0].method === method) continue;
        for (const [i, { call: rc, owner, via }] of endpointParams(ctx.workspace, callees[0])) {
          const arg = site.expr.args[i];
          if (!arg) continue;
          const hit = endpointValues(arg, ctx.workspace, ctx.file, type, facts.scope).find((e) => hasLiteralHost(e.value));
          if (!hit) continue;
          const here = hit.literal && hit.literal.file === ctx.file ? hit.literal.span : arg.span;
          const fix = hit.literal && namedCredentialFix(ctx, owner, rc, hit.literal);
          ctx.report({
            span: here,
            messageId: 'hardcodedEndpointViaHelper',
            data: { url: shown(hit.value.prefix, hit.value.complete), helper: methodLabel(callees[0]) },
            related: [
              ...via.map((v) => ({ message: `passed on to ${v.label}`, span: v.span, file: v.file })),
              { message: 'setEndpoint() in the helper', span: rc.span, file: owner.file },
            ],
            ...(fix ? { fixes: [fix] } : {}),
          });
        }
      }
    }
  },
);
