/**
 * The workspace index: call sites of every method resolved to the methods
 * they may run, and per-method summaries — may the method call out
 * synchronously (with one witness chain of calls down to the `send`), may it
 * leave pending work (with the chain down to the DML or other work).
 *
 * Summaries are first computed over the whole call graph to a fixed point
 * (class-hierarchy dispatch; recursion terminates because facts only ever
 * go from "no" to "yes"). On top of that, `summary()` refines on demand:
 * when a call passes a known concrete object (`new OrderHandler()`) for an
 * interface- or virtual-typed parameter, or calls an inherited method on a
 * known class, the callee is analysed with that binding, so a trigger
 * framework that dispatches through an interface reaches only the handler
 * the trigger passed. Cycles and deep chains fall back to the fixed point,
 * which is always a safe over-approximation.
 *
 * `@future` methods are async boundaries: calling one is pending work, and
 * what happens inside is not part of the caller's transaction. Queueables
 * and batches are never called directly (`System.enqueueJob` is a system
 * call), so nothing propagates through them either.
 */
import type { Expr, MethodDecl, Span, Stmt } from '../model/ir';
import type { LoopStmt } from './flow';
import { calloutLabel, calloutsOf, callSpan, type CalloutSite } from './callouts';
import { pendingWorkOf } from './effects';
import { resolverFor, type Resolver, type Bindings } from './resolve';
import type { MethodScope } from './scope';
import { childStmts, forEachSubExpr, ownExprs } from './traverse';
import { derived, type MethodRef, type Workspace } from './workspace';
import { isFutureMethod, methodLabel, summaryFixedPoint, type CallSite, type ChainStep, type Summary, type Work } from './chain';
import { ManifestIndex } from './manifest-summary';

export { firstCallee, isFutureMethod, methodLabel, type CallSite, type ChainStep, type Summary, type Work } from './chain';

export interface LocalFacts {
  ref: MethodRef;
  scope: MethodScope;
  sends: CalloutSite[];
  work: { span: Span; what: string }[];
  calls: CallSite[];
}

export interface SiteEffect {
  callees: MethodRef[];
  callout?: ChainStep[];
  pending?: Work;
}

const NO_BINDINGS: Bindings = new Map();
const MAX_DEPTH = 60;
const MAX_CHAIN = 12;

const CALL_INDEX = derived<CallIndex>('call index');

/** The call index of a workspace if it was built (never builds it). */
export function builtCallIndex(workspace: Workspace): CallIndex | undefined {
  return workspace.built(CALL_INDEX);
}

/** The call index of a workspace, built on first use. */
export function callIndex(workspace: Workspace): CallIndex {
  return workspace.derive(CALL_INDEX, () => new CallIndex(workspace));
}

export class CallIndex {
  readonly resolver: Resolver;
  private readonly facts = new Map<MethodDecl, LocalFacts>();
  private base: Map<MethodDecl, Summary> | undefined;
  private readonly refined = new Map<MethodDecl, Map<string, Summary>>();
  private readonly inProgress = new Set<string>();
  private allRefs: MethodRef[] | undefined;

  /** Manifest summaries (every path), for the cross-method findings. */
  readonly manifest: ManifestIndex;

  constructor(readonly workspace: Workspace) {
    this.resolver = resolverFor(workspace);
    this.manifest = new ManifestIndex(this);
  }

  /** Every method, constructor and trigger body with a body in the workspace. */
  methods(): MethodRef[] {
    this.allRefs ??= this.workspace.files.flatMap((file) =>
      file.model.types.flatMap((type) => type.methods.filter((m) => m.body).map((method) => ({ file, type, method }))),
    );
    return this.allRefs;
  }

  /**
   * Every method's facts, when all were computed (the callers map was built),
   * else undefined: what an edit's next index may keep (see carry-facts.ts).
   */
  allFacts(): ReadonlyMap<MethodDecl, LocalFacts> | undefined {
    return this.callers ? this.facts : undefined;
  }

  /** Facts known before the index is used (kept from the index before an edit). */
  adoptFacts(facts: Iterable<LocalFacts>): void {
    for (const f of facts) this.facts.set(f.ref.method, f);
  }

  factsOf(ref: MethodRef): LocalFacts {
    let f = this.facts.get(ref.method);
    if (!f) {
      f = collectFacts(this.workspace, ref);
      this.facts.set(ref.method, f);
    }
    return f;
  }

  /** The methods a site may run: resolved again only when the caller binds something (see CallSite.callees). */
  callees(ref: MethodRef, site: CallSite, bindings: Bindings = NO_BINDINGS): MethodRef[] {
    if (bindings.size === 0) return site.callees;
    const scope = this.factsOf(ref).scope;
    return site.expr.k === 'new' ? this.resolver.resolveNew(scope, site.expr) : this.resolver.resolveCall(scope, site.expr, bindings);
  }

  /** What a call site may do: call out synchronously, leave pending work. */
  siteEffect(ref: MethodRef, site: CallSite, bindings: Bindings = NO_BINDINGS, depth = 0): SiteEffect {
    return this.effectOf(ref, site, this.callees(ref, site, bindings), (callee) =>
      this.summary(callee, this.bindingsAt(ref, site, callee, bindings), depth + 1),
    );
  }

  /** A site's effect from its callees' summaries, however those are known (refined, or the fixed point so far). */
  private effectOf(ref: MethodRef, site: CallSite, callees: MethodRef[], summaryOf: (callee: MethodRef) => Summary | undefined): SiteEffect {
    const out: SiteEffect = { callees };
    for (const callee of callees) {
      if (out.callout && out.pending) break;
      const label = methodLabel(callee);
      if (isFutureMethod(callee.method)) {
        out.pending ??= {
          what: `call to @future method ${label}`,
          chain: [{ file: ref.file, span: site.span, message: `calls @future method ${label}`, callee: label }],
        };
        continue;
      }
      const s = summaryOf(callee);
      const step: ChainStep = { file: ref.file, span: site.span, message: `calls ${label}`, callee: label };
      if (s?.callout && !out.callout) out.callout = [step, ...s.callout].slice(0, MAX_CHAIN);
      if (s?.pending && !out.pending) out.pending = { what: s.pending.what, chain: [step, ...s.pending.chain].slice(0, MAX_CHAIN) };
    }
    return out;
  }

  private readonly predicates = new Map<MethodDecl, (e: Expr) => boolean>();

  /** Whether an expression of the method calls out: a `send`, or a call that leads to one. */
  callsOut(ref: MethodRef): (e: Expr) => boolean {
    let p = this.predicates.get(ref.method);
    if (!p) {
      const facts = this.factsOf(ref);
      const sends = new Set<Expr>(facts.sends.map((x) => x.call));
      const sites = new Map<Expr, CallSite>(facts.calls.map((c) => [c.expr, c]));
      p = (e) => {
        if (sends.has(e)) return true;
        const site = sites.get(e);
        return !!site && !!this.manifest.entryEffect(ref, site).callout;
      };
      this.predicates.set(ref.method, p);
    }
    return p;
  }

  /**
   * A callout the method's own body may make: a `send` on some path of its
   * own (the reader sees the branch), or a call that calls out manifestly
   * (on every path of the callee). What rules about the method itself ask.
   */
  calloutFrom(ref: MethodRef, bindings: Bindings = NO_BINDINGS): ChainStep[] | undefined {
    const facts = this.factsOf(ref);
    const send = facts.sends[0];
    if (send) return [{ file: ref.file, span: send.span, message: calloutLabel(send) }];
    for (const site of facts.calls) {
      const chain = this.manifest.entryEffect(ref, site, bindings).callout;
      if (chain) return chain;
    }
    return undefined;
  }

  /** The method's summary, refined for what is known about its parameters and `this`. */
  summary(ref: MethodRef, bindings: Bindings = NO_BINDINGS, depth = 0): Summary {
    const key = bindingsKey(bindings);
    const memo = this.refined.get(ref.method);
    const hit = memo?.get(key);
    if (hit) return hit;
    const id = `${this.idOf(ref.method)}|${key}`;
    if (this.inProgress.has(id) || depth > MAX_DEPTH) return this.baseSummary(ref);
    this.inProgress.add(id);
    let result: Summary;
    try {
      result = this.compute(ref, (site) => this.siteEffect(ref, site, bindings, depth));
    } finally {
      this.inProgress.delete(id);
    }
    const m = memo ?? new Map<string, Summary>();
    m.set(key, result);
    this.refined.set(ref.method, m);
    return result;
  }

  private readonly ids = new Map<MethodDecl, number>();
  private idOf(m: MethodDecl): number {
    let id = this.ids.get(m);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(m, id);
    }
    return id;
  }

  private compute(ref: MethodRef, effect: (site: CallSite) => SiteEffect): Summary {
    const facts = this.factsOf(ref);
    const out: Summary = {};
    const send = facts.sends[0];
    if (send) out.callout = [{ file: ref.file, span: send.span, message: calloutLabel(send) }];
    const work = facts.work[0];
    if (work) out.pending = { what: work.what, chain: [{ file: ref.file, span: work.span, message: `pending work: ${work.what}` }] };
    for (const site of facts.calls) {
      if (out.callout && out.pending) break;
      const e = effect(site);
      out.callout ??= e.callout;
      out.pending ??= e.pending;
    }
    return out;
  }

  /** The fixed point over the call graph with class-hierarchy dispatch. */
  baseSummary(ref: MethodRef): Summary {
    if (!this.base) this.base = this.fixedPoint();
    return this.base.get(ref.method) ?? {};
  }

  private fixedPoint(): Map<MethodDecl, Summary> {
    return summaryFixedPoint(this, (ref, known) =>
      this.compute(ref, (site) => this.effectOf(ref, site, this.callees(ref, site), (callee) => known.get(callee.method))),
    );
  }

  private callers: Map<MethodDecl, MethodRef[]> | undefined;

  /** The methods whose call sites may run `method` (class-hierarchy dispatch), computed once. */
  callersOf(method: MethodDecl): readonly MethodRef[] {
    if (!this.callers) {
      const callers = new Map<MethodDecl, MethodRef[]>();
      for (const ref of this.methods()) {
        for (const site of this.factsOf(ref).calls) {
          for (const callee of this.callees(ref, site)) {
            const list = callers.get(callee.method) ?? [];
            list.push(ref);
            callers.set(callee.method, list);
          }
        }
      }
      this.callers = callers;
    }
    return this.callers.get(method) ?? [];
  }

  /** What a call site tells about the callee's parameters and `this`. */
  bindingsAt(ref: MethodRef, site: CallSite, callee: MethodRef, outer: Bindings): Bindings {
    const scope = this.factsOf(ref).scope;
    const out = new Map<string, string>();
    const args = site.expr.args;
    callee.method.params.forEach((p, i) => {
      const concrete = args[i] && this.concreteType(scope, args[i], outer);
      if (concrete && concrete !== this.resolver.findType(p.type, callee.type)?.type.qualifiedName) out.set(p.name, concrete);
    });
    if (!callee.method.modifiers.includes('static') && callee.method.kind === 'method') {
      const target = site.expr.k === 'call' ? site.expr.target : undefined;
      let self: string | undefined;
      if (!target || target.k === 'this') self = outer.get('this');
      else {
        const r = this.resolver.receiverType(scope, target, outer);
        if (r?.exact) self = r.ref.type.qualifiedName;
      }
      if (self && self !== callee.type.qualifiedName) out.set('this', self);
    }
    return out.size ? out : NO_BINDINGS;
  }

  private concreteType(scope: MethodScope, e: Expr, outer: Bindings): string | undefined {
    if (e.k === 'new') return this.resolver.findType(e.type, scope.type)?.type.qualifiedName;
    if (e.k === 'cast') return this.concreteType(scope, e.expr, outer);
    if (e.k === 'name') {
      const bound = outer.get(e.name);
      if (bound) return bound;
      const local = scope.locals.get(e.name);
      if (local?.single?.k === 'new' && local.assignments === 1) return this.resolver.findType(local.single.type, scope.type)?.type.qualifiedName;
    }
    if (e.k === 'this') return outer.get('this') ?? scope.type.qualifiedName;
    if (e.k === 'call') return this.resolver.reflectiveType(scope, e)?.type.qualifiedName;
    return undefined;
  }
}

function bindingsKey(b: Bindings): string {
  if (b.size === 0) return '';
  return [...b]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** One pass over a method body: its sends, pending work and call sites, with their loops. */
function collectFacts(workspace: Workspace, ref: MethodRef): LocalFacts {
  const callouts = calloutsOf(workspace, ref.file, ref.type, ref.method);
  const facts: LocalFacts = { ref, scope: callouts.scope, sends: callouts.sends, work: [], calls: [] };
  if (!ref.method.body) return facts;
  const resolver = resolverFor(workspace);
  const stack: { stmt: Stmt; loops: LoopStmt[] }[] = [{ stmt: ref.method.body, loops: [] }];
  while (stack.length) {
    const { stmt, loops } = stack.pop()!;
    if (stmt.k === 'dml') facts.work.push({ span: { start: stmt.keyword.start, end: stmt.expr.span.end }, what: `${stmt.op} statement` });
    for (const root of ownExprs(stmt)) {
      forEachSubExpr(root, (e) => {
        if (e.k === 'new') {
          facts.calls.push({ expr: e, span: e.span, loops, callees: resolver.resolveNew(callouts.scope, e) });
          return;
        }
        if (e.k !== 'call' || callouts.isSend(e)) return;
        const what = pendingWorkOf(e, workspace);
        if (what) facts.work.push({ span: callSpan(e), what });
        else facts.calls.push({ expr: e, span: callSpan(e), loops, callees: resolver.resolveCall(callouts.scope, e) });
      });
    }
    const inner = stmt.k === 'loop' ? [...loops, stmt] : loops;
    const kids = childStmts(stmt);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ stmt: kids[i], loops: inner });
  }
  const bySource = (a: { span: Span }, b: { span: Span }) => a.span.start - b.span.start;
  facts.work.sort(bySource);
  facts.calls.sort(bySource);
  return facts;
}
