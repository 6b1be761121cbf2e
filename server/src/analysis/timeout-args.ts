/**
 * Timeouts handed to a helper as arguments: `CalloutService.call('POST',
 * url, 200000)`, where the helper (or a helper it passes the value on to)
 * does `req.setTimeout(timeoutMs)`. The helper's `setTimeout` folds to
 * nothing on its own; bound to the caller's argument, it has the caller's
 * value, and the argument is the line a person changes. The same shape as
 * the endpoint parameters of endpoints.ts: the parameter must be the whole
 * argument of `setTimeout` (directly, through a cast, or through a local
 * assigned once from it) and never be assigned again.
 */
import type { Expr, MethodDecl, Span } from '../model/ir';
import { methodLabel } from './chain';
import { callIndex } from './callindex';
import { calloutsOf, callSpan, type RequestCall } from './callouts';
import { resolverFor } from './resolve';
import type { MethodScope } from './scope';
import { forEachExprDeep } from './traverse';
import { derived, type AnalyzedFile, type MethodRef, type Workspace } from './workspace';

/** Where a helper's parameter becomes a request's timeout. */
export interface TimeoutParam {
  call: RequestCall;
  /** The method that calls `setTimeout` (the helper itself, or one it passes the value to). */
  owner: MethodRef;
  /** The calls that hand the value on, from the helper down to the owner. */
  via: { file: AnalyzedFile; span: Span; label: string }[];
}

/** A caller's argument that becomes a timeout in a helper. */
export interface TimeoutArgument {
  /** The argument as written in the caller. */
  value: Expr;
  helper: MethodRef;
  param: TimeoutParam;
}

const MAX_HELPER_DEPTH = 4;
const PARAMS = derived<Map<MethodDecl, Map<number, TimeoutParam>>>('timeout parameters');

/** The parameters of a project method that become the argument of a `setTimeout(...)`, by index (memoised per workspace). */
export function timeoutParams(workspace: Workspace, ref: MethodRef): Map<number, TimeoutParam> {
  const memo = workspace.derive(PARAMS, () => new Map());
  let found = memo.get(ref.method);
  if (!found) {
    found = paramsOf(workspace, ref, 0, new Set());
    memo.set(ref.method, found);
  }
  return found;
}

function paramsOf(workspace: Workspace, ref: MethodRef, depth: number, seen: Set<MethodDecl>): Map<number, TimeoutParam> {
  const out = new Map<number, TimeoutParam>();
  if (!ref.method.body || !ref.method.params.length || seen.has(ref.method)) return out;
  seen.add(ref.method);
  const facts = calloutsOf(workspace, ref.file, ref.type, ref.method);
  const paramIndex = (e: Expr) => {
    const name = wholeName(e, facts.scope);
    const index = name === undefined ? -1 : ref.method.params.findIndex((p) => p.name === name);
    return index >= 0 && facts.scope.locals.get(name!)?.assignments === 1 ? index : -1;
  };
  for (const rc of facts.requestCalls) {
    if (rc.method !== 'settimeout' || rc.call.args.length !== 1) continue;
    // A Continuation's request: its own timeout applies.
    if (rc.request && facts.continuationRequests.has(rc.request)) continue;
    const index = paramIndex(rc.call.args[0]);
    if (index >= 0 && !out.has(index)) out.set(index, { call: rc, owner: ref, via: [] });
  }
  if (depth >= MAX_HELPER_DEPTH) return out;
  // Handed on: `return send(method, url, body, timeoutMs)`, where the callee sets it.
  forEachExprDeep(ref.method.body, (x) => {
    if (x.k !== 'call' || !x.args.length) return;
    const indexes = x.args.map(paramIndex);
    if (indexes.every((i) => i < 0 || out.has(i))) return;
    const callees = resolverFor(workspace).resolveCall(facts.scope, x);
    if (callees.length !== 1) return;
    const deeper = paramsOf(workspace, callees[0], depth + 1, seen);
    indexes.forEach((index, argIndex) => {
      const hit = deeper.get(argIndex);
      if (index < 0 || out.has(index) || !hit) return;
      out.set(index, { ...hit, via: [{ file: ref.file, span: callSpan(x), label: methodLabel(callees[0]) }, ...hit.via] });
    });
  });
  return out;
}

/** The parameter or local an expression is, whole: through casts and locals assigned once. */
function wholeName(e: Expr, scope: MethodScope, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (e.k === 'cast') return wholeName(e.expr, scope, depth + 1);
  if (e.k !== 'name') return undefined;
  const local = scope.locals.get(e.name);
  if (local?.single && local.assignments === 1) return wholeName(local.single, scope, depth + 1) ?? e.name;
  return e.name;
}

/** The arguments of one method's calls that a helper makes a request's timeout. */
export function timeoutArguments(workspace: Workspace, ref: MethodRef): TimeoutArgument[] {
  if (!ref.method.body) return [];
  const out: TimeoutArgument[] = [];
  // The call index has resolved every call of the method already.
  for (const site of callIndex(workspace).factsOf(ref).calls) {
    if (site.expr.k !== 'call' || !site.expr.args.length || site.callees.length !== 1) continue;
    for (const [index, param] of timeoutParams(workspace, site.callees[0])) {
      const value = site.expr.args[index];
      if (value) out.push({ value, helper: site.callees[0], param });
    }
  }
  return out;
}
