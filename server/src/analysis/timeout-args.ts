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
import type { Expr, MethodDecl } from '../model/ir';
import { callIndex } from './callindex';
import type { MethodCallouts, RequestCall } from './callouts';
import { setterParams, type SetterParam } from './setter-params';
import { derived, type MethodRef, type Workspace } from './workspace';

/** Where a helper's parameter becomes a request's timeout (setter-params.ts). */
export type TimeoutParam = SetterParam;

/** A caller's argument that becomes a timeout in a helper. */
export interface TimeoutArgument {
  /** The argument as written in the caller. */
  value: Expr;
  helper: MethodRef;
  param: TimeoutParam;
}

/** `setTimeout` of a Continuation's request is not the callout's: its own timeout applies. */
const TIMEOUT_SETTER = {
  setter: 'settimeout',
  concatHead: false,
  skip: (rc: RequestCall, facts: MethodCallouts) => !!rc.request && facts.continuationRequests.has(rc.request),
};
const PARAMS = derived<Map<MethodDecl, Map<number, TimeoutParam>>>('timeout parameters');

/** The parameters of a project method that become the argument of a `setTimeout(...)`, by index (memoised per workspace). */
export function timeoutParams(workspace: Workspace, ref: MethodRef): Map<number, TimeoutParam> {
  const memo = workspace.derive(PARAMS, () => new Map());
  let found = memo.get(ref.method);
  if (!found) {
    found = setterParams(workspace, ref, TIMEOUT_SETTER);
    memo.set(ref.method, found);
  }
  return found;
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
