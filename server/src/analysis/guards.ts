/**
 * What decides a guard (docs/principles.md, "report what is manifest"): a condition
 * decided by *data* — the method's parameters and what is derived from them,
 * fields of the records they hold, the elements of a collection they fill, a
 * callout's response — is a feasible path: production data takes it. A
 * condition that reads anything else (custom settings, custom metadata,
 * labels, static flags and caches, fields of the object, project methods,
 * `Type.forName`) is configuration or state: the chain behind it stays latent.
 * Unknown counts as state, so that a guard we cannot read never makes a
 * finding appear.
 */
import type { Expr, MethodDecl } from '../model/ir';
import type { MethodScope } from './scope';
import { forEachStmt } from './traverse';

/** System classes whose static methods compute from their arguments only (`String.isBlank(c.Subject)`). */
const PURE_SYSTEM = new Set(['string', 'math', 'integer', 'decimal', 'double', 'long', 'date', 'datetime', 'boolean']);
const MAX_DEPTH = 8;

/** For-each loop variables of the method and the collection each walks. */
const loopSources = new WeakMap<MethodDecl, Map<string, Expr>>();

function loopVariables(method: MethodDecl): Map<string, Expr> {
  let out = loopSources.get(method);
  if (!out) {
    out = new Map();
    const found = out;
    if (method.body)
      forEachStmt(method.body, (s) => {
        if (s.k === 'loop' && s.variable && s.iterable) found.set(s.variable.name, s.iterable);
      });
    loopSources.set(method, out);
  }
  return out;
}

/** Whether the value of `e` comes from the method's inputs (or a response) only. */
export function isDataValue(scope: MethodScope, e: Expr, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const data = (x: Expr) => isDataValue(scope, x, depth + 1);
  switch (e.k) {
    case 'lit':
      return true;
    case 'name': {
      if (scope.method.params.some((p) => p.name === e.name)) return (scope.locals.get(e.name)?.assignments ?? 1) === 1;
      const iterable = loopVariables(scope.method).get(e.name);
      if (iterable) return data(iterable);
      const local = scope.locals.get(e.name);
      return !!local?.single && local.assignments === 1 && data(local.single);
    }
    case 'field':
      // Trigger.new and its kin are the records being processed; `rec.Priority` is a field of data.
      if (e.target.k === 'name' && e.target.name === 'trigger' && !scope.locals.has('trigger')) return true;
      return e.target.k !== 'this' && data(e.target) && e.target.k !== 'lit';
    case 'call': {
      if (e.name === 'send' && e.args.length === 1) return true;
      if (!e.args.every(data)) return false;
      if (!e.target) return false;
      if (e.target.k === 'name' && !scope.locals.has(e.target.name)) return PURE_SYSTEM.has(e.target.name) && !scope.workspace.findType(e.target.name);
      return data(e.target);
    }
    case 'unary':
      return data(e.operand);
    case 'binary':
      return data(e.left) && data(e.right);
    case 'cond':
      return data(e.test) && data(e.then) && data(e.else);
    case 'cast':
      return data(e.expr);
    default:
      return false;
  }
}

/** Whether a guard's condition is decided by data alone (and so is a path production takes). */
export function isDataGuard(scope: MethodScope, cond: Expr): boolean {
  return cond.k !== 'lit' && isDataValue(scope, cond);
}
