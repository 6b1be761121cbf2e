import { callIndex } from '../analysis/callindex';
import { reachedFromEventTriggers } from '../analysis/integrations';
import { forEachExprDeep, forEachStmt, forEachSubExpr } from '../analysis/traverse';
import type { MethodRef, Workspace } from '../analysis/workspace';
import type { Expr, MethodDecl } from '../model/ir';
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

const RETRY_NAME = /retr|attempt|tries/i;
const ORDERING = new Set(['<', '<=', '>', '>=']);

function namesRetries(e: Expr): boolean {
  let found = false;
  forEachSubExpr(e, (x) => {
    if ((x.k === 'name' || x.k === 'field') && RETRY_NAME.test(x.name)) found = true;
  });
  return found;
}

/** Whether an `if` of the method compares a retry count with an ordering (`retries >= MAX_RETRIES`, `attempt < 5`). */
function comparesRetries(method: MethodDecl): boolean {
  let found = false;
  if (method.body)
    forEachStmt(method.body, (s) => {
      if (found || s.k !== 'if') return;
      forEachSubExpr(s.cond, (x) => {
        if (x.k === 'binary' && ORDERING.has(x.op) && (namesRetries(x.left) || namesRetries(x.right))) found = true;
      });
    });
  return found;
}

/** Whether any method the event trigger at the root of `ref`'s path runs reads the retry count. */
function triggerReadsRetries(workspace: Workspace, reach: Map<MethodDecl, MethodRef | undefined>, self: MethodRef): boolean {
  let root = self;
  for (let r = reach.get(self.method); r; r = reach.get(r.method)) root = r;
  const index = callIndex(workspace);
  const seen = new Set<MethodDecl>([root.method]);
  const queue = [root];
  while (queue.length) {
    const ref = queue.shift()!;
    if (readsRetries(ref.method)) return true;
    for (const site of index.factsOf(ref).calls)
      for (const callee of index.callees(ref, site)) {
        if (seen.has(callee.method)) continue;
        seen.add(callee.method);
        queue.push(callee);
      }
  }
  return false;
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
    for (const { type, method } of ctx.members()) {
      if (!method.body || !reach.has(method)) continue;
      // Bounded when this method, or one on the way from the trigger, reads the retry count.
      let bounded = false;
      for (let m: MethodDecl | undefined = method; m && !bounded; m = reach.get(m)?.method) bounded = readsRetries(m);
      // Or the trigger reads it anywhere on its path (`handler.setRetries(ctx.retries)`) and the way to the throw compares a count.
      if (!bounded) {
        let compares = false;
        for (let m: MethodDecl | undefined = method; m && !compares; m = reach.get(m)?.method) compares = comparesRetries(m);
        bounded = compares && triggerReadsRetries(ctx.workspace, reach, { file: ctx.file, type, method });
      }
      if (bounded) continue;
      forEachStmt(method.body, (s) => {
        if (s.k !== 'throw' || s.expr.k !== 'new' || baseType(s.expr.type) !== 'eventbus.retryableexception') return;
        ctx.report({ span: s.span, messageId: 'unboundedRetry' });
      });
    }
  },
);
