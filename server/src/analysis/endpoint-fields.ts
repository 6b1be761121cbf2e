/**
 * Endpoint literals handed to a client's constructor and kept in a field:
 * `super(sid, token, 'https://api.twilio.com')` in a subclass, or
 * `new TwilioClient(sid, token, 'https://…')`, where the constructor does
 * `this.endpoint = endpoint` and a method of the class sets
 * `req.setEndpoint(this.endpoint + path)`. The literal is the line a person
 * changes, so the finding goes there. Under-approximate: the field is
 * private, the constructor (or the one it delegates to with `this(...)`)
 * assigns it from the parameter on every path the literal takes (a guard
 * that reads only that parameter, such as a null check, passes a literal
 * through), the constructor writes it once, and no method writes it at all.
 */
import type { Expr, Span, Stmt } from '../model/ir';
import { methodLabel } from './chain';
import { calloutsOf, type RequestCall } from './callouts';
import { resolverFor } from './resolve';
import type { MethodScope } from './scope';
import { forEachExprDeep, namesIn } from './traverse';
import type { AnalyzedFile, MethodRef, Workspace } from './workspace';

/** How a constructor parameter becomes the endpoint: the field, where it is stored, and the `setEndpoint(...)` that reads it. */
export interface EndpointField {
  field: string;
  stored: { file: AnalyzedFile; span: Span };
  /** `this(...)` calls that hand the value on to the constructor that stores it. */
  via: { file: AnalyzedFile; span: Span; label: string }[];
  call: RequestCall;
  owner: MethodRef;
}

/** The constructors a `super(...)` or `this(...)` call of a constructor runs. */
export function chainedConstructors(workspace: Workspace, ref: MethodRef, e: Expr): MethodRef[] {
  if (e.k !== 'call' || e.target || ref.method.kind !== 'constructor' || (e.name !== 'super' && e.name !== 'this')) return [];
  const resolver = resolverFor(workspace);
  const owner = e.name === 'this' ? { file: ref.file, type: ref.type } : ref.type.extends ? resolver.findType(ref.type.extends, ref.type) : undefined;
  if (!owner) return [];
  return owner.type.methods
    .filter((m) => m.kind === 'constructor' && m.params.length === e.args.length && m.body)
    .map((method) => ({ file: owner.file, type: owner.type, method }));
}

/** The parameters of a constructor that end up as a request's endpoint through a private field, by index. */
export function endpointFieldParams(workspace: Workspace, ctor: MethodRef, depth = 0): Map<number, EndpointField> {
  const out = new Map<number, EndpointField>();
  const body = ctor.method.body;
  if (!body || body.k !== 'block' || depth > 4 || ctor.method.kind !== 'constructor') return out;
  const scope = calloutsOf(workspace, ctor.file, ctor.type, ctor.method).scope;
  ctor.method.params.forEach((p, index) => {
    if (scope.locals.get(p.name)?.assignments !== 1) return;
    for (const st of body.body) {
      const stored = storedField(st, p.name, ctor, scope);
      if (stored) {
        const found = stored.field && readBySetEndpoint(workspace, ctor, stored.field);
        if (found) out.set(index, { field: stored.field, stored: { file: ctor.file, span: stored.span }, via: [], ...found });
        return;
      }
      // Handed on: `this(sid, token, endpoint)` as a statement of its own.
      const call = st.k === 'expr' ? st.expr : undefined;
      const next = call?.k === 'call' && call.name === 'this' ? chainedConstructors(workspace, ctor, call) : [];
      if (call?.k !== 'call' || next.length !== 1) continue;
      const argIndex = call.args.findIndex((a) => a.k === 'name' && a.name === p.name);
      const hit = argIndex >= 0 ? endpointFieldParams(workspace, next[0], depth + 1).get(argIndex) : undefined;
      if (hit) out.set(index, { ...hit, via: [{ file: ctor.file, span: call.span, label: methodLabel(next[0]) }, ...hit.via] });
      return;
    }
  });
  return out;
}

/** `this.f = p` (or `f = p`), alone or under an `if` that reads only `p`: the private field it stores, written nowhere else. */
function storedField(st: Stmt, param: string, ctor: MethodRef, scope: MethodScope): { field: string; span: Span } | undefined {
  let target = st;
  if (st.k === 'if' && !st.else && [...namesIn(st.cond)].every((n) => n === param)) target = st.then;
  if (target.k === 'block' && target.body.length === 1) target = target.body[0];
  if (target.k !== 'expr' || target.expr.k !== 'assign' || target.expr.op !== '=') return undefined;
  const { target: lhs, value } = target.expr;
  if (value.k !== 'name' || value.name !== param) return undefined;
  const field = fieldName(lhs, scope);
  const decl = field && ctor.type.fields.find((f) => f.name === field);
  if (!decl || !decl.modifiers.includes('private') || decl.modifiers.includes('static')) return undefined;
  return writesOf(ctor, field) === 1 ? { field, span: target.expr.span } : undefined;
}

/** The field an expression names: `this.f`, or `f` when no local or parameter hides it. */
function fieldName(e: Expr, scope: MethodScope): string | undefined {
  if (e.k === 'field' && e.target.k === 'this') return e.name;
  if (e.k === 'name' && !scope.locals.has(e.name)) return e.name;
  return undefined;
}

/** How many times the class writes the field: the storing constructor's once, and any method's write disqualifies it. */
function writesOf(ctor: MethodRef, field: string): number {
  let own = 0;
  let elsewhere = 0;
  for (const m of ctor.type.methods) {
    if (!m.body) continue;
    forEachExprDeep(m.body, (x) => {
      const t = x.k === 'assign' ? x.target : x.k === 'unary' ? x.operand : undefined;
      const hit = t && ((t.k === 'field' && t.target.k === 'this' && t.name === field) || (t.k === 'name' && t.name === field));
      if (!hit) return;
      if (m === ctor.method) own++;
      else if (m.kind !== 'constructor') elsewhere++;
    });
  }
  return elsewhere ? -1 : own;
}

/** A `setEndpoint(...)` in a method of the class whose argument starts with the field. */
function readBySetEndpoint(workspace: Workspace, ctor: MethodRef, field: string): { call: RequestCall; owner: MethodRef } | undefined {
  for (const method of ctor.type.methods) {
    if (method.kind === 'constructor' || !method.body) continue;
    const facts = calloutsOf(workspace, ctor.file, ctor.type, method);
    for (const rc of facts.requestCalls) {
      if (rc.method !== 'setendpoint' || rc.call.args.length !== 1) continue;
      if (headField(rc.call.args[0], facts.scope) === field) return { call: rc, owner: { file: ctor.file, type: ctor.type, method } };
    }
  }
  return undefined;
}

function headField(e: Expr, scope: MethodScope, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (e.k === 'binary' && e.op === '+') return headField(e.left, scope, depth + 1);
  if (e.k === 'cast') return headField(e.expr, scope, depth + 1);
  if (e.k === 'name') {
    const local = scope.locals.get(e.name);
    if (local) return local.single && local.assignments === 1 ? headField(local.single, scope, depth + 1) : undefined;
  }
  return fieldName(e, scope);
}
