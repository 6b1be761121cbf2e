import { reachedFromEventTriggers } from '../analysis/integrations';
import { forEachExprDeep, forEachStmt } from '../analysis/traverse';
import type { MethodDecl } from '../model/ir';
import { baseType } from '../model/spans';
import { defineRule } from './rule';

/** Whether the method reads `EventBus.TriggerContext.currentContext().retries` (any `.retries`). */
function readsRetries(method: MethodDecl): boolean {
  let found = false;
  if (method.body)
    forEachExprDeep(method.body, (e) => {
      if (e.k === 'field' && e.name === 'retries') found = true;
    });
  return found;
}

export default defineRule(
  {
    id: 'event-retry-unbounded',
    description: 'A Platform Event trigger throws EventBus.RetryableException without bounding it by the retry count',
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'report',
    messages: {
      unboundedRetry:
        'EventBus.RetryableException without a bound: after the last retry the platform suspends the trigger and events stop flowing. Check EventBus.TriggerContext.currentContext().retries and stop retrying (log, or hand the events to a fallback) below the limit',
    },
  },
  (ctx) => {
    const reach = reachedFromEventTriggers(ctx.workspace);
    for (const { method } of ctx.members()) {
      if (!method.body || !reach.has(method)) continue;
      // Bounded when this method, or one on the way from the trigger, reads the retry count.
      let bounded = false;
      for (let m: MethodDecl | undefined = method; m && !bounded; m = reach.get(m)?.method) bounded = readsRetries(m);
      if (bounded) continue;
      forEachStmt(method.body, (s) => {
        if (s.k !== 'throw' || s.expr.k !== 'new' || baseType(s.expr.type) !== 'eventbus.retryableexception') return;
        ctx.report({ span: s.span, messageId: 'unboundedRetry' });
      });
    }
  },
);
