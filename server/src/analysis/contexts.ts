/**
 * Transaction contexts: which entry points reach a method. An entry point is
 * a trigger body; an `@AuraEnabled`, `@RemoteAction`, `@InvocableMethod` or
 * REST (`@HttpGet` …) method, or a Visualforce controller action
 * (synchronous); `Queueable.execute`, `Database.Batchable` start / execute /
 * finish and `@future` methods (asynchronous); `Schedulable.execute`.
 * Contexts flow down the call graph and stop at async boundaries (a `@future`
 * method is its own entry point). A method no entry point reaches runs in an
 * unknown context, which counts as synchronous.
 */
import type { MethodDecl, TypeDecl } from '../model/ir';
import { baseType } from '../model/spans';
import { callIndex, isFutureMethod, type CallIndex } from './callindex';
import { derived, hasAnnotation, type MethodRef, type Workspace } from './workspace';

export type ContextKind = 'trigger' | 'aura' | 'remote' | 'rest' | 'invocable' | 'visualforce' | 'queueable' | 'batch' | 'future' | 'schedulable';

export const CONTEXT_LABEL: Record<ContextKind, string> = {
  trigger: 'trigger',
  aura: '@AuraEnabled',
  remote: '@RemoteAction',
  rest: 'REST resource',
  invocable: '@InvocableMethod',
  visualforce: 'Visualforce controller',
  queueable: 'Queueable',
  batch: 'Batch Apex',
  future: '@future',
  schedulable: 'Schedulable',
};

const ASYNC: ReadonlySet<ContextKind> = new Set(['queueable', 'batch', 'future']);

export function isAsyncContext(kind: ContextKind): boolean {
  return ASYNC.has(kind);
}

const REST_ANNOTATIONS = ['httpget', 'httppost', 'httpput', 'httppatch', 'httpdelete'];

/** Whether `type` implements the interface `name` (e.g. `database.allowscallouts`), itself or through a superclass or interface. */
export function implementsInterface(index: CallIndex, type: TypeDecl, name: string): boolean {
  const seen = new Set<TypeDecl>();
  const stack = [type];
  while (stack.length) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    if (t.implements.some((i) => baseType(i) === name)) return true;
    for (const sup of index.resolver.directSupertypes(t)) stack.push(sup.type);
  }
  return false;
}

function paramType(m: MethodDecl, i: number): string {
  return baseType(m.params[i]?.type ?? '');
}

/** The entry-point kind of a method itself, if it is one. */
export function entryKind(index: CallIndex, ref: MethodRef): ContextKind | undefined {
  const { type, method } = ref;
  if (method.kind === 'trigger') return 'trigger';
  if (method.kind !== 'method') return undefined;
  if (isFutureMethod(method)) return 'future';
  if (hasAnnotation(method, 'auraenabled')) return 'aura';
  if (hasAnnotation(method, 'remoteaction')) return 'remote';
  if (hasAnnotation(method, 'invocablemethod')) return 'invocable';
  if (REST_ANNOTATIONS.some((a) => hasAnnotation(method, a))) return 'rest';
  const is = (name: string) => implementsInterface(index, type, name);
  if (method.name === 'execute' && method.params.length === 1) {
    if (paramType(method, 0) === 'schedulablecontext' && is('schedulable')) return 'schedulable';
    if (paramType(method, 0) === 'queueablecontext' && is('queueable')) return 'queueable';
  }
  if (['start', 'execute', 'finish'].includes(method.name) && is('database.batchable')) return 'batch';
  if (isVisualforceAction(type, method)) return 'visualforce';
  return undefined;
}

/** A public action of a class built for a Visualforce page: it returns a PageReference, or the class takes a standard controller. */
function isVisualforceAction(type: TypeDecl, method: MethodDecl): boolean {
  if (method.modifiers.includes('static') || method.modifiers.includes('private')) return false;
  if (baseType(method.returnType) === 'pagereference') return true;
  return type.methods.some(
    (m) => m.kind === 'constructor' && m.params.some((p) => ['apexpages.standardcontroller', 'apexpages.standardsetcontroller'].includes(baseType(p.type))),
  );
}

const CONTEXTS = derived<Map<MethodDecl, Map<ContextKind, MethodRef>>>('transaction contexts');

/** The contexts that reach each method, each with one entry point that does. */
function contextMap(workspace: Workspace): Map<MethodDecl, Map<ContextKind, MethodRef>> {
  return workspace.derive(CONTEXTS, () => buildContextMap(workspace));
}

function buildContextMap(workspace: Workspace): Map<MethodDecl, Map<ContextKind, MethodRef>> {
  const map = new Map<MethodDecl, Map<ContextKind, MethodRef>>();
  const index = callIndex(workspace);
  const queue: MethodRef[] = [];
  for (const ref of index.methods()) {
    const kind = entryKind(index, ref);
    if (!kind) continue;
    map.set(ref.method, new Map([[kind, ref]]));
    queue.push(ref);
  }
  // Each method gains each of the ten kinds at most once, so this ends.
  while (queue.length) {
    const ref = queue.pop()!;
    const mine = map.get(ref.method)!;
    for (const site of index.factsOf(ref).calls) {
      for (const callee of index.callees(ref, site)) {
        if (isFutureMethod(callee.method)) continue;
        let theirs = map.get(callee.method);
        let grew = false;
        for (const [kind, entry] of mine) {
          if (theirs?.has(kind)) continue;
          theirs ??= new Map();
          theirs.set(kind, entry);
          grew = true;
        }
        if (!grew) continue;
        map.set(callee.method, theirs!);
        queue.push(callee);
      }
    }
  }
  return map;
}

/** The transaction contexts that may run `method`, with an entry point for each; empty when unknown. */
export function contextsOf(workspace: Workspace, method: MethodDecl): ReadonlyMap<ContextKind, MethodRef> {
  return contextMap(workspace).get(method) ?? new Map();
}

/**
 * Async only when every context that reaches the method is asynchronous.
 * When no entry point reaches it, the method's own class decides (a
 * Queueable or Batchable class, a `@future` method); otherwise unknown
 * counts as synchronous.
 */
export function runsOnlyAsync(workspace: Workspace, ref: MethodRef): boolean {
  const contexts = contextsOf(workspace, ref.method);
  if (contexts.size > 0) return [...contexts.keys()].every(isAsyncContext);
  const index = callIndex(workspace);
  return isFutureMethod(ref.method) || implementsInterface(index, ref.type, 'queueable') || implementsInterface(index, ref.type, 'database.batchable');
}

/** "trigger OrderTrigger, @AuraEnabled OrderController.save()" — for messages. */
export function describeContexts(contexts: ReadonlyMap<ContextKind, MethodRef>): string {
  const order = Object.keys(CONTEXT_LABEL);
  return [...contexts]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([kind, entry]) => (kind === 'trigger' ? `trigger ${entry.type.text}` : `${CONTEXT_LABEL[kind]} ${entry.type.text}.${entry.method.text}()`))
    .join(', ');
}
