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

/**
 * Whether a member names an `HttpRequest` field of its own class (`fields`:
 * the class's fields by name, with their types): analysis/request-fields.ts
 * follows a wrapper's request across the class's methods.
 */
export function namesRequestField(m: { idents: ReadonlySet<string> }, fields: ReadonlyMap<string, ReadonlySet<string>> | undefined): boolean {
  if (!fields) return false;
  for (const [name, types] of fields) if (types.has('httprequest') && m.idents.has(name)) return true;
  return false;
}

/** The fflib_SObjectDomain methods its triggerHandler() runs for an event (analysis/trigger-dispatch.ts). */
export const FFLIB_EVENT_METHODS: ReadonlySet<string> = new Set(
  ['ApplyDefaults', 'Validate', 'BeforeInsert', 'BeforeUpdate', 'BeforeDelete', 'AfterInsert', 'AfterUpdate', 'AfterDelete', 'AfterUndelete'].flatMap((e) => [
    `on${e}`.toLowerCase(),
    `handle${e}`.toLowerCase(),
  ]),
);
