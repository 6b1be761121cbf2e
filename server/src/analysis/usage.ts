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

/**
 * `String.valueOf(x)`, `JSON.serialize(x)`: the value turned into text. Text
 * of a response checks nothing by itself; what counts is where the text goes
 * (a `System.debug` prints it, a comparison or a method examines it).
 */
function isStringified(call: Extract<Expr, { k: 'call' }>): boolean {
  const target = call.target?.k === 'name' ? call.target.name : undefined;
  if (target === 'string' || target === 'system.string') return call.name === 'valueof';
  return target === 'json' && (call.name === 'serialize' || call.name === 'serializepretty');
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
  if (parent.k === 'call' && parent.target === e) {
    if (checks.has(parent.name)) return 'checked';
    // `res.toString()`: the text goes where the call's value goes.
    return parent.name === 'tostring' && parent.args.length === 0 ? useOf(parent, p, checks) : 'unchecked';
  }
  if (parent.k === 'call') {
    if (isDebug(parent)) return 'unchecked';
    return isStringified(parent) ? useOf(parent, p, checks) : 'checked';
  }
  // `'Response: ' + res`: concatenated text goes where the concatenation goes.
  if (parent.k === 'binary' && parent.op === '+') return useOf(parent, p, checks);
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
  // Stored in a local: examined if any read of that local is (the text of it stored in another local: followed too).
  const locals = [use.local];
  const seen = new Set(locals);
  while (locals.length) {
    const local = locals.pop()!;
    for (const node of [...p.parent.keys(), ...p.stmtOf.keys()]) {
      if (node.k !== 'name' || node.name !== local) continue;
      const read = readUse(node, p, checks);
      if (read === 'checked') return true;
      if (read && read !== 'unchecked' && !seen.has(read.local)) {
        seen.add(read.local);
        locals.push(read.local);
      }
    }
  }
  return false;
}

function readUse(read: Expr, p: Parents, checks: Set<string>): ReturnType<typeof useOf> | undefined {
  const parent = p.parent.get(read);
  if (parent?.k === 'assign' && parent.target === read) return undefined;
  return useOf(read, p, checks);
}
