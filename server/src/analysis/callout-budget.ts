/**
 * How much callout time one transaction can spend, at least, along one path
 * of an entry point: the timeouts of the sends that run one after another
 * (the 10 s default where no timeout is set), loops with a constant bound
 * times their body, and calls to other methods. Salesforce allows 120 s of
 * cumulative callout time per transaction.
 *
 * Inside the entry method the worst path counts (the reader sees the
 * branch). A called method only contributes what it spends on every path
 * (docs/principles.md, "report what is manifest"): the sends and calls of its body up
 * to the first statement that may return, outside branches, with loops of a
 * constant bound. A timeout that is not constant counts as nothing, as does a
 * loop whose bound is unknown: the total is a lower bound. A loop over the
 * scope of a batch's `execute` counts once (it gets at least one record).
 */
import type { Expr, MethodDecl, Stmt } from '../model/ir';
import { isScopeLoop } from './batch-starts';
import { callIndex, isFutureMethod, methodLabel, type CallSite, type ChainStep } from './callindex';
import type { CalloutSite } from './callouts';
import { fold } from './constants';
import type { LoopStmt } from './flow';
import { requestConfig } from './request-config';
import { soapOf, soapTimeout } from './soap';
import { forEachExpr, forEachStmt } from './traverse';
import { derived, type MethodRef, type Workspace } from './workspace';

export const CUMULATIVE_LIMIT_MS = 120000;
const DEFAULT_TIMEOUT_MS = 10000;
const MAX_DEPTH = 20;

export interface Budget {
  ms: number;
  /** What adds up, in order: sends and calls with their share. */
  steps: ChainStep[];
}

const ZERO: Budget = { ms: 0, steps: [] };

function plus(a: Budget, b: Budget): Budget {
  return b.ms === 0 ? a : { ms: a.ms + b.ms, steps: [...a.steps, ...b.steps] };
}

function times(b: Budget, n: number, loop: LoopStmt, ref: MethodRef, message = `loop of ${n} iterations`): Budget {
  if (b.ms === 0 || n <= 0) return ZERO;
  return { ms: b.ms * n, steps: [{ file: ref.file, span: loop.head, message }, ...b.steps] };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** `for (Integer i = a; i < b; i++)` with constant a and b: its iteration count. */
function constantBound(loop: LoopStmt, ref: MethodRef, workspace: Workspace): number | undefined {
  if (loop.kind !== 'for' || loop.init.length !== 1 || loop.init[0].k !== 'local' || loop.init[0].decls.length !== 1) return undefined;
  const decl = loop.init[0].decls[0];
  const cond = loop.cond;
  const update = loop.update[0];
  if (!decl.init || !cond || cond.k !== 'binary' || cond.left.k !== 'name' || cond.left.name !== decl.name || loop.update.length !== 1) return undefined;
  const stepsByOne =
    (update.k === 'unary' && update.op === '++' && update.operand.k === 'name' && update.operand.name === decl.name) ||
    (update.k === 'assign' &&
      update.op === '+=' &&
      update.target.k === 'name' &&
      update.target.name === decl.name &&
      update.value.k === 'lit' &&
      update.value.value === 1);
  if (!stepsByOne) return undefined;
  const ctx = { workspace, type: ref.type };
  const from = fold(decl.init, ctx);
  const to = fold(cond.right, ctx);
  if (from.kind !== 'number' || to.kind !== 'number') return undefined;
  if (cond.op === '<') return to.value - from.value;
  if (cond.op === '<=') return to.value - from.value + 1;
  return undefined;
}

function mayLeave(s: Stmt): boolean {
  let found = false;
  forEachStmt(s, (x) => {
    if (x.k === 'return' || x.k === 'break' || x.k === 'continue') found = true;
  });
  return found;
}

class BudgetAnalysis {
  private readonly index;
  private readonly must = new Map<MethodDecl, Budget>();
  private readonly inProgress = new Set<MethodDecl>();

  constructor(private readonly workspace: Workspace) {
    this.index = callIndex(workspace);
  }

  /** The worst path through the entry method. */
  worstPath(ref: MethodRef): Budget {
    return ref.method.body ? this.stmt(ref, ref.method.body, 'may', 0) : ZERO;
  }

  /** What a called method spends on every path. */
  private everyPath(ref: MethodRef, depth: number): Budget {
    const known = this.must.get(ref.method);
    if (known) return known;
    if (this.inProgress.has(ref.method) || depth > MAX_DEPTH || !ref.method.body) return ZERO;
    this.inProgress.add(ref.method);
    let out = ZERO;
    try {
      out = this.stmt(ref, ref.method.body, 'must', depth);
    } finally {
      this.inProgress.delete(ref.method);
    }
    this.must.set(ref.method, out);
    return out;
  }

  private stmt(ref: MethodRef, s: Stmt, mode: 'may' | 'must', depth: number): Budget {
    switch (s.k) {
      case 'block': {
        let out = ZERO;
        for (const x of s.body) {
          out = plus(out, this.stmt(ref, x, mode, depth));
          // Past a statement that may return, nothing is certain any more.
          if (mode === 'must' && mayLeave(x)) break;
        }
        return out;
      }
      case 'if': {
        const cond = this.exprs(ref, s, depth);
        if (mode === 'must') return cond;
        const a = this.stmt(ref, s.then, mode, depth);
        const b = s.else ? this.stmt(ref, s.else, mode, depth) : ZERO;
        return plus(cond, a.ms >= b.ms ? a : b);
      }
      case 'loop': {
        const head = this.exprs(ref, s, depth);
        const n = constantBound(s, ref, this.workspace);
        if (mode === 'must' && mayLeave(s.body)) return head;
        // A batch's execute always gets at least one record: its loop over the scope runs at least once.
        if (n === undefined && isScopeLoop(this.workspace, ref, s))
          return plus(head, times(this.stmt(ref, s.body, mode, depth), 1, s, ref, 'loop over the batch scope: at least one record'));
        if (n === undefined) return head;
        return plus(head, times(this.stmt(ref, s.body, mode, depth), n, s, ref));
      }
      case 'try': {
        // Exceptions aside, the try block runs; a catch runs instead of part of it.
        const body = this.stmt(ref, s.body, mode, depth);
        return s.finally ? plus(body, this.stmt(ref, s.finally, mode, depth)) : body;
      }
      case 'switch': {
        const head = this.exprs(ref, s, depth);
        if (mode === 'must') return head;
        let best = ZERO;
        for (const w of s.whens) {
          const b = this.stmt(ref, w, mode, depth);
          if (b.ms > best.ms) best = b;
        }
        return plus(head, best);
      }
      case 'runAs':
        return plus(this.exprs(ref, s, depth), this.stmt(ref, s.body, mode, depth));
      default:
        return this.exprs(ref, s, depth);
    }
  }

  /** The sends and calls a statement evaluates itself, in order. */
  private readonly lookups = new Map<MethodDecl, { sends: Map<Expr, CalloutSite>; sites: Map<Expr, CallSite> }>();

  private exprs(ref: MethodRef, s: Stmt, depth: number): Budget {
    let lookup = this.lookups.get(ref.method);
    if (!lookup) {
      const facts = this.index.factsOf(ref);
      lookup = { sends: new Map(facts.sends.map((x) => [x.call as Expr, x])), sites: new Map(facts.calls.map((c) => [c.expr as Expr, c])) };
      this.lookups.set(ref.method, lookup);
    }
    const { sends, sites } = lookup;
    let out = ZERO;
    const soap = soapOf(this.workspace, ref.file, ref.type, ref.method);
    forEachExpr(s, (e) => {
      const operation = e.k === 'call' ? soap.calls.find((c) => c.call === e) : undefined;
      if (operation) {
        // A SOAP operation spends the port's timeout_x, set (or not) here by the caller.
        const t = soapTimeout(this.workspace, soap, operation, ref);
        const ms = t.kind === 'ms' ? t.ms : t.kind === 'default' ? DEFAULT_TIMEOUT_MS : 0;
        if (ms > 0) out = plus(out, { ms, steps: [{ file: ref.file, span: operation.span, message: `SOAP callout, up to ${seconds(ms)}` }] });
        return;
      }
      const send = sends.get(e);
      if (send) {
        const t = requestConfig(this.workspace, ref.file, ref.type, ref.method, send).timeout;
        const ms = t.kind === 'ms' ? t.ms : t.kind === 'default' ? DEFAULT_TIMEOUT_MS : 0;
        if (ms > 0) out = plus(out, { ms, steps: [{ file: ref.file, span: send.span, message: `callout, up to ${seconds(ms)}` }] });
        return;
      }
      const site = sites.get(e);
      if (!site) return;
      const callees = this.index.callees(ref, site).filter((c) => !isFutureMethod(c.method));
      if (callees.length === 0) return;
      // Several possible targets: only what all of them spend.
      const budgets = callees.map((c) => this.everyPath(c, depth + 1));
      const least = budgets.reduce((a, b) => (b.ms < a.ms ? b : a));
      if (least.ms === 0) return;
      const label = methodLabel(callees[0]);
      out = plus(out, {
        ms: least.ms,
        steps: [{ file: ref.file, span: site.span, message: `calls ${label}: ${seconds(least.ms)} of callouts`, callee: label }, ...least.steps],
      });
    });
    return out;
  }
}

const BUDGETS = derived<BudgetAnalysis>('callout budgets');

/** The least callout time the worst path of an entry method spends, with its steps. */
export function calloutBudget(workspace: Workspace, ref: MethodRef): Budget {
  return workspace.derive(BUDGETS, () => new BudgetAnalysis(workspace)).worstPath(ref);
}

export { seconds as budgetSeconds };
