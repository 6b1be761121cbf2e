/**
 * Helper parameters that become the argument of a request setter: a helper
 * `call(method, url, timeoutMs)` doing `req.setEndpoint(url)` or
 * `req.setTimeout(timeoutMs)`, itself or through helpers it hands the value
 * to (a few calls deep). The setter folds to nothing on its own; bound to a
 * caller's argument it has the caller's value, and the argument is the line a
 * person changes. The parameter must reach the setter unchanged (through a
 * cast, or a local assigned once from it) and never be assigned again.
 * Endpoints (endpoints.ts) also take a parameter at the head of a
 * concatenation (`url + '/orders'`); timeouts (timeout-args.ts) take it whole.
 */
import type { Expr, MethodDecl, Span } from '../model/ir';
import { methodLabel } from './chain';
import { calloutsOf, callSpan, type MethodCallouts, type RequestCall } from './callouts';
import { resolverFor } from './resolve';
import type { MethodScope } from './scope';
import { forEachExprDeep } from './traverse';
import type { AnalyzedFile, MethodRef, Workspace } from './workspace';

/** Where a helper's parameter becomes a setter's argument. */
export interface SetterParam {
  call: RequestCall;
  /** The method that calls the setter (the helper itself, or one it passes the value to). */
  owner: MethodRef;
  /** The calls that hand the value on, from the helper down to the owner (empty when the helper calls the setter itself). */
  via: { file: AnalyzedFile; span: Span; label: string }[];
}

export interface SetterSpec {
  /** The setter, lower case: `setendpoint`, `settimeout`. */
  setter: string;
  /** Whether the parameter may be the head of a `+` concatenation (an endpoint's base URL). */
  concatHead: boolean;
  /** Setter calls that do not count (a Continuation's request has its own timeout). */
  skip?: (rc: RequestCall, facts: MethodCallouts) => boolean;
}

const MAX_HELPER_DEPTH = 4;

/** The parameters of `ref` that become the argument of the setter, by index. */
export function setterParams(workspace: Workspace, ref: MethodRef, spec: SetterSpec, depth = 0, seen = new Set<MethodDecl>()): Map<number, SetterParam> {
  const out = new Map<number, SetterParam>();
  if (!ref.method.body || !ref.method.params.length || seen.has(ref.method)) return out;
  seen.add(ref.method);
  const facts = calloutsOf(workspace, ref.file, ref.type, ref.method);
  const paramIndex = (e: Expr) => {
    const name = paramName(e, facts.scope, spec.concatHead);
    const index = name === undefined ? -1 : ref.method.params.findIndex((p) => p.name === name);
    return index >= 0 && facts.scope.locals.get(name!)?.assignments === 1 ? index : -1;
  };
  for (const rc of facts.requestCalls) {
    if (rc.method !== spec.setter || rc.call.args.length !== 1 || spec.skip?.(rc, facts)) continue;
    const index = paramIndex(rc.call.args[0]);
    if (index >= 0 && !out.has(index)) out.set(index, { call: rc, owner: ref, via: [] });
  }
  if (depth >= MAX_HELPER_DEPTH) return out;
  // Handed on: `return send(method, url, body, timeoutMs)`, where the callee calls the setter.
  forEachExprDeep(ref.method.body, (x) => {
    if (x.k !== 'call' || !x.args.length) return;
    const indexes = x.args.map(paramIndex);
    if (indexes.every((i) => i < 0 || out.has(i))) return;
    const callees = resolverFor(workspace).resolveCall(facts.scope, x);
    if (callees.length !== 1) return;
    const deeper = setterParams(workspace, callees[0], spec, depth + 1, seen);
    indexes.forEach((index, argIndex) => {
      const hit = deeper.get(argIndex);
      if (index < 0 || out.has(index) || !hit) return;
      out.set(index, { ...hit, via: [{ file: ref.file, span: callSpan(x), label: methodLabel(callees[0]) }, ...hit.via] });
    });
  });
  return out;
}

/** The name `e` reads: through casts and locals assigned once, and (for endpoints) the head of a concatenation. */
function paramName(e: Expr, scope: MethodScope, concatHead: boolean, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (concatHead && e.k === 'binary' && e.op === '+') return paramName(e.left, scope, concatHead, depth + 1);
  if (e.k === 'cast') return paramName(e.expr, scope, concatHead, depth + 1);
  if (e.k !== 'name') return undefined;
  const local = scope.locals.get(e.name);
  if (local?.single && local.assignments === 1) return paramName(local.single, scope, concatHead, depth + 1) ?? e.name;
  return e.name;
}
