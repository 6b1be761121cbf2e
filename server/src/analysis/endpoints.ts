/**
 * Endpoint URLs the code writes itself. A URL is hard-coded when the code
 * fixes its host: `'https://erp.example.com/' + path` is, `'https://' + host`
 * is not (the host comes from elsewhere). A ternary between two literal
 * hosts (`isSandbox ? 'https://test…' : 'https://login…'`) is hard-coded on
 * both branches. Literals also reach `setEndpoint` through a parameter of a
 * project helper (`CalloutUtils.prepareRequest(url, …)`): the helper's
 * parameters that head its `setEndpoint(...)` are found here, so that the
 * finding goes on the literal in the caller, where a person changes it.
 */
import type { Expr, MethodDecl, TypeDecl } from '../model/ir';
import { calloutsOf, type RequestCall } from './callouts';
import { fold, leadingLiteral, type Folded, type LiteralRef } from './constants';
import type { MethodScope } from './scope';
import { forEachExprDeep, forEachStmt } from './traverse';
import { setterParams, type SetterParam } from './setter-params';
import type { AnalyzedFile, MethodRef, Workspace } from './workspace';

export interface EndpointValue {
  value: Extract<Folded, { kind: 'string' }>;
  literal?: LiteralRef;
}

/**
 * The folded values an endpoint expression may have on the paths of its
 * method: one per branch of a ternary, and one per value a local is assigned
 * (`String url = 'https://…'; if (next != null) url = next;` is hard-coded on
 * the path that keeps the literal).
 */
export function endpointValues(e: Expr, workspace: Workspace, file: AnalyzedFile, type: TypeDecl, scope: MethodScope): EndpointValue[] {
  const ctx = { workspace, type, scope };
  return alternatives(e, scope, 0).flatMap((alt) => single(fold(alt, ctx), leadingLiteral(alt, { ...ctx, file })));
}

const MAX_ALTERNATIVES = 8;

/** The expressions `e` may stand for: ternaries split, locals replaced by what they are assigned, concatenation kept. */
function alternatives(e: Expr, scope: MethodScope, depth: number): Expr[] {
  if (depth > 8) return [e];
  if (e.k === 'cond') return [...alternatives(e.then, scope, depth + 1), ...alternatives(e.else, scope, depth + 1)].slice(0, MAX_ALTERNATIVES);
  if (e.k === 'binary' && e.op === '+') {
    const lefts = alternatives(e.left, scope, depth + 1);
    return lefts.length === 1 && lefts[0] === e.left ? [e] : lefts.map((left) => ({ ...e, left }));
  }
  if (e.k === 'name') {
    const values = assignedValues(scope, e.name);
    if (values) return values.flatMap((v) => alternatives(v, scope, depth + 1)).slice(0, MAX_ALTERNATIVES);
  }
  return [e];
}

/** Every value a local of the method is given (`=` only; undefined when it is changed any other way, or is a parameter). */
function assignedValues(scope: MethodScope, name: string): Expr[] | undefined {
  const local = scope.locals.get(name);
  if (!local || scope.method.params.some((p) => p.name === name)) return undefined;
  if (local.single && local.assignments === 1) return [local.single];
  if (!scope.method.body) return undefined;
  const out: Expr[] = [];
  let other = false;
  forEachStmt(scope.method.body, (st) => {
    if (st.k === 'local') for (const d of st.decls) if (d.name === name && d.init) out.push(d.init);
  });
  forEachExprDeep(scope.method.body, (x) => {
    if (x.k === 'assign' && x.target.k === 'name' && x.target.name === name) {
      if (x.op === '=') out.push(x.value);
      // `url += '?expand=…'` appends: the head of the URL stays what it was.
      else if (x.op !== '+=') other = true;
    }
    if (x.k === 'unary' && x.operand.k === 'name' && x.operand.name === name) other = true;
  });
  return other || !out.length ? undefined : out;
}

function single(value: Folded, literal: LiteralRef | undefined): EndpointValue[] {
  return value.kind === 'string' ? [{ value, ...(literal ? { literal } : {}) }] : [];
}

/** Whether the code fixes the URL's scheme and host: `https://erp.example.com…`, not `https://` + a variable. */
export function hasLiteralHost(v: Extract<Folded, { kind: 'string' }>): boolean {
  const m = /^https?:\/\/([^/?#]*)/i.exec(v.prefix);
  if (!m || m[1] === '') return false;
  return v.complete || m[0].length < v.prefix.length || m[1].includes('.');
}

/** Where a helper's parameter becomes a request's endpoint (setter-params.ts). */
export type EndpointParam = SetterParam;

/**
 * The parameters of a project method that become the argument of a
 * `setEndpoint(...)` (whole, or as the head of a concatenation), by index:
 * in the method itself, or in a helper it passes the value on to (an
 * overload, then the sender), a few calls deep.
 */
export function endpointParams(workspace: Workspace, ref: MethodRef): Map<number, EndpointParam> {
  return setterParams(workspace, ref, { setter: 'setendpoint', concatHead: true });
}

/** Every `setEndpoint(...)` of the member with its folded value. */
export function endpointsOf(
  workspace: Workspace,
  file: AnalyzedFile,
  type: TypeDecl,
  method: MethodDecl,
): { call: RequestCall; value: Folded; literal?: LiteralRef }[] {
  const facts = calloutsOf(workspace, file, type, method);
  return facts.requestCalls
    .filter((rc) => rc.method === 'setendpoint' && rc.call.args.length === 1)
    .flatMap((rc) => {
      const values = endpointValues(rc.call.args[0], workspace, file, type, facts.scope);
      return values.length ? values.map((v) => ({ call: rc, ...v })) : [{ call: rc, value: { kind: 'unknown' } as Folded }];
    });
}
