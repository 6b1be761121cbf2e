/**
 * Where Batch Apex is started: every `Database.executeBatch(job[, scope])`
 * of the workspace whose job is a known class (`new SyncBatch()`, or a local
 * assigned once from one), with the scope size when it is constant (the
 * platform's default is 200). `batch-callouts-exceed-limit` reads it.
 */
import type { TypeDecl } from '../model/ir';
import { callIndex } from './callindex';
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

function findBatchStarts(workspace: Workspace): Map<TypeDecl, BatchStart[]> {
  const starts = new Map<TypeDecl, BatchStart[]>();
  const index = callIndex(workspace);
  for (const ref of index.methods()) {
    if (!ref.method.body) continue;
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
