/**
 * Callout facts of one method, computed once and shared by the rules:
 * `Http.send` sites with the timeout state of their request, the
 * `WebServiceCallout.invoke` sites of WSDL2Apex ports (a SOAP callout, the
 * same to the platform as `Http.send`; its timeout is the port's `timeout_x`,
 * judged where the port is used: see soap.ts), the calls that configure
 * requests (`setTimeout`, `setEndpoint`, `setHeader`), and `EventBus.publish`
 * sites.
 *
 * Timeout state is a may-analysis inside the method (docs/principles.md "Path
 * semantics"): a request is "unset" at a point when some path to it left it
 * without `setTimeout` (set on one branch only, it is sent without one on the
 * other). A request that escapes into another method or comes from somewhere
 * we cannot see counts as set on that path.
 */
import type { Expr, MethodDecl, Span, Stmt, TypeDecl, VarDecl } from '../model/ir';
import { baseType } from '../model/spans';
import { FlowWalker, type FlowDomain, type FlowPoint, type LoopStmt } from './flow';
import { MethodScope } from './scope';
import { resolverFor } from './resolve';
import { computing, derived, perMethod, type AnalyzedFile, type MethodRef, type PerMethod, type Workspace } from './workspace';
import { forEachExpr, forEachExprDeep, forEachStmt } from './traverse';

export type CallExpr = Extract<Expr, { k: 'call' }>;

export interface CalloutSite {
  call: CallExpr;
  /** From the method name to the closing parenthesis: `send(req)`. */
  span: Span;
  /** The request variable, when the request is a named local/parameter/field. */
  request?: string;
  /** True when some path to this send leaves its request without a timeout. */
  timeoutMissing: boolean;
  /** Enclosing loops, outermost first. */
  loops: LoopStmt[];
  /** `WebServiceCallout.invoke(...)` of a WSDL2Apex port, rather than `Http.send`. */
  soap?: true;
}

/** The words a related location gives a callout site. */
export function calloutLabel(site: Pick<CalloutSite, 'soap'>): string {
  return site.soap ? 'callout (WebServiceCallout.invoke)' : 'callout (Http.send)';
}

export interface RequestCall {
  call: CallExpr;
  span: Span;
  method: 'settimeout' | 'setendpoint' | 'setheader';
  request?: string;
}

export interface MethodCallouts {
  scope: MethodScope;
  sends: CalloutSite[];
  requestCalls: RequestCall[];
  /** Request variables handed to a Continuation (its own timeout applies). */
  continuationRequests: Set<string>;
  /** Whether an expression of this method is a callout (`Http.send`). */
  isSend: (e: Expr) => boolean;
  /** Whether the method returns, on every `return`, a request without a timeout. */
  returnsUnsetRequest: boolean;
}

export function callSpan(call: CallExpr): Span {
  return { start: call.nameSpan.start, end: call.span.end };
}

/**
 * `WebServiceCallout.invoke(stub, request, responseMap, infoArray)`: the
 * SOAP callout WSDL2Apex generates in every port operation, unless a project
 * class (or a variable) named `WebServiceCallout` shadows the system class.
 */
export function isSoapCallout(call: CallExpr, scope: MethodScope): boolean {
  if (call.name !== 'invoke' || call.args.length !== 4 || call.target?.k !== 'name' || call.target.name !== 'webservicecallout') return false;
  return !scope.locals.has('webservicecallout') && !scope.workspace.findType('webservicecallout', scope.type);
}

/** `x.send(req)` where `x` is an `Http` (or, if untyped, `req` is an `HttpRequest`), or a SOAP `WebServiceCallout.invoke`. */
export function isCallout(call: CallExpr, scope: MethodScope): boolean {
  if (call.name === 'invoke') return isSoapCallout(call, scope);
  if (call.name !== 'send' || !call.target || call.args.length !== 1) return false;
  const t = scope.typeOf(call.target);
  // A workspace class named Http shadows System.Http unless the code says System.Http.
  if (t !== undefined) return t === 'system.http' || (baseType(t) === 'http' && !scope.workspace.findType('http'));
  // A project's own wrapper (`CalloutService.send(req)`, `client.send(req)`) is not Http.send: only the system class calls out.
  if (resolverFor(scope.workspace).resolveCall(scope, call).length) return false;
  const qualifier = call.target.k === 'name' && !scope.locals.has(call.target.name) ? call.target.name : undefined;
  if (qualifier && scope.workspace.findType(qualifier, scope.type)) return false;
  return scope.isType(call.args[0], 'httprequest');
}

type Unset = ReadonlySet<string>;

/** Per workspace: facts depend on other files (helpers, constants), and files outlive a workspace. */
const CALLOUTS = derived<PerMethod<MethodCallouts>>('callout facts');

export function calloutsOf(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl): MethodCallouts {
  // A helper that (indirectly) calls itself is unknown: its callers ask `analysing` first.
  return perMethod(workspace, CALLOUTS, method, () => new CalloutAnalysis(workspace, file, type, method).run());
}

/** Whether the callout facts of `method` are being computed right now (a helper that calls itself). */
function analysing(workspace: Workspace, method: MethodDecl): boolean {
  return computing(workspace, CALLOUTS, method);
}

class CalloutAnalysis implements FlowDomain<Unset> {
  readonly scope: MethodScope;
  private readonly sends = new Map<CallExpr, CalloutSite>();
  private readonly requestCalls = new Map<CallExpr, RequestCall>();
  private readonly continuation = new Set<string>();
  /** Whether each `return` hands back an unset request. */
  private readonly returnsUnset: boolean[] = [];

  constructor(
    private readonly workspace: Workspace,
    file: AnalyzedFile,
    type: TypeDecl,
    private readonly method: MethodDecl,
  ) {
    this.scope = new MethodScope(workspace, file, type, method);
  }

  run(): MethodCallouts {
    if (this.method.body && mayFindRequests(this.scope, this.method.body)) new FlowWalker<Unset>(this).run(this.method.body, new Set());
    return {
      scope: this.scope,
      sends: [...this.sends.values()],
      requestCalls: [...this.requestCalls.values()],
      continuationRequests: this.continuation,
      isSend: (e) => e.k === 'call' && isCallout(e, this.scope),
      returnsUnsetRequest: this.returnsUnset.length > 0 && this.returnsUnset.every((x) => x),
    };
  }

  join(a: Unset, b: Unset): Unset {
    if (a === b || b.size === 0) return a;
    if (a.size === 0) return b;
    const out = new Set(a);
    for (const x of b) out.add(x);
    return out;
  }

  private isRequest(e: Expr): boolean {
    return this.scope.isType(e, 'httprequest');
  }

  /** Whether the value of `e` is a request with no timeout on any path. */
  private unsetValue(e: Expr, s: Unset): boolean {
    if (e.k === 'new') return baseType(e.type) === 'httprequest';
    if (e.k === 'name') return s.has(e.name);
    if (e.k === 'call') {
      // Every method the call may run builds the request without a timeout (overloads and overrides included).
      const helpers = resolveHelpers(this.scope, e);
      if (!helpers.length || helpers.some((h) => analysing(this.workspace, h.method))) return false;
      return helpers.every((h) => calloutsOf(this.workspace, h.file, h.type, h.method).returnsUnsetRequest);
    }
    return false;
  }

  /** Whether a call that receives the request as argument `index` may set its timeout. */
  private mayConfigure(call: CallExpr, index: number): boolean {
    const callees = resolverFor(this.workspace).resolveCall(this.scope, call);
    // System and unknown methods: we cannot see them, so they may.
    if (!callees.length) return true;
    return callees.some((c) => mayConfigureParam(this.workspace, c, index, 0));
  }

  exit(stmt: import('../model/ir').Stmt | undefined, s: Unset): void {
    if (stmt?.k === 'return' && stmt.expr) this.returnsUnset.push(this.unsetValue(stmt.expr, s));
  }

  declare(d: VarDecl, type: string, s: Unset): Unset {
    if (baseType(type) !== 'httprequest') return s;
    const unset = d.init ? this.unsetValue(d.init, s) : true;
    return withMember(s, d.name, unset);
  }

  expr(e: Expr, s: Unset, at: FlowPoint): Unset {
    if (e.k === 'assign' && e.target.k === 'name' && this.isRequest(e.target)) {
      return withMember(s, e.target.name, this.unsetValue(e.value, s));
    }
    if (e.k !== 'call') return s;
    const request = e.target?.k === 'name' ? e.target.name : undefined;
    if (e.target && (e.name === 'settimeout' || e.name === 'setendpoint' || e.name === 'setheader') && this.isRequest(e.target)) {
      this.requestCalls.set(e, { call: e, span: callSpan(e), method: e.name, ...(request ? { request } : {}) });
      return e.name === 'settimeout' && request ? withMember(s, request, false) : s;
    }
    if (isSoapCallout(e, this.scope)) {
      this.sends.set(e, { call: e, span: callSpan(e), timeoutMissing: false, loops: [...at.loops], soap: true });
      return s;
    }
    if (isCallout(e, this.scope)) {
      const arg = e.args[0];
      // Loops are walked twice; the later walk starts from the join, so it decides.
      const site: CalloutSite = {
        call: e,
        span: callSpan(e),
        timeoutMissing: this.unsetValue(arg, s),
        loops: [...at.loops],
        ...(arg.k === 'name' ? { request: arg.name } : {}),
      };
      this.sends.set(e, site);
      return s;
    }
    if (e.name === 'addhttprequest') {
      for (const a of e.args) if (a.k === 'name') this.continuation.add(a.name);
    }
    if (e.name === 'debug' && e.target?.k === 'name' && e.target.name === 'system') return s;
    // A request handed to another method may be configured there, unless that method is ours and never does.
    let out = s;
    e.args.forEach((a, i) => {
      if (a.k === 'name' && out.has(a.name) && this.mayConfigure(e, i)) out = withMember(out, a.name, false);
    });
    return out;
  }
}

const REQUEST_CALLS = new Set(['send', 'invoke', 'settimeout', 'setendpoint', 'setheader', 'addhttprequest']);

/**
 * Whether the flow walk of CalloutAnalysis can find anything in this body:
 * a call it looks at (`send`, a request setter, `addHttpRequest`), a request
 * variable (declared or assigned), or a `return` of a new request or of a
 * request-building helper. Most methods have none of these; for them the
 * walk would record nothing and call nothing, so it is skipped.
 */
function mayFindRequests(scope: MethodScope, body: Stmt): boolean {
  let found = false;
  forEachStmt(body, (s) => {
    if (found) return;
    if (s.k === 'local' && baseType(s.type) === 'httprequest') found = true;
    else if (s.k === 'return' && s.expr?.k === 'new') found = baseType(s.expr.type) === 'httprequest';
    else if (s.k === 'return' && s.expr?.k === 'call') found = resolveHelpers(scope, s.expr).length > 0;
    forEachExpr(s, (e) => {
      if (found) return;
      if (e.k === 'call') found = REQUEST_CALLS.has(e.name);
      else if (e.k === 'assign') found = e.target.k === 'name' && scope.isType(e.target, 'httprequest');
    });
  });
  return found;
}

function withMember(s: Unset, name: string, member: boolean): Unset {
  if (s.has(name) === member) return s;
  const out = new Set(s);
  if (member) out.add(name);
  else out.delete(name);
  return out;
}

/** The workspace method a call to a request-building helper refers to (any class, static or instance). */
export function resolveHelper(scope: MethodScope, call: CallExpr) {
  const found = resolveHelpers(scope, call);
  return found.length === 1 ? found[0] : undefined;
}

/** Every workspace method a call to a request-building helper may run. */
export function resolveHelpers(scope: MethodScope, call: CallExpr): MethodRef[] {
  const found = resolverFor(scope.workspace).resolveCall(scope, call);
  return found.every((f) => baseType(f.method.returnType) === 'httprequest') ? found : [];
}

/**
 * Whether a project method may set the timeout of the request it receives as
 * parameter `index`: it calls `setTimeout` on it, assigns it, or hands it on
 * to a method that may (followed a few calls deep; deeper counts as may).
 */
function mayConfigureParam(workspace: Workspace, ref: MethodRef, index: number, depth: number): boolean {
  const param = ref.method.params[index];
  if (!param) return false;
  // No body (an abstract or interface method): we cannot see it, so it may.
  if (!ref.method.body) return true;
  if (depth > 4 || analysing(workspace, ref.method)) return true;
  const scope = new MethodScope(workspace, ref.file, ref.type, ref.method);
  if ((scope.locals.get(param.name)?.assignments ?? 1) > 1) return true;
  let may = false;
  forEachExprDeep(ref.method.body, (x) => {
    if (may || x.k !== 'call') return;
    if (x.name === 'settimeout' && x.target?.k === 'name' && x.target.name === param.name) may = true;
    if (x.name === 'debug' && x.target?.k === 'name' && x.target.name === 'system') return;
    x.args.forEach((a, i) => {
      if (may || a.k !== 'name' || a.name !== param.name) return;
      const callees = resolverFor(workspace).resolveCall(scope, x);
      may = !callees.length || callees.some((c) => mayConfigureParam(workspace, c, i, depth + 1));
    });
  });
  return may;
}
