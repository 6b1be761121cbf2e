/**
 * Does the caller need a callout's answer? The first question of the
 * integration-pattern choice: a save that needs the answer (a credit check
 * that decides the approval, a price written to the record, an id stored) is
 * Request-Reply; a save that only learns whether the other side accepted the
 * data (a status check, a throw, a log line) does not need to wait at all.
 *
 * Follows the value of the `send(...)` through locals, and up the call chain
 * while a method returns it: the status (`getStatusCode()`, `getStatus()`)
 * may go anywhere; the body (or the response object itself) may be logged or
 * put in an exception's message, and anything else — a condition, a field, an
 * argument of a workspace method, a collection, the entry point's return
 * value — is a use of the answer. Under-approximate on purpose: what it cannot
 * follow counts as used.
 */
import type { Expr, MethodDecl, Span, Stmt } from '../model/ir';
import { dottedName } from './constants';
import { isSoapCallout, type CallExpr } from './callouts';
import { parentsOf, type Parents } from './usage';
import type { MethodScope } from './scope';

/** What a value is, as far as the answer goes: the response, something read from its body, or from its status only. */
export type AnswerPart = 'response' | 'body' | 'status';

export interface AnswerUse {
  /** Where the answer's content is used (a decision, a field, a call), when it is. */
  usedAt?: Span;
  /** What of the answer the method returns, when it returns some of it. */
  returned?: AnswerPart;
  /** The status is examined somewhere. */
  statusChecked: boolean;
  /** The body or the status goes to a log or an exception message. */
  logged: boolean;
  /** The `if` and `switch` statements whose condition reads the answer (its status included): what runs in their branches waits on what the other system said. */
  deciding: Stmt[];
}

const STATUS_READS = new Set(['getstatuscode', 'getstatus']);
const LOG_NAMES = new Set(['debug', 'log', 'error', 'warn', 'info', 'fine', 'finer', 'finest', 'adderror']);
/** System classes whose static methods only transform a value (`JSON.deserialize`, `String.valueOf`): the result is still the answer. */
const PURE_CLASSES = new Set(['json', 'string', 'integer', 'decimal', 'double', 'long', 'boolean', 'blob', 'encodingutil', 'math', 'id', 'date', 'datetime']);
const MAX_READS = 200;

/** A call that writes its arguments to a log (`System.debug`, `Logger.error(...)`, `rec.addError(...)`). */
function isLogCall(call: CallExpr): boolean {
  if (call.name === 'debug' && call.target?.k === 'name' && call.target.name === 'system') return true;
  if (call.name.startsWith('log') || call.name === 'adderror') return true;
  const target = call.target && dottedName(call.target);
  return !!target && /log/.test(target) && LOG_NAMES.has(call.name);
}

/** A static call on a system class that transforms a value, when no variable or workspace class shadows the name. */
function isPureSystemCall(call: CallExpr, scope: MethodScope): boolean {
  const t = call.target;
  if (t?.k !== 'name' || !PURE_CLASSES.has(t.name) || scope.locals.has(t.name)) return false;
  return !scope.workspace.findType(t.name, scope.type);
}

function isNull(e: Expr): boolean {
  return e.k === 'lit' && e.type === 'null';
}

class AnswerWalk {
  readonly out: AnswerUse = { statusChecked: false, logged: false, deciding: [] };
  /** Reads that are not the answer's flow (the response map handed to `WebServiceCallout.invoke`). */
  readonly skip = new Set<Expr>();
  private readonly seen = new Set<string>();
  private reads = 0;

  constructor(
    private readonly method: MethodDecl,
    private readonly scope: MethodScope,
    private readonly p: Parents,
  ) {}

  private use(at: Span): void {
    this.out.usedAt ??= at;
  }

  private decide(e: Expr, part: AnswerPart): void {
    if (part === 'status') this.out.statusChecked = true;
    else this.use(e.span);
  }

  private returns(part: AnswerPart): void {
    const rank = { status: 0, body: 1, response: 2 };
    if (!this.out.returned || rank[part] > rank[this.out.returned]) this.out.returned = part;
  }

  /** Where the value of `e` (holding `part` of the answer) goes. */
  flow(e: Expr, part: AnswerPart): void {
    if (this.out.usedAt) return;
    const parent = this.p.parent.get(e);
    if (!parent) return this.root(e, part);
    switch (parent.k) {
      case 'call':
        if (parent.target === e) {
          if (part === 'response' && STATUS_READS.has(parent.name)) {
            this.out.statusChecked = true;
            return this.flow(parent, 'status');
          }
          return this.flow(parent, part === 'response' ? 'body' : part);
        }
        if (isLogCall(parent)) {
          this.out.logged = true;
          return;
        }
        if (part === 'status' || isPureSystemCall(parent, this.scope)) return this.flow(parent, part === 'response' ? 'body' : part);
        return this.use(parent.span);
      case 'new':
        if (/exception$/i.test(parent.type)) {
          this.out.logged = true;
          return;
        }
        return part === 'status' ? this.flow(parent, part) : this.use(parent.span);
      case 'assign':
        if (parent.target === e) return;
        if (parent.target.k === 'name' && this.scope.locals.has(parent.target.name)) return this.local(parent.target.name, part);
        // A status written to a record (`Sync_Status__c`) is the outcome, not the answer.
        return part === 'status' ? undefined : this.use(parent.span);
      case 'cond':
        if (parent.test === e) return this.decide(e, part);
        return this.flow(parent, part);
      case 'binary':
        // `res != null` asks whether there is an answer, not what it says.
        if ((parent.op === '==' || parent.op === '!=') && isNull(parent.left === e ? parent.right : parent.left)) return this.flow(parent, 'status');
        if (part !== 'status' && (parent.op === '&&' || parent.op === '||')) return this.use(parent.span);
        return this.flow(parent, part);
      default:
        return this.flow(parent, part);
    }
  }

  private root(e: Expr, part: AnswerPart): void {
    const s = this.p.stmtOf.get(e);
    switch (s?.k) {
      case 'expr':
        return;
      case 'local': {
        const d = s.decls.find((x) => x.init === e);
        return d ? this.local(d.name, part) : undefined;
      }
      case 'return':
        return this.returns(part);
      case 'throw':
        this.out.logged = true;
        return;
      case 'if':
      case 'switch':
        if (!this.out.deciding.includes(s)) this.out.deciding.push(s);
        return this.decide(e, part);
      default:
        // A loop over it, DML of it, a loop condition: the answer decides what happens.
        return part === 'status' ? undefined : this.use(e.span);
    }
  }

  /** Every read of a local that holds `part` of the answer. */
  local(name: string, part: AnswerPart): void {
    const key = `${name}|${part}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const reads: Expr[] = [];
    for (const node of this.p.parent.keys()) if (node.k === 'name' && node.name === name) reads.push(node);
    for (const node of this.p.stmtOf.keys()) if (node.k === 'name' && node.name === name) reads.push(node);
    for (const read of reads) {
      if (this.skip.has(read)) continue;
      if (++this.reads > MAX_READS) return this.use(this.method.span);
      this.flow(read, part);
    }
  }
}

/** How a method uses `part` of the answer held by `e` (the `send(...)`, or a call that returns the answer). */
export function answerUse(method: MethodDecl, scope: MethodScope, e: Expr, part: AnswerPart): AnswerUse {
  const p = parentsOf(method);
  const walk = new AnswerWalk(method, scope, p);
  const map = e.k === 'call' && isSoapCallout(e, scope) ? e.args[2] : undefined;
  if (map?.k === 'name' && scope.locals.has(map.name)) {
    // WSDL2Apex: `WebServiceCallout.invoke(this, request_x, response_map_x, …)` writes the answer into the map;
    // `response_map_x.put('response_x', response_x)` before it hands over the empty slot, not the answer.
    walk.skip.add(map);
    for (const [node, parent] of p.parent) {
      if (node.k === 'name' && node.name === map.name && parent.k === 'call' && parent.target === node && parent.name === 'put')
        for (const a of parent.args) walk.skip.add(a);
    }
    walk.local(map.name, part);
  } else walk.flow(e, part);
  return walk.out;
}
