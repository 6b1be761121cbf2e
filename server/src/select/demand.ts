/**
 * Demand-driven parsing. Parsing dominates the cost, and on real orgs every
 * class reaches the few that call out through shared utilities, so choosing
 * files by the type names they mention selects the whole org. The choice is
 * made per member instead, on the tokens of each method body
 * (scan.ts), by what the rules need:
 *
 * 1. sends: members that mention `Http`, `HttpRequest`, `HttpResponse`,
 *    `EventBus` or `Continuation`, or call `send`, `setTimeout`,
 *    `setEndpoint` or `setHeader` (every rule starts from a callout, a
 *    request or an event publish), or name an `HttpRequest` field of their
 *    class (a wrapper's request is followed across its methods); and the operations of WSDL2Apex ports
 *    (members that mention `WebServiceCallout`) that some member calls: a
 *    generated port has dozens, and an operation no one calls has nothing
 *    to report (the rules judge SOAP callouts at the caller); and members
 *    that set a port's `endpoint_x`, `timeout_x` or `inputHttpHeaders_x`,
 *    or return a port (`createService()`);
 * 2. callers, transitively, matched by method name (not by type name): a
 *    member that calls a name of a member that reaches a send — on anything
 *    but a class name, or on that member's class or a class inheriting it
 *    (`Repo.save()` runs no other class's `save`);
 * 3. pending work those members may leave, by name too: a member they call
 *    that does DML or other pending work (`insert`, `Database`, `enqueueJob`,
 *    `@future`, …), directly or through the members it calls; and the other
 *    bodies such a call may dispatch to (the same name in a class sharing a
 *    workspace supertype with one chosen): the rules report a call only when
 *    every body it may run sends or leaves the work, so a body that does
 *    neither, left unparsed, would turn a latent finding into a reported one;
 * 4. what resolving those calls needs: the supertypes of every parsed type,
 *    the classes the chosen members name as `Name.` qualifiers (constants,
 *    static fields) and, transitively, those named by their constants, and
 *    the types the chosen members mention that extend a parsed type (a
 *    `new Handler()` passed for an interface narrows the dispatch); files
 *    declaring a class that shadows a system class the analysis knows.
 *
 * Names over-approximate (two methods called `save` are both followed),
 * never under: a member outside the selection neither reaches a send nor
 * leaves work a chosen member can run, so the same findings come out as when
 * every file is parsed (test/src/unit/demand-invariant.test.ts).
 */
import type { SourceFile } from '../base/contracts';
import { isLwcSource } from '../base/file-kind';
import { scanFile, type FileTokens, type MemberTokens } from './scan';

const SEND_WORDS = ['http', 'httprequest', 'httpresponse', 'eventbus', 'continuation', 'webservicecallout', 'endpoint_x', 'timeout_x', 'inputhttpheaders_x'];
/** The fields of a WSDL2Apex port a caller configures: a member that sets them is judged even when it calls no operation. */
const PORT_WORDS = new Set(['endpoint_x', 'timeout_x', 'inputhttpheaders_x']);
/** `WebServiceCallout.invoke` alone: a port operation, which matters only where it is called. */
const SOAP_WORD = 'webservicecallout';
const SEND_CALLS = ['send', 'settimeout', 'setendpoint', 'setheader'];
/** The fflib_SObjectDomain methods its triggerHandler() runs for an event. */
const FFLIB_EVENT_METHODS = new Set(
  ['ApplyDefaults', 'Validate', 'BeforeInsert', 'BeforeUpdate', 'BeforeDelete', 'AfterInsert', 'AfterUpdate', 'AfterDelete', 'AfterUndelete'].flatMap((e) => [
    `on${e}`.toLowerCase(),
    `handle${e}`.toLowerCase(),
  ]),
);
const WORK_WORDS = [
  'insert',
  'update',
  'upsert',
  'delete',
  'undelete',
  'merge',
  'database',
  'enqueuejob',
  'schedule',
  'sendemail',
  'setsavepoint',
  'executebatch',
];
/**
 * System classes called by name (`System.assertEquals(`, `Date.newInstance(`):
 * unless the workspace declares a class or a variable of that name, such a
 * call runs no workspace code.
 */
const SYSTEM_CLASSES = new Set([
  'system',
  'database',
  'test',
  'date',
  'datetime',
  'time',
  'string',
  'integer',
  'decimal',
  'double',
  'long',
  'boolean',
  'blob',
  'id',
  'math',
  'json',
  'limits',
  'schema',
  'userinfo',
  'eventbus',
  'messaging',
  'url',
  'crypto',
  'encodingutil',
  'type',
  'label',
  'site',
  'approval',
  'pattern',
  'http',
  'httprequest',
  'httpresponse',
  'apexpages',
  'restcontext',
  'search',
  'trigger',
  'featuremanagement',
  'sobjecttype',
  'security',
  'auth',
  'cache',
  'dom',
  'flow',
  'connectapi',
  'quiddity',
  'request',
  'timezone',
  'location',
  'address',
  'webservicecallout',
]);
/** System classes the analysis recognises by name: a workspace class of that name shadows them. */
const SYSTEM_NAMES = new Set([
  ...SEND_WORDS,
  'database',
  'system',
  'messaging',
  'test',
  'queueable',
  'queueablecontext',
  'schedulable',
  'schedulablecontext',
  'pagereference',
  'object',
  'limits',
  'json',
]);

const cache = new WeakMap<SourceFile, FileTokens>();

function tokensOf(file: SourceFile): FileTokens {
  let t = cache.get(file);
  if (!t) {
    t = scanFile(file);
    cache.set(file, t);
  }
  return t;
}

interface Member {
  file: SourceFile;
  tokens: MemberTokens;
}

/** What was chosen and why, for the benchmark and tests. */
export interface DemandSelection {
  paths: Set<string>;
  /**
   * Per chosen file, the method and constructor bodies no rule needs (the
   * text strictly between their braces): members that neither reach a send
   * nor leave work a chosen member runs. Batch linting may read them as
   * empty (see omitBodies).
   */
  omitted: Map<string, [number, number][]>;
  members: { total: number; sends: number; reaching: number; work: number };
}

/** A type the workspace does not declare, not known by name. */
const EXTERNAL = '#ext';
const simple = (name: string) => name.slice(name.lastIndexOf('.') + 1);
const hasAny = (set: ReadonlySet<string>, words: readonly string[]) => words.some((w) => set.has(w));

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The files to parse fully, with counts of the members chosen. */
export function selectDemand(given: SourceFile[]): DemandSelection {
  // Lightning component scripts are linted on their own, never parsed as Apex.
  const files = given.filter((f) => !isLwcSource(f.path));
  const declaring = new Map<string, SourceFile[]>();
  const byName = new Map<string, Member[]>();
  const callers = new Map<string, Member[]>();
  const members: Member[] = [];
  const parsed = new Set<SourceFile>();
  for (const file of files) {
    const t = tokensOf(file);
    if (t.special) parsed.add(file);
    for (const d of new Set(t.declared)) {
      push(declaring, d, file);
      if (SYSTEM_NAMES.has(d)) parsed.add(file);
    }
    for (const tokens of t.members) {
      const m = { file, tokens };
      members.push(m);
      push(byName, tokens.name, m);
      for (const c of tokens.calls) push(callers, c, m);
    }
  }

  const supersOf = new Map<string, string[]>();
  for (const f of files) {
    const t = tokensOf(f);
    for (const type of t.types) for (const n of [type.name, simple(type.name)]) supersOf.set(n, type.supertypes.map(simple));
  }
  const hierarchies = new Map<string, Set<string>>();
  /** A type and what it extends or implements, transitively (simple names). */
  const hierarchy = (name: string): Set<string> => {
    let h = hierarchies.get(name);
    if (!h) {
      h = new Set();
      const todo = [name];
      while (todo.length) {
        const n = todo.pop()!;
        if (h.has(n)) continue;
        h.add(n);
        todo.push(...(supersOf.get(n) ?? []));
      }
      hierarchies.set(name, h);
    }
    return h;
  };
  const fieldsOf = new Map<string, Map<string, Set<string>>>();
  /** Every field and property of the workspace by name, with the types it is declared with. */
  const fieldsNamed = new Map<string, Set<string>>();
  for (const f of files) {
    for (const [type, fields] of tokensOf(f).fields) {
      for (const n of [type, simple(type)]) fieldsOf.set(n, fields);
      for (const [name, types] of fields) {
        let all = fieldsNamed.get(name);
        if (!all) fieldsNamed.set(name, (all = new Set()));
        for (const t of types) all.add(t);
      }
    }
  }
  /** The outer types of a qualified type name, innermost first (`a.b.c` → `a.b`, `a`). */
  const outerCache = new Map<string, string[]>();
  const outers = (type: string): string[] => {
    let out = outerCache.get(type);
    if (!out) {
      out = [];
      for (let i = type.lastIndexOf('.'); i > 0; i = type.lastIndexOf('.', i - 1)) out.push(type.slice(0, i));
      outerCache.set(type, out);
    }
    return out;
  };
  /**
   * The types a receiver may hold: those it is declared with in the caller
   * (locals, parameters) and as a field of the caller's class, its outer
   * classes and their supertypes. Undefined when that is not known: not
   * declared where we look (an inherited field of a class outside the
   * workspace, a property), or declared with a generic type other than a
   * list, set or map.
   */
  const receiverCache = new Map<Member, Map<string, Set<string> | undefined>>();
  const receiverTypes = (caller: Member, q: string): Set<string> | undefined => {
    let cache = receiverCache.get(caller);
    if (!cache) receiverCache.set(caller, (cache = new Map()));
    if (cache.has(q)) return cache.get(q);
    const types = declaredTypes(caller, q);
    cache.set(q, types);
    return types;
  };
  const declaredTypes = (caller: Member, q: string): Set<string> | undefined => {
    const types = new Set<string>(caller.tokens.decls.get(q) ?? []);
    for (const owner of [caller.tokens.type, ...outers(caller.tokens.type)]) {
      for (const t of hierarchy(simple(owner))) for (const x of fieldsOf.get(t)?.get(q) ?? []) types.add(x);
      for (const x of fieldsOf.get(owner)?.get(q) ?? []) types.add(x);
    }
    if (types.size === 0 || types.has('?')) return undefined;
    return types;
  };
  /** A call on a receiver of type `t` may run `callee`: its class is `t` or inherits from it (dispatch), or `t` inherits the method. */
  const dispatches = (t: string, callee: Member): boolean => hierarchy(simple(callee.tokens.type)).has(t) || hierarchy(t).has(simple(callee.tokens.type));
  /** An unqualified call (or on `this` / `super`) in `caller` may run `callee`: a method of its class, inherited, overridden below it, or of an outer class. */
  const unqualifiedCache = new Map<string, boolean>();
  const unqualified = (caller: Member, callee: Member): boolean => {
    const type = caller.tokens.type;
    if (caller.tokens.name === '<trigger>') return true;
    const key = `${type} ${callee.tokens.type}`;
    let r = unqualifiedCache.get(key);
    if (r === undefined) {
      r = dispatches(simple(type), callee) || outers(type).some((o) => o === callee.tokens.type || hierarchy(simple(o)).has(simple(callee.tokens.type)));
      unqualifiedCache.set(key, r);
    }
    return r;
  };
  /** Whether a class (simple name) extends or implements a type the workspace does not declare (Queueable, a managed interface, …). */
  const externalSupers = new Map<string, boolean>();
  const hasExternalSuper = (type: string): boolean => {
    let r = externalSupers.get(type);
    if (r === undefined) externalSupers.set(type, (r = [...hierarchy(type)].some((t) => !declaring.has(t))));
    return r;
  };
  /**
   * A call on a receiver of type `t` may run `callee`. `[]…` is a list, set,
   * map or array: its methods are the system's. `#ext` is a type the
   * workspace does not declare, not known by name (a system method's
   * result): only a class that extends or implements such a type can be
   * behind it.
   */
  const dispatchesOn = (t: string, callee: Member): boolean => {
    if (t.startsWith('[]')) return false;
    if (t === EXTERNAL) return hasExternalSuper(simple(callee.tokens.type));
    return dispatches(t, callee);
  };
  /**
   * The types what a call is made on may hold: undefined when unknown
   * (then any member of the name may run). `''` (unqualified) and `new`
   * are not receivers; see mayCallOn.
   */
  const receiverOf = (caller: Member, q: string, depth: number): Set<string> | undefined => {
    if (q.startsWith('()')) return resultTypes(caller, Number(q.slice(2)), depth);
    // `a.b.save(`: b is a field of whatever a is; of a workspace class when it is declared there
    if (q.startsWith('.')) {
      const types = fieldsNamed.get(q.slice(1));
      return types && !types.has('?') ? types : undefined;
    }
    const types = receiverTypes(caller, q);
    return types && !types.has('?') ? types : undefined;
  };
  /**
   * Whether a call of `name` on `q` in `caller` may run `callee`: unqualified,
   * in the caller's class, its hierarchy and outer classes; a constructor, that
   * class's; a receiver of known types (a variable, a field, the result of a
   * call), a member of those types; a class name, that class or one that
   * inherits the method; a system class (`System.`, `Database.`), none;
   * anything unknown, any member of that name.
   */
  const mayCallOn = (caller: Member, name: string, q: string, callee: Member, depth: number): boolean => {
    if (q === '*') return true;
    if (q === '') return unqualified(caller, callee);
    if (q === 'new') return simple(callee.tokens.type) === name;
    const id = q.startsWith('.') ? q.slice(1) : q;
    const types = receiverOf(caller, q, depth);
    if (types) {
      for (const t of types) if (dispatchesOn(t, callee)) return true;
    } else if (q.startsWith('()') || (!declaring.has(id) && (q.startsWith('.') || !SYSTEM_CLASSES.has(id)))) return true;
    if (!q.startsWith('()') && declaring.has(id)) {
      if (hierarchy(id).has(simple(callee.tokens.type))) return true;
      // `new Outer.Inner(…)`, `Outer.Inner.run(…)` named through the outer class
      if (callee.tokens.type === `${id}.${name}` || callee.tokens.type.endsWith(`.${id}.${name}`)) return true;
    }
    return false;
  };
  /** What a system collection method returns on `[]element`: the element, the same collection, or a system value. */
  const collectionResult = (type: string, method: string): string => {
    const element = type.slice(2);
    if (['get', 'remove', 'put', 'next'].includes(method)) return element === '' ? '?' : element;
    if (['values', 'clone', 'deepclone', 'iterator'].includes(method)) return type;
    return EXTERNAL;
  };
  /**
   * The types call `ref` of `caller` may return, when known: a
   * constructor's class; the declared return types of the workspace members
   * it may run; what a system method returns (a collection's element, or a
   * system type: Apex is statically typed, so a system method never returns
   * a workspace class except as a collection's element). Undefined when what
   * it is called on is unknown.
   */
  const resultCache = new Map<Member, Map<number, Set<string> | undefined>>();
  const resultTypes = (caller: Member, index: number, depth: number): Set<string> | undefined => {
    let cache = resultCache.get(caller);
    if (!cache) resultCache.set(caller, (cache = new Map()));
    if (cache.has(index)) return cache.get(index);
    cache.set(index, undefined); // a cycle or a long chain stays unknown
    const ref = caller.tokens.refs[index];
    let out: Set<string> | undefined;
    if (ref && depth <= 8 && ref.q !== '*') out = computeResult(caller, ref.name, ref.q, ref.args, depth + 1);
    if (out?.has('?')) out = undefined;
    cache.set(index, out);
    return out;
  };
  const computeResult = (caller: Member, name: string, q: string, args: number, depth: number): Set<string> | undefined => {
    if (q === 'new') return new Set([name]);
    const returnsOf = (callees: Member[]) => (callees.length === 0 ? [EXTERNAL] : callees.map((c) => c.tokens.returns));
    const candidates = (byName.get(name) ?? []).filter((c) => arityFits(args, c));
    if (q === '') return new Set(returnsOf(candidates.filter((c) => unqualified(caller, c))));
    const id = q.startsWith('.') ? q.slice(1) : q;
    const types = receiverOf(caller, q, depth);
    if (!types) {
      if (q.startsWith('()') || q.startsWith('.')) return undefined;
      if (declaring.has(id)) {
        const out = new Set(returnsOf(candidates.filter((c) => hierarchy(id).has(simple(c.tokens.type)))));
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
      else for (const r of returnsOf(candidates.filter((c) => dispatches(t, c)))) out.add(r);
    }
    return out;
  };
  /** The calls of a member by name. */
  const refsByName = new Map<Member, Map<string, MemberTokens['refs']>>();
  const refsOf = (m: Member, name: string): MemberTokens['refs'] => {
    let byRef = refsByName.get(m);
    if (!byRef) {
      refsByName.set(m, (byRef = new Map()));
      for (const r of m.tokens.refs) push(byRef, r.name, r);
    }
    return byRef.get(name) ?? [];
  };
  /** Apex has no optional parameters nor varargs: a call runs only a method with as many parameters as it has arguments. */
  const arityFits = (args: number, callee: Member) => args < 0 || callee.tokens.params < 0 || args === callee.tokens.params;
  const mayCall = (caller: Member, name: string, callee: Member): boolean => {
    for (const ref of refsOf(caller, name)) if (arityFits(ref.args, callee) && mayCallOn(caller, name, ref.q, callee, 0)) return true;
    return false;
  };
  /** Backward closure from `start` over "may call", by member name. */
  const closure = (start: Iterable<Member>): Set<Member> => {
    const out = new Set<Member>();
    const queue: Member[] = [];
    for (const m of start) {
      out.add(m);
      queue.push(m);
    }
    while (queue.length) {
      const m = queue.pop()!;
      for (const caller of callers.get(m.tokens.name) ?? []) {
        if (out.has(caller) || !mayCall(caller, m.tokens.name, m)) continue;
        out.add(caller);
        queue.push(caller);
      }
    }
    return out;
  };

  // 1–2. members that reach a send, and their callers by name
  // A member that names an `HttpRequest` field of its class: analysis/request-fields.ts follows the field across the class's methods.
  const usesRequestField = (m: Member) => {
    const fields = fieldsOf.get(m.tokens.type);
    if (!fields) return false;
    for (const [name, types] of fields) if (types.has('httprequest') && m.tokens.idents.has(name)) return true;
    return false;
  };
  const sendsAny = members.filter((m) => hasAny(m.tokens.idents, SEND_WORDS) || hasAny(m.tokens.calls, SEND_CALLS) || usesRequestField(m));
  const soapOnly = (m: Member) =>
    m.tokens.idents.has(SOAP_WORD) &&
    !hasAny(m.tokens.calls, SEND_CALLS) &&
    !SEND_WORDS.some((w) => w !== SOAP_WORD && !PORT_WORDS.has(w) && m.tokens.idents.has(w));
  const called = (op: Member) => (callers.get(op.tokens.name) ?? []).some((c) => c !== op && mayCall(c, op.tokens.name, op));
  // A helper that returns a port (`createService()`) tells its callers whether the port's timeout is set.
  const portTypes = new Set<string>();
  for (const [type, fields] of fieldsOf) if (fields.has('endpoint_x')) portTypes.add(simple(type));
  const sends = sendsAny.filter((m) => !soapOnly(m) || called(m));
  if (portTypes.size) for (const m of members) if (portTypes.has(m.tokens.returns) && !sends.includes(m)) sends.push(m);
  const reaching = closure(sends);
  // `fflib_SObjectDomain.triggerHandler(Accounts.class)` runs the domain's `on…` overrides (analysis/trigger-dispatch.ts).
  const fflibDispatch = members.filter((m) => m.tokens.calls.has('triggerhandler'));
  if (fflibDispatch.length && [...reaching].some((m) => FFLIB_EVENT_METHODS.has(m.tokens.name))) {
    for (const m of [...closure(fflibDispatch), ...(byName.get('construct') ?? [])]) reaching.add(m);
  }

  // 3. members that may leave pending work, as far as the chosen members call them
  const mayWork = closure(members.filter((m) => m.tokens.future || hasAny(m.tokens.idents, WORK_WORDS)));
  // A call sends (or leaves work) only when every body it may dispatch to does, so once one body
  // of a call matters, so do its siblings: the same name below a workspace type both inherit.
  const related = (a: Member, b: Member): boolean => {
    const hb = hierarchy(simple(b.tokens.type));
    for (const n of hierarchy(simple(a.tokens.type))) if (hb.has(n) && declaring.has(n)) return true;
    return false;
  };
  const chosen = new Set<Member>(reaching);
  const forward = [...chosen];
  while (forward.length) {
    const m = forward.pop()!;
    for (const c of m.tokens.calls) {
      const callees = (byName.get(c) ?? []).filter((callee) => mayCall(m, c, callee));
      const matter = callees.filter((callee) => reaching.has(callee) || mayWork.has(callee));
      for (const callee of callees) {
        if (chosen.has(callee) || !(mayWork.has(callee) || matter.some((x) => x !== callee && related(x, callee)))) continue;
        chosen.add(callee);
        forward.push(callee);
      }
    }
  }
  // Batch starts are read wherever they are when their batch may call out (Database.executeBatch(job, scope) gives it
  // its scope size). A start is known only by its job's class (`new Sync()`, or a local assigned from one), so a
  // start that never names such a class cannot matter.
  const batchesCallingOut: string[] = [];
  for (const m of reaching) {
    const type = simple(m.tokens.type);
    if (m.tokens.name === 'execute' && hierarchy(type).has('batchable')) batchesCallingOut.push(type);
  }
  if (batchesCallingOut.length) for (const m of members) if (m.tokens.idents.has('executebatch') && hasAny(m.tokens.idents, batchesCallingOut)) chosen.add(m);
  for (const m of chosen) parsed.add(m.file);
  const chosenTokens = new Set([...chosen].map((m) => m.tokens));

  // 4. what resolution needs: supertypes, qualifiers (and their constants), subtypes the chosen members mention
  const declaredIn = (name: string) => declaring.get(name) ?? declaring.get(simple(name)) ?? [];
  const parsedTypes = new Set<string>();
  const extendsParsed = (name: string) => [...hierarchy(name)].some((n) => n !== name && parsedTypes.has(n));
  const closed = new Set<SourceFile>();
  let changed = true;
  const add = (f: SourceFile) => {
    if (parsed.has(f)) return;
    parsed.add(f);
    changed = true;
  };
  // The workspace types the chosen members mention: each is needed once it extends a parsed type.
  const mentioned = new Set<string>();
  for (const m of chosen) {
    for (const q of m.tokens.qualifiers) for (const g of declaring.get(q) ?? []) add(g);
    for (const id of m.tokens.idents) if (declaring.has(id)) mentioned.add(id);
  }
  while (changed) {
    changed = false;
    for (const f of [...parsed]) {
      if (closed.has(f)) continue;
      closed.add(f);
      const t = tokensOf(f);
      for (const d of t.declared) parsedTypes.add(d);
      for (const type of t.types) for (const s of type.supertypes) for (const g of declaredIn(s)) add(g);
      for (const q of t.classQualifiers) for (const g of declaring.get(q) ?? []) add(g);
    }
    for (const id of mentioned) {
      if (parsedTypes.has(id)) mentioned.delete(id);
      else if (extendsParsed(id)) {
        mentioned.delete(id);
        for (const g of declaring.get(id)!) add(g);
      }
    }
  }
  let work = 0;
  for (const m of chosen) if (!reaching.has(m)) work++;
  const omitted = new Map<string, [number, number][]>();
  for (const f of parsed) {
    const t = tokensOf(f);
    if (t.special || !t.balanced || t.declared.some((d) => SYSTEM_NAMES.has(d))) continue;
    const ranges: [number, number][] = [];
    for (const m of t.members) {
      if (m.params < 0 || m.bodyEnd <= m.bodyStart + 2 || chosenTokens.has(m)) continue;
      ranges.push([m.bodyStart + 1, m.bodyEnd - 1]);
    }
    if (ranges.length) omitted.set(f.path, ranges);
  }
  return { paths: new Set([...parsed].map((f) => f.path)), omitted, members: { total: members.length, sends: sends.length, reaching: reaching.size, work } };
}

/**
 * `text` with the `omitted` ranges blanked: every character but line breaks
 * becomes a space, so that offsets, lines and columns stay those of the
 * file, and the parser reads `{ }`.
 */
export function omitBodies(text: string, omitted: readonly [number, number][] | undefined): string {
  if (!omitted?.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of omitted) {
    parts.push(text.slice(at, start));
    // Runs of spaces between the line breaks, each a slice of one long run (no string per character).
    let run = start;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (i > run) parts.push(spaces(i - run));
      parts.push(c === 10 ? '\n' : '\r');
      run = i + 1;
    }
    if (end > run) parts.push(spaces(end - run));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

let SPACES = ' '.repeat(4096);
function spaces(n: number): string {
  if (n > SPACES.length) SPACES = ' '.repeat(n);
  return SPACES.slice(0, n);
}

/** Drop the token scans of `files` (they are made again if asked for). */
export function forgetScans(files: Iterable<SourceFile>): void {
  for (const f of files) cache.delete(f);
}

/** The paths of the files to parse fully. */
export function filesThatMatter(files: SourceFile[]): Set<string> {
  return selectDemand(files).paths;
}

/** Every name the selection matches on: type names (file names, classes, inner classes, triggers) and member names. */
export function declaredNames(files: Iterable<SourceFile>): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    const t = tokensOf(f);
    for (const d of t.declared) out.add(d);
    for (const m of t.members) out.add(m.name);
  }
  return out;
}

/**
 * What of a file the selection depends on: its types and supertypes, its
 * fields of workspace types, and per member its name, arity, return type, its
 * flags, its calls of workspace names (with what they are called on and their
 * arguments), the workspace names it qualifies and mentions, and its
 * variables of workspace types. An edit that keeps this the same (most keystrokes inside a
 * method) keeps the selection the same.
 */
export function demandSignature(file: SourceFile, names: ReadonlySet<string>): string {
  const t = tokensOf(file);
  const known = (s: ReadonlySet<string>) => [...s].filter((x) => names.has(x)).sort();
  /** A declared type that can matter: a workspace type, or a collection of one (`[][]foo`). */
  const knownType = (type: string) => names.has(type.replace(/^(\[\])+/, ''));
  const typed = (decls: ReadonlyMap<string, ReadonlySet<string>>) =>
    [...decls]
      .filter(([, types]) => [...types].some(knownType))
      .map(([v, types]) => `${v}:${[...types].sort().join('/')}`)
      .sort();
  const parts = [String(t.special), t.types.map((x) => `${x.name}:${x.supertypes.join(',')}`).join(';'), known(t.classQualifiers).join(',')];
  for (const [type, fields] of t.fields) parts.push(`${type}:${typed(fields).join(',')}`);
  for (const m of t.members) {
    const requestField = [...(t.fields.get(m.type) ?? [])].some(([name, types]) => types.has('httprequest') && m.idents.has(name));
    const flags = `${m.future}${hasAny(m.idents, SEND_WORDS) || hasAny(m.calls, SEND_CALLS) || requestField}${hasAny(m.idents, WORK_WORDS)}${m.idents.has('executebatch')}`;
    // Calls of workspace names with what they are called on and their arity, and what the receivers are declared as
    const refs = m.refs.filter((r) => names.has(r.name)).map((r) => `${r.name}/${r.q}/${r.args}`);
    parts.push(
      `${m.name}/${m.params}/${knownType(m.returns) ? m.returns : ''}|${flags}|${refs.join(',')}|${known(m.qualifiers)}|${known(m.idents)}|${typed(m.decls)}`,
    );
  }
  return parts.join('\n');
}
