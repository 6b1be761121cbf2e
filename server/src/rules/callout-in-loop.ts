import { calloutsOf } from '../analysis/callouts';
import { isRetryLoop } from '../analysis/retry';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'callout-in-loop',
    description: 'A callout made once per loop iteration',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      const { isSend } = facts;
      for (const site of facts.sends) {
        const loop = site.loops.find((l) => !isRetryLoop(l, isSend));
        if (!loop) continue;
        ctx.report({
          span: site.span,
          message:
            'Callout inside a loop: one callout per iteration runs into the limit of 100 callouts per transaction. Send one bulk request, or move the work to Batch Apex (Database.Batchable with Database.AllowsCallouts)',
          related: [{ message: 'the loop', span: loop.head }],
        });
      }
    }
  },
);
