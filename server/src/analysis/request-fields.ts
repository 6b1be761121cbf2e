/**
 * Requests kept in a field of a project class: a client wrapper creates its
 * `HttpRequest` in the constructor or a builder method, configures it in
 * others, and sends it in `send()`. The flow analysis of one method
 * (callouts.ts) sees a field as configured elsewhere, so it says nothing;
 * this module follows the field across the methods of its class.
 *
 * Under-approximate, as DESIGN.md asks of cross-method facts: the field is
 * private (no other class can write or configure it), every write stores a
 * `new HttpRequest()`, and it never escapes (no method returns it, assigns it
 * elsewhere or hands it to a method other than `Http.send`). Then:
 *
 * - no method of the class calls `setTimeout` on it: every send of it runs on
 *   the default timeout (`missing`);
 * - `setTimeout` is called on it only in methods the class itself never calls
 *   (a public `setTimeout(Integer)` setter): the callers decide. No
 *   production caller in the project calls such a setter (`setterUnused`);
 *   or some do, and each caller that creates the wrapper (`new Wrapper()`,
 *   the allocation site) and sends through it without calling a setter is
 *   judged on its own (`perCaller`, see `wrapperSendsWithoutTimeout`);
 * - anything else (a constructor or an internal call sets it): the timeout
 *   may be set, nothing is reported.
 */
import type { Expr, FieldDecl, MethodDecl, Span, TypeDecl } from '../model/ir';
import { baseType } from '../model/spans';
import { calloutsOf, callSpan, isCallout, type CallExpr, type CalloutSite } from './callouts';
import { callIndex, type CallSite } from './callindex';
import { resolverFor } from './resolve';
import type { MethodScope } from './scope';
import { forEachExprDeep, forEachSubExpr } from './traverse';
import { derived, type AnalyzedFile, type MethodRef, type Workspace } from './workspace';

/** A private request field of one class, and what its methods do with it. */
export interface RequestField {
  file: AnalyzedFile;
  type: TypeDecl;
  field: FieldDecl;
  /** Where a `new HttpRequest()` is stored in it. */
  writes: { span: Span; method?: MethodDecl }[];
  /** The sends of the field, by the method they are in. */
  sends: { method: MethodDecl; site: CalloutSite }[];
  /** The methods that call `setTimeout` on it (none of them called by the class itself, when `timeout` is `callers`). */
  setters: MethodDecl[];
  /** `none`: no method sets a timeout; `callers`: only methods the class never calls; `may`: the class may set it. */
  timeout: 'none' | 'callers' | 'may';
  /** Whether a production class outside this one calls one of `setters`. */
  setterCalled: boolean;
}

const FIELDS = derived<Map<TypeDecl, RequestField[]>>('request fields');

/** The request fields of a class that this module can follow (memoised per workspace). */
export function requestFieldsOf(workspace: Workspace, file: AnalyzedFile, type: TypeDecl): RequestField[] {
  const memo = workspace.derive(FIELDS, () => new Map());
  let found = memo.get(type);
  if (!found) {
    found = [];
    for (const field of type.fields) {
      if (baseType(field.type) !== 'httprequest' || field.modifiers.some((m) => m === 'public' || m === 'global' || m === 'protected')) continue;
      const facts = fieldFacts(workspace, file, type, field);
      if (facts) found.push(facts);
    }
    memo.set(type, found);
  }
  return found;
}

/** `this.f`, or `f` where no local or parameter of the method hides it. */
export function isFieldRef(e: Expr, field: string, scope: MethodScope): boolean {
  if (e.k === 'field') return e.target.k === 'this' && e.name === field;
  return e.k === 'name' && e.name === field && !scope.locals.has(field);
}

function isNewRequest(e: Expr | undefined): boolean {
  return e?.k === 'new' && baseType(e.type) === 'httprequest' && e.args.length === 0;
}

function isSystemDebug(call: CallExpr): boolean {
  return call.name === 'debug' && call.target?.k === 'name' && call.target.name === 'system';
}

function fieldFacts(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, field: FieldDecl): RequestField | undefined {
  const name = field.name;
  const out: RequestField = { file, type, field, writes: [], sends: [], setters: [], timeout: 'none', setterCalled: false };
  if (field.init) {
    if (!isNewRequest(field.init)) return undefined;
    out.writes.push({ span: field.span });
  }
  const timeoutIn = new Set<MethodDecl>();
  for (const method of type.methods) {
    if (!method.body) continue;
    const facts = calloutsOf(workspace, file, type, method);
    const scope = facts.scope;
    let refs = 0;
    let safe = 0;
    forEachExprDeep(method.body, (e) => {
      if (isFieldRef(e, name, scope)) refs++;
      if (e.k === 'assign' && isFieldRef(e.target, name, scope)) {
        if (e.op === '=' && isNewRequest(e.value)) {
          safe++;
          out.writes.push({ span: e.span, method });
        }
        return;
      }
      if (e.k !== 'call') return;
      // A method called on the request itself (`req.setTimeout(…)`, `req.setBody(…)`) configures it in place.
      if (e.target && isFieldRef(e.target, name, scope)) {
        safe++;
        if (e.name === 'settimeout') timeoutIn.add(method);
      }
      const arg = e.args.findIndex((a) => isFieldRef(a, name, scope));
      if (arg < 0) return;
      if (isCallout(e, scope) && e.args.length === 1) {
        safe++;
        const site = facts.sends.find((s) => s.call === e);
        if (site) out.sends.push({ method, site });
      } else if (isSystemDebug(e)) safe += e.args.filter((a) => isFieldRef(a, name, scope)).length;
    });
    // Any other use (returned, assigned elsewhere, handed to a method) lets code we do not follow configure it.
    if (refs !== safe) return undefined;
  }
  if (!out.sends.length || !out.writes.length) return undefined;
  if (timeoutIn.size) {
    // A constructor, a method that also sends the request, or one the class calls itself: the timeout may be set on the way to the send.
    const sending = new Set(out.sends.map((x) => x.method));
    const internal = [...timeoutIn].some((m) => m.kind !== 'method' || sending.has(m) || calledByClass(type, m));
    out.timeout = internal ? 'may' : 'callers';
    out.setters = [...timeoutIn];
    if (!internal) out.setterCalled = setterCalledOutside(workspace, type, out.setters);
  }
  return out;
}

/** Whether a method of the class (or a field initialiser) calls `m` on itself. */
function calledByClass(type: TypeDecl, m: MethodDecl): boolean {
  let called = false;
  const visit = (e: Expr) => {
    if (e.k === 'call' && e.name === m.name && e.args.length === m.params.length && (!e.target || e.target.k === 'this')) called = true;
  };
  for (const other of type.methods) if (other.body && other !== m && !called) forEachExprDeep(other.body, visit);
  for (const f of type.fields) if (f.init && !called) forEachSubExpr(f.init, visit);
  return called;
}

/** Whether production code outside the class calls one of the setters. */
function setterCalledOutside(workspace: Workspace, type: TypeDecl, setters: MethodDecl[]): boolean {
  const index = callIndex(workspace);
  return setters.some((m) => index.callersOf(m).some((c) => c.type !== type && !workspace.isTestCode(c.type, c.method)));
}

/** Whether every send of the field runs on the default timeout: no method sets one, or only setters no production caller calls. */
export function sentWithoutTimeout(f: RequestField): boolean {
  return f.timeout === 'none' || (f.timeout === 'callers' && !f.setterCalled);
}

/** The request field a send sends, when this module follows it. */
export function requestFieldOfSend(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, site: CalloutSite): RequestField | undefined {
  if (site.soap) return undefined;
  return requestFieldsOf(workspace, file, type).find((f) => f.sends.some((s) => s.site === site));
}

/** A caller's `w.send()` on a wrapper it created, with no call of the wrapper's timeout setter. */
export interface WrapperSend {
  /** The call on the wrapper, `send()`. */
  span: Span;
  /** The wrapper as written: `client`, or `new RestClient()`. */
  wrapper: string;
  field: RequestField;
  callee: MethodRef;
}

/**
 * The calls of one method that send a wrapper's request field on a wrapper
 * it created itself (`RestClient c = new RestClient(); … c.send()`, or
 * `new RestClient().send()`) without calling any of the wrapper's timeout
 * setters on it. A wrapper that is handed on, or comes from elsewhere, is
 * not judged.
 */
export function wrapperSendsWithoutTimeout(workspace: Workspace, ref: MethodRef): WrapperSend[] {
  const body = ref.method.body;
  if (!body) return [];
  const index = callIndex(workspace);
  const facts = index.factsOf(ref);
  const out: WrapperSend[] = [];
  for (const site of facts.calls) {
    const found = wrapperSend(workspace, ref, site);
    if (found) out.push(found);
  }
  return out;
}

function wrapperSend(workspace: Workspace, ref: MethodRef, site: CallSite): WrapperSend | undefined {
  const call = site.expr;
  if (call.k !== 'call' || !call.target || site.callees.length !== 1) return undefined;
  const callee = site.callees[0];
  if (callee.type === ref.type) return undefined;
  const field = requestFieldsOf(workspace, callee.file, callee.type).find(
    (f) => f.timeout === 'callers' && f.setterCalled && !f.field.modifiers.includes('static') && f.sends.some((s) => s.method === callee.method),
  );
  if (!field) return undefined;
  const target = call.target;
  const text = ref.file.source.text;
  if (target.k === 'new') return { span: callSpan(call), wrapper: text.slice(target.span.start, target.span.end), field, callee };
  if (target.k !== 'name') return undefined;
  const scope = callIndex(workspace).factsOf(ref).scope;
  const local = scope.locals.get(target.name);
  if (!local || local.assignments !== 1 || local.single?.k !== 'new' || ref.method.params.some((p) => p.name === target.name)) return undefined;
  if (resolverFor(workspace).findType(local.single.type, ref.type)?.type !== callee.type) return undefined;
  // Every use of the wrapper is a call on it, and none is a timeout setter.
  const setters = new Set(field.setters.map((m) => m.name));
  let refs = 0;
  let calls = 0;
  let setterCalled = false;
  forEachExprDeep(ref.method.body!, (e) => {
    if (e.k === 'name' && e.name === target.name) refs++;
    if (e.k === 'call' && e.target?.k === 'name' && e.target.name === target.name) {
      calls++;
      if (setters.has(e.name)) setterCalled = true;
    }
  });
  if (setterCalled || refs !== calls) return undefined;
  return { span: callSpan(call), wrapper: target.text, field, callee };
}
