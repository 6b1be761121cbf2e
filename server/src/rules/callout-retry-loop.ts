import { callIndex, type CallSite } from '../analysis/callindex';
import { isRetryLoop } from '../analysis/retry';
import { fold } from '../analysis/constants';
import type { LoopStmt } from '../analysis/flow';
import { lineEnd, lineStart, statementInBlock } from '../analysis/text-edits';
import { forEachExprDeep, forEachStmt, forEachSubExpr, namesIn } from '../analysis/traverse';
import type { MethodDecl, Span, TypeDecl } from '../model/ir';
import { capitalise, carriedState, freeClassName, jobFiles, movableCall, render } from '../fixes/queueable';
import { defineRule, type FixSpec, type RuleContext } from './rule';

const DEFAULT_ATTEMPTS = 3;

/**
 * "Retry asynchronously": when the loop retries one static call made as a
 * statement of its own, whose result nothing after the loop needs, a new
 * Queueable makes one attempt per transaction and re-enqueues itself with an
 * attempt counter; the loop becomes one `System.enqueueJob(...)`.
 */
function retryAsynchronously(ctx: RuleContext, type: TypeDecl, method: MethodDecl, loop: LoopStmt, retried: CallSite[]): FixSpec | undefined {
  const site = retried.length === 1 ? retried[0] : undefined;
  if (!site || !method.body) return undefined;
  const scope = callIndex(ctx.workspace).factsOf({ file: ctx.file, type, method }).scope;
  const target = movableCall(scope, site.expr, ['attempt', 'context']);
  if (!target || site.expr.k !== 'call') return undefined;
  const params = target.params;
  // The arguments must be known before the loop, and nothing after it may need what the loop computed.
  const inLoop = new Set<string>(loop.variable ? [loop.variable.name] : []);
  const assigned = new Set<string>();
  forEachStmt(loop.body, (s) => {
    if (s.k === 'local') for (const d of s.decls) inLoop.add(d.name);
  });
  forEachExprDeep(loop, (e) => {
    if (e.k === 'assign' && e.target.k === 'name') assigned.add(e.target.name);
    if (e.k === 'unary' && e.operand.k === 'name') assigned.add(e.operand.name);
  });
  if (site.expr.args.some((a) => [...namesIn(a)].some((n) => inLoop.has(n) || assigned.has(n)))) return undefined;
  const where = statementInBlock(method.body, loop.head);
  if (!where || where.block.body[where.index] !== loop) return undefined;
  let usedAfter = false;
  for (const s of where.block.body.slice(where.index + 1)) {
    forEachExprDeep(s, (e) => {
      if (e.k === 'name' && assigned.has(e.name)) usedAfter = true;
    });
  }
  if (usedAfter) return undefined;
  let attempts = DEFAULT_ATTEMPTS;
  // The loop's own bound (`attempts < MAX_ATTEMPTS`), when it is a small constant.
  if (loop.cond) {
    forEachSubExpr(loop.cond, (e) => {
      if (e.k !== 'binary' || e.op !== '<') return;
      const bound = fold(e.right, { workspace: ctx.workspace, type, scope });
      if (bound.kind === 'number' && bound.value >= 1 && bound.value <= 10) attempts = bound.value;
    });
  }
  const m = target.callee.method.text;
  const name = freeClassName(ctx.workspace, [`${target.callee.type.text}${capitalise(m)}RetryJob`, `${capitalise(m)}RetryJob`]);
  if (!name) return undefined;
  const names = params.map((p) => p.text);
  const job = render('fixes/RetryJob.cls', {
    Name: name,
    Callee: target.qualified,
    Method: m,
    MaxAttempts: String(attempts),
    Members: carriedState(name, [...params.map((p) => ({ name: p.text, type: p.typeSource })), { name: 'attempt', type: 'Integer' }]),
    Args: names.join(', '),
    NextArgs: [...names, 'attempt + 1'].join(', '),
  });
  const text = ctx.file.source.text;
  const args = [...site.expr.args.map((a) => text.slice(a.span.start, a.span.end)), '1'].join(', ');
  // The loop's bookkeeping locals (attempt counters, success flags) go with it.
  const bookkeeping = where.block.body.slice(0, where.index).filter((s) => {
    if (s.k !== 'local' || !s.decls.every((d) => assigned.has(d.name))) return false;
    let usedElsewhere = false;
    for (const other of where.block.body) {
      if (other === s || other === loop) continue;
      forEachExprDeep(other, (e) => {
        if (e.k === 'name' && s.decls.some((d) => d.name === e.name)) usedElsewhere = true;
      });
    }
    return !usedElsewhere;
  });
  const removals = bookkeeping.map((s) => {
    const end = lineEnd(text, s.span.end);
    return { span: { start: lineStart(text, s.span.start), end: end + (text.startsWith('\r\n', end) ? 2 : 1) }, text: '' };
  });
  return {
    title: `Retry asynchronously: a Queueable ${name} that re-enqueues itself (at most ${attempts} attempts)`,
    safe: false,
    edits: [...removals, { span: loop.span, text: `System.enqueueJob(new ${name}(${args}));` }],
    creates: jobFiles(ctx.file.path, name, job, ctx.project),
  };
}

export default defineRule(
  {
    id: 'callout-retry-loop',
    description: 'A loop that retries a synchronous callout until it succeeds',
    defaultSeverity: 'warning',
    fixable: true,
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
          const fix = inside.length ? retryAsynchronously(ctx, type, method, loop, inside) : undefined;
          ctx.report({
            span: loop.head,
            message:
              'Synchronous retry loop around a callout: every attempt holds the transaction and the user, and spends the 120 s callout budget. Retry asynchronously: a Queueable that re-enqueues itself, or a Platform Event subscriber that throws EventBus.RetryableException',
            related: [{ message: site.what, span: site.span }],
            ...(fix ? { fixes: [fix] } : {}),
          });
        }
      }
    }
  },
);
