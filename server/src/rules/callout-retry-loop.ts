import { calloutsOf } from '../analysis/callouts';
import { isRetryLoop } from '../analysis/retry';
import type { LoopStmt } from '../analysis/flow';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'callout-retry-loop',
    description: 'A loop that retries a synchronous callout until it succeeds',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      const { isSend } = facts;
      const reported = new Set<LoopStmt>();
      for (const site of facts.sends) {
        for (const loop of site.loops) {
          if (reported.has(loop) || !isRetryLoop(loop, isSend)) continue;
          reported.add(loop);
          ctx.report({
            span: loop.head,
            message:
              'Synchronous retry loop around a callout: every attempt holds the transaction and the user, and spends the 120 s callout budget. Retry asynchronously: a Queueable that re-enqueues itself, or a Platform Event subscriber that throws EventBus.RetryableException',
            related: [{ message: 'the callout retried', span: site.span }],
          });
        }
      }
    }
  },
);
