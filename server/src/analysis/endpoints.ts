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
import type { Expr, MethodDecl, Span, TypeDecl } from '../model/ir';
import { methodLabel } from './chain';
import { resolverFor } from './resolve';
import { calloutsOf, type RequestCall } from './callouts';
import { fold, leadingLiteral, type Folded, type LiteralRef } from './constants';
import type { MethodScope } from './scope';
import { forEachExprDeep, forEachStmt } from './traverse';
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

/** Where a helper's parameter ends up as the endpoint: the `setEndpoint(...)`, the method it is in, and the calls that pass it on. */
export interface EndpointParam {
  call: RequestCall;
  /** The method that calls `setEndpoint` (the helper itself, or a helper it passes the value to). */
  owner: MethodRef;
  /** The calls that hand the value on, from the helper down to the owner (empty when the helper sets it itself). */
  via: { file: AnalyzedFile; span: Span; label: string }[];
}

const MAX_HELPER_DEPTH = 4;

/**
 * The parameters of a project method whose value heads a `setEndpoint(...)`
 * argument (`req.setEndpoint(url)`, `req.setEndpoint(base + path)`), by index:
 * in the method itself, or in a helper it passes the value on to (an
 * overload, then the sender), a few calls deep.
 */
export function endpointParams(workspace: Workspace, ref: MethodRef, depth = 0, seen = new Set<MethodDecl>()): Map<number, EndpointParam> {
  const out = new Map<number, EndpointParam>();
  if (!ref.method.body || seen.has(ref.method)) return out;
  seen.add(ref.method);
  const facts = calloutsOf(workspace, ref.file, ref.type, ref.method);
  const paramIndex = (e: Expr) => {
    const name = headName(e, facts.scope);
    const index = name === undefined ? -1 : ref.method.params.findIndex((p) => p.name === name);
    return index >= 0 && facts.scope.locals.get(name!)?.assignments === 1 ? index : -1;
  };
  for (const rc of facts.requestCalls) {
    if (rc.method !== 'setendpoint' || rc.call.args.length !== 1) continue;
    const index = paramIndex(rc.call.args[0]);
    if (index >= 0 && !out.has(index)) out.set(index, { call: rc, owner: ref, via: [] });
  }
  if (depth >= MAX_HELPER_DEPTH) return out;
  // Handed on: `return send(method, url, null)`, where the callee sets it.
  forEachExprDeep(ref.method.body, (x) => {
    if (x.k !== 'call' || !x.args.length) return;
    const indexes = x.args.map(paramIndex);
    if (indexes.every((i) => i < 0 || out.has(i))) return;
    const callees = resolverFor(workspace).resolveCall(facts.scope, x);
    if (callees.length !== 1) return;
    const deeper = endpointParams(workspace, callees[0], depth + 1, seen);
    indexes.forEach((index, argIndex) => {
      const hit = deeper.get(argIndex);
      if (index < 0 || out.has(index) || !hit) return;
      const step = { file: ref.file, span: { start: x.nameSpan.start, end: x.span.end }, label: methodLabel(callees[0]) };
      out.set(index, { ...hit, via: [step, ...hit.via] });
    });
  });
  return out;
}

/** The parameter or local an expression starts with, through concatenation and single-assignment locals. */
function headName(e: Expr, scope: MethodScope, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (e.k === 'binary' && e.op === '+') return headName(e.left, scope, depth + 1);
  if (e.k === 'cast') return headName(e.expr, scope, depth + 1);
  if (e.k !== 'name') return undefined;
  const local = scope.locals.get(e.name);
  if (local?.single && local.assignments === 1) return headName(local.single, scope, depth + 1) ?? e.name;
  return e.name;
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
