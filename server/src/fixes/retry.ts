/**
 * "Retry asynchronously" (callout-retry-loop): a loop that retries one static
 * call inside a `try` becomes one `System.enqueueJob(...)` of a Queueable that
 * makes one attempt per transaction and re-enqueues itself, with a delay
 * between attempts (API 58.0 and later: `System.enqueueJob(job, minutes)`).
 *
 * Equivalence: the job catches the exception types the loop caught, makes
 * exactly as many attempts as the loop (`attempt < 4` from 0 is 4, `attempt
 * <= 4` from 1 is 4; a bound it cannot count means no fix), and gives up the
 * way the loop did (rethrows when the loop's catch threw, else logs). The
 * loop may hold nothing but the call and its bookkeeping (counters, flags,
 * `System.debug`, `break`): anything else would be lost.
 */
import { callIndex, type CallSite } from '../analysis/callindex';
import { fold } from '../analysis/constants';
import type { LoopStmt } from '../analysis/flow';
import { fixer } from './fixer';
import { statementInBlock } from './text-edits';
import { forEachExprDeep, forEachStmt, forEachSubExpr, namesIn } from '../analysis/traverse';
import type { MethodRef } from '../analysis/workspace';
import type { Expr, Stmt } from '../model/ir';
import { DEFAULT_API_VERSION } from '../scaffold';
import { apiVersionOf, type FixContext, type FixText } from './fix';
import { removeStatement } from './moved-code';
import { moveRefusal } from './preconditions';
import { qualifyTypeText } from './qualify';
import { capitalise, carriedState, jobFiles, jobName, render, sharingOf, staticCallee } from './queueable';
import { rebuildableReceiver, type RebuiltReceiver } from './receiver';
import { isRefusal, refuse, type Refusal } from './refusal';
import { transactionStateRead } from './transaction-state';

/** `System.enqueueJob(queueable, delay)` is used from this API version on. */
export const DELAY_API_VERSION = 58;
const RETRY_DELAY_MINUTES = 1;

type TryStmt = Extract<Stmt, { k: 'try' }>;

/** Statements that only keep the loop's books: counters and flags of the loop, debug output, break/continue, a rethrow. */
function bookkeeping(s: Stmt, loopVars: Set<string>, out: { rethrows: boolean }): boolean {
  switch (s.k) {
    case 'block':
      return s.body.every((x) => bookkeeping(x, loopVars, out));
    case 'break':
    case 'continue':
      return true;
    case 'throw':
      out.rethrows = true;
      return true;
    case 'if':
      return bookkeeping(s.then, loopVars, out) && (!s.else || bookkeeping(s.else, loopVars, out));
    case 'expr': {
      const e = s.expr;
      if (e.k === 'assign' && e.target.k === 'name') return loopVars.has(e.target.name);
      if (e.k === 'unary' && e.operand.k === 'name') return loopVars.has(e.operand.name);
      return e.k === 'call' && e.name === 'debug' && e.target?.k === 'name' && e.target.name === 'system';
    }
    default:
      return false;
  }
}

function conjuncts(e: Expr): Expr[] {
  return e.k === 'binary' && e.op === '&&' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

/** How many times the loop runs its body at most, from its counter and bound; undefined when that cannot be told. */
export function attemptsOf(ctx: FixContext, ref: MethodRef, loop: LoopStmt, before: Stmt[]): number | undefined {
  if (!loop.cond) return undefined;
  const scope = callIndex(ctx.workspace).factsOf(ref).scope;
  const value = (e: Expr) => {
    const v = fold(e, { workspace: ctx.workspace, type: ref.type, scope });
    return v.kind === 'number' ? v.value : undefined;
  };
  for (const c of conjuncts(loop.cond)) {
    if (c.k !== 'binary' || !['<', '<=', '>', '>='].includes(c.op)) continue;
    const flipped = c.right.k === 'name' && c.left.k !== 'name';
    const counter = flipped ? c.right : c.left;
    const bound = value(flipped ? c.left : c.right);
    const op = flipped ? ({ '>': '<', '>=': '<=', '<': '>', '<=': '>=' } as Record<string, string>)[c.op] : c.op;
    if (counter.k !== 'name' || bound === undefined || (op !== '<' && op !== '<=')) continue;
    // One `++` (or `+= 1`) of the counter per iteration, and nothing else writes it in the loop.
    let increments = 0;
    let otherWrites = 0;
    const count = (e: Expr) => {
      if (e.k === 'unary' && e.op === '++' && e.operand.k === 'name' && e.operand.name === counter.name) increments++;
      else if (e.k === 'unary' && e.operand.k === 'name' && e.operand.name === counter.name) otherWrites++;
      else if (e.k === 'assign' && e.target.k === 'name' && e.target.name === counter.name) {
        if (e.op === '+=' && e.value.k === 'lit' && e.value.value === 1) increments++;
        else otherWrites++;
      }
    };
    forEachExprDeep(loop.body, count);
    for (const u of loop.update) forEachSubExpr(u, count);
    if (increments !== 1 || otherWrites) return undefined;
    // The counter's start: the for-loop's own declaration, or the last declaration before the loop.
    let start: number | undefined;
    for (const s of [...before, ...loop.init]) {
      if (s.k !== 'local') continue;
      const d = s.decls.find((x) => x.name === counter.name);
      if (d?.init) start = value(d.init);
    }
    if (start === undefined) return undefined;
    const n = op === '<' ? bound - start : bound - start + 1;
    const attempts = loop.kind === 'do' ? Math.max(1, n) : n;
    return attempts >= 1 && attempts <= 20 ? attempts : undefined;
  }
  return undefined;
}

export function retryAsynchronously(ctx: FixContext, ref: MethodRef, loop: LoopStmt, site: CallSite): FixText | Refusal | undefined {
  const body = ref.method.body;
  const call = site.expr;
  if (!body || call.k !== 'call') return undefined;
  const index = callIndex(ctx.workspace);
  const scope = index.factsOf(ref).scope;

  // The loop: bookkeeping around one try whose body makes the call as a statement of its own.
  const inLoop = new Set<string>(loop.variable ? [loop.variable.name] : []);
  const assigned = new Set<string>();
  forEachStmt(loop.body, (s) => {
    if (s.k === 'local') for (const d of s.decls) inLoop.add(d.name);
  });
  forEachExprDeep(loop, (e) => {
    if (e.k === 'assign' && e.target.k === 'name') assigned.add(e.target.name);
    if (e.k === 'unary' && e.operand.k === 'name') assigned.add(e.operand.name);
  });
  const changesInLoop = (a: Expr) => [...namesIn(a)].some((n) => inLoop.has(n) || assigned.has(n));
  if (call.args.some(changesInLoop)) return refuse('retry-shape', 'the arguments change in the loop');
  const where = statementInBlock(body, loop.head);
  if (!where || where.block.body[where.index] !== loop) return refuse('retry-shape');
  const after = where.block.body.slice(where.index + 1);
  let usedAfter = false;
  for (const s of after) {
    forEachExprDeep(s, (e) => {
      if (e.k === 'name' && assigned.has(e.name)) usedAfter = true;
    });
  }
  if (usedAfter) return refuse('retry-shape', "the loop's result is used after it");
  const loopStmts = loop.body.k === 'block' ? loop.body.body : [loop.body];
  const tries = loopStmts.filter((s): s is TryStmt => s.k === 'try');
  const attempt = tries.length === 1 ? tries[0] : undefined;
  const tryBody = attempt && (attempt.body.k === 'block' ? attempt.body.body : [attempt.body]);
  const callStmt = tryBody?.find((s) => s.k === 'expr' && s.expr === call);
  if (!attempt || !tryBody || !callStmt || attempt.finally || !attempt.catches.length) return refuse('retry-shape', 'not one try around the call');
  const books = { rethrows: false };
  const loopVars = new Set([...assigned].filter((n) => !inLoop.has(n) || loop.variable?.name === n));
  const others = [...loopStmts.filter((s) => s !== attempt), ...tryBody.filter((s) => s !== callStmt)];
  if (!others.every((s) => bookkeeping(s, loopVars, books)) || books.rethrows) return refuse('retry-shape', 'the loop does more than retry the call');
  // Each catch keeps its books; all of them rethrow in the end, or none does (the job gives up one way).
  const rethrows = attempt.catches.map((c) => {
    const own = { rethrows: false };
    return bookkeeping(c.body, loopVars, own) ? own.rethrows : undefined;
  });
  if (rethrows.includes(undefined)) return refuse('retry-shape', 'the loop does more than retry the call');
  if (new Set(rethrows).size > 1) return refuse('retry-shape', 'the catches give up differently');
  books.rethrows = rethrows[0] === true;

  // The callee, once the loop is known to retry it: a static method, or a method on an object the job builds again.
  const found = staticCallee(scope, call);
  let receiver: RebuiltReceiver | undefined;
  if (!found) {
    const rebuilt = rebuildableReceiver(index, ref, call);
    if (!rebuilt) return refuse('not-a-static-call');
    if (isRefusal(rebuilt)) return rebuilt;
    receiver = rebuilt;
  }
  const target = found ?? { callee: receiver!.method, qualified: receiver!.qualified };
  const params = target.callee.method.params;
  const built = receiver?.args ?? [];
  const allNames = [...built.map((b) => b.name.toLowerCase()), ...params.map((p) => p.name)];
  if (allNames.some((n) => ['attempt', 'context', 'e'].includes(n)) || new Set(allNames).size < allNames.length) return refuse('no-free-name', 'attempt');
  if (receiver && !receiver.declaration && built.some((b) => changesInLoop(b.crossing.expr))) return refuse('retry-shape', 'the arguments change in the loop');
  const attempts = attemptsOf(ctx, ref, loop, where.block.body.slice(0, where.index));
  if (attempts === undefined) return refuse('attempts-unknown');

  const text = ctx.file.source.text;
  const refusal = moveRefusal(index, {
    ref,
    moved: [loop],
    runsLater: [],
    after: loop.span.end,
    loops: site.loops.slice(0, site.loops.indexOf(loop)),
    callees: [target.callee, ...(receiver?.constructors ?? [])],
    crossing: [...built.map((b) => b.crossing), ...call.args.map((a, i) => ({ expr: a, type: params[i].type, from: target.callee.type }))],
  });
  if (refusal) return refusal;
  const initialised = receiver?.initialisers.length
    ? transactionStateRead(index, receiver.constructors[0] ?? receiver.method, receiver.initialisers)
    : undefined;
  if (initialised) return initialised;

  const caught = attempt.catches.map((c) => {
    const written = /^catch\s*\(\s*([A-Za-z_][\w.\s]*?)\s+[A-Za-z_]\w*\s*\)/i.exec(text.slice(c.span.start, c.body.span.start))?.[1] ?? c.type;
    return qualifyTypeText(written.replace(/\s+/g, ''), ref.type, ctx.workspace);
  });
  const m = target.callee.method.text;
  const names = params.map((p) => p.text);
  const builtNames = built.map((b) => b.name);
  const calleeType = receiver?.cls ?? target.callee.type;
  const delay = apiVersionOf(ctx.project, DEFAULT_API_VERSION) >= DELAY_API_VERSION;
  const giveUp = books.rethrows
    ? '            throw e;'
    : `            System.debug(LoggingLevel.ERROR, '${target.qualified}.${m}() failed after ' + attempt + ' attempts: ' + e.getMessage());\n            return;`;
  const textFor = (name: string) =>
    render('fixes/RetryJob.cls', {
      Name: name,
      Sharing: sharingOf(ref.type),
      Callee: target.qualified,
      Receiver: receiver ? `new ${receiver.qualified}(${builtNames.join(', ')})` : target.qualified,
      Method: m,
      MaxAttempts: String(attempts),
      Constants: delay ? `    private static final Integer RETRY_DELAY_MINUTES = ${RETRY_DELAY_MINUTES};\n` : '',
      Members: carriedState(name, [
        ...built.map((b) => ({ name: b.name, type: qualifyTypeText(b.typeSource, calleeType, ctx.workspace) })),
        ...params.map((p) => ({ name: p.text, type: qualifyTypeText(p.typeSource, target.callee.type, ctx.workspace) })),
        { name: 'attempt', type: 'Integer' },
      ]),
      Args: names.join(', '),
      Catches: caught.map((t) => ` catch (${t} e) {\n            retryOrGiveUp(e);\n        }`).join(''),
      GiveUp: giveUp,
      NextArgs: [...builtNames, ...names, 'attempt + 1'].join(', '),
      Delay: delay ? ', RETRY_DELAY_MINUTES' : '',
    });
  const job = jobName(ctx.workspace, [`${calleeType.text}${capitalise(m)}RetryJob`, `${capitalise(m)}RetryJob`], textFor);
  if (!job) return refuse('no-free-name');
  const args = [...built.map((b) => b.text), ...call.args.map((a) => text.slice(a.span.start, a.span.end)), '1'].join(', ');
  // The loop's bookkeeping locals (attempt counters, success flags) go with it.
  const removals = where.block.body
    .slice(0, where.index)
    .filter((s) => {
      if (s.k !== 'local' || !s.decls.every((d) => assigned.has(d.name))) return false;
      let usedElsewhere = false;
      for (const other of where.block.body) {
        if (other === s || other === loop) continue;
        forEachExprDeep(other, (e) => {
          if (e.k === 'name' && s.decls.some((d) => d.name === e.name)) usedElsewhere = true;
        });
      }
      return !usedElsewhere;
    })
    .map((s) => removeStatement(text, s));
  if (receiver?.declaration) removals.push(removeStatement(text, receiver.declaration));
  return {
    title: `Retry asynchronously: a Queueable ${job.name} that re-enqueues itself (at most ${attempts} attempts)`,
    safe: false,
    edits: [...removals, fixer.replaceText(loop.span, `System.enqueueJob(new ${job.name}(${args}));`)],
    creates: jobFiles(ctx.file.path, job.name, textFor(job.name), ctx.project, job.reuse),
  };
}
