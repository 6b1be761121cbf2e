/**
 * Manifest summaries: does a method, called from a given site, call out (or
 * leave pending work) on every path? Built on the call index's resolution
 * and bindings, refined per call site by what the caller shows: concrete
 * objects for interface-typed parameters and `this` (the index's bindings),
 * and literal values of parameters, so that `sync(true)` decides
 * `if (doSync)` in the callee. A call site is a manifest callout when every
 * method it may run is one; a `@future` callee is an async boundary (calling
 * it is pending work, and never a callout here). Recursion and chains deeper
 * than MAX_DEPTH are not manifest: under-approximate on purpose.
 */
import type { Expr, MethodDecl, Stmt } from '../model/ir';
import { calloutLabel, callSpan } from './callouts';
import { dottedName, fold } from './constants';
import { isDatabaseDml, isTestStart, pendingWorkOf } from './effects';
import { isDataGuard, isInvariantGuard } from './guards';
import { forEachExprDeep } from './traverse';
import { decideCondition, mustReach, NON_EMPTY, type KnownValue } from './manifest';
import { resolverFor, type Bindings } from './resolve';
import { frameworkDispatch, type DispatchTarget } from './trigger-dispatch';
import type { MethodScope } from './scope';
import type { MethodRef, Workspace } from './workspace';
import { isFutureMethod, methodLabel, summaryFixedPoint, type CallSite, type ChainStep, type Summary, type SummaryGraph, type Work } from './chain';

/** What the manifest summaries need of the call index. */
export interface CallGraph extends SummaryGraph {
  readonly workspace: Workspace;
  factsOf(ref: MethodRef): { scope: MethodScope; sends: { call: Expr }[]; work: unknown[]; calls: CallSite[] };
  callees(ref: MethodRef, site: CallSite, bindings?: Bindings): MethodRef[];
  bindingsAt(ref: MethodRef, site: CallSite, callee: MethodRef, outer: Bindings): Bindings;
}

/** Known values of a method's parameters at one call site. */
export type Values = ReadonlyMap<string, KnownValue>;

const NO_VALUES: Values = new Map();
/** The catch clauses that handle a failed callout. */
const CALLOUT_FAILURES = new Set(['exception', 'system.exception', 'calloutexception', 'system.calloutexception']);
/** The calling context is one iteration of a loop (perIterationEffect). */
const PER_ITERATION = 'loop.periteration';
const TRIGGER_RECORDS = new Set(['new', 'old', 'newmap', 'oldmap']);
const NO_BINDINGS: Bindings = new Map();
const MAX_DEPTH = 60;
const MAX_CHAIN = 12;

export class ManifestIndex {
  private readonly memo = new Map<MethodDecl, Map<string, Summary>>();
  private readonly inProgress = new Set<string>();
  private base: Map<MethodDecl, Summary> | undefined;
  /** Base summaries kept from the index before an edit (see carry-facts.ts). */
  private settled: Map<MethodDecl, Summary> | undefined;

  constructor(private readonly index: CallGraph) {}

  /** What was computed so far: the base summaries (when the fixed point ran) and the refined ones, by method. */
  computed(): { base?: ReadonlyMap<MethodDecl, Summary>; refined: ReadonlyMap<MethodDecl, ReadonlyMap<string, Summary>> } {
    return { ...(this.base ? { base: this.base } : {}), refined: this.memo };
  }

  /**
   * Summaries known before the index is used (kept across an edit by
   * carry-facts.ts): the base ones settle those methods in the fixed point,
   * the refined ones are taken as computed.
   */
  adoptSummaries(base: Map<MethodDecl, Summary> | undefined, refined: Map<MethodDecl, Map<string, Summary>>): void {
    this.settled = base;
    for (const [method, byKey] of refined) this.memo.set(method, byKey);
  }

  /** Whether the method's base summary was kept from before an edit rather than derived again. */
  isSettled(method: MethodDecl): boolean {
    return !!this.settled?.has(method);
  }

  /** What the method does on every path, given what its caller binds. */
  summary(ref: MethodRef, bindings: Bindings = NO_BINDINGS, values: Values = NO_VALUES, depth = 0): Summary {
    if (bindings.size === 0 && values.size === 0) return this.baseSummary(ref);
    const key = `${keyOf(bindings)}#${keyOf(values)}`;
    const memo = this.memo.get(ref.method);
    const hit = memo?.get(key);
    if (hit) return hit;
    const id = `${ref.file.path}:${ref.method.span.start}|${key}`;
    // Recursion and deep chains: what the method does whatever its caller binds.
    if (this.inProgress.has(id) || depth > MAX_DEPTH || !ref.method.body) return this.baseSummary(ref);
    this.inProgress.add(id);
    let result: Summary;
    try {
      result = this.nothingToFind(ref, bindings)
        ? {}
        : this.compute(ref, ref.method.body, values, (site) => this.siteEffect(ref, site, bindings, values, depth));
    } finally {
      this.inProgress.delete(id);
    }
    const m = memo ?? new Map<string, Summary>();
    m.set(key, result);
    this.memo.set(ref.method, m);
    return result;
  }

  /**
   * A body with no send, no pending work and no call that may run a workspace
   * method (given what the caller binds) has nothing to find: a walk of it
   * would ask nothing of other summaries either. A third of the refined
   * summaries of a real org are of such methods.
   */
  private nothingToFind(ref: MethodRef, bindings: Bindings): boolean {
    const facts = this.index.factsOf(ref);
    return !facts.sends.length && !facts.work.length && facts.calls.every((site) => this.index.callees(ref, site, bindings).length === 0);
  }

  /** The manifest effect of a call site of an entry method, in any of its calling contexts (see entryContexts). */
  entryEffect(ref: MethodRef, site: CallSite, bindings: Bindings = NO_BINDINGS): Summary {
    let callout: ChainStep[] | undefined;
    let pending: Work | undefined;
    for (const values of entryContexts(this.index.workspace, ref)) {
      const e = this.siteEffect(ref, site, bindings, values);
      callout ??= e.callout;
      pending ??= e.pending;
    }
    return { ...(callout ? { callout } : {}), ...(pending ? { pending } : {}) };
  }

  /**
   * The manifest effect of a call made once per iteration of a loop: a guard
   * in the callee that configuration decides (isInvariantGuard) is the same
   * for every element, so it does not make the per-iteration callout latent.
   */
  perIterationEffect(ref: MethodRef, site: CallSite): Summary {
    let callout: ChainStep[] | undefined;
    for (const values of entryContexts(this.index.workspace, ref)) {
      callout ??= this.siteEffect(ref, site, NO_BINDINGS, new Map(values).set(PER_ITERATION, true)).callout;
    }
    return callout ? { callout } : {};
  }

  /** The manifest effect of one call site of `ref`: every method it may run calls out / leaves work. */
  siteEffect(ref: MethodRef, site: CallSite, bindings: Bindings = NO_BINDINGS, values: Values = NO_VALUES, depth = 0): Summary {
    const dispatch = values.has('trigger.operationtype') && frameworkDispatch(resolverFor(this.index.workspace), ref.type, site.expr, values);
    if (dispatch) return this.dispatchEffect(ref, site, dispatch, values, depth);
    return this.effectOf(ref, site, this.index.callees(ref, site, bindings), (callee) =>
      this.summary(callee, this.index.bindingsAt(ref, site, callee, bindings), this.valuesAt(ref, site, callee, values), depth + 1),
    );
  }

  /** A trigger framework's dispatch (trigger-dispatch.ts): every target runs, one after the other. */
  private dispatchEffect(ref: MethodRef, site: CallSite, targets: DispatchTarget[], values: Values, depth: number): Summary {
    const context = new Map([...values].filter(([k]) => k.startsWith('trigger.') || k.startsWith('test.') || k === PER_ITERATION));
    let callout: ChainStep[] | undefined;
    let pending: Work | undefined;
    for (const { callee, bindings, label } of targets) {
      const s = this.summary(callee, bindings, context, depth + 1);
      const step: ChainStep = { file: ref.file, span: site.span, message: `calls ${label}`, callee: label };
      if (s.callout) callout ??= [step, ...s.callout].slice(0, MAX_CHAIN);
      if (s.pending) pending ??= { ...s.pending, chain: [step, ...s.pending.chain].slice(0, MAX_CHAIN) };
    }
    return { ...(callout ? { callout } : {}), ...(pending ? { pending } : {}) };
  }

  private effectOf(ref: MethodRef, site: CallSite, callees: MethodRef[], summaryOf: (callee: MethodRef) => Summary | undefined): Summary {
    if (!callees.length) return {};
    let callout: ChainStep[] | undefined;
    let pending: Work | undefined;
    let allCallout = true;
    let allPending = true;
    for (const callee of callees) {
      if (isFutureMethod(callee.method)) {
        allCallout = false;
        pending ??= { what: `call to @future method ${methodLabel(callee)}`, chain: [callStep(ref, site, callee, 'calls @future method')] };
        continue;
      }
      const s = summaryOf(callee);
      // Steps are built only for what is found: most callees do neither.
      if (s?.callout) callout ??= [callStep(ref, site, callee), ...s.callout].slice(0, MAX_CHAIN);
      else allCallout = false;
      if (s?.pending) pending ??= { ...s.pending, chain: [callStep(ref, site, callee), ...s.pending.chain].slice(0, MAX_CHAIN) };
      else allPending = false;
      if (!allCallout && !allPending) break;
    }
    return { ...(allCallout && callout ? { callout } : {}), ...(allPending && pending ? { pending } : {}) };
  }

  /** The summary whatever the caller binds: a fixed point over the call graph, computed once. */
  baseSummary(ref: MethodRef): Summary {
    this.base ??= this.fixedPoint();
    return this.base.get(ref.method) ?? {};
  }

  /**
   * Least fixed point from "nothing manifest": a fact appears once every path
   * reaches it given the facts found so far, and facts never disappear, so
   * each method changes at most twice. Iterative: chains of any depth.
   */
  private fixedPoint(): Map<MethodDecl, Summary> {
    return summaryFixedPoint(
      this.index,
      (ref, known) =>
        ref.method.body && mayReachFact(this.index.factsOf(ref), known)
          ? this.compute(ref, ref.method.body, NO_VALUES, (site) =>
              this.effectOf(ref, site, this.index.callees(ref, site), (callee) => known.get(callee.method)),
            )
          : {},
      this.settled,
    );
  }

  private compute(ref: MethodRef, body: Stmt, values: Values, siteEffect: (site: CallSite) => Summary): Summary {
    const facts = this.index.factsOf(ref);
    const workspace = this.index.workspace;
    const sends = new Set<Expr>(facts.sends.map((s) => s.call));
    const sites = new Map<Expr, CallSite>(facts.calls.map((c) => [c.expr, c]));
    const effects = new Map<CallSite, Summary>();
    const effect = (site: CallSite) => {
      let e = effects.get(site);
      if (!e) {
        e = siteEffect(site);
        effects.set(site, e);
      }
      return e;
    };
    const valueOf = (e: Expr) => knownValue(facts.scope, e, values);
    const decide = (cond: Expr) => decideCondition(cond, valueOf);
    const nonEmpty = (e: Expr) => valueOf(e) === NON_EMPTY;
    const callout = mustReach<ChainStep[]>(body, {
      decide,
      nonEmpty,
      valueOf,
      // A callout behind a guard that data decides is reached: production data takes the path. A test's data is its own fixtures: they decide.
      // Called once per iteration of a loop, a guard that configuration decides is the same on every call: it calls out every time, or never.
      feasible: (cond) =>
        values.get('test.isrunningtest') !== true &&
        (isDataGuard(facts.scope, cond) || (values.get(PER_ITERATION) === true && isInvariantGuard(facts.scope, cond))),
      hit: (e) => {
        // Only calls (and `new`, a constructor call) are sends or call sites.
        if (e.k !== 'call' && e.k !== 'new') return undefined;
        if (e.k === 'call' && sends.has(e)) return [{ file: ref.file, span: callSpan(e), message: calloutLabel(e.name === 'invoke' ? { soap: true } : {}) }];
        const site = sites.get(e);
        return site ? effect(site).callout : undefined;
      },
    });
    const pending = mustReach<Work>(body, {
      decide,
      nonEmpty,
      valueOf,
      // Error logging in a catch after a failed callout (`catch (CalloutException e) { insert log; }`) leaves work for the next callout.
      handlesFailure: (tried, clause) =>
        CALLOUT_FAILURES.has(clause.type) && someExpr(tried, (e) => (e.k === 'call' && sends.has(e)) || (sites.has(e) && !!effect(sites.get(e)!).callout)),
      kill: (e) => e.k === 'call' && isTestStart(e, workspace),
      stmtHit: (s) => {
        if (s.k !== 'dml') return undefined;
        const what = `${s.op} statement`;
        return {
          what,
          chain: [{ file: ref.file, span: { start: s.keyword.start, end: s.expr.span.end }, message: `pending work: ${what}` }],
          savesRecords: true,
        };
      },
      hit: (e) => {
        if (e.k !== 'call' && e.k !== 'new') return undefined;
        // A call site is never pending work itself: the call index told them apart.
        const site = sites.get(e);
        if (site) return effect(site).pending;
        if (e.k !== 'call' || sends.has(e)) return undefined;
        const what = pendingWorkOf(e, workspace);
        if (!what) return undefined;
        const chain = [{ file: ref.file, span: callSpan(e), message: `pending work: ${what}` }];
        return isDatabaseDml(e, workspace) ? { what, chain, savesRecords: true } : { what, chain };
      },
    });
    return { ...(callout ? { callout } : {}), ...(pending ? { pending } : {}) };
  }

  /** The literal values a call site passes to the callee's parameters. */
  valuesAt(ref: MethodRef, site: CallSite, callee: MethodRef, outer: Values): Values {
    const scope = this.index.factsOf(ref).scope;
    const out = new Map<string, KnownValue>();
    // The trigger's context (Trigger.isInsert, …) holds all the way down.
    for (const [k, v] of outer) if (k.startsWith('trigger.') || k.startsWith('test.') || k === PER_ITERATION) out.set(k, v);
    callee.method.params.forEach((p, i) => {
      const arg = site.expr.args[i];
      const v = arg && knownValue(scope, arg, outer);
      if (v !== undefined) out.set(p.name, v);
    });
    return out.size ? out : NO_VALUES;
  }
}

/** What the code says a value is: a literal, a parameter bound by the caller, a constant, an enum value, a local assigned once. */
export function knownValue(scope: MethodScope, e: Expr, values: Values, depth = 0): KnownValue | undefined {
  if (depth > 8) return undefined;
  if (e.k === 'lit') return e.type === 'decimal' ? undefined : e.value;
  if (e.k === 'new' && e.elements) return NON_EMPTY;
  // Test.isRunningTest(): false when the entry point is production code, true in a test.
  if (e.k === 'call' && e.name === 'isrunningtest' && e.target?.k === 'name' && e.target.name === 'test' && !scope.workspace.findType('test')) {
    return values.get('test.isrunningtest');
  }
  if (e.k === 'call' && e.target && e.args.length === 0 && (e.name === 'values' || e.name === 'keyset')) {
    return knownValue(scope, e.target, values, depth + 1) === NON_EMPTY ? NON_EMPTY : undefined;
  }
  if (e.k === 'name') {
    const local = scope.locals.get(e.name);
    const isParam = scope.method.params.some((p) => p.name === e.name);
    if (isParam && local?.assignments === 1 && values.has(e.name)) return values.get(e.name);
    if (!isParam && local?.single && local.assignments === 1) return knownValue(scope, local.single, values, depth + 1);
    if (!local) {
      const constant = scope.workspace.constantField(scope.type, e.name);
      if (constant?.init?.k === 'lit') return knownValue(scope, constant.init, values, depth + 1);
    }
  }
  if (e.k === 'field') {
    // Trigger.new, Trigger.old, Trigger.newMap, Trigger.oldMap: a trigger always runs with records.
    if (e.target.k === 'name' && e.target.name === 'trigger' && !scope.locals.has('trigger')) {
      if (TRIGGER_RECORDS.has(e.name)) return NON_EMPTY;
      return values.get(`trigger.${e.name}`);
    }
    const owner = dottedName(e.target);
    const t = owner && !scope.locals.has(owner.split('.')[0]) ? scope.workspace.findType(owner, scope.type) : undefined;
    if (t?.type.kind === 'enum') return `enum:${e.name}`;
    // `TriggerOperation.AFTER_INSERT`, the system enum `Trigger.operationType` holds.
    if (!t && (owner === 'triggeroperation' || owner === 'system.triggeroperation')) return `enum:${e.name}`;
  }
  const folded = fold(e, { workspace: scope.workspace, type: scope.type, scope });
  if (folded.kind === 'number') return folded.value;
  if (folded.kind === 'string' && folded.complete) return folded.prefix;
  return undefined;
}

/**
 * Whether a walk of the body can find anything, given the summaries known so
 * far: a send, pending work, or a call to a `@future` method or to a method
 * with a known fact. Most methods have none, on the fixed point's first round
 * above all, and their summary is empty without a walk.
 */
function mayReachFact(facts: { sends: unknown[]; work: unknown[]; calls: CallSite[] }, known: ReadonlyMap<MethodDecl, Summary>): boolean {
  if (facts.sends.length || facts.work.length) return true;
  return facts.calls.some((site) => site.callees.some((c) => isFutureMethod(c.method) || known.has(c.method)));
}

/** The step of a witness chain that is the call at `site` to `callee`. */
function callStep(ref: MethodRef, site: CallSite, callee: MethodRef, verb = 'calls'): ChainStep {
  const label = methodLabel(callee);
  return { file: ref.file, span: site.span, message: `${verb} ${label}`, callee: label };
}

/** Whether some expression of the statement satisfies `test`. */
function someExpr(root: Stmt, test: (e: Expr) => boolean): boolean {
  let found = false;
  forEachExprDeep(root, (e) => {
    found ||= test(e);
  });
  return found;
}

function keyOf(m: ReadonlyMap<string, unknown>): string {
  if (m.size === 0) return '';
  // One entry (the usual: the test context alone) needs no sorting.
  if (m.size === 1) for (const [k, v] of m) return `${k}=${String(v)}`;
  return [...m]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
}

/**
 * The calling contexts an entry point really has, with what each decides for
 * the code it runs: whether it is a test (`Test.isRunningTest()`), and for a
 * trigger one context per declared event (an `after insert, after update`
 * trigger runs once as an insert and once as an update, each deciding
 * `Trigger.isInsert`, `Trigger.isAfter`…). A fact manifest in any one of them
 * happens whenever that event fires.
 */
export function entryContexts(workspace: Workspace, ref: MethodRef): Values[] {
  const test = new Map<string, KnownValue>([['test.isrunningtest', workspace.isTestType(ref.type)]]);
  const events = ref.method.kind === 'trigger' ? (ref.type.triggerEvents ?? []) : [];
  if (!events.length) return [test];
  return events.map((event) => {
    const out = new Map(test);
    out.set('trigger.isexecuting', true);
    out.set('trigger.isbefore', event.startsWith('before'));
    out.set('trigger.isafter', event.startsWith('after'));
    for (const op of ['insert', 'update', 'delete', 'undelete']) out.set(`trigger.is${op}`, event.endsWith(` ${op}`));
    // `switch on Trigger.operationType { when AFTER_INSERT … }`: the event as the TriggerOperation value.
    out.set('trigger.operationtype', `enum:${event.replace(' ', '_')}`);
    return out;
  });
}
