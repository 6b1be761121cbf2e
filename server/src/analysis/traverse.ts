/**
 * Iterative traversals of the model (no recursion: depth is the input's).
 * The walks ask for the children of every node they visit, so a node with
 * none, or whose children the model already holds in one array (a call's
 * arguments, a block's statements), answers without a new array.
 */
import type { Expr, Stmt } from '../model/ir';

const NO_STMTS: readonly Stmt[] = [];
const NO_EXPRS: readonly Expr[] = [];

/** Child statements of a statement, in source order. */
export function childStmts(s: Stmt): readonly Stmt[] {
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
      return NO_STMTS;
  }
}

/** Expressions a statement evaluates itself (not those of nested statements), in evaluation order. */
export function ownExprs(s: Stmt): readonly Expr[] {
  switch (s.k) {
    case 'local': {
      const inits: Expr[] = [];
      for (const d of s.decls) if (d.init) inits.push(d.init);
      return inits;
    }
    case 'expr':
      return [s.expr];
    case 'if':
      return [s.cond];
    case 'loop':
      return [...(s.iterable ? [s.iterable] : []), ...(s.cond ? [s.cond] : []), ...s.update];
    case 'return':
      return s.expr ? [s.expr] : NO_EXPRS;
    case 'throw':
      return [s.expr];
    case 'dml':
      return [s.expr];
    case 'switch':
      return [s.expr];
    case 'runAs':
      return s.args;
    default:
      return NO_EXPRS;
  }
}

/**
 * The `i`-th direct sub-expression, in evaluation order; undefined past the
 * last. By index, not as a list: the walks visit every expression, and most
 * expressions have none or keep theirs in one array already.
 */
export function subExpr(e: Expr, i: number): Expr | undefined {
  switch (e.k) {
    case 'field':
      return i === 0 ? e.target : undefined;
    case 'call':
      if (!e.target) return e.args[i];
      return i === 0 ? e.target : e.args[i - 1];
    case 'new':
      return e.args[i];
    case 'binary':
      return i === 0 ? e.left : i === 1 ? e.right : undefined;
    case 'unary':
      return i === 0 ? e.operand : undefined;
    case 'assign':
      return i === 0 ? e.target : i === 1 ? e.value : undefined;
    case 'cond':
      return i === 0 ? e.test : i === 1 ? e.then : i === 2 ? e.else : undefined;
    case 'cast':
    case 'instanceof':
      return i === 0 ? e.expr : undefined;
    case 'index':
      return i === 0 ? e.target : i === 1 ? e.index : undefined;
    case 'other':
      return e.parts[i];
    default:
      return undefined;
  }
}

/** Pre-order, source order, with an explicit stack. */
function preOrder<T>(root: T, children: (node: T) => readonly T[], fn: (node: T) => void): void {
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
  const stack: Expr[] = [root];
  while (stack.length) {
    const e = stack.pop()!;
    fn(e);
    // Pushed, then put last to first, so that the first is visited next.
    const from = stack.length;
    for (let i = 0, sub = subExpr(e, 0); sub; sub = subExpr(e, ++i)) stack.push(sub);
    for (let i = from, j = stack.length - 1; i < j; i++, j--) {
      const first = stack[i];
      stack[i] = stack[j];
      stack[j] = first;
    }
  }
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
