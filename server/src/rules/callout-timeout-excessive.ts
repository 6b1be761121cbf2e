import { calloutsOf } from '../analysis/callouts';
import { fold } from '../analysis/constants';
import { contextsOf, describeContexts, runsOnlyAsync } from '../analysis/contexts';
import { defineRule } from './rule';

export const MAX_TIMEOUT_MS = 120000;

export default defineRule(
  {
    id: 'callout-timeout-excessive',
    description: 'setTimeout() outside 1..120000 ms, or longer than a user should wait in synchronous code',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      const asyncContext = runsOnlyAsync(ctx.workspace, { file: ctx.file, type, method });
      const contexts = contextsOf(ctx.workspace, method);
      const reachedFrom = contexts.size ? ` (reached from ${describeContexts(contexts)})` : '';
      for (const rc of facts.requestCalls) {
        if (rc.method !== 'settimeout' || rc.call.args.length !== 1) continue;
        if (rc.request && facts.continuationRequests.has(rc.request)) continue;
        const v = fold(rc.call.args[0], { workspace: ctx.workspace, type, scope: facts.scope });
        if (v.kind !== 'number') continue;
        const ms = v.value;
        if (ms < 1 || ms > MAX_TIMEOUT_MS) {
          ctx.report({
            span: rc.span,
            severity: 'error',
            message: `Timeout of ${ms} ms is outside the allowed 1..${MAX_TIMEOUT_MS} ms: the callout fails at runtime`,
          });
          continue;
        }
        const limit = asyncContext ? ctx.config.timeouts.asyncLimitMs : ctx.config.timeouts.syncLimitMs;
        if (ms > limit) {
          const where = asyncContext ? 'asynchronous' : 'synchronous';
          ctx.report({
            span: rc.span,
            message: `Timeout of ${ms} ms exceeds the ${limit} ms limit for ${where} code${reachedFrom}${asyncContext ? '' : ': a user would wait that long'}`,
          });
        }
      }
    }
  },
);
