import { continuationsOf, MAX_CONTINUATION_REQUESTS } from '../analysis/continuations';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'continuation-request-limit',
    description: 'More than three HttpRequests added to one Continuation',
    defaultSeverity: 'error',
    fixable: false,
    testCode: 'report',
    messages: {
      tooManyRequests: `Continuation '{{continuation}}' gets {{count}} requests: a Continuation holds at most ${MAX_CONTINUATION_REQUESTS}, so this addHttpRequest() fails at runtime. Chain a second Continuation from the callback, or combine the requests`,
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const con of continuationsOf(ctx.workspace, ctx.file, type, method)) {
        // Requests added in a loop are as many as its data: only the ones written out are counted.
        const written = con.requests.filter((r) => r.loops.length === 0);
        if (written.length <= MAX_CONTINUATION_REQUESTS || !con.name) continue;
        const first = written[MAX_CONTINUATION_REQUESTS];
        ctx.report({
          span: first.span,
          messageId: 'tooManyRequests',
          data: { continuation: con.name, count: written.length },
          related: [
            { message: 'the Continuation', span: con.creation.span },
            ...written.slice(0, MAX_CONTINUATION_REQUESTS).map((r, i) => ({ message: `request ${i + 1}`, span: r.span })),
          ],
        });
      }
    }
  },
);
