/**
 * Why a fix that moves code to another transaction was not offered. The
 * rules offer no fix then, and the finding carries the refused fix with its
 * reason in words (an editor shows it as a disabled code action, or in the
 * hover); listeners let tests and the corpus measurement count refusals by
 * kind (nothing else subscribes).
 */
import type { RefusedFix } from '../base/contracts';

export type RefusalReason =
  | 'test-class'
  | 'in-loop'
  | 'caught-callout-exception'
  | 'async-context-enqueues'
  | 'reads-static-state'
  | 'transaction-state'
  | 'argument-not-serialisable'
  | 'argument-mutated-after'
  | 'result-returned'
  | 'result-used'
  | 'not-a-static-call'
  | 'not-a-call'
  | 'receiver-not-rebuilt'
  | 'receiver-state'
  | 'uses-own-members'
  | 'retry-shape'
  | 'attempts-unknown'
  | 'no-free-name'
  | 'too-large'
  | 'not-an-event-field';

export interface Refusal {
  refused: RefusalReason;
  /** What a person reads: the field, the loop, the catch clause. */
  detail?: string;
}

export function refuse(refused: RefusalReason, detail?: string): Refusal {
  return detail ? { refused, detail } : { refused };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'refused' in x;
}

type Listener = (rule: string, refusal: Refusal) => void;
const listeners = new Set<Listener>();

/** Listen to refusals until the returned function is called. */
export function onRefusal(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The fix, or undefined after telling the listeners why there is none. */
export function offered<T>(rule: string, result: T | Refusal | undefined): T | undefined {
  if (result === undefined) return undefined;
  if (isRefusal(result)) {
    for (const l of listeners) l(rule, result);
    return undefined;
  }
  return result;
}

/** What a person reads after "not offered — ". */
export function reasonText(r: Refusal): string {
  const d = r.detail;
  switch (r.refused) {
    case 'test-class':
      return 'the code is in a test class';
    case 'in-loop':
      return 'the call is inside a loop: one job per iteration passes the limit of 50 jobs';
    case 'caught-callout-exception':
      return `a surrounding ${d ?? 'catch'} expects the callout's exceptions, and would be dead code after the move`;
    case 'async-context-enqueues':
      return d ?? 'this asynchronous transaction already enqueues a job: a second one throws a LimitException';
    case 'reads-static-state':
      return `the moved code reads static state (${d}), which a new transaction starts without`;
    case 'transaction-state':
      return `the moved code reads per-transaction state (${d})`;
    case 'argument-not-serialisable':
      return `a value that crosses into the job is not serialisable (${d})`;
    case 'argument-mutated-after':
      return `a value that crosses into the job changes after the call (${d})`;
    case 'result-returned':
      return "the call's result is returned";
    case 'result-used':
      return `the call's result is used after it${d ? ` (${d})` : ''}`;
    case 'not-a-static-call':
      return 'the call is neither to a static method of the project nor on an object the job can build again';
    case 'not-a-call':
      return 'the request is sent in this method: only a call to a method that calls out can move';
    case 'receiver-not-rebuilt':
      return `the job cannot build the receiver again: ${d}`;
    case 'receiver-state':
      return `the receiver may hold other state than a new one: ${d}`;
    case 'uses-own-members':
      return `the moved code uses members of its class (${d})`;
    case 'retry-shape':
      return `the loop is not a plain retry of one call${d ? `: ${d}` : ''}`;
    case 'attempts-unknown':
      return 'the number of attempts cannot be counted from the loop';
    case 'no-free-name':
      return `no free name for the job${d ? ` (${d})` : ''}`;
    case 'too-large':
      return d ?? 'too many methods behind the call';
    case 'not-an-event-field':
      return `a value that crosses has no Platform Event field type (${d}): only Id, String, Integer, Long, Decimal, Double, Boolean, Date, Datetime, sObjects and lists or sets of those do`;
  }
}

/** The refused fix a finding carries (title and reason), when `result` is a refusal. */
export function refusedFix(title: string, result: unknown): RefusedFix | undefined {
  return isRefusal(result) ? { title, reason: `not offered — ${reasonText(result)}` } : undefined;
}
