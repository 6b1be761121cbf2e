import { blockingCallouts, describeEndpoint } from '../analysis/blocking-save';
import { firstCallee } from '../analysis/callindex';
import { CONTEXT_LABEL } from '../analysis/contexts';
import { PUBLISH_EVENT_TITLE, publishEventInstead } from '../fixes/publish-event';
import { offered, refuse, refusedFix } from '../fixes/refusal';
import { defineRule, type RelatedSpan } from './rule';

const ADVICE =
  'whenever {{target}} is down or slow, the save fails with it. Publish a Platform Event (PublishAfterCommit) and call out from its subscriber (Fire-and-Forget)';

export default defineRule(
  {
    id: 'callout-blocks-save',
    description: 'A save someone waits on makes a synchronous callout whose answer it does not need',
    defaultSeverity: 'warning',
    fixable: true,
    testCode: 'skip',
    messages: {
      saveWaitsOnCallout: `This {{context}} save waits on a callout to {{target}} whose answer it does not need: ${ADVICE}`,
      saveWaitsThroughCall: `This {{context}} save waits on a callout to {{target}} (through {{callee}}) whose answer it does not need: ${ADVICE}`,
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const found of blockingCallouts(ctx.workspace, { file: ctx.file, type, method })) {
        const context = CONTEXT_LABEL[found.kind];
        const target = describeEndpoint(found.endpoint);
        const related: RelatedSpan[] = [];
        // The chain ends at the send; a send written in the entry method is the finding itself.
        related.push(...found.chain.slice(1));
        for (const save of found.saves) {
          related.push({ message: `saves records: ${save.what}`, span: save.span });
          const deepest = save.chain[save.chain.length - 1];
          if (save.chain.length > 1 && deepest) related.push(deepest);
        }
        const ref = { file: ctx.file, type, method };
        const publish = found.site ? publishEventInstead(ctx, ref, found.site.expr, found.kind) : refuse('not-a-call');
        const fix = offered('callout-blocks-save', publish);
        const refused = refusedFix(PUBLISH_EVENT_TITLE, publish);
        ctx.report({
          span: found.span,
          ...(found.chain.length
            ? { messageId: 'saveWaitsThroughCall', data: { context, target, callee: firstCallee(found.chain) } }
            : { messageId: 'saveWaitsOnCallout', data: { context, target } }),
          related,
          ...(fix ? { fixes: [fix] } : {}),
          ...(refused ? { refused: [refused] } : {}),
        });
      }
    }
  },
);
