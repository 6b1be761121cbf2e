/**
 * Which members a call may run, judged on tokens: the selection's own small
 * resolver, beside the analysis's (analysis/resolve.ts), which needs parsed
 * files. It follows the same rules of Apex names, more loosely: a call is
 * matched by method name and arity, then narrowed by what it is called on
 * (unqualified: the caller's class, its hierarchy and outer classes; a
 * variable or field of known types: those types and what inherits them; a
 * class name: that class; a system class: nothing of the workspace), and
 * where the receiver is unknown any member of the name may run. It may say
 * "may run" where Apex would not (never the reverse): the selection then
 * parses a file too many, never one too few.
 */
import { SYSTEM_CLASSES } from '../base/apex-words';
import type { MemberTokens } from './scan';
import { push, simple, type Member, type MemberIndex } from './member-index';

/** A type the workspace does not declare, not known by name. */
const EXTERNAL = '#ext';

/** Apex has no optional parameters nor varargs: a call runs only a method with as many parameters as it has arguments. */
const arityFits = (args: number, callee: Member) => args < 0 || callee.tokens.params < 0 || args === callee.tokens.params;

/** What a system collection method returns on `[]element`: the element, the same collection, or a system value. */
function collectionResult(type: string, method: string): string {
  const element = type.slice(2);
  if (['get', 'remove', 'put', 'next'].includes(method)) return element === '' ? '?' : element;
  if (['values', 'clone', 'deepclone', 'iterator'].includes(method)) return type;
  return EXTERNAL;
}

/** "May call" over one selection's member index; its answers are cached for that selection only. */
export class CallMatcher {
  private readonly hierarchies = new Map<string, Set<string>>();
  private readonly outerCache = new Map<string, string[]>();
  private readonly receiverCache = new Map<Member, Map<string, Set<string> | undefined>>();
  private readonly unqualifiedCache = new Map<string, boolean>();
  private readonly externalSupers = new Map<string, boolean>();
  private readonly resultCache = new Map<Member, Map<number, Set<string> | undefined>>();
  private readonly refsByName = new Map<Member, Map<string, MemberTokens['refs']>>();

  constructor(private readonly index: MemberIndex) {}

  /** A type and what it extends or implements, transitively (simple names). */
  hierarchy(name: string): Set<string> {
    let h = this.hierarchies.get(name);
    if (!h) {
      h = new Set();
      const todo = [name];
      while (todo.length) {
        const n = todo.pop()!;
        if (h.has(n)) continue;
        h.add(n);
        todo.push(...(this.index.supersOf.get(n) ?? []));
      }
      this.hierarchies.set(name, h);
    }
    return h;
  }

  /** Whether `caller` may run `callee` through a call of `name` it makes. */
  mayCall(caller: Member, name: string, callee: Member): boolean {
    for (const ref of this.refsOf(caller, name)) if (arityFits(ref.args, callee) && this.mayCallOn(caller, name, ref.q, callee, 0)) return true;
    return false;
  }

  /** Backward closure from `start` over "may call", by member name. */
  closure(start: Iterable<Member>): Set<Member> {
    const out = new Set<Member>();
    const queue: Member[] = [];
    for (const m of start) {
      out.add(m);
      queue.push(m);
    }
    while (queue.length) {
      const m = queue.pop()!;
      for (const caller of this.index.callers.get(m.tokens.name) ?? []) {
        if (out.has(caller) || !this.mayCall(caller, m.tokens.name, m)) continue;
        out.add(caller);
        queue.push(caller);
      }
    }
    return out;
  }

  /** The outer types of a qualified type name, innermost first (`a.b.c` → `a.b`, `a`). */
  private outers(type: string): string[] {
    let out = this.outerCache.get(type);
    if (!out) {
      out = [];
      for (let i = type.lastIndexOf('.'); i > 0; i = type.lastIndexOf('.', i - 1)) out.push(type.slice(0, i));
      this.outerCache.set(type, out);
    }
    return out;
  }

  /**
   * The types a receiver may hold: those it is declared with in the caller
   * (locals, parameters) and as a field of the caller's class, its outer
   * classes and their supertypes. Undefined when that is not known: not
   * declared where we look (an inherited field of a class outside the
   * workspace, a property), or declared with a generic type other than a
   * list, set or map.
   */
  private receiverTypes(caller: Member, q: string): Set<string> | undefined {
    let cache = this.receiverCache.get(caller);
    if (!cache) this.receiverCache.set(caller, (cache = new Map()));
    if (cache.has(q)) return cache.get(q);
    const types = this.declaredTypes(caller, q);
    cache.set(q, types);
    return types;
  }

  private declaredTypes(caller: Member, q: string): Set<string> | undefined {
    const { fieldsOf } = this.index;
    const types = new Set<string>(caller.tokens.decls.get(q) ?? []);
    for (const owner of [caller.tokens.type, ...this.outers(caller.tokens.type)]) {
      for (const t of this.hierarchy(simple(owner))) for (const x of fieldsOf.get(t)?.get(q) ?? []) types.add(x);
      for (const x of fieldsOf.get(owner)?.get(q) ?? []) types.add(x);
    }
    if (types.size === 0 || types.has('?')) return undefined;
    return types;
  }

  /** A call on a receiver of type `t` may run `callee`: its class is `t` or inherits from it (dispatch), or `t` inherits the method. */
  private dispatches(t: string, callee: Member): boolean {
    return this.hierarchy(simple(callee.tokens.type)).has(t) || this.hierarchy(t).has(simple(callee.tokens.type));
  }

  /** An unqualified call (or on `this` / `super`) in `caller` may run `callee`: a method of its class, inherited, overridden below it, or of an outer class. */
  private unqualified(caller: Member, callee: Member): boolean {
    const type = caller.tokens.type;
    if (caller.tokens.name === '<trigger>') return true;
    const key = `${type} ${callee.tokens.type}`;
    let r = this.unqualifiedCache.get(key);
    if (r === undefined) {
      r =
        this.dispatches(simple(type), callee) ||
        this.outers(type).some((o) => o === callee.tokens.type || this.hierarchy(simple(o)).has(simple(callee.tokens.type)));
      this.unqualifiedCache.set(key, r);
    }
    return r;
  }

  /** Whether a class (simple name) extends or implements a type the workspace does not declare (Queueable, a managed interface, …). */
  private hasExternalSuper(type: string): boolean {
    let r = this.externalSupers.get(type);
    if (r === undefined) this.externalSupers.set(type, (r = [...this.hierarchy(type)].some((t) => !this.index.declaring.has(t))));
    return r;
  }

  /**
   * A call on a receiver of type `t` may run `callee`. `[]…` is a list, set,
   * map or array: its methods are the system's. `#ext` is a type the
   * workspace does not declare, not known by name (a system method's
   * result): only a class that extends or implements such a type can be
   * behind it.
   */
  private dispatchesOn(t: string, callee: Member): boolean {
    if (t.startsWith('[]')) return false;
    if (t === EXTERNAL) return this.hasExternalSuper(simple(callee.tokens.type));
    return this.dispatches(t, callee);
  }

  /**
   * The types what a call is made on may hold: undefined when unknown
   * (then any member of the name may run). `''` (unqualified) and `new`
   * are not receivers; see mayCallOn.
   */
  private receiverOf(caller: Member, q: string, depth: number): Set<string> | undefined {
    if (q.startsWith('()')) return this.resultTypes(caller, Number(q.slice(2)), depth);
    // `a.b.save(`: b is a field of whatever a is; of a workspace class when it is declared there
    if (q.startsWith('.')) {
      const types = this.index.fieldsNamed.get(q.slice(1));
      return types && !types.has('?') ? types : undefined;
    }
    const types = this.receiverTypes(caller, q);
    return types && !types.has('?') ? types : undefined;
  }

  /**
   * Whether a call of `name` on `q` in `caller` may run `callee`: unqualified,
   * in the caller's class, its hierarchy and outer classes; a constructor, that
   * class's; a receiver of known types (a variable, a field, the result of a
   * call), a member of those types; a class name, that class or one that
   * inherits the method; a system class (`System.`, `Database.`), none;
   * anything unknown, any member of that name.
   */
  private mayCallOn(caller: Member, name: string, q: string, callee: Member, depth: number): boolean {
    const { declaring } = this.index;
    if (q === '*') return true;
    if (q === '') return this.unqualified(caller, callee);
    if (q === 'new') return simple(callee.tokens.type) === name;
    const id = q.startsWith('.') ? q.slice(1) : q;
    const types = this.receiverOf(caller, q, depth);
    if (types) {
      for (const t of types) if (this.dispatchesOn(t, callee)) return true;
    } else if (q.startsWith('()') || (!declaring.has(id) && (q.startsWith('.') || !SYSTEM_CLASSES.has(id)))) return true;
    if (!q.startsWith('()') && declaring.has(id)) {
      if (this.hierarchy(id).has(simple(callee.tokens.type))) return true;
      // `new Outer.Inner(…)`, `Outer.Inner.run(…)` named through the outer class
      if (callee.tokens.type === `${id}.${name}` || callee.tokens.type.endsWith(`.${id}.${name}`)) return true;
    }
    return false;
  }

  /**
   * The types call `ref` of `caller` may return, when known: a
   * constructor's class; the declared return types of the workspace members
   * it may run; what a system method returns (a collection's element, or a
   * system type: Apex is statically typed, so a system method never returns
   * a workspace class except as a collection's element). Undefined when what
   * it is called on is unknown.
   */
  private resultTypes(caller: Member, index: number, depth: number): Set<string> | undefined {
    let cache = this.resultCache.get(caller);
    if (!cache) this.resultCache.set(caller, (cache = new Map()));
    if (cache.has(index)) return cache.get(index);
    cache.set(index, undefined); // a cycle or a long chain stays unknown
    const ref = caller.tokens.refs[index];
    let out: Set<string> | undefined;
    if (ref && depth <= 8 && ref.q !== '*') out = this.computeResult(caller, ref.name, ref.q, ref.args, depth + 1);
    if (out?.has('?')) out = undefined;
    cache.set(index, out);
    return out;
  }

  private computeResult(caller: Member, name: string, q: string, args: number, depth: number): Set<string> | undefined {
    const { declaring, byName } = this.index;
    if (q === 'new') return new Set([name]);
    const returnsOf = (callees: Member[]) => (callees.length === 0 ? [EXTERNAL] : callees.map((c) => c.tokens.returns));
    const candidates = (byName.get(name) ?? []).filter((c) => arityFits(args, c));
    if (q === '') return new Set(returnsOf(candidates.filter((c) => this.unqualified(caller, c))));
    const id = q.startsWith('.') ? q.slice(1) : q;
    const types = this.receiverOf(caller, q, depth);
    if (!types) {
      if (q.startsWith('()') || q.startsWith('.')) return undefined;
      if (declaring.has(id)) {
        const out = new Set(returnsOf(candidates.filter((c) => this.hierarchy(id).has(simple(c.tokens.type)))));
        // `new Outer.Inner()` scans as a call of `inner` on `outer`: it makes an Inner (WSDL2Apex's `new Service.Port()`).
        if (declaring.has(`${id}.${name}`)) out.add(name);
        return out;
      }
      return SYSTEM_CLASSES.has(id) ? new Set([EXTERNAL]) : undefined;
    }
    const out = new Set<string>();
    for (const t of types) {
      if (t.startsWith('[]')) out.add(collectionResult(t, name));
      else if (t === EXTERNAL || !declaring.has(t)) out.add(EXTERNAL);
      else for (const r of returnsOf(candidates.filter((c) => this.dispatches(t, c)))) out.add(r);
    }
    return out;
  }

  /** The calls of a member by name. */
  private refsOf(m: Member, name: string): MemberTokens['refs'] {
    let byRef = this.refsByName.get(m);
    if (!byRef) {
      this.refsByName.set(m, (byRef = new Map()));
      for (const r of m.tokens.refs) push(byRef, r.name, r);
    }
    return byRef.get(name) ?? [];
  }
}
