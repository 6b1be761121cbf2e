/**
 * Continuations (long-running callouts from Visualforce and Lightning): a
 * `new Continuation(timeoutSeconds)` kept in a variable, the requests added
 * to it with `addHttpRequest(req)`, and its `timeout` when assigned later.
 * The platform's rules for them: at most three requests per Continuation,
 * and a timeout of at most 120 s (it replaces the requests' own timeouts).
 */
import type { Expr, MethodDecl, Span, TypeDecl } from '../model/ir';
import { baseType } from '../model/spans';
import { callSpan, type CallExpr, type CalloutSite } from './callouts';
import { fold } from './constants';
import type { LoopStmt } from './flow';
import { MethodScope } from './scope';
import { forEachExprDeep, forEachStmt } from './traverse';
import type { AnalyzedFile, Workspace } from './workspace';

export const MAX_CONTINUATION_REQUESTS = 3;
export const MAX_CONTINUATION_TIMEOUT_S = 120;

export interface ContinuationSite {
  /** The variable as written, when the Continuation is kept in one. */
  name?: string;
  /** `new Continuation(40)`. */
  creation: Extract<Expr, { k: 'new' }>;
  /** Every timeout it is given, in seconds when constant: the constructor's argument and `con.timeout = n`. */
  timeouts: { span: Span; value: Expr; seconds?: number }[];
  /** The `addHttpRequest(req)` calls on it, in source order. */
  requests: { call: CallExpr; span: Span; loops: LoopStmt[] }[];
}

/** Whether a `new` makes a Continuation (the system class, unless the project declares one). */
function isContinuation(workspace: Workspace, e: Expr): e is Extract<Expr, { k: 'new' }> {
  return e.k === 'new' && (baseType(e.type) === 'continuation' || e.type === 'system.continuation') && !workspace.findType('continuation');
}

/** The Continuations a method makes, each with its requests and timeouts. */
export function continuationsOf(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl): ContinuationSite[] {
  if (!method.body) return [];
  const out: ContinuationSite[] = [];
  const byName = new Map<string, ContinuationSite>();
  let creates = false;
  forEachExprDeep(method.body, (e) => {
    if (!creates && e.k === 'new' && baseType(e.type) === 'continuation') creates = true;
  });
  if (!creates) return [];
  const ctx = { workspace, type, scope: new MethodScope(workspace, file, type, method) };
  const seconds = (value: Expr) => {
    const v = fold(value, ctx);
    return v.kind === 'number' ? v.value : undefined;
  };
  const made = (creation: Extract<Expr, { k: 'new' }>, name?: string) => {
    const site: ContinuationSite = { ...(name ? { name } : {}), creation, timeouts: [], requests: [] };
    const arg = creation.args[0];
    if (arg) site.timeouts.push({ span: creation.span, value: arg, ...(seconds(arg) !== undefined ? { seconds: seconds(arg) } : {}) });
    out.push(site);
    if (name) byName.set(name.toLowerCase(), site);
  };
  forEachStmt(method.body, (s) => {
    if (s.k === 'local') for (const d of s.decls) if (d.init && isContinuation(workspace, d.init)) made(d.init, d.text);
  });
  // Loops enclosing each expression, for requests added per iteration.
  const loopsAt = new Map<Expr, LoopStmt[]>();
  forEachStmt(method.body, (s) => {
    if (s.k !== 'loop') return;
    forEachExprDeep(s.body, (e) => loopsAt.set(e, [...(loopsAt.get(e) ?? []), s]));
  });
  forEachExprDeep(method.body, (e) => {
    if (e.k === 'assign' && e.target.k === 'name' && isContinuation(workspace, e.value)) made(e.value, e.target.text);
    else if (e.k === 'assign' && e.target.k === 'field' && e.target.name === 'timeout' && e.target.target.k === 'name') {
      const site = byName.get(e.target.target.name);
      if (site) site.timeouts.push({ span: e.span, value: e.value, ...(seconds(e.value) !== undefined ? { seconds: seconds(e.value) } : {}) });
    } else if (e.k === 'call' && e.name === 'addhttprequest' && e.target?.k === 'name' && e.args.length === 1) {
      byName.get(e.target.name)?.requests.push({ call: e, span: callSpan(e), loops: loopsAt.get(e) ?? [] });
    }
  });
  for (const site of out) site.requests.sort((a, b) => a.span.start - b.span.start);
  return out;
}

/** A request added to a Continuation, as a callout site of its request (for the request's configuration). */
export function continuationRequestSite(request: ContinuationSite['requests'][number]): CalloutSite {
  const arg = request.call.args[0];
  return { call: request.call, span: request.span, timeoutMissing: false, loops: request.loops, ...(arg.k === 'name' ? { request: arg.name } : {}) };
}
