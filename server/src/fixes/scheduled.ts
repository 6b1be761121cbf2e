/**
 * The Schedulable move (async-callout-not-allowed): the body of
 * `Schedulable.execute` goes into a new Queueable with
 * Database.AllowsCallouts, and execute enqueues it. Nothing runs before the
 * body in the scheduled transaction, so static state starts the same in the
 * new one; the other preconditions (preconditions.ts) apply, and the body may
 * not use the Schedulable's own members or its context (they stay behind),
 * nor enqueue a job itself (a Queueable may chain only one).
 */
import { callIndex } from '../analysis/callindex';
import { fixer } from './fixer';
import { eolOf, indentAt } from './text-edits';
import type { MethodRef } from '../analysis/workspace';
import type { FixContext, FixText } from './fix';
import { freeVariables, movedText, ownMemberUse } from './moved-code';
import { moveRefusal } from './preconditions';
import { jobFiles, jobName, render, sharingOf } from './queueable';
import { refuse, type Refusal } from './refusal';
import { enqueuesFrom } from './transaction-state';

export function scheduledToQueueable(ctx: FixContext, ref: MethodRef): FixText | Refusal | undefined {
  const body = ref.method.body;
  if (!body || body.k !== 'block' || !body.body.length) return undefined;
  const index = callIndex(ctx.workspace);
  const facts = index.factsOf(ref);
  const scope = facts.scope;
  const own = ownMemberUse(index, scope, body.body) ?? freeVariables(scope, body.body)[0];
  if (own) return refuse('uses-own-members', own);
  const refusal = moveRefusal(index, { ref, moved: body.body, after: body.span.end, loops: [], callees: [], crossing: [], freshTransaction: true });
  if (refusal) return refusal;
  const callees = facts.calls.flatMap((site) => index.callees(ref, site));
  if (facts.work.some((w) => w.what === 'System.enqueueJob()') || enqueuesFrom(index, callees))
    return refuse('async-context-enqueues', 'the moved body enqueues a job');
  const textFor = (name: string) =>
    render('fixes/ScheduledCalloutJob.cls', {
      Name: name,
      Sharing: sharingOf(ref.type),
      Scheduled: ref.type.text,
      Body: movedText(index, scope, body.body, '        '),
    });
  const job = jobName(ctx.workspace, [`${ref.type.text}Job`, `${ref.type.text}CalloutJob`], textFor);
  if (!job) return refuse('no-free-name');
  const text = ctx.file.source.text;
  const eol = eolOf(text);
  return {
    title: `Move the work to a new Queueable ${job.name} and enqueue it from execute()`,
    safe: false,
    edits: [
      fixer.replaceText(
        body.span,
        `{${eol}${indentAt(text, body.body[0].span.start)}System.enqueueJob(new ${job.name}());${eol}${indentAt(text, ref.method.nameSpan.start)}}`,
      ),
    ],
    creates: jobFiles(ctx.file.path, job.name, textFor(job.name), ctx.project, job.reuse),
  };
}
