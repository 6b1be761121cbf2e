/**
 * The integration map of a workspace, from the index: every callout site
 * (`Http.send`, and each call of a SOAP port's operation) with its request configuration, the transaction contexts and
 * entry points that reach it and the integration pattern it implements, and
 * every Platform Event with its Apex publishers and subscriber triggers.
 *
 * The pattern needs more than the contexts (which stop at async boundaries):
 * a Queueable is Fire-and-Forget when a Platform Event trigger started it. So
 * the search for entry points walks callers backwards and crosses the
 * boundaries: `System.enqueueJob(new Job())`, `Database.executeBatch(new
 * Batch())`, a call to a `@future` method.
 */
import type { Expr, MethodDecl, Span } from '../model/ir';
import { callIndex, isFutureMethod, methodLabel, type CallIndex } from './callindex';
import { calloutsOf, type CalloutSite } from './callouts';
import { CONTEXT_LABEL, contextsOf, entryKind, implementsInterface, type ContextKind } from './contexts';
import { adviseSite, type PatternAdvice } from './pattern-advice';
import { requestConfig, type RequestConfig } from './request-config';
import { dottedName } from './constants';
import { continuationRequestSite, continuationsOf } from './continuations';
import { soapOf } from './soap';
import { soapOperation, soapRequestConfig, type SoapOperation } from './soap-config';
import { forEachExprDeep } from './traverse';
import { derived, type AnalyzedFile, type MethodRef, type Workspace } from './workspace';

export type IntegrationPattern = 'Request-Reply' | 'Fire-and-Forget' | 'Batch Data Sync';

export interface CalloutEntry {
  ref: MethodRef;
  site: CalloutSite;
  config: RequestConfig;
  /** Transaction contexts that reach the send, in CONTEXT_LABEL order. */
  contexts: ContextKind[];
  /** Entry points that reach the send (across async starts), as people read them, sorted. */
  entryPoints: string[];
  patterns: IntegrationPattern[];
  /** Why no pattern applies, when none does. */
  noPattern?: string;
  /** A SOAP operation of a WSDL2Apex port, called at `site` (the row is the caller's call, not the generated invoke). */
  soap?: SoapOperation;
  /** A request added to a Continuation (`con.addHttpRequest(req)`): the Continuation's timeout in seconds when constant, and how many requests it holds. */
  continuation?: { timeoutSeconds?: number; requests: number };
  /** The pattern the code calls for, and why (pattern-advice.ts). */
  advice: PatternAdvice;
}

export interface EventPublisher {
  ref: MethodRef;
  span: Span;
}

export interface ApexPlatformEvent {
  /** API name as first written, e.g. `Order_Event__e`. */
  name: string;
  publishers: EventPublisher[];
  subscriberTriggers: MethodRef[];
}

const USER_FACING: ReadonlySet<ContextKind> = new Set(['aura', 'remote', 'rest', 'invocable', 'visualforce']);
const MAX_CALLERS = 5000;

/** `trigger X on Y__e`: a Platform Event subscriber. */
export function isEventTrigger(ref: MethodRef): boolean {
  return ref.type.kind === 'trigger' && !!ref.type.triggerObject?.endsWith('__e');
}

/** Methods that call each method, plus the methods that start an async job or a `@future` method. */
class Callers {
  private readonly byCallee = new Map<object, MethodRef[]>();

  constructor(private readonly index: CallIndex) {
    for (const ref of index.methods()) {
      for (const site of index.factsOf(ref).calls) {
        for (const callee of index.callees(ref, site)) this.add(callee.method, ref);
        // `new Job(...)` of a Queueable or Batchable starts its execute/start/finish later.
        if (site.expr.k === 'new') {
          const hit = index.resolver.findType(site.expr.type, ref.type);
          if (hit) this.add(hit.type, ref);
        }
      }
    }
  }

  private add(key: object, caller: MethodRef): void {
    const list = this.byCallee.get(key) ?? [];
    list.push(caller);
    this.byCallee.set(key, list);
  }

  of(ref: MethodRef): MethodRef[] {
    const direct = this.byCallee.get(ref.method) ?? [];
    const kind = entryKind(this.index, ref);
    if (kind === 'queueable' || kind === 'batch') return [...direct, ...(this.byCallee.get(ref.type) ?? [])];
    return direct;
  }
}

const CALLERS = derived<Callers>('callers across async starts');

/** Every entry point that reaches `ref`, crossing async starts. */
function originsOf(workspace: Workspace, ref: MethodRef): MethodRef[] {
  const index = callIndex(workspace);
  const callers = workspace.derive(CALLERS, () => new Callers(index));
  const seen = new Set<object>([ref.method]);
  const out: MethodRef[] = [];
  const stack = [ref];
  while (stack.length && seen.size < MAX_CALLERS) {
    const m = stack.pop()!;
    if (entryKind(index, m)) out.push(m);
    for (const c of callers.of(m)) {
      if (seen.has(c.method)) continue;
      seen.add(c.method);
      stack.push(c);
    }
  }
  return out;
}

function patternsOf(
  workspace: Workspace,
  ref: MethodRef,
  contexts: ContextKind[],
  origins: MethodRef[],
): { patterns: IntegrationPattern[]; noPattern?: string } {
  const index = callIndex(workspace);
  const patterns: IntegrationPattern[] = [];
  if (contexts.some((k) => USER_FACING.has(k))) patterns.push('Request-Reply');
  if (origins.some(isEventTrigger)) patterns.push('Fire-and-Forget');
  const inBatch = contexts.includes('batch') || (contexts.length === 0 && implementsInterface(index, ref.type, 'database.batchable'));
  if (inBatch) patterns.push('Batch Data Sync');
  if (patterns.length) return { patterns };
  if (origins.length === 0) return { patterns, noPattern: 'no entry point reaches it' };
  if (contexts.length === 1 && contexts[0] === 'trigger') return { patterns, noPattern: 'synchronous in a trigger (not allowed)' };
  return { patterns, noPattern: `runs in ${contexts.map((k) => CONTEXT_LABEL[k]).join(', ') || 'async work'} not started by a user or a Platform Event` };
}

function byLabel(a: string, b: string): number {
  return a.localeCompare(b);
}

/** Every callout site of the workspace, in file and source order. */
export function calloutEntries(workspace: Workspace): CalloutEntry[] {
  const index = callIndex(workspace);
  const order = Object.keys(CONTEXT_LABEL);
  const out: CalloutEntry[] = [];
  for (const ref of index.methods()) {
    // The generated `WebServiceCallout.invoke` of a port operation is listed where the operation is called.
    const sends = calloutsOf(workspace, ref.file, ref.type, ref.method).sends.filter((s) => !s.soap);
    const soap = soapOf(workspace, ref.file, ref.type, ref.method);
    const continuations = continuationsOf(workspace, ref.file, ref.type, ref.method);
    if (sends.length === 0 && soap.calls.length === 0 && continuations.length === 0) continue;
    const contexts = [...contextsOf(workspace, ref.method).keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const origins = originsOf(workspace, ref);
    const entryPoints = [...new Set(origins.map(methodLabel))].sort(byLabel);
    const pattern = patternsOf(workspace, ref, contexts, origins);
    const fromEvent = origins.some(isEventTrigger);
    for (const site of sends) {
      out.push({
        ref,
        site,
        config: requestConfig(workspace, ref.file, ref.type, ref.method, site),
        contexts,
        entryPoints,
        ...pattern,
        advice: adviseSite(workspace, ref, site, contexts, fromEvent),
      });
    }
    for (const call of soap.calls) {
      const site: CalloutSite = { call: call.call, span: call.span, timeoutMissing: call.timeoutMissing, loops: call.loops, soap: true };
      out.push({
        ref,
        site,
        advice: adviseSite(workspace, ref, site, contexts, fromEvent),
        config: soapRequestConfig(workspace, ref, soap, call),
        contexts,
        entryPoints,
        ...pattern,
        soap: soapOperation(workspace, call),
      });
    }
    // A Continuation's requests are sent by the platform after the method returns, with the Continuation's timeout.
    for (const con of continuations) {
      const seconds = con.timeouts.length === 1 ? con.timeouts[0].seconds : undefined;
      for (const request of con.requests) {
        const site = continuationRequestSite(request);
        const config = requestConfig(workspace, ref.file, ref.type, ref.method, site);
        out.push({
          ref,
          site,
          config: { ...config, timeout: seconds !== undefined ? { kind: 'ms', ms: seconds * 1000 } : { kind: 'unknown' } },
          contexts,
          entryPoints,
          ...pattern,
          continuation: { ...(seconds !== undefined ? { timeoutSeconds: seconds } : {}), requests: con.requests.length },
          advice: adviseSite(workspace, ref, site, contexts, fromEvent),
        });
      }
    }
  }
  return out.sort((a, b) => a.ref.file.path.localeCompare(b.ref.file.path) || a.site.span.start - b.site.span.start);
}

const EVENT_TYPE = /([a-z0-9_]+__e)\b/;

/** The Platform Event type an `EventBus.publish(...)` argument holds, when it can be told. */
function publishedEvent(e: Expr, scopeType: (x: Expr) => string | undefined): string | undefined {
  if (e.k === 'new') return EVENT_TYPE.exec(e.type)?.[1];
  const t = scopeType(e);
  return t ? EVENT_TYPE.exec(t)?.[1] : undefined;
}

function sourceName(file: AnalyzedFile, lower: string): string {
  if (!/^[a-z0-9_]+$/.test(lower)) return lower;
  const m = new RegExp(`\\b(${lower})\\b`, 'i').exec(file.source.text);
  return m?.[1] ?? lower;
}

/** Platform Events as Apex uses them: publishers (`EventBus.publish`) and subscriber triggers, by lower-cased name. */
export function apexPlatformEvents(workspace: Workspace): Map<string, ApexPlatformEvent> {
  const index = callIndex(workspace);
  const events = new Map<string, ApexPlatformEvent>();
  const get = (lower: string, file: AnalyzedFile) => {
    let ev = events.get(lower);
    if (!ev) {
      ev = { name: sourceName(file, lower), publishers: [], subscriberTriggers: [] };
      events.set(lower, ev);
    }
    return ev;
  };
  for (const ref of index.methods()) {
    if (isEventTrigger(ref)) get(ref.type.triggerObject!, ref.file).subscriberTriggers.push(ref);
    // What tests publish is not part of the org's integrations.
    if (!ref.method.body || workspace.isTestCode(ref.type, ref.method)) continue;
    const scope = index.factsOf(ref).scope;
    forEachExprDeep(ref.method.body, (e) => {
      if (e.k !== 'call' || e.name !== 'publish' || !e.target || !e.args[0]) return;
      const target = dottedName(e.target);
      if (target !== 'eventbus' && target !== 'system.eventbus') return;
      const name = publishedEvent(e.args[0], (x) => scope.typeOf(x)) ?? '(unknown event)';
      get(name, ref.file).publishers.push({ ref, span: e.span });
    });
  }
  return events;
}

const EVENT_REACH = derived<Map<MethodDecl, MethodRef | undefined>>('reached from Platform Event triggers');

/**
 * The methods that run in a Platform Event trigger's transaction, each with
 * the method that called it on one path from the trigger (undefined for the
 * trigger itself). `@future` calls leave the transaction and are not followed.
 */
export function reachedFromEventTriggers(workspace: Workspace): Map<MethodDecl, MethodRef | undefined> {
  return workspace.derive(EVENT_REACH, () => eventTriggerReach(workspace));
}

function eventTriggerReach(workspace: Workspace): Map<MethodDecl, MethodRef | undefined> {
  const reach = new Map<MethodDecl, MethodRef | undefined>();
  const index = callIndex(workspace);
  const queue: MethodRef[] = [];
  for (const ref of index.methods()) {
    if (!isEventTrigger(ref)) continue;
    reach.set(ref.method, undefined);
    queue.push(ref);
  }
  while (queue.length) {
    const ref = queue.shift()!;
    for (const site of index.factsOf(ref).calls) {
      for (const callee of index.callees(ref, site)) {
        if (reach.has(callee.method) || isFutureMethod(callee.method)) continue;
        reach.set(callee.method, ref);
        queue.push(callee);
      }
    }
  }
  return reach;
}
