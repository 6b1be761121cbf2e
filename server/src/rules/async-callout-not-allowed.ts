import { callIndex, firstCallee } from '../analysis/callindex';
import { entryKind, implementsInterface } from '../analysis/contexts';
import { offered } from '../fixes/refusal';
import { scheduledToQueueable } from '../fixes/scheduled';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'async-callout-not-allowed',
    description: 'A Queueable or Batchable class that calls out without Database.AllowsCallouts, or a Schedulable that calls out synchronously',
    defaultSeverity: 'error',
    fixable: true,
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const type of ctx.file.model.types) {
      if (type.kind !== 'class') continue;
      const allowed = implementsInterface(index, type, 'database.allowscallouts');
      let classReported = false;
      for (const method of type.methods) {
        if (!method.body) continue;
        const ref = { file: ctx.file, type, method };
        const kind = entryKind(index, ref);
        if (kind === 'schedulable') {
          const facts = index.factsOf(ref);
          const advice =
            'Scheduled Apex cannot call out synchronously. Enqueue a Queueable with Database.AllowsCallouts (or start a batch that allows callouts) from execute, and call out there';
          const fix = offered('async-callout-not-allowed', scheduledToQueueable(ctx, ref));
          const fixes = fix ? [fix] : [];
          for (const send of facts.sends) ctx.report({ span: send.span, message: `Callout in Schedulable ${type.text}.execute(). ${advice}`, fixes });
          for (const site of facts.calls) {
            const chain = index.manifest.siteEffect(ref, site).callout;
            if (chain)
              ctx.report({
                span: site.span,
                message: `Schedulable ${type.text}.execute() reaches a callout through ${firstCallee(chain)}. ${advice}`,
                related: chain.slice(1),
                fixes,
              });
          }
          continue;
        }
        if ((kind !== 'queueable' && kind !== 'batch') || allowed || classReported) continue;
        const chain = index.calloutFrom(ref);
        if (!chain) continue;
        classReported = true;
        const what = kind === 'queueable' ? 'Queueable' : 'Batchable';
        ctx.report({
          span: type.nameSpan,
          message: `${what} ${type.text} makes a callout in ${method.text}() but does not implement Database.AllowsCallouts: the callout fails at runtime with a CalloutException. Add Database.AllowsCallouts to implements`,
          related: [{ message: `${method.text}() calls out`, span: method.nameSpan }, ...chain],
          fixes: [
            {
              title: 'Add Database.AllowsCallouts to implements',
              safe: true,
              edits: [
                {
                  span: { start: type.headerEnd, end: type.headerEnd },
                  text: type.implements.length ? ', Database.AllowsCallouts' : ' implements Database.AllowsCallouts',
                },
              ],
            },
          ],
        });
      }
    }
  },
);
