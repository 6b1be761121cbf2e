import { callIndex, firstCallee } from '../analysis/callindex';
import { entryValues } from '../analysis/manifest-summary';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'callout-in-trigger',
    description: 'A synchronous callout reachable from a trigger',
    defaultSeverity: 'error',
    fixable: false,
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    const advice =
      'Triggers cannot call out synchronously; the callout fails at runtime with a CalloutException. Publish a Platform Event, or enqueue a Queueable with Database.AllowsCallouts (or call a @future(callout=true) method)';
    for (const { type, method } of ctx.members()) {
      if (method.kind !== 'trigger') continue;
      const ref = { file: ctx.file, type, method };
      const facts = index.factsOf(ref);
      const values = entryValues(ctx.workspace, ref);
      for (const send of facts.sends) {
        ctx.report({ span: send.span, message: `Callout in trigger ${type.text}. ${advice}` });
      }
      for (const site of facts.calls) {
        const chain = index.manifest.siteEffect(ref, site, undefined, values).callout;
        if (!chain) continue;
        ctx.report({
          span: site.span,
          message: `Trigger ${type.text} reaches a synchronous callout through ${firstCallee(chain)}. ${advice}`,
          related: chain.slice(1),
        });
      }
    }
  },
);
