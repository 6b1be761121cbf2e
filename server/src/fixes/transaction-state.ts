/**
 * What code moved to another transaction would lose: static variables of
 * the project's classes (a new transaction starts with them re-initialised,
 * so whatever the first transaction buffered, cached or configured is gone)
 * and the system's per-transaction state (`Trigger.new`, `RestContext`,
 * `ApexPages.currentPage()`). The moved code and every method it may run
 * (through the workspace index) are searched; constants are fine.
 */
import type { CallIndex } from '../analysis/callindex';
import { fold } from '../analysis/constants';
import type { MethodScope } from '../analysis/scope';
import { forEachExprDeep } from '../analysis/traverse';
import type { MethodRef } from '../analysis/workspace';
import type { Expr, FieldDecl, Stmt, TypeDecl } from '../model/ir';
import { refuse, type Refusal } from './refusal';

/** More methods than this behind one move and the move is not offered: no one reviews such a refactoring. */
export const MAX_CLOSURE = 400;

const TRANSACTION_BOUND = new Set(['trigger', 'restcontext', 'apexpages']);

/** A static final field whose value is a literal (or folds to one): the same in every transaction. */
function isConstant(scope: MethodScope, owner: TypeDecl, f: FieldDecl): boolean {
  if (!f.modifiers.includes('final') || !f.init) return false;
  if (f.init.k === 'lit') return true;
  return fold(f.init, { workspace: scope.workspace, type: owner }).kind !== 'unknown';
}

/** The static field `name` of `type` (its superclasses and outer classes), with its class. */
function staticField(index: CallIndex, type: TypeDecl, name: string, outers: boolean): { owner: TypeDecl; field: FieldDecl } | undefined {
  const starts: TypeDecl[] = [type];
  if (outers) for (let t = index.workspace.outerOf(type); t; t = index.workspace.outerOf(t)) starts.push(t);
  for (const start of starts) {
    for (const { type: owner } of index.resolver.superChain(start)) {
      const field = owner.fields.find((f) => f.name === name);
      if (field) return field.modifiers.includes('static') ? { owner, field } : undefined;
    }
  }
  return undefined;
}

/** The first expression of `stmt` (in `scope`) that reads per-transaction state. */
function stateReadBy(index: CallIndex, scope: MethodScope, stmt: Stmt): Refusal | undefined {
  let found: Refusal | undefined;
  const label = (owner: TypeDecl, f: FieldDecl) => `${owner.text}.${f.text}`;
  forEachExprDeep(stmt, (e: Expr) => {
    if (found) return;
    if (e.k === 'name' && !scope.locals.has(e.name)) {
      const hit = staticField(index, scope.type, e.name, true);
      if (hit && !isConstant(scope, hit.owner, hit.field)) found = refuse('reads-static-state', label(hit.owner, hit.field));
    } else if ((e.k === 'field' || e.k === 'call') && e.target?.k === 'name' && !scope.locals.has(e.target.name)) {
      const owner = index.resolver.findType(e.target.name, scope.type);
      if (!owner && TRANSACTION_BOUND.has(e.target.name) && !scope.fieldType(scope.type, e.target.name)) {
        found = refuse('transaction-state', `${e.target.text}.${e.text}`);
      } else if (owner && e.k === 'field') {
        const hit = staticField(index, owner.type, e.name, false);
        if (hit && !isConstant(scope, hit.owner, hit.field)) found = refuse('reads-static-state', label(hit.owner, hit.field));
      }
    }
  });
  return found;
}

/**
 * Whether code that moves to a new transaction reads per-transaction state:
 * `stmts` of `ref` themselves, the methods their calls may run, and `callees`
 * (a moved call's targets), transitively.
 */
export function transactionStateRead(index: CallIndex, ref: MethodRef, stmts: Stmt[], callees: MethodRef[] = []): Refusal | undefined {
  const facts = index.factsOf(ref);
  for (const s of stmts) {
    const read = stateReadBy(index, facts.scope, s);
    if (read) return read;
  }
  const inside = (span: { start: number; end: number }) => stmts.some((s) => s.span.start <= span.start && span.end <= s.span.end);
  const queue: MethodRef[] = [...callees];
  for (const site of facts.calls) if (inside(site.span)) queue.push(...index.callees(ref, site));
  const seen = new Set(queue.map((r) => r.method));
  while (queue.length) {
    if (seen.size > MAX_CLOSURE) return refuse('too-large', `more than ${MAX_CLOSURE} methods behind the call`);
    const next = queue.shift()!;
    if (!next.method.body) continue;
    const nextFacts = index.factsOf(next);
    const read = stateReadBy(index, nextFacts.scope, next.method.body);
    if (read) return read;
    for (const site of nextFacts.calls) {
      for (const callee of index.callees(next, site)) {
        if (seen.has(callee.method)) continue;
        seen.add(callee.method);
        queue.push(callee);
      }
    }
  }
  return undefined;
}

/** Whether any method reachable from `roots` (themselves included) enqueues a Queueable. */
export function enqueuesFrom(index: CallIndex, roots: MethodRef[]): boolean {
  const queue = [...roots];
  const seen = new Set(roots.map((r) => r.method));
  while (queue.length && seen.size <= MAX_CLOSURE) {
    const next = queue.shift()!;
    const facts = index.factsOf(next);
    if (facts.work.some((w) => w.what === 'System.enqueueJob()')) return true;
    for (const site of facts.calls) {
      for (const callee of index.callees(next, site)) {
        if (seen.has(callee.method)) continue;
        seen.add(callee.method);
        queue.push(callee);
      }
    }
  }
  // Too large to tell: assume it does.
  return queue.length > 0;
}
