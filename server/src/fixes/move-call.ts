/**
 * "Move the callout to a Queueable" (callout-after-dml): a call to a static
 * workspace method that leads to the callout moves into a new Queueable with
 * Database.AllowsCallouts, and the call becomes `System.enqueueJob(new …Job(…))`.
 *
 * Shapes: the call as a statement of its own, or assigned to a local. When
 * the local is never read, the result is dropped; when statements after it
 * read it, they move with the call (only at the end of a void method, where
 * nothing else depends on them). A returned result cannot cross: no fix.
 * Every move passes the shared preconditions (preconditions.ts).
 */
import { callIndex } from '../analysis/callindex';
import { fixer, type SpanEdit } from './fixer';
import { statementInBlock } from './text-edits';
import { forEachExprDeep, forEachStmt } from '../analysis/traverse';
import type { MethodRef } from '../analysis/workspace';
import type { Expr, Span, Stmt } from '../model/ir';
import type { FixContext, FixText } from './fix';
import { declaredTypeText, freeVariables, fullSpan, movedText, ownMemberUse, removeStatement } from './moved-code';
import { moveRefusal } from './preconditions';
import { qualifyTypeText } from './qualify';
import { capitalise, carriedState, jobFiles, jobName, render, sharingOf, staticCallee } from './queueable';
import { rebuildableReceiver, type RebuiltReceiver } from './receiver';
import { isRefusal, refuse, type Refusal } from './refusal';
import { transactionStateRead } from './transaction-state';

const RESERVED = ['context'];

function readsAfter(stmts: Stmt[], name: string): boolean {
  let reads = false;
  for (const s of stmts) {
    forEachExprDeep(s, (e) => {
      if (e.k === 'name' && e.name === name) reads = true;
    });
  }
  return reads;
}

function returnsValue(stmts: Stmt[]): boolean {
  let found = false;
  for (const root of stmts) {
    forEachStmt(root, (s) => {
      if (s.k === 'return' && s.expr) found = true;
    });
  }
  return found;
}

/**
 * A call that passed every precondition of the move, with what a fix needs
 * to enqueue the job from elsewhere (the Platform Event fix builds the same
 * job in the event's handler): the values that cross, in the job
 * constructor's order, with their source text at the call.
 */
export interface CallMove {
  values: { name: string; type: string }[];
  args: string[];
  /** The called class as the job writes it, the method, and the job's name without `Job`. */
  callee: string;
  method: string;
  base: string;
  textFor: (name: string) => string;
  candidates: string[];
  /** The statement (and the statements moving with it) the move replaces. */
  replaced: Span;
  /** Set when the call is a statement of its own: only the call expression is replaced. */
  bareCall?: Span;
  /** Edits besides the replacement (a receiver's declaration removed). */
  removals: SpanEdit[];
}

export function moveCallToQueueable(ctx: FixContext, ref: MethodRef, expr: Expr): FixText | Refusal | undefined {
  const move = planCallMove(ctx, ref, expr);
  if (!move || isRefusal(move)) return move;
  const job = jobName(ctx.workspace, move.candidates, move.textFor);
  if (!job) return refuse('no-free-name');
  const enqueue = `System.enqueueJob(new ${job.name}(${move.args.join(', ')}))`;
  return {
    title: `Move the callout to a Queueable: System.enqueueJob(new ${job.name}(…))${job.reuse ? ` (reusing ${job.name})` : ''}`,
    safe: false,
    edits: [...move.removals, move.bareCall ? fixer.replaceText(move.bareCall, enqueue) : fixer.replaceText(move.replaced, `${enqueue};`)],
    creates: jobFiles(ctx.file.path, job.name, move.textFor(job.name), ctx.project, job.reuse),
  };
}

/** The move of the call to a Queueable, when every precondition holds; else why not. */
export function planCallMove(ctx: FixContext, ref: MethodRef, expr: Expr): CallMove | Refusal | undefined {
  const index = callIndex(ctx.workspace);
  const body = ref.method.body;
  if (expr.k !== 'call' || !body) return undefined;
  const facts = index.factsOf(ref);
  const scope = facts.scope;
  const target = staticCallee(scope, expr);
  let receiver: RebuiltReceiver | undefined;
  if (!target) {
    const rebuilt = rebuildableReceiver(index, ref, expr);
    if (!rebuilt) return refuse('not-a-static-call');
    if (isRefusal(rebuilt)) return rebuilt;
    receiver = rebuilt;
  }
  const where = statementInBlock(body, expr.span);
  if (!where) return undefined;
  const stmt = where.block.body[where.index];
  const following = where.block.body.slice(where.index + 1);
  let tail: Stmt[] | undefined;
  if (stmt.k === 'return' && stmt.expr === expr) return refuse('result-returned');
  if (stmt.k === 'local' && stmt.decls.length === 1 && stmt.decls[0].init === expr) {
    if (readsAfter(following, stmt.decls[0].name)) {
      if (receiver) return refuse('result-used', stmt.decls[0].text);
      const atEnd = where.block === body && ref.method.returnType === 'void' && !returnsValue(following);
      if (!atEnd) return refuse('result-used', stmt.decls[0].text);
      tail = following;
    }
  } else if (stmt.k !== 'expr' || stmt.expr !== expr) return refuse('result-used');

  const callee = target?.callee ?? receiver!.method;
  const calleeType = receiver?.cls ?? callee.type;
  const calleeText = target?.qualified ?? receiver!.qualified;
  const m = callee.method.text;
  const site = facts.calls.find((c) => c.expr === expr);
  const moved = tail ? [stmt, ...tail] : [stmt];
  const text = ctx.file.source.text;
  const qualify = (t: string) => qualifyTypeText(t, callee.type, ctx.workspace);
  let values: { name: string; type: string }[];
  let bodyText: string;
  let args: string[];
  if (tail) {
    const own = ownMemberUse(index, scope, moved);
    if (own) return refuse('uses-own-members', own);
    const free = freeVariables(scope, moved).map((n) => ({ n, t: declaredTypeText(index, scope, n) }));
    if (free.some((f) => !f.t)) return undefined;
    values = free.map((f) => ({ name: f.t!.spelling, type: f.t!.text }));
    bodyText = movedText(index, scope, moved, '        ');
    args = values.map((v) => v.name);
  } else {
    const built = (receiver?.args ?? []).map((a) => ({ name: a.name, type: qualifyTypeText(a.typeSource, receiver!.cls, ctx.workspace) }));
    const passed = callee.method.params.map((p) => ({ name: p.text, type: qualify(p.typeSource) }));
    if (built.some((b) => passed.some((p) => p.name.toLowerCase() === b.name.toLowerCase())))
      return refuse('no-free-name', built.map((b) => b.name).join(', '));
    values = [...built, ...passed];
    const on = receiver ? `new ${receiver.qualified}(${built.map((b) => b.name).join(', ')})` : target!.qualified;
    bodyText = `        ${on}.${m}(${passed.map((v) => v.name).join(', ')});`;
    args = [...(receiver?.args ?? []).map((a) => a.text), ...expr.args.map((a) => text.slice(a.span.start, a.span.end))];
  }
  if (values.some((v) => RESERVED.includes(v.name.toLowerCase()))) return refuse('no-free-name', 'context');
  const crossing = tail
    ? values.map((v) => ({
        expr: { k: 'name' as const, span: stmt.span, name: v.name.toLowerCase(), text: v.name },
        type: scope.locals.get(v.name.toLowerCase())!.type,
        from: ref.type,
      }))
    : [...(receiver?.args ?? []).map((a) => a.crossing), ...expr.args.map((a, i) => ({ expr: a, type: callee.method.params[i].type, from: callee.type }))];
  const refusal = moveRefusal(index, {
    ref,
    moved,
    runsLater: tail ? moved : [],
    after: fullSpan(text, moved[moved.length - 1]).end,
    loops: site?.loops ?? [],
    callees: [callee, ...(receiver?.constructors ?? [])],
    crossing,
  });
  if (refusal) return refusal;
  const initialised = receiver?.initialisers.length
    ? transactionStateRead(index, receiver.constructors[0] ?? receiver.method, receiver.initialisers)
    : undefined;
  if (initialised) return initialised;

  const textFor = (name: string) =>
    render('fixes/CalloutJob.cls', {
      Name: name,
      Sharing: sharingOf(ref.type),
      Callee: calleeText,
      Method: m,
      Members: carriedState(name, values),
      Body: bodyText,
    }).replace(/\{\n\n {4}public void execute/, '{\n    public void execute');
  return {
    values,
    args,
    callee: calleeText,
    method: m,
    base: `${calleeType.text}${capitalise(m)}`,
    textFor,
    candidates: [`${calleeType.text}${capitalise(m)}Job`, `${capitalise(m)}CalloutJob`],
    replaced: { start: stmt.span.start, end: fullSpan(text, moved[moved.length - 1]).end },
    ...(stmt.k === 'expr' && !tail ? { bareCall: expr.span } : {}),
    removals: receiver?.declaration ? [removeStatement(text, receiver.declaration)] : [],
  };
}
