import { callIndex, firstCallee } from '../analysis/callindex';
import { calloutsAfterWork, type CalloutAfterWork } from '../analysis/pending';
import type { MethodDecl, TypeDecl } from '../model/ir';
import { capitalise, carriedState, freeClassName, jobFiles, movableCall, render } from '../fixes/queueable';
import { defineRule, type FixSpec, type RelatedSpan, type RuleContext } from './rule';

/**
 * "Move the callout to a Queueable": when the callout happens inside a static
 * method called as a statement of its own, with arguments that can cross an
 * async boundary, a new Queueable (with Database.AllowsCallouts) makes that
 * call, and the call becomes `System.enqueueJob(new …Job(args))`.
 */
function moveToQueueable(ctx: RuleContext, type: TypeDecl, method: MethodDecl, found: CalloutAfterWork): FixSpec | undefined {
  const site = found.site;
  if (!site) return undefined;
  const scope = callIndex(ctx.workspace).factsOf({ file: ctx.file, type, method }).scope;
  const target = movableCall(scope, site.expr, ['context']);
  if (!target || site.expr.k !== 'call') return undefined;
  const params = target.params;
  const m = target.callee.method.text;
  const name = freeClassName(ctx.workspace, [`${target.callee.type.text}${capitalise(m)}Job`, `${capitalise(m)}CalloutJob`]);
  if (!name) return undefined;
  const text = ctx.file.source.text;
  const args = site.expr.args.map((a) => text.slice(a.span.start, a.span.end)).join(', ');
  const job = render('fixes/CalloutJob.cls', {
    Name: name,
    Callee: target.qualified,
    Method: m,
    Members: carriedState(
      name,
      params.map((p) => ({ name: p.text, type: p.typeSource })),
    ),
    Args: params.map((p) => p.text).join(', '),
  }).replace(/\{\n\n {4}public void execute/, '{\n    public void execute');
  return {
    title: `Move the callout to a Queueable: System.enqueueJob(new ${name}(…))`,
    safe: false,
    edits: [{ span: site.expr.span, text: `System.enqueueJob(new ${name}(${args}))` }],
    creates: jobFiles(ctx.file.path, name, job, ctx.project),
  };
}

export default defineRule(
  {
    id: 'callout-after-dml',
    description: 'A callout after DML or other pending work in the same transaction, in this method or in the methods it calls',
    defaultSeverity: 'error',
    fixable: true,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const found of calloutsAfterWork(ctx.workspace, ctx.file, type, method)) {
        const first = found.pending[0];
        const more = found.pending.length - 1;
        const subject = found.calloutChain.length ? `This call leads to a callout (${firstCallee(found.calloutChain)}) made` : 'Callout';
        const related: RelatedSpan[] = [];
        for (const w of found.pending) {
          related.push({ message: `pending work: ${w.what}`, span: w.span });
          // Where the work really happens, when a called method does it.
          const deepest = w.chain[w.chain.length - 1];
          if (w.chain.length > 1 && deepest) related.push(deepest);
        }
        related.push(...found.calloutChain.slice(1));
        const fix = moveToQueueable(ctx, type, method, found);
        ctx.report({
          span: found.span,
          message: `${subject} after ${first.what}${more > 0 ? ` (and ${more} more pending operation${more > 1 ? 's' : ''})` : ''} in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts`,
          related,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
  },
);
