import { callIndex } from '../analysis/callindex';
import { isRetryLoop } from '../analysis/retry';
import type { LoopStmt } from '../analysis/flow';
import type { Span } from '../model/ir';
import { offered, refuse, refusedFix } from '../fixes/refusal';
import { retryAsynchronously } from '../fixes/retry';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'callout-retry-loop',
    description: 'A loop that retries a synchronous callout until it succeeds',
    defaultSeverity: 'warning',
    fixable: true,
    testCode: 'report',
    messages: {
      synchronousRetry:
        'Synchronous retry loop around a callout: every attempt holds the transaction and the user, and spends the 120 s callout budget. Retry asynchronously: a Queueable that re-enqueues itself, or a Platform Event subscriber that throws EventBus.RetryableException',
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const ref = { file: ctx.file, type, method };
      const facts = index.factsOf(ref);
      const callsOut = index.callsOut(ref);
      const reported = new Set<LoopStmt>();
      const calls = facts.calls.filter((c) => c.loops.length && callsOut(c.expr));
      const sites: { span: Span; loops: LoopStmt[]; what: string }[] = [
        ...facts.sends.map((s) => ({ span: s.span, loops: s.loops, what: 'the callout retried' })),
        ...calls.map((c) => ({ span: c.span, loops: c.loops, what: 'the call retried, which makes a callout' })),
      ].sort((a, b) => a.span.start - b.span.start);
      for (const site of sites) {
        for (const loop of site.loops) {
          if (reported.has(loop) || !isRetryLoop(loop, callsOut)) continue;
          reported.add(loop);
          const inside = facts.sends.some((s) => s.loops.includes(loop)) ? [] : calls.filter((c) => c.loops.includes(loop));
          const move =
            inside.length === 1
              ? retryAsynchronously(ctx, ref, loop, inside[0])
              : refuse('retry-shape', inside.length ? 'it retries more than one call' : 'the loop sends the request itself, not through one call');
          const fix = offered('callout-retry-loop', move);
          const refused = refusedFix('Retry asynchronously', move);
          ctx.report({
            span: loop.head,
            messageId: 'synchronousRetry',
            related: [{ message: site.what, span: site.span }],
            ...(fix ? { fixes: [fix] } : {}),
            ...(refused ? { refused: [refused] } : {}),
          });
        }
      }
    }
  },
);
