import { calloutsAfterWork } from '../analysis/pending';
import { defineRule, type RelatedSpan } from './rule';

export default defineRule(
  {
    id: 'callout-after-dml',
    description: 'A callout after DML or other pending work in the same transaction, in this method or in the methods it calls',
    defaultSeverity: 'error',
    fixable: false,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const found of calloutsAfterWork(ctx.workspace, ctx.file, type, method)) {
        const first = found.pending[0];
        const more = found.pending.length - 1;
        const subject = found.calloutChain.length ? `This call leads to a callout (${found.calloutChain[0].message.replace(/^calls /, '')}) made` : 'Callout';
        const related: RelatedSpan[] = [];
        for (const w of found.pending) {
          related.push({ message: `pending work: ${w.what}`, span: w.span });
          // Where the work really happens, when a called method does it.
          const deepest = w.chain[w.chain.length - 1];
          if (w.chain.length > 1 && deepest) related.push({ message: deepest.message, span: deepest.span, file: deepest.file });
        }
        for (const step of found.calloutChain.slice(1)) related.push({ message: step.message, span: step.span, file: step.file });
        ctx.report({
          span: found.span,
          message: `${subject} after ${first.what}${more > 0 ? ` (and ${more} more pending operation${more > 1 ? 's' : ''})` : ''} in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts`,
          related,
        });
      }
    }
  },
);
