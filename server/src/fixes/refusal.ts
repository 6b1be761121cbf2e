/**
 * Why a fix that moves code to another transaction was not offered. The
 * rules offer no fix then; the reasons are kept apart from the fix so that
 * tests can say *why* nothing was offered and the corpus measurement can
 * count refusals by kind (listeners are for them: nothing else subscribes).
 */
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
  | 'receiver-not-rebuilt'
  | 'receiver-state'
  | 'uses-own-members'
  | 'retry-shape'
  | 'attempts-unknown'
  | 'no-free-name'
  | 'too-large';

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
