/**
 * The preconditions of a refactoring that moves code to another transaction
 * (a new Queueable), shared by "Move the callout to a Queueable"
 * (callout-after-dml), "Retry asynchronously" (callout-retry-loop) and the
 * Schedulable move (async-callout-not-allowed). As a refactoring tool does
 * it: when one fails, no fix is offered, and the reason says which.
 *
 * - not in a test class;
 * - not in a loop (one job per iteration passes the 50-job limit, and the
 *   callout-in-loop finding would disappear behind the move);
 * - not inside a `try` whose catch expects the callout's exceptions
 *   (`Exception`, `CalloutException`, or an exception class of the project):
 *   after the move that catch is dead code;
 * - not in an asynchronous context that already enqueues a job (a Queueable,
 *   batch or future may enqueue one: a second throws a LimitException);
 * - every value that crosses is serialisable, and is not mutated after the
 *   call (the callee would have seen the old state);
 * - the moved code, and every method it may run, reads no static state of the
 *   project's classes and no per-transaction system state.
 */
import type { CallIndex } from '../analysis/callindex';
import { contextsOf, implementsInterface, isAsyncContext } from '../analysis/contexts';
import type { LoopStmt } from '../analysis/flow';
import { childStmts, forEachExprDeep, forEachStmt, forEachSubExpr } from '../analysis/traverse';
import { hasAnnotation, type MethodRef } from '../analysis/workspace';
import type { Expr, Span, Stmt, TypeDecl } from '../model/ir';
import { baseType } from '../model/spans';
import { refuse, type Refusal } from './refusal';
import { enqueuesFrom, transactionStateRead } from './transaction-state';

/** A value that crosses into the job: the expression and the type it crosses as (lower-cased, as written at `from`). */
export interface Crossing {
  expr: Expr;
  type: string;
  from: TypeDecl;
  /** Values must not change after this offset (default: the move's `after`): where a receiver was built from them. */
  after?: number;
}

export interface Move {
  ref: MethodRef;
  /** The statements that move (the call's statement, a retry loop, a whole body). */
  moved: Stmt[];
  /** Where the source keeps running after the move: values must not change after this offset. */
  after: number;
  /** Loops around the moved code inside its method. */
  loops: LoopStmt[];
  /** Methods the moved code calls (a moved call's targets). */
  callees: MethodRef[];
  crossing: Crossing[];
  /** The statements whose own code runs in the new transaction (default `moved`); a moved call's arguments are still evaluated before it. */
  runsLater?: Stmt[];
  /** Transaction state is not checked when nothing runs before the move in the source transaction. */
  freshTransaction?: boolean;
}

export function isTestCode(index: CallIndex, ref: MethodRef): boolean {
  return index.workspace.isTestCode(ref.type, ref.method);
}

/** The statements from the body down to the one that holds `span`, outermost first. */
export function pathTo(body: Stmt, span: Span): Stmt[] {
  const out: Stmt[] = [];
  for (let s: Stmt | undefined = body; s;) {
    out.push(s);
    s = childStmts(s).find((c) => c.span.start <= span.start && span.end <= c.span.end);
  }
  return out;
}

const CALLOUT_EXCEPTIONS = new Set(['exception', 'calloutexception']);

function catchExpectingCallout(index: CallIndex, ref: MethodRef, span: Span): Refusal | undefined {
  if (!ref.method.body) return undefined;
  for (const s of pathTo(ref.method.body, span)) {
    if (s.k !== 'try' || !(s.body.span.start <= span.start && span.end <= s.body.span.end)) continue;
    for (const c of s.catches) {
      const t = baseType(c.type);
      if (CALLOUT_EXCEPTIONS.has(t) || index.resolver.findType(t, ref.type)) return refuse('caught-callout-exception', `catch (${t})`);
    }
  }
  return undefined;
}

function asyncContextEnqueues(index: CallIndex, ref: MethodRef): Refusal | undefined {
  const entries: MethodRef[] = [];
  for (const [kind, entry] of contextsOf(index.workspace, ref.method)) if (isAsyncContext(kind)) entries.push(entry);
  const ownClassAsync = implementsInterface(index, ref.type, 'queueable') || implementsInterface(index, ref.type, 'database.batchable');
  if (!entries.length && !ownClassAsync && !hasAnnotation(ref.method, 'future')) return undefined;
  if (enqueuesFrom(index, entries.length ? entries : [ref])) return refuse('async-context-enqueues');
  return undefined;
}

const NOT_SERIALISABLE = new Set([
  'http',
  'httprequest',
  'httpresponse',
  'savepoint',
  'database.savepoint',
  'database.querylocator',
  'continuation',
  'restrequest',
  'restresponse',
  'jsonparser',
  'jsongenerator',
  'xmlstreamreader',
  'xmlstreamwriter',
  'dom.document',
  'dom.xmlnode',
  'pattern',
  'matcher',
  'schema.sobjectfield',
  'schema.describesobjectresult',
  'schema.describefieldresult',
  'schema.fieldset',
]);

const IMMUTABLE = new Set(['string', 'id', 'integer', 'long', 'decimal', 'double', 'boolean', 'date', 'datetime', 'time', 'blob']);

const TYPE_NAMES = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;

/** Whether a value of `type` (as written in `from`) survives the Queueable's serialisation: no request, response, savepoint, context… at any depth. */
export function isSerialisable(index: CallIndex, type: string, from: TypeDecl, seen = new Set<TypeDecl>()): boolean {
  for (const [name] of type.toLowerCase().replace(/\s+/g, '').matchAll(TYPE_NAMES)) {
    const base = name.startsWith('system.') ? name.slice(7) : name;
    if (NOT_SERIALISABLE.has(base) || base.endsWith('context')) return false;
    const found = index.resolver.findType(base, from);
    if (!found || seen.has(found.type)) continue;
    seen.add(found.type);
    const classes = [found, ...index.resolver.allSubtypes(found.type)].filter((t) => t.type.kind === 'class');
    for (const c of classes) {
      for (const { type: owner } of index.resolver.superChain(c.type)) {
        for (const f of owner.fields) {
          if (f.modifiers.includes('static') || f.modifiers.includes('transient')) continue;
          if (!isSerialisable(index, f.type, owner, seen)) return false;
        }
      }
    }
  }
  return true;
}

function isImmutable(index: CallIndex, type: string, from: TypeDecl): boolean {
  const t = baseType(type.toLowerCase());
  return IMMUTABLE.has(t) || index.resolver.findType(t, from)?.type.kind === 'enum';
}

/** The local a value expression is rooted in: `ord` for `ord`, `ord.Lines__r`, `items[0]`. */
function rootName(e: Expr): string | undefined {
  let x: Expr | undefined = e;
  while (x && x.k !== 'name') x = x.k === 'field' || x.k === 'index' ? x.target : x.k === 'cast' ? x.expr : undefined;
  return x?.name;
}

const READS_ONLY = /^(get|is|size$|contains|equals$|hashcode$|clone$|keyset$|values$|tostring$|deepclone$)/;

/** The first mutation of local `name` after `offset`: a write through it, a call on it, a hand-over to other code, DML. */
function mutatedAfter(body: Stmt, name: string, offset: number): string | undefined {
  let found: string | undefined;
  forEachStmt(body, (s) => {
    if (!found && s.k === 'dml' && s.span.start >= offset && rootName(s.expr) === name) found = `${s.op} ${name}`;
  });
  forEachExprDeep(body, (e) => {
    if (found || e.span.start < offset) return;
    if (e.k === 'assign' && e.target.k !== 'name' && rootName(e.target) === name) found = `assignment through ${name}`;
    else if (e.k === 'call' && e.target && rootName(e.target) === name && !READS_ONLY.test(e.name)) found = `${name}.${e.text}()`;
    else if ((e.k === 'call' || e.k === 'new') && e.args.some((a) => a.k === 'name' && a.name === name)) found = `${name} handed to other code`;
  });
  return found;
}

/** Why `move` cannot be made, or undefined when it can. */
export function moveRefusal(index: CallIndex, move: Move): Refusal | undefined {
  const { ref } = move;
  if (isTestCode(index, ref)) return refuse('test-class');
  if (move.loops.length) return refuse('in-loop');
  for (const s of move.moved) {
    const caught = catchExpectingCallout(index, ref, s.span);
    if (caught) return caught;
  }
  const enqueues = asyncContextEnqueues(index, ref);
  if (enqueues) return enqueues;
  const scope = index.factsOf(ref).scope;
  for (const c of move.crossing) {
    if (!isSerialisable(index, c.type, c.from)) return refuse('argument-not-serialisable', c.type);
    if (isImmutable(index, c.type, c.from) || !ref.method.body) continue;
    const names = new Set<string>();
    forEachSubExpr(c.expr, (x) => {
      if (x.k === 'name' && scope.locals.has(x.name)) names.add(x.name);
    });
    for (const n of names) {
      const how = mutatedAfter(ref.method.body, n, c.after ?? move.after);
      if (how) return refuse('argument-mutated-after', how);
    }
  }
  if (move.freshTransaction) return undefined;
  return transactionStateRead(index, ref, move.runsLater ?? move.moved, move.callees);
}
