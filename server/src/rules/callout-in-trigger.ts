import { callIndex, firstCallee } from '../analysis/callindex';
import { defineRule } from './rule';

const ADVICE =
  'Triggers cannot call out synchronously; the callout fails at runtime with a CalloutException. Publish a Platform Event, or enqueue a Queueable with Database.AllowsCallouts (or call a @future(callout=true) method)';

export default defineRule(
  {
    id: 'callout-in-trigger',
    description: 'A synchronous callout reachable from a trigger',
    defaultSeverity: 'error',
    fixable: false,
    testCode: 'report',
    messages: {
      calloutInTrigger: `Callout in trigger {{trigger}}. ${ADVICE}`,
      triggerReachesCallout: `Trigger {{trigger}} reaches a synchronous callout through {{callee}}. ${ADVICE}`,
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      if (method.kind !== 'trigger') continue;
      const ref = { file: ctx.file, type, method };
      const facts = index.factsOf(ref);
      for (const send of facts.sends) {
        ctx.report({ span: send.span, messageId: 'calloutInTrigger', data: { trigger: type.text } });
      }
      for (const site of facts.calls) {
        const chain = index.manifest.entryEffect(ref, site).callout;
        if (!chain) continue;
        ctx.report({
          span: site.span,
          messageId: 'triggerReachesCallout',
          data: { trigger: type.text, callee: firstCallee(chain) },
          related: chain.slice(1),
        });
      }
    }
  },
);
