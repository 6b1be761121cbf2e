/**
 * Is the result of a call examined? Follows the value into the local it is
 * stored in; a value returned, passed to another method or stored elsewhere
 * is assumed examined there.
 */
import type { Expr, MethodDecl, Stmt } from '../model/ir';
import { forEachStmt, ownExprs, subExpr } from './traverse';

export interface Parents {
  parent: Map<Expr, Expr>;
  stmtOf: Map<Expr, Stmt>;
}

const cache = new WeakMap<MethodDecl, Parents>();

/** Each expression's parent, and each root expression's statement, computed once per method. */
export function parentsOf(method: MethodDecl): Parents {
  let p = cache.get(method);
  if (p) return p;
  p = { parent: new Map(), stmtOf: new Map() };
  const { parent, stmtOf } = p;
  if (method.body) {
    forEachStmt(method.body, (s) => {
      const stack = [...ownExprs(s)];
      for (const root of stack) stmtOf.set(root, s);
      while (stack.length) {
        const e = stack.pop()!;
        for (let i = 0, c = subExpr(e, 0); c; c = subExpr(e, ++i)) {
          parent.set(c, e);
          stack.push(c);
        }
      }
    });
  }
  cache.set(method, p);
  return p;
}

function isDebug(call: Expr): boolean {
  return call.k === 'call' && call.name === 'debug' && call.target?.k === 'name' && call.target.name === 'system';
}

/** How the value of `e` is used right where it is produced. */
function useOf(e: Expr, p: Parents, checks: Set<string>): 'checked' | 'unchecked' | { local: string } {
  const parent = p.parent.get(e);
  if (!parent) {
    const s = p.stmtOf.get(e);
    if (s?.k === 'expr') return 'unchecked';
    if (s?.k === 'local') {
      const d = s.decls.find((x) => x.init === e);
      if (d) return { local: d.name };
    }
    if (s?.k === 'loop' && s.iterable === e) return 'checked';
    return 'checked';
  }
  if (parent.k === 'call' && parent.target === e) return checks.has(parent.name) ? 'checked' : 'unchecked';
  if (parent.k === 'call') return isDebug(parent) ? 'unchecked' : 'checked';
  if (parent.k === 'assign' && parent.value === e) {
    if (parent.target.k === 'name') return { local: parent.target.name };
    return 'checked';
  }
  if (parent.k === 'field') return checks.has(parent.name) ? 'checked' : 'unchecked';
  return 'checked';
}

export function isResultExamined(method: MethodDecl, call: Expr, checks: Set<string>): boolean {
  const p = parentsOf(method);
  const use = useOf(call, p, checks);
  if (use === 'checked') return true;
  if (use === 'unchecked') return false;
  // Stored in a local: examined if any read of that local is.
  for (const [node] of p.parent) if (node.k === 'name' && node.name === use.local && readExamines(node, p, checks)) return true;
  for (const [node] of p.stmtOf) if (node.k === 'name' && node.name === use.local && readExamines(node, p, checks)) return true;
  return false;
}

function readExamines(read: Expr, p: Parents, checks: Set<string>): boolean {
  const parent = p.parent.get(read);
  if (parent?.k === 'assign' && parent.target === read) return false;
  const use = useOf(read, p, checks);
  return use === 'checked' || (typeof use === 'object' && use.local !== (read.k === 'name' ? read.name : ''));
}
