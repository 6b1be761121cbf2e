/**
 * The batch facts the loop and limit rules share (issue 22): where Batch Apex
 * is started — every `Database.executeBatch(job[, scope])` of the workspace
 * whose job is a known class (`new SyncBatch()`, or a local assigned once
 * from one), with the scope size when it is constant (the platform's default
 * is 200) — and which loops of a batch's `execute` walk its scope.
 * `batch-callouts-exceed-limit`, `callout-in-loop` and
 * `callout-budget-exceeded` read them; the chunked-flush shape they share is
 * `onceGuarded` (loops.ts).
 */
import type { MethodDecl, Stmt, TypeDecl } from '../model/ir';
import { callIndex } from './callindex';
import { implementsInterface } from './contexts';
import type { LoopStmt } from './flow';
import { namesIn } from './traverse';
import type { CallExpr } from './callouts';
import { fold } from './constants';
import { forEachExprDeep } from './traverse';
import { derived, type MethodRef, type Workspace } from './workspace';

export const DEFAULT_BATCH_SCOPE = 200;

export interface BatchStart {
  ref: MethodRef;
  call: CallExpr;
  /** The scope size: the second argument, or the default of 200; undefined when not constant. */
  scope?: number;
}

const BATCH_STARTS = derived<Map<TypeDecl, BatchStart[]>>('batch starts');

/** Every start of each batch class, by its type. */
export function batchStarts(workspace: Workspace): Map<TypeDecl, BatchStart[]> {
  return workspace.derive(BATCH_STARTS, () => findBatchStarts(workspace));
}

/**
 * Bodies that call `Database.executeBatch`, by body: a fact of the body
 * alone, so it outlives the workspace (an edit makes a new workspace, and
 * walking every body of it again showed as a tenth of a keystroke in a large
 * project; the model is never changed in place).
 */
const batchStarting = new WeakMap<Stmt, boolean>();

function startsBatches(body: Stmt): boolean {
  let found = batchStarting.get(body);
  if (found === undefined) {
    found = false;
    forEachExprDeep(body, (e) => {
      if (e.k === 'call' && e.name === 'executebatch' && e.target?.k === 'name' && e.target.name === 'database') found = true;
    });
    batchStarting.set(body, found);
  }
  return found;
}

function findBatchStarts(workspace: Workspace): Map<TypeDecl, BatchStart[]> {
  const starts = new Map<TypeDecl, BatchStart[]>();
  const index = callIndex(workspace);
  for (const ref of index.methods()) {
    if (!ref.method.body || !startsBatches(ref.method.body)) continue;
    const scope = index.factsOf(ref).scope;
    forEachExprDeep(ref.method.body, (e) => {
      if (e.k !== 'call' || e.name !== 'executebatch' || e.target?.k !== 'name' || e.target.name !== 'database' || !e.args[0]) return;
      let job = e.args[0];
      if (job.k === 'name') job = scope.locals.get(job.name)?.single ?? job;
      if (job.k !== 'new') return;
      const hit = index.resolver.findType(job.type, ref.type);
      if (!hit) return;
      let size: number | undefined = DEFAULT_BATCH_SCOPE;
      if (e.args[1]) {
        const v = fold(e.args[1], { workspace, type: ref.type, scope });
        size = v.kind === 'number' ? v.value : undefined;
      }
      const list = starts.get(hit.type) ?? [];
      list.push({ ref, call: e, ...(size !== undefined ? { scope: size } : {}) });
      starts.set(hit.type, list);
    });
  }
  return starts;
}

/** `execute(Database.BatchableContext bc, List<X> scope)` of a Batchable class. */
export function batchExecute(workspace: Workspace, type: TypeDecl): MethodDecl | undefined {
  if (!implementsInterface(callIndex(workspace), type, 'database.batchable')) return undefined;
  return type.methods.find((m) => m.name === 'execute' && m.params.length === 2 && m.body);
}

/** The loop runs once per record of the scope: `for (X r : scope)` or `for (…; i < scope.size(); …)`. */
export function overScope(loop: LoopStmt, scope: string): boolean {
  if (loop.kind === 'foreach') return loop.iterable?.k === 'name' && loop.iterable.name === scope;
  return loop.kind === 'for' && !!loop.cond && namesIn(loop.cond).has(scope);
}

/** Whether `loop` of `ref` walks the scope of its batch's `execute` (which always gets at least one record). */
export function isScopeLoop(workspace: Workspace, ref: MethodRef, loop: LoopStmt): boolean {
  return ref.method === batchExecute(workspace, ref.type) && overScope(loop, ref.method.params[1].name);
}

/** The most records any start gives one `execute` of the batch, when every start in the project gives a constant scope. */
export function largestScope(workspace: Workspace, type: TypeDecl): number | undefined {
  const starts = (batchStarts(workspace).get(type) ?? []).filter((s) => !workspace.isTestCode(s.ref.type, s.ref.method));
  if (!starts.length || starts.some((s) => s.scope === undefined)) return undefined;
  return Math.max(...starts.map((s) => s.scope!));
}

/** A loop over the scope of a batch that every start runs with scope 1: it runs once, not per record. */
export function isSingleRecordScopeLoop(workspace: Workspace, ref: MethodRef, loop: LoopStmt): boolean {
  return isScopeLoop(workspace, ref, loop) && largestScope(workspace, ref.type) === 1;
}
