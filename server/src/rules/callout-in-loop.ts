import { callIndex, firstCallee } from '../analysis/callindex';
import { isRetryLoop } from '../analysis/retry';
import { defineRule } from './rule';

const MESSAGE =
  'inside a loop: one callout per iteration runs into the limit of 100 callouts per transaction. Send one bulk request, or move the work to Batch Apex (Database.Batchable with Database.AllowsCallouts)';

export default defineRule(
  {
    id: 'callout-in-loop',
    description: 'A callout made once per loop iteration, directly or through a called method',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const ref = { file: ctx.file, type, method };
      const facts = index.factsOf(ref);
      const callsOut = index.callsOut(ref);
      for (const site of facts.sends) {
        const loop = site.loops.find((l) => !isRetryLoop(l, callsOut));
        if (loop) ctx.report({ span: site.span, message: `Callout ${MESSAGE}`, related: [{ message: 'the loop', span: loop.head }] });
      }
      for (const site of facts.calls) {
        if (!site.loops.length) continue;
        const chain = index.manifest.siteEffect(ref, site).callout;
        const loop = chain && site.loops.find((l) => !isRetryLoop(l, callsOut));
        if (!chain || !loop) continue;
        ctx.report({
          span: site.span,
          message: `This call makes a callout (${firstCallee(chain)}) ${MESSAGE}`,
          related: [{ message: 'the loop', span: loop.head }, ...chain.slice(1)],
        });
      }
    }
  },
);
