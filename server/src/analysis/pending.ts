/**
 * Pending work within one method: DML and the other operations after which a
 * callout in the same transaction fails ("You have uncommitted work pending").
 * A may-analysis: work done on any path to a callout counts.
 * Across methods (work left by a caller, callouts in callees) is the
 * workspace index's job.
 */
import type { Expr, MethodDecl, Span, TypeDecl } from '../model/ir';
import { FlowWalker, type DmlStmt, type FlowDomain } from './flow';
import { calloutsOf, callSpan, type CallExpr } from './callouts';
import type { AnalyzedFile, Workspace } from './workspace';

export interface PendingWork {
  span: Span;
  /** What a person reads: `update ord`, `Database.insert(...)`, `System.enqueueJob(...)`. */
  what: string;
}

export interface CalloutAfterWork {
  send: CallExpr;
  pending: PendingWork[];
}

type Pending = readonly PendingWork[];

const DATABASE_DML = new Set(['insert', 'update', 'upsert', 'delete', 'undelete', 'merge', 'insertimmediate', 'updateimmediate', 'deleteimmediate', 'convertlead', 'emptyrecyclebin']);

function qualifier(call: CallExpr): string | undefined {
  return call.target?.k === 'name' ? call.target.name : undefined;
}

/** The pending work a call leaves, if any. */
function workOf(call: CallExpr): string | undefined {
  const q = qualifier(call);
  if (q === 'database' && DATABASE_DML.has(call.name)) return `Database.${call.text}()`;
  if (q === 'database' && call.name === 'setsavepoint') return 'Database.setSavepoint()';
  if (q === 'database' && call.name === 'executebatch') return 'Database.executeBatch()';
  if (q === 'system' && call.name === 'enqueuejob') return 'System.enqueueJob()';
  if (q === 'system' && call.name === 'schedule') return 'System.schedule()';
  if (q === 'messaging' && call.name === 'sendemail') return 'Messaging.sendEmail()';
  return undefined;
}

export function calloutsAfterWork(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl): CalloutAfterWork[] {
  if (!method.body) return [];
  const facts = calloutsOf(workspace, file, type, method);
  const found = new Map<CallExpr, Pending>();
  const domain: FlowDomain<Pending> = {
    join(a, b) {
      if (a === b || b.length === 0) return a;
      if (a.length === 0) return b;
      const out = [...a];
      for (const w of b) if (!out.includes(w)) out.push(w);
      return out;
    },
    dml(stmt: DmlStmt, s) {
      const w = { span: { start: stmt.keyword.start, end: stmt.expr.span.end }, what: `${stmt.op} statement` };
      return [...s, w];
    },
    expr(e: Expr, s) {
      if (e.k !== 'call') return s;
      if (facts.isSend(e)) {
        if (s.length) found.set(e, s);
        return s;
      }
      const q = qualifier(e);
      if (q === 'test' && e.name === 'starttest') return [];
      if (q === 'database' && e.name === 'releasesavepoint') return s.filter((w) => w.what !== 'Database.setSavepoint()');
      const what = workOf(e);
      return what ? [...s, { span: callSpan(e), what }] : s;
    },
  };
  new FlowWalker<Pending>(domain).run(method.body, []);
  return [...found].map(([send, pending]) => ({ send, pending: [...pending] }));
}
