/**
 * Is a loop around a callout a synchronous retry? It is when its exit or next
 * iteration depends on the callout's outcome: the loop condition reads a
 * value derived from the response (or from a catch block), a break, continue
 * or return is guarded by such a value or sits in the try around the call or
 * in its catch, or the loop counts attempts. A for-each loop, or a for loop
 * bounded by a collection's size, walks data: not a retry.
 */
import type { Expr, Stmt } from '../model/ir';
import type { LoopStmt } from './flow';
import { childStmts, forEachExprDeep, forEachSubExpr, namesIn, ownExprs } from './traverse';

const ATTEMPT_NAME = /attempt|retr|tries|trycount/i;

/** Per predicate: whether a call "sends" depends on the workspace the predicate was built for. */
const caches = new WeakMap<(e: Expr) => boolean, WeakMap<LoopStmt, boolean>>();

/** `isSend` tells which expressions call out: a `send`, or a call that leads to one. */
export function isRetryLoop(loop: LoopStmt, isSend: (e: Expr) => boolean): boolean {
  let cache = caches.get(isSend);
  if (!cache) {
    cache = new WeakMap();
    caches.set(isSend, cache);
  }
  let known = cache.get(loop);
  if (known === undefined) {
    known = classify(loop, isSend);
    cache.set(loop, known);
  }
  return known;
}

function stmtSends(root: Stmt, isSend: (e: Expr) => boolean): boolean {
  let found = false;
  forEachExprDeep(root, (e) => {
    if (!found && isSend(e)) found = true;
  });
  return found;
}

function exprSends(root: Expr, isSend: (e: Expr) => boolean): boolean {
  let found = false;
  forEachSubExpr(root, (e) => {
    if (!found && isSend(e)) found = true;
  });
  return found;
}

function mentions(e: Expr, names: Set<string>): boolean {
  for (const n of namesIn(e)) if (names.has(n)) return true;
  return false;
}

interface Visit {
  stmt: Stmt;
  guarded: boolean;
  nestedLoop: boolean;
}

/** Statements under the loop body with whether the outcome of the callout guards them. */
function visits(loop: LoopStmt, tainted: Set<string>, isSend: (e: Expr) => boolean): Visit[] {
  const out: Visit[] = [];
  const stack: Visit[] = [{ stmt: loop.body, guarded: false, nestedLoop: false }];
  while (stack.length) {
    const v = stack.pop()!;
    out.push(v);
    const s = v.stmt;
    if (s.k === 'if') {
      const g = v.guarded || mentions(s.cond, tainted) || exprSends(s.cond, isSend);
      stack.push({ stmt: s.then, guarded: g, nestedLoop: v.nestedLoop });
      if (s.else) stack.push({ stmt: s.else, guarded: g, nestedLoop: v.nestedLoop });
    } else if (s.k === 'try') {
      const sends = stmtSends(s.body, isSend);
      stack.push({ stmt: s.body, guarded: v.guarded || sends, nestedLoop: v.nestedLoop });
      for (const c of s.catches) stack.push({ stmt: c.body, guarded: true, nestedLoop: v.nestedLoop });
      if (s.finally) stack.push({ stmt: s.finally, guarded: v.guarded, nestedLoop: v.nestedLoop });
    } else {
      for (const c of childStmts(s)) stack.push({ stmt: c, guarded: v.guarded, nestedLoop: v.nestedLoop || s.k === 'loop' });
    }
  }
  return out;
}

const REQUEST_SETTERS = new Set(['setendpoint', 'setbody', 'setheader', 'setbodyasblob']);

/** Whether a value derived from the response goes into the request of a later iteration: a setter, or the arguments of the call that sends. */
function buildsNextRequest(loop: LoopStmt, tainted: Set<string>, isSend: (e: Expr) => boolean): boolean {
  if (!tainted.size) return false;
  let builds = false;
  forEachExprDeep(loop.body, (e) => {
    if (builds || e.k !== 'call') return;
    if ((REQUEST_SETTERS.has(e.name) || isSend(e)) && e.args.some((a) => mentions(a, tainted))) builds = true;
  });
  return builds;
}

function classify(loop: LoopStmt, isSend: (e: Expr) => boolean): boolean {
  if (loop.kind === 'foreach') return false;
  if (!stmtSends(loop.body, isSend)) return false;
  if (loop.kind === 'for' && loop.cond) {
    let bySize = false;
    forEachSubExpr(loop.cond, (e) => {
      if (e.k === 'call' && e.name === 'size') bySize = true;
    });
    if (bySize) return false;
  }
  const condNames = loop.cond ? namesIn(loop.cond) : new Set<string>();
  for (const n of condNames) if (ATTEMPT_NAME.test(n)) return true;

  // Values derived from the callout's outcome, to a fixed point.
  const tainted = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const before = tainted.size;
    for (const v of visits(loop, tainted, isSend)) {
      const s = v.stmt;
      if (s.k === 'local') {
        for (const d of s.decls) {
          if (d.init && (v.guarded || mentions(d.init, tainted) || exprSends(d.init, isSend))) tainted.add(d.name);
        }
      }
      for (const e of ownExprs(s)) {
        forEachSubExpr(e, (x) => {
          if (x.k === 'assign' && x.target.k === 'name') {
            if (v.guarded || mentions(x.value, tainted) || exprSends(x.value, isSend)) tainted.add(x.target.name);
          } else if (x.k === 'unary' && (x.op === '++' || x.op === '--') && x.operand.k === 'name' && v.guarded) {
            tainted.add(x.operand.name);
          }
        });
      }
    }
    if (tainted.size === before) break;
  }
  // Pagination: the next request is built from the previous response (a next-page link, a cursor, an offset). Data, not a retry.
  if (buildsNextRequest(loop, tainted, isSend)) return false;
  if (loop.cond && mentions(loop.cond, tainted)) return true;
  for (const v of visits(loop, tainted, isSend)) {
    if (v.nestedLoop || !v.guarded) continue;
    if (v.stmt.k === 'break' || v.stmt.k === 'continue' || v.stmt.k === 'return') return true;
  }
  return false;
}
