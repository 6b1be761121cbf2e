/**
 * What a member's tokens mention that makes it matter to the rules: a send
 * (a callout, a request, an event publish, a WSDL2Apex port's fields) or
 * pending work (DML, `Database`, `enqueueJob`, …). The words are the
 * analysis's own (base/apex-words.ts).
 */
import { PORT_FIELDS, SEND_METHODS, SEND_TYPES, WORK_WORDS } from '../base/apex-words';

export const SEND_WORDS: readonly string[] = [...SEND_TYPES, ...PORT_FIELDS];
/** The fields of a WSDL2Apex port a caller configures: a member that sets them is judged even when it calls no operation. */
export const PORT_WORDS: ReadonlySet<string> = new Set(PORT_FIELDS);
/** `WebServiceCallout.invoke` alone: a port operation, which matters only where it is called. */
export const SOAP_WORD = 'webservicecallout';
export const SEND_CALLS: readonly string[] = SEND_METHODS;

export const hasAny = (set: ReadonlySet<string>, words: readonly string[]) => words.some((w) => set.has(w));

/** Whether a member mentions a send or calls one (`send`, `setTimeout`, `setEndpoint`, `setHeader`). */
export function mentionsSend(m: { idents: ReadonlySet<string>; calls: ReadonlySet<string> }): boolean {
  return hasAny(m.idents, SEND_WORDS) || hasAny(m.calls, SEND_CALLS);
}

/** Whether a member mentions pending work. */
export function mentionsWork(m: { idents: ReadonlySet<string> }): boolean {
  return hasAny(m.idents, WORK_WORDS);
}
