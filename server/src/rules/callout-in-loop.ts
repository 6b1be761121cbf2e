import { isSingleRecordScopeLoop } from '../analysis/batch-starts';
import { callIndex, firstCallee } from '../analysis/callindex';
import { calloutLabel } from '../analysis/callouts';
import type { LoopStmt } from '../analysis/flow';
import { onceGuarded } from '../analysis/loops';
import { isRetryLoop } from '../analysis/retry';
import { defineRule, type RelatedSpan } from './rule';

const ADVICE =
  'one callout per iteration runs into the limit of 100 callouts per transaction. Send one bulk request, or move the work to Batch Apex (Database.Batchable with Database.AllowsCallouts)';

/**
 * One finding per loop (docs/principles.md: one finding per defect), on the loop's head,
 * with every callout it makes per iteration as related locations: sends in
 * the body, and calls that call out on every path of the callee (manifest).
 * A send under a memoisation or chunking guard is not per iteration, and a
 * loop that retries a callout is callout-retry-loop's, and a loop over the
 * scope of a batch started only with scope 1 runs once.
 */
export default defineRule(
  {
    id: 'callout-in-loop',
    description: 'A callout made once per loop iteration, directly or through a called method',
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'report',
    messages: {
      calloutInLoop: `This loop makes a callout on every iteration: ${ADVICE}`,
      calloutsInLoop: `This loop makes {{count}} callouts on every iteration: ${ADVICE}`,
      callInLoop: `This loop calls {{callee}}, which makes a callout, on every iteration: ${ADVICE}`,
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const ref = { file: ctx.file, type, method };
      const facts = index.factsOf(ref);
      const callsOut = index.callsOut(ref);
      const perLoop = new Map<LoopStmt, { related: RelatedSpan[]; sites: number; via?: string }>();
      const add = (loops: LoopStmt[], span: { start: number; end: number }, related: RelatedSpan[], via?: string) => {
        // A loop over the scope of a batch that every start runs with scope 1 runs once.
        const loop = loops.find((l) => !isRetryLoop(l, callsOut) && !isSingleRecordScopeLoop(ctx.workspace, ref, l));
        if (!loop || onceGuarded(loop, span)) return;
        const entry = perLoop.get(loop) ?? { related: [], sites: 0 };
        entry.related.push(...related);
        entry.sites++;
        entry.via ??= via;
        perLoop.set(loop, entry);
      };
      for (const site of facts.sends) add(site.loops, site.span, [{ message: calloutLabel(site), span: site.span }]);
      for (const site of facts.calls) {
        if (!site.loops.length) continue;
        const chain = index.manifest.perIterationEffect(ref, site).callout;
        if (chain) add(site.loops, site.span, chain, firstCallee(chain));
      }
      for (const [loop, { related, sites, via }] of perLoop) {
        if (sites > 1) ctx.report({ span: loop.head, messageId: 'calloutsInLoop', data: { count: sites }, related });
        else if (via) ctx.report({ span: loop.head, messageId: 'callInLoop', data: { callee: via }, related });
        else ctx.report({ span: loop.head, messageId: 'calloutInLoop', related });
      }
    }
  },
);
