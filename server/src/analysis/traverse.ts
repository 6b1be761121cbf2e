/** Iterative traversals of the model (no recursion: depth is the input's). */
import type { Expr, Stmt } from '../model/ir';

/** Child statements of a statement, in source order. */
export function childStmts(s: Stmt): Stmt[] {
  switch (s.k) {
    case 'block':
      return s.body;
    case 'if':
      return s.else ? [s.then, s.else] : [s.then];
    case 'loop':
      return [...s.init, s.body];
    case 'try': {
      const out = [s.body, ...s.catches.map((c) => c.body)];
      if (s.finally) out.push(s.finally);
      return out;
    }
    case 'switch':
      return s.whens;
    case 'runAs':
      return [s.body];
    default:
      return [];
  }
}

/** Expressions a statement evaluates itself (not those of nested statements), in evaluation order. */
export function ownExprs(s: Stmt): Expr[] {
  switch (s.k) {
    case 'local':
      return s.decls.flatMap((d) => (d.init ? [d.init] : []));
    case 'expr':
      return [s.expr];
    case 'if':
      return [s.cond];
    case 'loop':
      return [...(s.iterable ? [s.iterable] : []), ...(s.cond ? [s.cond] : []), ...s.update];
    case 'return':
      return s.expr ? [s.expr] : [];
    case 'throw':
      return [s.expr];
    case 'dml':
      return [s.expr];
    case 'switch':
      return [s.expr];
    case 'runAs':
      return s.args;
    default:
      return [];
  }
}

/** Direct sub-expressions, in evaluation order. */
export function subExprs(e: Expr): Expr[] {
  switch (e.k) {
    case 'field':
      return [e.target];
    case 'call':
      return e.target ? [e.target, ...e.args] : e.args;
    case 'new':
      return e.args;
    case 'binary':
      return [e.left, e.right];
    case 'unary':
      return [e.operand];
    case 'assign':
      return [e.target, e.value];
    case 'cond':
      return [e.test, e.then, e.else];
    case 'cast':
      return [e.expr];
    case 'index':
      return [e.target, e.index];
    case 'instanceof':
      return [e.expr];
    case 'other':
      return e.parts;
    default:
      return [];
  }
}

/** Pre-order, source order, with an explicit stack. */
function preOrder<T>(root: T, children: (node: T) => T[], fn: (node: T) => void): void {
  const stack: T[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    fn(node);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

export function forEachStmt(root: Stmt, fn: (s: Stmt) => void): void {
  preOrder(root, childStmts, fn);
}

/** Every sub-expression of one expression, pre-order. */
export function forEachSubExpr(root: Expr, fn: (e: Expr) => void): void {
  preOrder(root, subExprs, fn);
}

/** Every expression a statement evaluates itself, with all their sub-expressions. */
export function forEachExpr(s: Stmt, fn: (e: Expr) => void): void {
  for (const e of ownExprs(s)) forEachSubExpr(e, fn);
}

/** Every expression anywhere under a statement. */
export function forEachExprDeep(root: Stmt, fn: (e: Expr) => void): void {
  forEachStmt(root, (s) => forEachExpr(s, fn));
}

/** Lower-cased names of variables an expression reads. */
export function namesIn(e: Expr): Set<string> {
  const out = new Set<string>();
  forEachSubExpr(e, (x) => {
    if (x.k === 'name') out.add(x.name);
  });
  return out;
}
