/**
 * Call resolution over the workspace: which methods a call site may run.
 * Static calls (`Class.method()`), instance calls through typed locals,
 * parameters, fields and `this`, unqualified calls (own class, superclasses,
 * outer class), `super.` calls, constructors, inner classes, overloads by
 * arity. A call through an interface or a virtual/abstract method may reach
 * every implementation in the workspace. System and unknown calls resolve to
 * nothing. A user class named like a system class (`Http`, `Database`)
 * shadows it, as in Apex, unless the call says `System.`.
 */
import type { Expr, MethodDecl, TypeDecl } from '../model/ir';
import { baseType } from '../model/spans';
import type { MethodScope } from './scope';
import { dottedName } from './constants';
import { forEachStmt } from './traverse';
import { derived, type AnalyzedFile, type MethodRef, type Workspace } from './workspace';

export type CallExpr = Extract<Expr, { k: 'call' }>;
export type NewExpr = Extract<Expr, { k: 'new' }>;

export interface TypeRef {
  file: AnalyzedFile;
  type: TypeDecl;
}

/** Concrete types known for some parameters of a method (call-site specialisation). */
export type Bindings = ReadonlyMap<string, string>;

const RESOLVER = derived<Resolver>('resolver');

/** The resolver of a workspace, built on first use. */
export function resolverFor(workspace: Workspace): Resolver {
  return workspace.derive(RESOLVER, () => new Resolver(workspace));
}

export class Resolver {
  private readonly subtypes = new Map<TypeDecl, TypeRef[]>();
  private readonly refOf = new Map<TypeDecl, TypeRef>();

  constructor(readonly workspace: Workspace) {
    for (const file of workspace.files) {
      for (const type of file.model.types) this.refOf.set(type, { file, type });
    }
    for (const ref of this.refOf.values()) {
      for (const sup of this.directSupertypes(ref.type)) {
        const list = this.subtypes.get(sup.type) ?? [];
        list.push(ref);
        this.subtypes.set(sup.type, list);
      }
    }
  }

  /** The workspace type a type name written in `from` refers to (generics and `System.` stripped). */
  findType(name: string, from?: TypeDecl): TypeRef | undefined {
    if (name.startsWith('system.')) return undefined;
    return this.workspace.findType(baseType(name), from);
  }

  /** The workspace types `type` extends or implements directly (system interfaces are not types of the workspace). */
  directSupertypes(type: TypeDecl): TypeRef[] {
    const out: TypeRef[] = [];
    for (const name of [...(type.extends ? [type.extends] : []), ...type.implements]) {
      const t = this.findType(name, type);
      if (t && t.type !== type) out.push(t);
    }
    return out;
  }

  /** `type` and its superclasses, nearest first (cycles cut). */
  superChain(type: TypeDecl): TypeRef[] {
    const out: TypeRef[] = [];
    const seen = new Set<TypeDecl>();
    for (let t: TypeRef | undefined = this.refOf.get(type); t && !seen.has(t.type);) {
      seen.add(t.type);
      out.push(t);
      t = t.type.extends ? this.findType(t.type.extends, t.type) : undefined;
    }
    return out;
  }

  /** Every type that extends or implements `type`, transitively. */
  allSubtypes(type: TypeDecl): TypeRef[] {
    const out: TypeRef[] = [];
    const seen = new Set<TypeDecl>([type]);
    const stack = [type];
    while (stack.length) {
      for (const sub of this.subtypes.get(stack.pop()!) ?? []) {
        if (seen.has(sub.type)) continue;
        seen.add(sub.type);
        out.push(sub);
        stack.push(sub.type);
      }
    }
    return out;
  }

  private own(ref: TypeRef, name: string, arity: number, kind: MethodDecl['kind'] = 'method'): MethodRef[] {
    return ref.type.methods
      .filter((m) => m.kind === kind && m.name === name && m.params.length === arity)
      .map((method) => ({ file: ref.file, type: ref.type, method }));
  }

  /** The declaration a call on a value of static type `type` binds to: the nearest class up the chain. */
  private declared(type: TypeDecl, name: string, arity: number, seen = new Set<TypeDecl>()): MethodRef[] {
    if (seen.has(type)) return [];
    seen.add(type);
    for (const t of this.superChain(type)) {
      const found = this.own(t, name, arity);
      if (found.length) return found;
    }
    // Interfaces may extend interfaces (a cycle, in broken code, is cut by `seen`).
    for (const sup of this.directSupertypes(type)) {
      if (sup.type.kind !== 'interface') continue;
      const found = this.declared(sup.type, name, arity, seen);
      if (found.length) return found;
    }
    return [];
  }

  /** Every body a virtual call on static type `type` may run: the declaration and all overrides below it. */
  dispatch(type: TypeDecl, name: string, arity: number): MethodRef[] {
    const declared = this.declared(type, name, arity);
    const out = declared.filter((m) => m.method.body);
    const overridable = type.kind === 'interface' || declared.some((m) => isOverridable(m.type, m.method));
    if (!overridable) return out;
    for (const sub of this.allSubtypes(type)) {
      if (sub.type.kind === 'interface') continue;
      // A subclass that does not override inherits the body found above.
      for (const m of this.own(sub, name, arity)) if (m.method.body && !out.some((o) => o.method === m.method)) out.push(m);
    }
    return out;
  }

  /** Methods a call expression in `scope` may run; production code never runs a method of an `@IsTest` class. */
  resolveCall(scope: MethodScope, call: CallExpr, bindings?: Bindings): MethodRef[] {
    const found = this.resolveCallAnyCode(scope, call, bindings);
    if (this.workspace.isTestType(scope.type)) return found;
    return found.filter((m) => !this.workspace.isTestType(m.type));
  }

  private resolveCallAnyCode(scope: MethodScope, call: CallExpr, bindings?: Bindings): MethodRef[] {
    const arity = call.args.length;
    const target = call.target;
    if (!target || target.k === 'this') {
      // Own class and superclasses (virtual dispatch applies to `this`), then outer classes (static members).
      const self = bindings?.get('this');
      const selfType = self ? this.workspace.findType(self) : undefined;
      if (selfType) {
        const exact = this.declared(selfType.type, call.name, arity).filter((m) => m.method.body);
        if (exact.length) return exact;
      }
      const own = this.dispatch(scope.type, call.name, arity);
      if (own.length) return own;
      for (let outer = this.workspace.outerOf(scope.type); outer; outer = this.workspace.outerOf(outer)) {
        const ref = this.refOf.get(outer);
        const found = ref ? this.own(ref, call.name, arity) : [];
        if (found.length) return found;
      }
      return [];
    }
    if (target.k === 'super') {
      const sup = scope.type.extends ? this.findType(scope.type.extends, scope.type) : undefined;
      return sup ? this.declared(sup.type, call.name, arity).filter((m) => m.method.body) : [];
    }
    const receiver = this.receiverType(scope, target, bindings);
    if (!receiver) return [];
    if (receiver.exact) return this.declared(receiver.ref.type, call.name, arity).filter((m) => m.method.body);
    return this.dispatch(receiver.ref.type, call.name, arity);
  }

  /**
   * The exact class a simple factory returns at this call: every `return`
   * hands back one parameter (the caller's argument decides, `getHandler(type,
   * new LogHandler())`) or a `new` of one class.
   */
  private factoryResult(scope: MethodScope, call: CallExpr, callee: MethodRef, bindings?: Bindings): TypeRef | undefined {
    const returns: Expr[] = [];
    let other = false;
    if (!callee.method.body) return undefined;
    forEachStmt(callee.method.body, (s) => {
      if (s.k === 'return') {
        if (s.expr) returns.push(s.expr);
        else other = true;
      }
    });
    if (other || !returns.length) return undefined;
    let found: TypeRef | undefined;
    for (const r of returns) {
      const e = r.k === 'cast' ? r.expr : r;
      let t: TypeRef | undefined;
      if (e.k === 'new') t = this.findType(e.type, callee.type);
      else if (e.k === 'name') {
        const i = callee.method.params.findIndex((p) => p.name === e.name);
        const arg = i >= 0 ? call.args[i] : undefined;
        const value = arg?.k === 'cast' ? arg.expr : arg;
        const argType = value && (value.k === 'new' || value.k === 'name') ? this.receiverType(scope, value, bindings) : undefined;
        if (argType?.exact) t = argType.ref;
      }
      if (!t || (found && found.type !== t.type)) return undefined;
      found = t;
    }
    return found;
  }

  /** Constructors a `new T(...)` runs (none when T has no explicit constructor of that arity). */
  resolveNew(scope: MethodScope, e: NewExpr): MethodRef[] {
    const t = this.findType(e.type, scope.type);
    return t ? this.own(t, t.type.name, e.args.length, 'constructor').filter((m) => m.method.body) : [];
  }

  /**
   * The class `Type.forName('AccountHandler').newInstance()` makes (directly,
   * or through a `Type` local assigned once): a literal name shows it; a
   * configured one (custom metadata, a setting, a parameter) does not.
   * Production code never makes an `@IsTest` class.
   */
  reflectiveType(scope: MethodScope, e: Expr): TypeRef | undefined {
    if (e.k !== 'call' || !isReflective(e) || !e.target) return undefined;
    let forName = e.target;
    if (forName.k === 'name') {
      const local = scope.locals.get(forName.name);
      if (!local?.single || local.assignments !== 1) return undefined;
      forName = local.single;
    }
    if (forName.k !== 'call' || forName.name !== 'forname' || !forName.target || !['type', 'system.type'].includes(dottedName(forName.target) ?? ''))
      return undefined;
    const name = forName.args[forName.args.length - 1];
    if (forName.args.length > 2 || name?.k !== 'lit' || typeof name.value !== 'string') return undefined;
    const found = this.workspace.findType(name.value.trim().toLowerCase());
    return found && (!this.workspace.isTestType(found.type) || this.workspace.isTestType(scope.type)) ? found : undefined;
  }

  /**
   * The workspace type of a call's receiver. `exact` when the value's class is
   * known (a `new`, a static call, a specialised parameter), so no dispatch.
   */
  receiverType(scope: MethodScope, target: Expr, bindings?: Bindings): { ref: TypeRef; exact: boolean } | undefined {
    if (target.k === 'name') {
      const bound = bindings?.get(target.name);
      if (bound && scope.locals.has(target.name)) {
        const t = this.workspace.findType(bound);
        if (t) return { ref: t, exact: true };
      }
      const declared = scope.locals.get(target.name)?.type ?? scope.fieldType(scope.type, target.name);
      if (declared !== undefined) {
        const t = this.findType(declared, scope.type);
        if (!t) return undefined;
        const single = scope.locals.get(target.name)?.single;
        const once = scope.locals.get(target.name)?.assignments === 1;
        if (once && single && (isReflective(single) || (single.k === 'cast' && isReflective(single.expr)))) {
          const named = this.reflectiveType(scope, single.k === 'cast' ? single.expr : single);
          return named ? { ref: named, exact: true } : undefined;
        }
        if (single?.k === 'new' && once) {
          const exact = this.findType(single.type, scope.type);
          if (exact) return { ref: exact, exact: true };
        }
        return { ref: t, exact: false };
      }
      // A static call: `Class.method()`.
      const t = this.findType(target.name, scope.type);
      return t ? { ref: t, exact: true } : undefined;
    }
    if (target.k === 'new') {
      const t = this.findType(target.type, scope.type);
      return t ? { ref: t, exact: true } : undefined;
    }
    if (target.k === 'field') {
      // `Outer.Inner.method()` or `obj.field.method()`.
      const dotted = dottedName(target);
      if (dotted) {
        const t = scope.locals.has(dotted.split('.')[0]) ? undefined : this.findType(dotted, scope.type);
        if (t) return { ref: t, exact: true };
      }
      const owner = target.target.k === 'this' ? this.refOf.get(scope.type) : this.receiverType(scope, target.target, bindings)?.ref;
      if (!owner) return undefined;
      for (const t of this.superChain(owner.type)) {
        const f = t.type.fields.find((x) => x.name === target.name);
        if (f) {
          const ft = this.findType(f.type, t.type);
          return ft ? { ref: ft, exact: false } : undefined;
        }
      }
      return undefined;
    }
    if (target.k === 'call') {
      if (isReflective(target)) {
        const named = this.reflectiveType(scope, target);
        return named ? { ref: named, exact: true } : undefined;
      }
      const callees = this.resolveCall(scope, target, bindings);
      const made = callees.length === 1 ? this.factoryResult(scope, target, callees[0], bindings) : undefined;
      if (made) return { ref: made, exact: true };
      const rt = callees[0]?.method.returnType;
      const t = rt ? this.findType(rt, callees[0].type) : undefined;
      return t ? { ref: t, exact: false } : undefined;
    }
    if (target.k === 'cast') {
      // `(Handler) Type.forName(name).newInstance()`: the class is chosen at run time, so nothing is known — unless the name is a literal.
      if (isReflective(target.expr)) {
        const named = this.reflectiveType(scope, target.expr);
        return named ? { ref: named, exact: true } : undefined;
      }
      const t = this.findType(target.type, scope.type);
      return t ? { ref: t, exact: false } : undefined;
    }
    return undefined;
  }
}

/** `Type.forName(…).newInstance()` and the like: an object whose class is chosen at run time. */
export function isReflective(e: Expr): boolean {
  return e.k === 'call' && e.name === 'newinstance' && e.args.length === 0;
}

export function isOverridable(type: TypeDecl, method: MethodDecl): boolean {
  if (type.kind === 'interface') return true;
  return method.modifiers.includes('virtual') || method.modifiers.includes('abstract') || method.modifiers.includes('override');
}
