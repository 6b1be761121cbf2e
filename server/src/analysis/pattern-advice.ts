/**
 * The pattern advisor: for each callout site, the integration pattern the
 * code calls for, and why, from the factors an integration architect weighs
 * ("Salesforce Integration Patterns — When to Use What") as far as the code
 * shows them:
 *
 * - does anything use the answer (answer-use.ts: beyond its status, a log
 *   line or an exception message), in the sending method or in a caller it
 *   returns the answer to;
 * - does a user or a caller wait (an `@AuraEnabled`, Visualforce,
 *   `@InvocableMethod` or REST entry point reaches it), or does a trigger;
 * - the volume: one callout per record, in a loop or in Batch Apex;
 * - what happens on failure: a retry loop around it.
 *
 * The advice is what the integration map, the inventory and hover show. It
 * is a recommendation, not a finding: `callout-blocks-save` reports the one
 * mismatch that fails saves.
 */
import type { Expr } from '../model/ir';
import { answerUse, type AnswerPart } from './answer-use';
import { callIndex } from './callindex';
import type { CalloutSite } from './callouts';
import type { ContextKind } from './contexts';
import { isRetryLoop } from './retry';
import type { MethodRef, Workspace } from './workspace';

export type AdvisedPattern = 'Request-Reply' | 'Fire-and-Forget' | 'Batch Data Sync';

export interface PatternAdvice {
  pattern: AdvisedPattern;
  /** One sentence: the factors that decided it. */
  reason: string;
  /** The factors as the code shows them. */
  answerUsed: boolean;
  userWaits: boolean;
  perRecord: boolean;
  retries: boolean;
}

const WAITING: ReadonlySet<ContextKind> = new Set(['aura', 'remote', 'visualforce', 'invocable', 'rest']);
const MAX_CALLERS = 20;

/**
 * Whether the answer of `send` is used: in its method, or — when the method
 * returns it — by a caller (one level up; a caller that returns it again
 * counts as a use, as does a method no one calls in the workspace).
 */
function answerUsedAt(workspace: Workspace, ref: MethodRef, send: Expr): boolean {
  const index = callIndex(workspace);
  const own = answerUse(ref.method, index.factsOf(ref).scope, send, 'response');
  if (own.usedAt) return true;
  if (!own.returned || own.returned === 'status') return false;
  const part: AnswerPart = own.returned;
  const callers = index.callersOf(ref.method);
  if (callers.length === 0 || callers.length > MAX_CALLERS) return true;
  for (const caller of callers) {
    const facts = index.factsOf(caller);
    for (const site of facts.calls) {
      if (!index.callees(caller, site).some((c) => c.method === ref.method)) continue;
      const use = answerUse(caller.method, facts.scope, site.expr, part);
      if (use.usedAt || (use.returned && use.returned !== 'status')) return true;
    }
  }
  return false;
}

/** A caller calls the method inside a synchronous retry loop (`while (!done && attempt < MAX)`). */
function retriedByCaller(workspace: Workspace, ref: MethodRef): boolean {
  const index = callIndex(workspace);
  const callers = index.callersOf(ref.method);
  if (callers.length > MAX_CALLERS) return false;
  return callers.some((caller) => {
    const isSend = index.callsOut(caller);
    return index
      .factsOf(caller)
      .calls.some(
        (site) => site.loops.length > 0 && index.callees(caller, site).some((c) => c.method === ref.method) && site.loops.some((l) => isRetryLoop(l, isSend)),
      );
  });
}

/** The advice for one send of `ref`, reached by `contexts` (and an event trigger when `fromEvent`). */
export function adviseSite(workspace: Workspace, ref: MethodRef, site: CalloutSite, contexts: readonly ContextKind[], fromEvent: boolean): PatternAdvice {
  const index = callIndex(workspace);
  const isSend = index.callsOut(ref);
  const retries = site.loops.some((l) => isRetryLoop(l, isSend)) || retriedByCaller(workspace, ref);
  const inBatch = contexts.includes('batch');
  const perRecord = inBatch || site.loops.some((l) => !isRetryLoop(l, isSend));
  const answerUsed = answerUsedAt(workspace, ref, site.call);
  const userWaits = contexts.some((k) => WAITING.has(k));
  const inTrigger = contexts.includes('trigger');
  const factors = { answerUsed, userWaits, perRecord, retries };
  const retryNote = retries ? '; the retry loop makes the caller wait out every attempt' : '';
  const advise = (pattern: AdvisedPattern, reason: string): PatternAdvice => ({ pattern, reason: reason + retryNote, ...factors });
  if (userWaits && answerUsed) {
    return advise(
      'Request-Reply',
      perRecord ? 'a user waits for the answer and the code uses it, one callout per record' : 'a user waits for the answer and the code uses it',
    );
  }
  if (userWaits)
    return advise('Fire-and-Forget', 'a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber');
  if (inTrigger) return advise('Fire-and-Forget', 'a trigger cannot wait on a callout: publish a Platform Event or enqueue a Queueable');
  const async = contexts.length > 0 && contexts.every((k) => k === 'queueable' || k === 'future' || k === 'batch');
  if (async && !inBatch) {
    return advise(
      'Fire-and-Forget',
      answerUsed ? 'runs after the save, where no one waits; the answer is written back here' : 'runs after the save, where no one waits',
    );
  }
  if (inBatch)
    return advise(
      'Batch Data Sync',
      answerUsed ? 'one callout per record in Batch Apex, and the code uses the answer' : 'one callout per record in Batch Apex',
    );
  if (perRecord && !answerUsed) return advise('Fire-and-Forget', 'one callout per record in a loop and nothing uses the answer: publish one event per record');
  if (perRecord) return advise('Batch Data Sync', 'one callout per record in a loop, and the code uses the answer: sync the records in batches');
  if (!answerUsed)
    return advise('Fire-and-Forget', fromEvent ? 'a Platform Event subscriber, and nothing uses the answer' : 'nothing uses the answer beyond its status');
  return advise('Request-Reply', 'the code uses the answer');
}
