import { firstCallee } from '../analysis/callindex';
import { calloutsAfterWork } from '../analysis/pending';
import { moveCallToQueueable } from '../fixes/move-call';
import { offered, refuse, refusedFix } from '../fixes/refusal';
import { defineRule, type RelatedSpan } from './rule';

const CONSEQUENCE =
  'it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts';

export default defineRule(
  {
    id: 'callout-after-dml',
    description: 'A callout after DML or other pending work in the same transaction, in this method or in the methods it calls',
    defaultSeverity: 'error',
    fixable: true,
    testCode: 'report',
    messages: {
      calloutAfterWork: `Callout after {{work}}{{andMore}} in the same transaction: ${CONSEQUENCE}`,
      callAfterWork: `This call leads to a callout ({{callee}}) made after {{work}}{{andMore}} in the same transaction: ${CONSEQUENCE}`,
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const found of calloutsAfterWork(ctx.workspace, ctx.file, type, method)) {
        const first = found.pending[0];
        const more = found.pending.length - 1;
        const andMore = more > 0 ? ` (and ${more} more pending operation${more > 1 ? 's' : ''})` : '';
        const related: RelatedSpan[] = [];
        for (const w of found.pending) {
          related.push({ message: `pending work: ${w.what}`, span: w.span });
          // Where the work really happens, when a called method does it.
          const deepest = w.chain[w.chain.length - 1];
          if (w.chain.length > 1 && deepest) related.push(deepest);
        }
        related.push(...found.calloutChain.slice(1));
        const move = found.site ? moveCallToQueueable(ctx, { file: ctx.file, type, method }, found.site.expr) : refuse('not-a-call');
        const fix = offered('callout-after-dml', move);
        const refused = refusedFix('Move the callout to a Queueable', move);
        ctx.report({
          span: found.span,
          ...(found.calloutChain.length
            ? { messageId: 'callAfterWork', data: { callee: firstCallee(found.calloutChain), work: first.what, andMore } }
            : { messageId: 'calloutAfterWork', data: { work: first.what, andMore } }),
          related,
          ...(fix ? { fixes: [fix] } : {}),
          ...(refused ? { refused: [refused] } : {}),
        });
      }
    }
  },
);
