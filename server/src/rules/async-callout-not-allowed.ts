import { fixer } from '../fixes/fixer';
import { callIndex, firstCallee, type CallIndex } from '../analysis/callindex';
import type { AnalyzedFile, MethodRef } from '../analysis/workspace';
import type { TypeDecl } from '../model/ir';
import { entryKind, implementsInterface } from '../analysis/contexts';
import { offered, refusedFix } from '../fixes/refusal';
import { scheduledToQueueable } from '../fixes/scheduled';
import { defineRule } from './rule';

/** The bodies a class runs: its own methods, and the entry points (execute, start, finish) it inherits without overriding. */
function methodsRun(index: CallIndex, file: AnalyzedFile, type: TypeDecl): MethodRef[] {
  const out: MethodRef[] = type.methods.filter((m) => m.body).map((method) => ({ file, type, method }));
  const seen = new Set(type.methods.map((m) => `${m.name}/${m.params.length}`));
  for (const sup of index.resolver.superChain(type).slice(1)) {
    for (const method of sup.type.methods) {
      const key = `${method.name}/${method.params.length}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (method.body && ENTRY_NAMES.has(method.name)) out.push({ file: sup.file, type: sup.type, method });
    }
  }
  return out;
}

const ENTRY_NAMES = new Set(['execute', 'start', 'finish']);

const SCHEDULED_ADVICE =
  'Scheduled Apex cannot call out synchronously. Enqueue a Queueable with Database.AllowsCallouts (or start a batch that allows callouts) from execute, and call out there';

export default defineRule(
  {
    id: 'async-callout-not-allowed',
    description: 'A Queueable or Batchable class that calls out without Database.AllowsCallouts, or a Schedulable that calls out synchronously',
    defaultSeverity: 'error',
    fixable: true,
    testCode: 'report',
    messages: {
      scheduledCallout: `Callout in Schedulable {{type}}.execute(). ${SCHEDULED_ADVICE}`,
      scheduledReachesCallout: `Schedulable {{type}}.execute() reaches a callout through {{callee}}. ${SCHEDULED_ADVICE}`,
      missingAllowsCallouts:
        '{{kind}} {{type}} makes a callout in {{method}} but does not implement Database.AllowsCallouts: the callout fails at runtime with a CalloutException. Add Database.AllowsCallouts to implements',
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const type of ctx.file.model.types) {
      // An abstract class never runs by itself: judge the concrete classes that inherit its execute().
      if (type.kind !== 'class' || type.modifiers.includes('abstract')) continue;
      const allowed = implementsInterface(index, type, 'database.allowscallouts');
      let classReported = false;
      for (const ran of methodsRun(index, ctx.file, type)) {
        const { method } = ran;
        const inherited = ran.type !== type;
        const ref = { file: ran.file, type: ran.type, method };
        const kind = entryKind(index, { ...ref, type });
        if (kind === 'schedulable' && inherited) continue;
        if (kind === 'schedulable') {
          const facts = index.factsOf(ref);
          const chains = facts.calls.map((site) => ({ site, chain: index.manifest.entryEffect(ref, site).callout }));
          // The move is considered (and a refusal counted) only where there is a finding to carry it.
          if (!facts.sends.length && !chains.some((c) => c.chain)) continue;
          const move = scheduledToQueueable(ctx, ref);
          const fix = offered('async-callout-not-allowed', move);
          const fixes = fix ? [fix] : [];
          const refusedMove = refusedFix('Move the work to a Queueable', move);
          const refused = refusedMove ? [refusedMove] : [];
          for (const send of facts.sends) ctx.report({ span: send.span, messageId: 'scheduledCallout', data: { type: type.text }, fixes, refused });
          for (const { site, chain } of chains) {
            if (chain)
              ctx.report({
                span: site.span,
                messageId: 'scheduledReachesCallout',
                data: { type: type.text, callee: firstCallee(chain) },
                related: chain.slice(1),
                fixes,
                refused,
              });
          }
          continue;
        }
        if ((kind !== 'queueable' && kind !== 'batch') || allowed || classReported) continue;
        const chain = index.calloutFrom(ref, inherited ? new Map([['this', type.qualifiedName]]) : undefined);
        if (!chain) continue;
        classReported = true;
        const what = kind === 'queueable' ? 'Queueable' : 'Batchable';
        const where = inherited ? `${ran.type.text}.${method.text}()` : `${method.text}()`;
        ctx.report({
          span: type.nameSpan,
          messageId: 'missingAllowsCallouts',
          data: { kind: what, type: type.text, method: where },
          related: [{ message: `${where} calls out`, span: method.nameSpan, ...(inherited ? { file: ran.file } : {}) }, ...chain],
          fixes: [
            {
              title: 'Add Database.AllowsCallouts to implements',
              safe: true,
              edits: [fixer.insertTextAt(type.headerEnd, type.implements.length ? ', Database.AllowsCallouts' : ' implements Database.AllowsCallouts')],
            },
          ],
        });
      }
    }
  },
);
