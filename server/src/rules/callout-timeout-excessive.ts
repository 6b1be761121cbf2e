import { fixer } from '../fixes/fixer';
import { calloutsOf } from '../analysis/callouts';
import { fold } from '../analysis/constants';
import { contextsOf, describeContexts, runsOnlyAsync } from '../analysis/contexts';
import { continuationsOf, MAX_CONTINUATION_TIMEOUT_S } from '../analysis/continuations';
import { methodLabel } from '../analysis/chain';
import { soapOf } from '../analysis/soap';
import { timeoutArguments } from '../analysis/timeout-args';
import type { Expr, Span } from '../model/ir';
import { defineRule, type RelatedSpan } from './rule';

export const MAX_TIMEOUT_MS = 120000;

export default defineRule(
  {
    id: 'callout-timeout-excessive',
    description: 'setTimeout() outside 1..120000 ms, or longer than a user should wait in synchronous code',
    defaultSeverity: 'warning',
    fixable: true,
    testCode: 'skip',
    messages: {
      outsideAllowedRange: `Timeout of {{ms}} ms is outside the allowed 1..${MAX_TIMEOUT_MS} ms: the callout fails at runtime`,
      aboveSyncLimit: 'Timeout of {{ms}} ms exceeds the {{limit}} ms limit for synchronous code{{reachedFrom}}: a user would wait that long',
      aboveAsyncLimit: 'Timeout of {{ms}} ms exceeds the {{limit}} ms limit for asynchronous code{{reachedFrom}}',
      continuationTimeout: `Continuation timeout of {{seconds}} s is outside the allowed 1..${MAX_CONTINUATION_TIMEOUT_S} s: the Continuation fails at runtime`,
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      // A Continuation's own timeout, in seconds (it replaces its requests' timeouts).
      for (const con of continuationsOf(ctx.workspace, ctx.file, type, method)) {
        for (const t of con.timeouts) {
          if (t.seconds === undefined || (t.seconds >= 1 && t.seconds <= MAX_CONTINUATION_TIMEOUT_S)) continue;
          const value = t.seconds < 1 ? 1 : MAX_CONTINUATION_TIMEOUT_S;
          ctx.report({
            span: t.span,
            severity: 'error',
            messageId: 'continuationTimeout',
            data: { seconds: t.seconds },
            fixes: [
              {
                title: `Set the Continuation timeout to ${value} s (the ${t.seconds < 1 ? 'minimum' : 'limit'})`,
                safe: true,
                edits: [fixer.replaceText(t.value.span, String(value))],
              },
            ],
          });
        }
      }

      // `req.setTimeout(ms)`, and `port.timeout_x = ms` on a WSDL2Apex port (the same limits apply to SOAP callouts).
      const timeouts: { span: Span; value: Expr; related?: RelatedSpan[] }[] = [];
      for (const rc of facts.requestCalls) {
        if (rc.method !== 'settimeout' || rc.call.args.length !== 1) continue;
        if (rc.request && facts.continuationRequests.has(rc.request)) continue;
        timeouts.push({ span: rc.span, value: rc.call.args[0] });
      }
      // A value handed to a helper that makes it the timeout (`call('POST', url, 200000)`): reported on the argument.
      for (const t of timeoutArguments(ctx.workspace, { file: ctx.file, type, method })) {
        const owner = t.param.owner;
        timeouts.push({
          span: t.value.span,
          value: t.value,
          related: [
            ...t.param.via.map((v) => ({ message: `passed on to ${v.label}`, span: v.span, file: v.file })),
            { message: `setTimeout() in ${methodLabel(owner)}`, span: t.param.call.span, file: owner.file },
          ],
        });
      }
      for (const w of soapOf(ctx.workspace, ctx.file, type, method).writes)
        if (w.field === 'timeout_x') timeouts.push({ span: w.assign.span, value: w.assign.value });
      for (const rc of timeouts) {
        const v = fold(rc.value, { workspace: ctx.workspace, type, scope: facts.scope });
        if (v.kind !== 'number') continue;
        const ms = v.value;
        const arg = rc.value.span;
        const clampTo = (value: number, why: string) => ({
          title: `Set the timeout to ${value} ms (${why})`,
          safe: true,
          edits: [fixer.replaceText(arg, String(value))],
        });
        if (ms < 1 || ms > MAX_TIMEOUT_MS) {
          // Below 1 there is no sensible clamp: the configured default applies.
          const value =
            ms < 1
              ? ctx.config.timeouts.defaultMs
              : Math.min(
                  MAX_TIMEOUT_MS,
                  runsOnlyAsync(ctx.workspace, { file: ctx.file, type, method }) ? ctx.config.timeouts.asyncLimitMs : ctx.config.timeouts.syncLimitMs,
                );
          ctx.report({
            span: rc.span,
            severity: 'error',
            messageId: 'outsideAllowedRange',
            data: { ms },
            ...(rc.related ? { related: rc.related } : {}),
            fixes: [clampTo(value, ms < 1 ? 'the default' : 'the limit')],
          });
          continue;
        }
        // Contexts need the whole call graph: only asked for when a value is above the sync limit.
        if (ms <= ctx.config.timeouts.syncLimitMs && ms <= ctx.config.timeouts.asyncLimitMs) continue;
        const asyncContext = runsOnlyAsync(ctx.workspace, { file: ctx.file, type, method });
        const contexts = contextsOf(ctx.workspace, method);
        const reachedFrom = contexts.size ? ` (reached from ${describeContexts(contexts)})` : '';
        const limit = asyncContext ? ctx.config.timeouts.asyncLimitMs : ctx.config.timeouts.syncLimitMs;
        if (ms > limit) {
          const where = asyncContext ? 'asynchronous' : 'synchronous';
          ctx.report({
            span: rc.span,
            messageId: asyncContext ? 'aboveAsyncLimit' : 'aboveSyncLimit',
            data: { ms, limit, reachedFrom },
            ...(rc.related ? { related: rc.related } : {}),
            fixes: [clampTo(limit, `the ${where} limit`)],
          });
        }
      }
    }
  },
);
