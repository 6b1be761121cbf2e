/**
 * What the index says about calls, shared by the may-summaries (callindex.ts)
 * and the manifest ones (manifest-summary.ts): witness chains down to a send
 * or to pending work, call sites with their loops, and how people read a
 * method's name.
 */
import type { MethodDecl, Span } from '../model/ir';
import type { LoopStmt } from './flow';
import type { CallExpr, NewExpr } from './resolve';
import { hasAnnotation, type AnalyzedFile, type MethodRef } from './workspace';

/** One step of a witness chain; shaped like a rule's related location, so a chain can be reported as it is. */
export interface ChainStep {
  file: AnalyzedFile;
  span: Span;
  message: string;
  /** For a call step: the method called, as people read it (`OrderService.pushToErp()`). */
  callee?: string;
}

/** The method a chain's first call reaches, as people read it. */
export function firstCallee(chain: ChainStep[]): string {
  return chain[0]?.callee ?? 'a called method';
}

export interface Work {
  /** What a person reads: `update statement`, `Database.insert()`, `call to @future method Audit.log()`. */
  what: string;
  /** From the first call in this method down to the work itself. */
  chain: ChainStep[];
  /** The work saves records (DML statements and `Database.*` DML), not only other pending work. */
  savesRecords?: boolean;
}

export interface Summary {
  /** A synchronous callout the method may make, from its first step down to the `send`. */
  callout?: ChainStep[];
  pending?: Work;
}

export interface CallSite {
  expr: CallExpr | NewExpr;
  span: Span;
  /** Enclosing loops, outermost first. */
  loops: LoopStmt[];
  /** The methods the site may run whatever its caller binds (class-hierarchy dispatch); the index asks for them at every visit. */
  callees: MethodRef[];
}

export function methodLabel(ref: MethodRef): string {
  if (ref.type.kind === 'trigger') return `trigger ${ref.type.text}`;
  return ref.method.kind === 'constructor' ? `new ${ref.type.text}()` : `${ref.type.text}.${ref.method.text}()`;
}

export function isFutureMethod(m: MethodDecl): boolean {
  return hasAnnotation(m, 'future');
}

/** What a fixed point over the call graph needs: every method, and who calls each. */
export interface SummaryGraph {
  methods(): MethodRef[];
  callersOf(method: MethodDecl): readonly MethodRef[];
}

/**
 * Per-method summaries to their least fixed point, with a worklist: a method
 * is recomputed when a method it calls changes. Facts only go from absent to
 * present, so each method changes at most twice, and the loop is iterative:
 * call chains of any depth, and recursion, terminate.
 */
export function summaryFixedPoint(
  graph: SummaryGraph,
  compute: (ref: MethodRef, known: ReadonlyMap<MethodDecl, Summary>) => Summary,
  settled?: ReadonlyMap<MethodDecl, Summary>,
): Map<MethodDecl, Summary> {
  const summaries = new Map<MethodDecl, Summary>();
  // Only facts are known: a method known to do nothing is absent, as in a fixed point from nothing.
  for (const [method, s] of settled ?? []) if (s.callout || s.pending) summaries.set(method, s);
  // Settled summaries (kept across an edit, see carry-facts.ts) are final: they read only settled methods.
  const refs = settled ? graph.methods().filter((r) => !settled.has(r.method)) : graph.methods();
  const queue = [...refs];
  const queued = new Set(refs.map((r) => r.method));
  while (queue.length) {
    const ref = queue.shift()!;
    queued.delete(ref.method);
    if (settled?.has(ref.method)) continue;
    const before = summaries.get(ref.method) ?? {};
    const after = compute(ref, summaries);
    if (!!after.callout === !!before.callout && !!after.pending === !!before.pending) continue;
    const callout = before.callout ?? after.callout;
    const pending = before.pending ?? after.pending;
    summaries.set(ref.method, { ...(callout ? { callout } : {}), ...(pending ? { pending } : {}) });
    for (const caller of graph.callersOf(ref.method)) {
      if (!queued.has(caller.method)) {
        queued.add(caller.method);
        queue.push(caller);
      }
    }
  }
  return summaries;
}
