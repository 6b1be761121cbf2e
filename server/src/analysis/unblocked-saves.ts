/**
 * Saves of an entry method that do not wait on a callout for an answer they
 * do not need, although the callout and the save share the transaction.
 * Each is manifest in the entry method's text:
 *
 * - the save runs in a branch decided by the answer (`if (res.getStatusCode()
 *   == 200) update meeting;`): it records what the other system did, so it
 *   needs the answer (Request-Reply is right there);
 * - the save runs only in tests (`if (Test.isRunningTest()) update acc;`, or
 *   the DML of a local list filled only there): in production the
 *   transaction does not save it;
 * - the callout is in the `catch` of a `try` that holds the save: it reports
 *   the save's own failure, and a save that succeeds never waits on it.
 */
import type { Expr, MethodDecl, Span, Stmt } from '../model/ir';
import { childStmts } from './traverse';
import { parentsOf } from './usage';
import type { Workspace } from './workspace';

function inside(span: Span, outer: Span): boolean {
  return outer.start <= span.start && span.end <= outer.end;
}

/** The branches of an `if` or a `switch`. */
function branchesOf(s: Stmt): Stmt[] {
  if (s.k === 'if') return s.else ? [s.then, s.else] : [s.then];
  return s.k === 'switch' ? s.whens : [];
}

/** Whether `span` runs only on what the answer said: inside a branch of a statement the answer decides. */
export function decidedByAnswer(deciding: readonly Stmt[], span: Span): boolean {
  return deciding.some((s) => branchesOf(s).some((b) => inside(span, b.span)));
}

/** `Test.isRunningTest()`, when no class of the project is named `Test`. */
function isRunningTest(e: Expr, workspace: Workspace): boolean {
  return e.k === 'call' && e.name === 'isrunningtest' && e.target?.k === 'name' && e.target.name === 'test' && !workspace.findType('test');
}

/** Whether a condition is true only in tests: `Test.isRunningTest()`, alone or as a conjunct of `&&`. */
function onlyInTests(cond: Expr, workspace: Workspace): boolean {
  if (isRunningTest(cond, workspace)) return true;
  return cond.k === 'binary' && cond.op === '&&' && (onlyInTests(cond.left, workspace) || onlyInTests(cond.right, workspace));
}

/** The statements of a body that run only in tests: the then-branch of `if (Test.isRunningTest())`, the else-branch of `if (!Test.isRunningTest())`. */
export function testOnlySpans(body: Stmt, workspace: Workspace): Span[] {
  const out: Span[] = [];
  const stack: Stmt[] = [body];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.k === 'if') {
      if (onlyInTests(s.cond, workspace)) out.push(s.then.span);
      else if (s.else && s.cond.k === 'unary' && s.cond.op === '!' && isRunningTest(s.cond.operand, workspace)) out.push(s.else.span);
    }
    stack.push(...childStmts(s));
  }
  return out;
}

const EMPTY_CHECKS = new Set(['isempty', 'size']);

/**
 * Whether a DML statement saves only in tests: it is in a test-only branch,
 * or it saves a local collection created empty whose every other read (an
 * `add`, a pass to a method) is in a test-only branch, apart from `isEmpty()`
 * and `size()` checks.
 */
export function savesOnlyInTests(method: MethodDecl, dml: Stmt, testOnly: readonly Span[]): boolean {
  if (testOnly.some((t) => inside(dml.span, t))) return true;
  if (dml.k !== 'dml' || dml.expr.k !== 'name' || !method.body) return false;
  const name = dml.expr.name;
  const p = parentsOf(method);
  let declaredEmpty = false;
  const stack: Stmt[] = [method.body];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.k === 'local') {
      const d = s.decls.find((x) => x.name === name);
      if (d) declaredEmpty = d.init?.k === 'new' && d.init.args.length === 0 && !d.init.elements;
    }
    stack.push(...childStmts(s));
  }
  if (!declaredEmpty) return false;
  const reads: Expr[] = [];
  for (const node of p.parent.keys()) if (node.k === 'name' && node.name === name) reads.push(node);
  for (const node of p.stmtOf.keys()) if (node.k === 'name' && node.name === name && node !== dml.expr) reads.push(node);
  return reads.every((read) => {
    if (testOnly.some((t) => inside(read.span, t))) return true;
    const parent = p.parent.get(read);
    return parent?.k === 'call' && parent.target === read && EMPTY_CHECKS.has(parent.name);
  });
}

/** The body of the `try` whose `catch` holds `span`, innermost first: what had to fail for `span` to run. */
export function triedBefore(body: Stmt, span: Span): Span[] {
  const out: Span[] = [];
  const stack: Stmt[] = [body];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.k === 'try' && s.catches.some((c) => inside(span, c.body.span))) out.push(s.body.span);
    for (const c of childStmts(s)) if (inside(span, c.span)) stack.push(c);
  }
  return out;
}
