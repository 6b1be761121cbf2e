/**
 * Callouts inside a loop that do not run once per iteration. Two shapes are
 * common in real code and are bulk, not per-record:
 *
 * - memoised: `if (token == null) { token = fetchToken(); }`, `if (!loaded)
 *   { load(); loaded = true; }`, `if (!cache.containsKey(k)) { cache.put(k,
 *   fetch(k)); }` — the guard is false once the value is there;
 * - chunked: `if (batch.size() >= 100) { send(batch); batch.clear(); }` or
 *   `Math.mod(i, 200) == 0` — one callout per chunk of records.
 *
 * `onceGuarded` tells whether a position inside a loop body sits under such
 * a guard (an `if` inside the loop, not outside it).
 */
import type { Expr, Span, Stmt } from '../model/ir';
import type { LoopStmt } from './flow';
import { forEachExprDeep, forEachSubExpr } from './traverse';

/** The source text of a name or `a.b` / `this.b` field path, lower-cased, or undefined. */
function pathOf(e: Expr): string | undefined {
  if (e.k === 'name') return e.name;
  if (e.k === 'this') return 'this';
  if (e.k === 'field') {
    const head = pathOf(e.target);
    if (!head) return undefined;
    return head === 'this' ? e.name : `${head}.${e.name}`;
  }
  return undefined;
}

function assigns(body: Stmt, target: string): boolean {
  let found = false;
  forEachExprDeep(body, (e) => {
    if (e.k === 'assign' && pathOf(e.target) === target) found = true;
  });
  return found;
}

function calls(body: Stmt, receiver: string, name: string): boolean {
  let found = false;
  forEachExprDeep(body, (e) => {
    if (e.k === 'call' && e.name === name && e.target && pathOf(e.target) === receiver) found = true;
  });
  return found;
}

/** `x == null`, `!x`, `!m.containsKey(k)` whose then-branch fills `x` / `m`: true after the first time. */
function isMemoGuard(cond: Expr, then: Stmt): boolean {
  if (cond.k === 'binary' && (cond.op === '&&' || cond.op === '||')) return isMemoGuard(cond.left, then) || isMemoGuard(cond.right, then);
  if (cond.k === 'binary' && cond.op === '==') {
    const [value, other] = cond.right.k === 'lit' && cond.right.type === 'null' ? [cond.left, cond.right] : [cond.right, cond.left];
    const path = other.k === 'lit' && other.type === 'null' ? pathOf(value) : undefined;
    return !!path && assigns(then, path);
  }
  if (cond.k === 'unary' && cond.op === '!') {
    const path = pathOf(cond.operand);
    if (path) return assigns(then, path);
    const inner = cond.operand;
    if (inner.k === 'call' && inner.name === 'containskey' && inner.target) {
      const map = pathOf(inner.target);
      return !!map && calls(then, map, 'put');
    }
  }
  return false;
}

/** `list.size() >= 100`, `== 100`, `> 99`, `Math.mod(i, 200) == 0`: one callout per chunk. */
function isChunkGuard(cond: Expr): boolean {
  let chunk = false;
  forEachSubExpr(cond, (e) => {
    if (e.k !== 'binary' || !['==', '>=', '>'].includes(e.op)) return;
    const sides = [e.left, e.right];
    const size = sides.some((s) => s.k === 'call' && s.name === 'size' && s.args.length === 0);
    const mod = sides.some((s) => s.k === 'call' && s.name === 'mod' && s.args.length === 2);
    // A chunk has a size: `size() > 0` or `== 1` is an emptiness check, not a chunk.
    const bound = sides.some((s) => s.k === 'lit' && s.type === 'int' && Number(s.value) >= 2) || sides.some((s) => s.k === 'name' || s.k === 'field');
    if ((size || mod) && bound) chunk = true;
  });
  return chunk;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Whether `at` (inside `loop`'s body) runs only under a memoisation or chunking guard. */
export function onceGuarded(loop: LoopStmt, at: Span): boolean {
  const stack: Stmt[] = [loop.body];
  while (stack.length) {
    const s = stack.pop()!;
    if (!contains(s.span, at)) continue;
    if (s.k === 'if') {
      if (contains(s.then.span, at) && (isMemoGuard(s.cond, s.then) || isChunkGuard(s.cond))) return true;
      stack.push(s.then);
      if (s.else) stack.push(s.else);
      continue;
    }
    // A nested loop repeats again: its own guards are judged for it.
    if (s.k === 'loop' && s !== loop) continue;
    if (s.k === 'block') stack.push(...s.body);
    else if (s.k === 'try') stack.push(s.body, ...s.catches.map((c) => c.body), ...(s.finally ? [s.finally] : []));
    else if (s.k === 'switch') stack.push(...s.whens);
    else if (s.k === 'runAs') stack.push(s.body);
  }
  return false;
}
