/**
 * Keeping the call index's per-method facts across an edit inside one method
 * body (the editor's keystroke). Resolving every call of the workspace is
 * most of what a new workspace costs; after such an edit the declarations of
 * every file are unchanged, so a method's facts can change only when they
 * read the edited body or sit in the edited file:
 *
 * - every method of the edited file is analysed again (its spans moved, and
 *   its model objects are new);
 * - a method's facts read another method's body only through its own call
 *   sites' callees, transitively (a factory's returned class, a helper that
 *   builds a request without a timeout, a method that may set the timeout of
 *   the request it receives, their own helpers…), so every method that may
 *   reach the edited one in the call graph before the edit is analysed again.
 *   The edges out of unchanged bodies are unchanged, so that graph gives the
 *   same set as the graph after the edit.
 *
 * Kept facts that call into the edited file get callees pointing at its new
 * model objects. Everything else (callers, summaries, contexts) is derived
 * again from the facts, as for any new workspace. Whenever the previous index
 * is not complete or the workspaces differ in more than the edited file,
 * nothing is kept. A previous index that never needed the callers of every
 * method computes them here (once: the next index keeps them). A test compares findings with a fresh project after each
 * of many edits.
 */
import type { MethodDecl } from '../model/ir';
import { builtCallIndex, callIndex, type CallIndex, type LocalFacts } from './callindex';
import type { ChainStep, Summary } from './chain';
import type { AnalyzedFile, MethodRef, Workspace } from './workspace';

/** An edit confined to one method body: the file's analysis before and after, and the method's place in both. */
export interface BodyEdit {
  before: AnalyzedFile;
  after: AnalyzedFile;
  typeIndex: number;
  methodIndex: number;
}

/** Seed the call index of `next` with the facts of `previous` the edit cannot change. Returns how many were kept. */
export function carryCallFacts(previous: Workspace, next: Workspace, edit: BodyEdit): number {
  const index = builtCallIndex(previous);
  const remap = index && sameButEdited(previous, next, edit) ? editedRefs(edit) : undefined;
  const edited = edit.before.model.types[edit.typeIndex]?.methods[edit.methodIndex];
  if (!index || !remap || !edited) return 0;
  // Nothing to keep when every method is in the edited file (a workspace of one class).
  if (!previous.files.some((f) => f !== edit.before && f.model.types.some((t) => t.methods.some((m) => m.body)))) return 0;
  // The callers map needs every method's facts: those the previous lint did not need are made now, and kept.
  index.callersOf(edited);
  const old = index.allFacts()!;
  // Every method that may reach the edited body (itself included).
  const stale = new Set<MethodDecl>([edited]);
  const stack = [edited];
  while (stack.length) {
    for (const caller of index.callersOf(stack.pop()!)) {
      if (stale.has(caller.method)) continue;
      stale.add(caller.method);
      stack.push(caller.method);
    }
  }
  const kept: LocalFacts[] = [];
  for (const [method, facts] of old) {
    if (facts.ref.file === edit.before || stale.has(method)) continue;
    const calls = facts.calls.map((site) =>
      site.callees.some((c) => c.file === edit.before)
        ? { ...site, callees: site.callees.map((c) => (c.file === edit.before ? remap.get(c.method)! : c)) }
        : site,
    );
    kept.push({ ...facts, scope: facts.scope.in(next), calls });
  }
  const nextIndex = callIndex(next);
  nextIndex.adoptFacts(kept);
  keepSummaries(index.manifest.computed(), old.keys(), nextIndex, edit, (m) => (stale.has(m) ? undefined : (remap.get(m)?.method ?? m)));
  return kept.length;
}

/**
 * The manifest summaries of the methods that cannot reach the edited body:
 * they read only methods that cannot either, so they are the same after the
 * edit but for where their witness chains point in the edited file (moved by
 * the edit's length past the edited body). Those of the edited file's other
 * methods are kept too, under their new declarations.
 */
function keepSummaries(
  computed: ReturnType<CallIndex['manifest']['computed']>,
  methods: Iterable<MethodDecl>,
  next: CallIndex,
  edit: BodyEdit,
  keptAs: (m: MethodDecl) => MethodDecl | undefined,
): void {
  const body = edit.before.model.types[edit.typeIndex].methods[edit.methodIndex].body!;
  const from = body.span.end;
  const delta = edit.after.source.text.length - edit.before.source.text.length;
  const moved = (step: ChainStep): ChainStep =>
    step.file !== edit.before
      ? step
      : {
          ...step,
          file: edit.after,
          span: {
            start: step.span.start >= from ? step.span.start + delta : step.span.start,
            end: step.span.end >= from ? step.span.end + delta : step.span.end,
          },
        };
  const summary = (s: Summary): Summary => ({
    ...(s.callout ? { callout: s.callout.map(moved) } : {}),
    ...(s.pending ? { pending: { ...s.pending, chain: s.pending.chain.map(moved) } } : {}),
  });
  // Every kept method is settled, those that do nothing included (the fixed point stores facts only).
  const base = new Map<MethodDecl, Summary>();
  for (const method of methods) {
    const as = keptAs(method);
    if (as) base.set(as, summary(computed.base?.get(method) ?? {}));
  }
  const refined = new Map<MethodDecl, Map<string, Summary>>();
  for (const [method, byKey] of computed.refined) {
    const as = keptAs(method);
    if (as) refined.set(as, new Map([...byKey].map(([key, s]) => [key, summary(s)])));
  }
  next.manifest.adoptSummaries(computed.base ? base : undefined, refined);
}

/** The same files in the same order, but for the edited one; no problems in it before or after. */
function sameButEdited(previous: Workspace, next: Workspace, edit: BodyEdit): boolean {
  if (previous.files.length !== next.files.length) return false;
  if (edit.before.model.problems.length || edit.after.model.problems.length) return false;
  let seen = false;
  for (let i = 0; i < previous.files.length; i++) {
    const a = previous.files[i];
    const b = next.files[i];
    if (a === edit.before && b === edit.after) seen = true;
    else if (a !== b) return false;
  }
  return seen;
}

/** Each method of the edited file before the edit, to the same method after it. */
function editedRefs(edit: BodyEdit): Map<MethodDecl, MethodRef> | undefined {
  const before = edit.before.model.types;
  const after = edit.after.model.types;
  if (before.length !== after.length) return undefined;
  const out = new Map<MethodDecl, MethodRef>();
  for (let i = 0; i < before.length; i++) {
    const [a, b] = [before[i], after[i]];
    if (a.qualifiedName !== b.qualifiedName || a.methods.length !== b.methods.length) return undefined;
    for (let j = 0; j < a.methods.length; j++) {
      if (a.methods[j].name !== b.methods[j].name) return undefined;
      out.set(a.methods[j], { file: edit.after, type: b, method: b.methods[j] });
    }
  }
  return out;
}
