import { budgetSeconds, calloutBudget, CUMULATIVE_LIMIT_MS } from '../analysis/callout-budget';
import { callIndex } from '../analysis/callindex';
import { CONTEXT_LABEL, entryKind } from '../analysis/contexts';
import { defineRule } from './rule';

const MAX_RELATED = 12;

export default defineRule(
  {
    id: 'callout-budget-exceeded',
    description: 'Callouts that run one after another in one transaction can spend more than the 120 s cumulative limit',
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'report',
    messages: {
      budgetExceeded: `This {{context}} transaction can spend {{time}} waiting on callouts one after another: more than the ${CUMULATIVE_LIMIT_MS / 1000} s a transaction allows, so the last callouts fail with a CalloutException. Lower the timeouts, make fewer calls, or move some to a Queueable of their own`,
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const ref = { file: ctx.file, type, method };
      const kind = entryKind(index, ref);
      if (!kind) continue;
      const budget = calloutBudget(ctx.workspace, ref);
      if (budget.ms <= CUMULATIVE_LIMIT_MS) continue;
      ctx.report({
        span: kind === 'trigger' ? type.nameSpan : method.nameSpan,
        messageId: 'budgetExceeded',
        data: { context: CONTEXT_LABEL[kind], time: budgetSeconds(budget.ms) },
        related: budget.steps.slice(0, MAX_RELATED),
      });
    }
  },
);
