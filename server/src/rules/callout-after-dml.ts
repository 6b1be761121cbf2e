import { callSpan } from '../analysis/callouts';
import { calloutsAfterWork } from '../analysis/pending';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'callout-after-dml',
    description: 'A callout after DML or other pending work in the same transaction',
    defaultSeverity: 'error',
    fixable: false,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const { send, pending } of calloutsAfterWork(ctx.workspace, ctx.file, type, method)) {
        const first = pending[0];
        ctx.report({
          span: callSpan(send),
          message: `Callout after ${first.what}${pending.length > 1 ? ` (and ${pending.length - 1} more pending operation${pending.length > 2 ? 's' : ''})` : ''} in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts`,
          related: pending.map((w) => ({ message: `pending work: ${w.what}`, span: w.span })),
        });
      }
    }
  },
);
