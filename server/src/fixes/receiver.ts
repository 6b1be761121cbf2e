/**
 * The receiver of an instance call that moves to another transaction
 * (`new ErpClient(cfg).pushOrder(o)`): the job cannot carry the object
 * itself when it holds what does not serialise, so it carries the
 * constructor's arguments and builds the receiver again in `execute`. That
 * keeps behaviour only when the object the call ran on is exactly what
 * `new X(args)` builds:
 *
 * - it is built by `new X(args)` in the statement, in a local assigned once
 *   and used by nothing but the moved call, in a field of the source class
 *   written only by its constructors with constant arguments, or by a static
 *   factory whose one statement is `return new X(…)` of literals and its
 *   parameters;
 * - X is a class that runs (not abstract, not a test class) whose
 *   constructor and method the job can call (public or global, one of that
 *   arity);
 * - for a field, no method of X other than its constructors and the called
 *   one writes X's fields (another method may have run on the object first);
 * - X's constructors and field initialisers read no static or
 *   per-transaction state (checked with the moved call's closure, by the
 *   shared preconditions).
 *
 * The arguments cross like the call's own: serialisable, not mutated after
 * the receiver was built.
 */
import type { CallIndex } from '../analysis/callindex';
import { fold } from '../analysis/constants';
import type { NewExpr } from '../analysis/resolve';
import { forEachExprDeep, forEachStmt } from '../analysis/traverse';
import type { MethodRef } from '../analysis/workspace';
import type { Expr, MethodDecl, Stmt, TypeDecl } from '../model/ir';
import type { Crossing } from './preconditions';
import { qualifiedText } from './qualify';
import { refuse, type Refusal } from './refusal';

type CallExpr = Extract<Expr, { k: 'call' }>;

/** One constructor argument the job carries: the parameter it binds, and the text that computes it at the enqueue site. */
export interface CarriedArgument {
  name: string;
  /** The parameter's type as written in X, qualified by the caller. */
  typeSource: string;
  /** Source text evaluated where the job is enqueued. */
  text: string;
  crossing: Crossing;
}

export interface RebuiltReceiver {
  cls: TypeDecl;
  /** `ErpClient`, `Outer.ErpClient`. */
  qualified: string;
  /** The instance method called, and the constructor that runs (none: the default one). */
  method: MethodRef;
  constructors: MethodRef[];
  args: CarriedArgument[];
  /** A local declaration the fix removes (the receiver built once for the moved call). */
  declaration?: Stmt;
  /** Instance field initialisers of X, which run in the new transaction as well. */
  initialisers: Stmt[];
}

const isPublic = (m: { modifiers: string[] }) => m.modifiers.includes('public') || m.modifiers.includes('global');

function constructorsOf(type: TypeDecl): MethodDecl[] {
  return type.methods.filter((m) => m.kind === 'constructor');
}

/** The statement `name`'s declaration, when it declares nothing else. */
function declarationOf(body: Stmt, init: Expr): Stmt | undefined {
  let found: Stmt | undefined;
  forEachStmt(body, (s) => {
    if (s.k === 'local' && s.decls.length === 1 && s.decls[0].init === init) found = s;
  });
  return found;
}

function usesOf(body: Stmt, name: string): number {
  let n = 0;
  forEachExprDeep(body, (e) => {
    if (e.k === 'name' && e.name === name) n++;
  });
  return n;
}

/** The writes of field `name` in `type`: the value and the member that writes it. */
function fieldWrites(type: TypeDecl, name: string): { value?: Expr; member: MethodDecl | undefined }[] {
  const out: { value?: Expr; member: MethodDecl | undefined }[] = [];
  const field = type.fields.find((f) => f.name === name);
  if (field?.init) out.push({ value: field.init, member: undefined });
  for (const m of type.methods) {
    if (!m.body) continue;
    const shadowed = m.params.some((p) => p.name === name);
    forEachExprDeep(m.body, (e) => {
      const t = e.k === 'assign' ? e.target : e.k === 'unary' && (e.op === '++' || e.op === '--') ? e.operand : undefined;
      if (!t) return;
      const own = (t.k === 'name' && t.name === name && !shadowed) || (t.k === 'field' && t.name === name && t.target.k === 'this');
      if (own) out.push({ ...(e.k === 'assign' && e.op === '=' ? { value: e.value } : {}), member: m });
    });
  }
  return out;
}

/** The first method of `cls` (and its superclasses) other than constructors and `except` that writes an instance field. */
function otherFieldWriter(index: CallIndex, cls: TypeDecl, except: MethodDecl): string | undefined {
  for (const { type } of index.resolver.superChain(cls)) {
    for (const f of type.fields) {
      if (f.modifiers.includes('static')) continue;
      const w = fieldWrites(type, f.name).find((x) => x.member && x.member.kind !== 'constructor' && x.member !== except);
      if (w) return `${type.text}.${w.member!.text}() writes ${f.text}`;
    }
  }
  return undefined;
}

interface Allocation {
  alloc: NewExpr;
  /** Where its type and argument texts are read. */
  from: TypeDecl;
  text: string;
  /** Argument texts at the enqueue site (a factory's parameters replaced by the call's arguments). */
  argTexts: string[];
  argExprs: Expr[];
  declaration?: Stmt;
  field?: boolean;
}

function fromFactory(index: CallIndex, ref: MethodRef, call: CallExpr, text: string): Allocation | Refusal {
  const scope = index.factsOf(ref).scope;
  const found = index.resolver.resolveCall(scope, call);
  const f = found.length === 1 ? found[0] : undefined;
  const body = f?.method.body;
  const only = body?.k === 'block' && body.body.length === 1 ? body.body[0] : undefined;
  const made = only?.k === 'return' ? only.expr : undefined;
  if (!f || !f.method.modifiers.includes('static') || made?.k !== 'new' || made.elements)
    return refuse('receiver-not-rebuilt', `${call.text}() does not just return a new object`);
  const factoryText = f.file.source.text;
  const argTexts: string[] = [];
  const argExprs: Expr[] = [];
  for (const a of made.args) {
    const i = a.k === 'name' ? f.method.params.findIndex((p) => p.name === a.name) : -1;
    if (i >= 0) {
      argTexts.push(text.slice(call.args[i].span.start, call.args[i].span.end));
      argExprs.push(call.args[i]);
    } else if (a.k === 'lit') {
      argTexts.push(factoryText.slice(a.span.start, a.span.end));
      argExprs.push(a);
    } else return refuse('receiver-not-rebuilt', `${call.text}() builds it from ${factoryText.slice(a.span.start, a.span.end)}`);
  }
  return { alloc: made, from: f.type, text: factoryText, argTexts, argExprs };
}

function fromField(index: CallIndex, ref: MethodRef, name: string, label: string): Allocation | Refusal {
  const scope = index.factsOf(ref).scope;
  const field = ref.type.fields.find((f) => f.name === name);
  if (!field) return refuse('receiver-not-rebuilt', `${label} is inherited`);
  if (field.modifiers.includes('static')) return refuse('reads-static-state', `${ref.type.text}.${field.text}`);
  const writes = fieldWrites(ref.type, name);
  const text = ref.file.source.text;
  const other = writes.find((w) => w.member && w.member.kind !== 'constructor');
  if (other) return refuse('receiver-state', `${ref.type.text}.${field.text} is written by ${other.member!.text}()`);
  const allocs = writes.map((w) => w.value);
  const first = allocs[0];
  if (!first || first.k !== 'new' || allocs.some((a) => !a || text.slice(a.span.start, a.span.end) !== text.slice(first.span.start, first.span.end)))
    return refuse('receiver-not-rebuilt', `${label} is not always built by the same new`);
  for (const a of first.args) {
    if (a.k !== 'lit' && fold(a, { workspace: index.workspace, type: ref.type }).kind === 'unknown')
      return refuse('receiver-not-rebuilt', `${label} is built from ${text.slice(a.span.start, a.span.end)}`);
  }
  if (scope.method.modifiers.includes('static')) return refuse('receiver-not-rebuilt', label);
  return {
    alloc: first,
    from: ref.type,
    text,
    argTexts: first.args.map((a) => text.slice(a.span.start, a.span.end)),
    argExprs: first.args,
    field: true,
  };
}

function allocationOf(index: CallIndex, ref: MethodRef, call: CallExpr): Allocation | Refusal | undefined {
  const target = call.target;
  const body = ref.method.body;
  if (!body) return undefined;
  const scope = index.factsOf(ref).scope;
  const own = !target || target.k === 'this' ? index.resolver.resolveCall(scope, call) : [];
  if (own.length && own.every((m) => m.method.modifiers.includes('static'))) return undefined;
  if (!target || target.k === 'this') return refuse('receiver-not-rebuilt', `${call.text}() runs on this object, which the job cannot build again`);
  const text = ref.file.source.text;
  const at = (a: NewExpr) => ({ argTexts: a.args.map((x) => text.slice(x.span.start, x.span.end)), argExprs: a.args });
  if (target.k === 'new') return target.elements ? undefined : { alloc: target, from: ref.type, text, ...at(target) };
  if (target.k === 'name' && scope.locals.has(target.name)) {
    const local = scope.locals.get(target.name)!;
    if (ref.method.params.some((p) => p.name === target.name)) return refuse('receiver-not-rebuilt', `${target.text} comes from the caller`);
    const alloc = local.single;
    if (local.assignments !== 1 || alloc?.k !== 'new') return refuse('receiver-not-rebuilt', `${target.text} is not built once by new`);
    const declaration = declarationOf(body, alloc);
    if (!declaration) return refuse('receiver-not-rebuilt', `${target.text} is not built once by new`);
    if (usesOf(body, target.name) !== 1) return refuse('receiver-state', `${target.text} is used by more than the moved call`);
    for (const a of alloc.args) {
      for (const n of namesOfLocals(a, scope.locals)) {
        if (scope.locals.get(n)!.assignments > 1) return refuse('argument-mutated-after', `${n} is assigned again`);
      }
    }
    return { alloc, from: ref.type, text, declaration, ...at(alloc) };
  }
  if (target.k === 'name' && scope.fieldType(ref.type, target.name) !== undefined) return fromField(index, ref, target.name, target.text);
  if (target.k === 'field' && target.target.k === 'this') return fromField(index, ref, target.name, `this.${target.text}`);
  if (target.k === 'call') return fromFactory(index, ref, target, text);
  return undefined;
}

function namesOfLocals(e: Expr, locals: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  forEachExprDeep({ k: 'expr', span: e.span, expr: e }, (x) => {
    if (x.k === 'name' && locals.has(x.name) && !out.includes(x.name)) out.push(x.name);
  });
  return out;
}

/**
 * The receiver of `call` (in `ref`) rebuilt in the job, a refusal saying why
 * it cannot be, or undefined when `call` has no receiver the job could rebuild
 * at all (an unqualified call of the class's own instance method).
 */
export function rebuildableReceiver(index: CallIndex, ref: MethodRef, call: CallExpr): RebuiltReceiver | Refusal | undefined {
  const found = allocationOf(index, ref, call);
  if (!found || 'refused' in found) return found;
  const { alloc } = found;
  const cls = index.resolver.findType(alloc.type, found.from);
  if (!cls || cls.type.kind !== 'class') return refuse('receiver-not-rebuilt', `${alloc.type} is not a class of the project`);
  if (cls.type.modifiers.includes('abstract') || index.workspace.isTestType(cls.type)) return refuse('receiver-not-rebuilt', `${cls.type.text} does not run`);
  for (let t: TypeDecl | undefined = cls.type; t; t = index.workspace.outerOf(t)) {
    if (t.modifiers.includes('private')) return refuse('receiver-not-rebuilt', `${t.text} is private`);
  }
  const ctors = constructorsOf(cls.type);
  const byArity = ctors.filter((c) => c.params.length === alloc.args.length);
  if ((ctors.length || alloc.args.length) && byArity.length !== 1)
    return refuse('receiver-not-rebuilt', `${cls.type.text} has no single constructor of ${alloc.args.length} arguments`);
  const ctor = byArity[0];
  if (ctor && !isPublic(ctor)) return refuse('receiver-not-rebuilt', `the constructor of ${cls.type.text} is not public`);
  let method: MethodRef | undefined;
  for (const t of index.resolver.superChain(cls.type)) {
    const own = t.type.methods.filter((m) => m.kind === 'method' && m.name === call.name && m.params.length === call.args.length);
    if (own.length > 1) return refuse('receiver-not-rebuilt', `${t.type.text}.${call.text}() is overloaded`);
    if (own.length === 1) {
      method = { file: t.file, type: t.type, method: own[0] };
      break;
    }
  }
  if (!method?.method.body || method.method.modifiers.includes('static') || !isPublic(method.method) || method.method.modifiers.includes('abstract'))
    return refuse('receiver-not-rebuilt', `${cls.type.text}.${call.text}() is not a public method the job can call`);
  if (found.field) {
    const writer = otherFieldWriter(index, cls.type, method.method);
    if (writer) return refuse('receiver-state', writer);
  }
  const constructors: MethodRef[] = [];
  const initialisers: Stmt[] = [];
  for (const t of index.resolver.superChain(cls.type)) {
    for (const c of constructorsOf(t.type)) if (c.body && (t.type !== cls.type || c === ctor)) constructors.push({ file: t.file, type: t.type, method: c });
    for (const f of t.type.fields) if (f.init && !f.modifiers.includes('static')) initialisers.push({ k: 'expr', span: f.init.span, expr: f.init });
  }
  const params = ctor?.params ?? [];
  const args: CarriedArgument[] = params.map((p, i) => ({
    name: p.text,
    typeSource: p.typeSource,
    text: found.argTexts[i],
    crossing: { expr: found.argExprs[i], type: p.type, from: cls.type, ...(found.declaration ? { after: found.declaration.span.end } : {}) },
  }));
  return {
    cls: cls.type,
    qualified: qualifiedText(index.workspace, cls.type),
    method,
    constructors,
    args,
    ...(found.declaration ? { declaration: found.declaration } : {}),
    initialisers,
  };
}
