/**
 * Pending work before a callout in the same transaction, after which the
 * callout fails ("You have uncommitted work pending"). Flow-sensitive within
 * a method (a may-analysis: work done on any path to a callout counts) and
 * interprocedural through the index's summaries: a call that leaves pending
 * work (a DML three calls down, a call to a `@future` method) is pending work
 * here, and a call that reaches a callout is where the finding goes.
 */
import type { Expr, MethodDecl, Span, TypeDecl } from '../model/ir';
import { FlowWalker, type DmlStmt, type FlowDomain } from './flow';
import { callSpan } from './callouts';
import { callIndex, firstCallee, type CallSite, type ChainStep } from './callindex';
import { isSavepointRelease, isSavepointRollback, isTestStart, pendingWorkOf } from './effects';
import type { AnalyzedFile, Workspace } from './workspace';
import { entryContexts } from './manifest-summary';

export interface PendingWork {
  span: Span;
  /** What a person reads: `update statement`, `Database.insert()`, `OrderRepository.save() (update statement)`. */
  what: string;
  /** For work done inside a called method: the calls down to it. */
  chain: ChainStep[];
}

export interface CalloutAfterWork {
  /** The `send(...)`, or the call in this method that leads to a callout. */
  span: Span;
  /** Empty for a direct send; otherwise the calls down to the send. */
  calloutChain: ChainStep[];
  /** The call in this method that leads to the callout (absent for a direct send). */
  site?: CallSite;
  pending: PendingWork[];
}

type Pending = readonly PendingWork[];

const RELEASABLE = 'Database.setSavepoint()';

export function calloutsAfterWork(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl): CalloutAfterWork[] {
  if (!method.body) return [];
  const index = callIndex(workspace);
  const ref = { file, type, method };
  const facts = index.factsOf(ref);
  // No send and no call that may run a workspace method: no callout to find, and nothing to ask of the summaries.
  if (!facts.sends.length && facts.calls.every((c) => c.callees.length === 0)) return [];
  const sites = new Map<Expr, CallSite>(facts.calls.map((c) => [c.expr, c]));
  const sends = new Set<Expr>(facts.sends.map((s) => s.call));
  const found = new Map<Expr, CalloutAfterWork>();
  // One walk per calling context of the entry point (each declared trigger event): work and callout must meet in one of them.
  for (const values of entryContexts(workspace, ref)) {
    const domain: FlowDomain<Pending> = {
      join(a, b) {
        if (a === b || b.length === 0) return a;
        if (a.length === 0) return b;
        const out = [...a];
        for (const w of b) if (!out.includes(w)) out.push(w);
        return out;
      },
      dml(stmt: DmlStmt, s) {
        return [...s, { span: { start: stmt.keyword.start, end: stmt.expr.span.end }, what: `${stmt.op} statement`, chain: [] }];
      },
      expr(e: Expr, s) {
        // Only calls (and `new`, a constructor call) do or lead to anything here.
        if (e.k !== 'call' && e.k !== 'new') return s;
        if (e.k === 'call' && sends.has(e)) {
          if (s.length && !found.has(e)) found.set(e, { span: callSpan(e), calloutChain: [], pending: [...s] });
          return s;
        }
        if (e.k === 'call' && isTestStart(e, workspace)) return [];
        if (e.k === 'call' && isSavepointRelease(e, workspace)) return s.filter((w) => w.what !== RELEASABLE);
        if (e.k === 'call' && isSavepointRollback(e, workspace)) {
          // The work done since the savepoint is discarded; the savepoint and the work before it stay until released.
          const at = s.findIndex((w) => w.what === RELEASABLE);
          return at < 0 ? s : s.slice(0, at + 1);
        }
        const site = sites.get(e);
        if (site) {
          const effect = index.manifest.siteEffect(ref, site, undefined, values);
          if (effect.callout && s.length && !found.has(e)) found.set(e, { span: site.span, calloutChain: effect.callout, pending: [...s], site });
          if (!effect.pending) return s;
          const { what, chain } = effect.pending;
          // A one-step chain is the call itself being the work (a @future method); else name the callee and its work.
          return [...s, { span: site.span, what: chain.length === 1 ? what : `${firstCallee(chain)} (${what})`, chain }];
        }
        if (e.k !== 'call') return s;
        const what = pendingWorkOf(e, workspace);
        return what ? [...s, { span: callSpan(e), what, chain: [] }] : s;
      },
    };
    new FlowWalker<Pending>(domain).run(method.body, []);
  }
  return [...found.values()];
}
