/**
 * "Does this method do X on every path?" — the must-analysis behind the
 * cross-method findings (docs/principles.md, "report what is manifest"). A may-
 * analysis across three or four calls turns every guard the caller cannot
 * see (a settings flag, an empty list, a `switch on` a configured value, an
 * early return) into a false alarm; a fact is *manifest* only when the body
 * reaches it on every path that completes normally. Paths that end in a
 * `throw`, and catch blocks, are exception paths and do not count against
 * it. A guard counts only when the code decides it: a constant, a literal
 * argument, a local assigned once (`decide`); otherwise both branches must
 * reach the fact — unless data decides it (`feasible`, guards.ts: a field of
 * the records processed, a value derived from the inputs, a collection they
 * fill), when either branch is a path production takes. A loop body may run zero times, unless its condition is
 * decided true. A `switch` without `when else` may match nothing.
 */
import type { CatchClause, Expr, Stmt } from '../model/ir';
import { subExpr } from './traverse';

export interface MustHooks<W> {
  /** The expression (evaluated after its operands) reaches the fact; the witness to report. */
  hit(e: Expr): W | undefined;
  /** A statement that is the fact itself (a DML statement for pending work). */
  stmtHit?(s: Stmt): W | undefined;
  /** The expression undoes the fact (`Test.startTest()` starts a fresh context). */
  kill?(e: Expr): boolean;
  /** The value of a condition when the code decides it. */
  decide(cond: Expr): boolean | undefined;
  /** A for-each collection the code shows is never empty. */
  nonEmpty?(iterable: Expr): boolean;
  /** The value of an expression when the code shows it (a `switch on` subject). */
  valueOf?(e: Expr): KnownValue | undefined;
  /**
   * A condition (or a loop's collection) the code does not decide but data
   * does (guards.ts): both ways are paths production takes, so the fact
   * reached on either is reached. Absent: every undecided guard is latent.
   */
  feasible?(cond: Expr): boolean;
  /**
   * A catch block that handles a failure production has (a callout in its
   * try fails: a timeout, a refused connection): its path counts, as a
   * data-decided branch does. Absent: catch blocks are exception paths that
   * never count.
   */
  handlesFailure?(body: Stmt, clause: CatchClause): boolean;
}

/** A known value as the model's `when` keys spell it. */
function switchKey(v: KnownValue | undefined): string | undefined {
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v !== 'string' || v === NON_EMPTY) return undefined;
  return v.startsWith('enum:') ? `e:${v.slice(5)}` : `s:${v}`;
}

/** Path state: the witness once reached, `null` while alive and not reached; `undefined` is no path. */
type State<W> = W | null | undefined;

function join<W>(a: State<W>, b: State<W>): State<W> {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === null || b === null) return null;
  return a;
}

/** Either path is one production takes: the fact reached on one of them is reached. */
function some<W>(a: State<W>, b: State<W>): State<W> {
  if (a !== null && a !== undefined) return a;
  if (b !== null && b !== undefined) return b;
  return join(a, b);
}

interface LoopFrame<W> {
  breaks: State<W>[];
  continues: State<W>[];
}

class MustWalker<W> {
  /** Some `return` leaves without having reached the fact. */
  private leak = false;
  private readonly returned: State<W>[] = [];
  private readonly loops: LoopFrame<W>[] = [];
  /** Enclosing undecided guards: decided by data (feasible) or by configuration and state. */
  private dataGuards = 0;
  private stateGuards = 0;

  constructor(private readonly h: MustHooks<W>) {}

  /** Walks `run` under an undecided guard of the given kind. */
  private under<T>(data: boolean, run: () => T): T {
    if (data) this.dataGuards++;
    else this.stateGuards++;
    try {
      return run();
    } finally {
      if (data) this.dataGuards--;
      else this.stateGuards--;
    }
  }

  run(body: Stmt): W | undefined {
    let out = this.stmt(body, null);
    if (this.leak) return undefined;
    for (const r of this.returned) out = join(out, r);
    return out ?? undefined;
  }

  private stmt(s: Stmt, st: State<W>): State<W> {
    if (st === undefined) return undefined;
    switch (s.k) {
      case 'block': {
        let cur: State<W> = st;
        for (const child of s.body) {
          cur = this.stmt(child, cur);
          if (cur === undefined) break;
        }
        return cur;
      }
      case 'local': {
        let cur: State<W> = st;
        for (const d of s.decls) if (d.init) cur = this.expr(d.init, cur);
        return cur;
      }
      case 'expr':
        return this.expr(s.expr, st);
      case 'dml': {
        const cur = this.expr(s.expr, st);
        if (cur !== null) return cur;
        return this.h.stmtHit?.(s) ?? null;
      }
      case 'if': {
        const cur = this.expr(s.cond, st);
        const d = this.h.decide(s.cond);
        if (d === true) return this.stmt(s.then, cur);
        if (d === false) return s.else ? this.stmt(s.else, cur) : cur;
        const data = this.h.feasible?.(s.cond) ?? false;
        const [a, b] = this.under(data, () => [this.stmt(s.then, cur), s.else ? this.stmt(s.else, cur) : cur]);
        return data ? some(a, b) : join(a, b);
      }
      case 'loop':
        return this.loop(s, st);
      case 'try': {
        // Catch blocks run only after an exception: not a path that counts, unless the exception is a failure production has.
        let out = this.stmt(s.body, st);
        for (const c of s.catches)
          if (this.h.handlesFailure?.(s.body, c))
            out = some(
              out,
              this.under(true, () => this.stmt(c.body, st)),
            );
        return s.finally && out !== undefined ? this.stmt(s.finally, out) : out;
      }
      case 'return': {
        const cur = s.expr ? this.expr(s.expr, st) : st;
        // A return that data decides is one path among others; one that configuration decides hides the fact.
        if (cur === null) {
          if (this.stateGuards > 0 || this.dataGuards === 0) this.leak = true;
        } else this.returned.push(cur);
        return undefined;
      }
      case 'throw':
        return undefined;
      case 'break':
        this.loops[this.loops.length - 1]?.breaks.push(st);
        return undefined;
      case 'continue':
        this.loops[this.loops.length - 1]?.continues.push(st);
        return undefined;
      case 'switch': {
        const cur = this.expr(s.expr, st);
        const key = switchKey(this.h.valueOf?.(s.expr));
        if (key !== undefined) {
          // The value is known: only its `when` runs (or `when else`, or none).
          const i = s.whenValues.findIndex((keys) => keys?.includes(key));
          const chosen = i >= 0 ? i : s.hasElse ? s.whenValues.findIndex((keys) => keys === undefined) : -1;
          return chosen >= 0 ? this.stmt(s.whens[chosen], cur) : cur;
        }
        let out: State<W> = s.hasElse ? undefined : cur;
        for (const w of s.whens) out = join(out, this.stmt(w, cur));
        return out;
      }
      case 'runAs': {
        let cur: State<W> = st;
        for (const a of s.args) cur = this.expr(a, cur);
        return this.stmt(s.body, cur);
      }
      case 'opaque':
        return st;
    }
  }

  private loop(s: Extract<Stmt, { k: 'loop' }>, st: State<W>): State<W> {
    let cur: State<W> = st;
    for (const i of s.init) cur = this.stmt(i, cur);
    if (s.iterable) cur = this.expr(s.iterable, cur);
    const frame: LoopFrame<W> = { breaks: [], continues: [] };
    if (s.kind === 'do') {
      this.loops.push(frame);
      let body = this.stmt(s.body, cur);
      this.loops.pop();
      for (const c of frame.continues) body = join(body, c);
      if (s.cond && body !== undefined) body = this.expr(s.cond, body);
      const runsAgain = s.cond ? this.h.decide(s.cond) === true : false;
      let out: State<W> = runsAgain ? undefined : body;
      for (const b of frame.breaks) out = join(out, b);
      return out;
    }
    if (s.cond) cur = this.expr(s.cond, cur);
    if (s.iterable && this.h.nonEmpty?.(s.iterable)) {
      // At least one iteration: what the body does on every path is done.
      this.loops.push(frame);
      let once = this.stmt(s.body, cur);
      this.loops.pop();
      for (const c of frame.continues) once = join(once, c);
      for (const b of frame.breaks) once = join(once, b);
      return once;
    }
    if ((s.iterable && this.h.feasible?.(s.iterable)) || (s.kind === 'for' && s.cond && this.h.decide(s.cond) === undefined && this.h.feasible?.(s.cond))) {
      // A collection of data (`for (Case c : cases)`): production fills it, so the body runs.
      this.loops.push(frame);
      let once = this.under(true, () => this.stmt(s.body, cur));
      this.loops.pop();
      for (const c of frame.continues) once = some(once, c);
      for (const b of frame.breaks) once = some(once, b);
      return some(once, cur);
    }
    const alwaysEnters = s.cond ? this.h.decide(s.cond) === true : s.kind === 'for' && !s.iterable;
    this.loops.push(frame);
    this.stmt(s.body, cur);
    this.loops.pop();
    // The body may run zero times, unless the condition is decided true (then only a break leaves).
    let out: State<W> = alwaysEnters ? undefined : cur;
    for (const b of frame.breaks) out = join(out, b);
    return out;
  }

  private expr(e: Expr, st: State<W>): State<W> {
    if (st === undefined) return undefined;
    let cur: State<W> = st;
    if (e.k === 'cond') {
      cur = this.expr(e.test, cur);
      const d = this.h.decide(e.test);
      if (d === true) cur = this.expr(e.then, cur);
      else if (d === false) cur = this.expr(e.else, cur);
      else cur = join(this.expr(e.then, cur), this.expr(e.else, cur));
    } else if (e.k === 'binary' && (e.op === '&&' || e.op === '||')) {
      cur = this.expr(e.left, cur);
      const d = this.h.decide(e.left);
      const runsRight = e.op === '&&' ? d === true : d === false;
      const skipsRight = e.op === '&&' ? d === false : d === true;
      if (runsRight) cur = this.expr(e.right, cur);
      else if (!skipsRight) cur = join(cur, this.expr(e.right, cur));
    } else {
      for (let i = 0, sub = subExpr(e, 0); sub; sub = subExpr(e, ++i)) cur = this.expr(sub, cur);
    }
    if (cur === undefined) return undefined;
    if (this.h.kill?.(e)) return null;
    if (cur === null) return this.h.hit(e) ?? null;
    return cur;
  }
}

/** The witness of a fact the body reaches on every normal path, or undefined when it is latent or absent. */
export function mustReach<W>(body: Stmt, hooks: MustHooks<W>): W | undefined {
  return new MustWalker(hooks).run(body);
}

/** A known value of a parameter at one call site: what a literal argument (or a constant) says. */
export type KnownValue = string | number | boolean | null;

/** The value of a collection the code shows is never empty: `Trigger.new`, `Trigger.old` and their maps. */
export const NON_EMPTY = '\u0000non-empty collection';

/**
 * Decide a condition from what the code shows: boolean literals, parameters
 * bound to literal arguments (`values`), `!`, `&&`, `||`, and `==`/`!=`
 * between folded values. `valueOf` folds a name or a constant.
 */
export function decideCondition(cond: Expr, valueOf: (e: Expr) => KnownValue | undefined): boolean | undefined {
  switch (cond.k) {
    case 'lit':
      return cond.type === 'bool' ? cond.value === true : undefined;
    case 'unary': {
      if (cond.op !== '!') return undefined;
      const v = decideCondition(cond.operand, valueOf);
      return v === undefined ? undefined : !v;
    }
    case 'binary': {
      if (cond.op === '&&' || cond.op === '||') {
        const l = decideCondition(cond.left, valueOf);
        const r = decideCondition(cond.right, valueOf);
        if (cond.op === '&&') return l === false || r === false ? false : l === true && r === true ? true : undefined;
        return l === true || r === true ? true : l === false && r === false ? false : undefined;
      }
      const l = valueOf(cond.left);
      const r = valueOf(cond.right);
      if (l === undefined || r === undefined || l === NON_EMPTY || r === NON_EMPTY) return undefined;
      if (typeof l === 'number' && typeof r === 'number') {
        if (cond.op === '<') return l < r;
        if (cond.op === '<=') return l <= r;
        if (cond.op === '>') return l > r;
        if (cond.op === '>=') return l >= r;
      }
      if (cond.op !== '==' && cond.op !== '!=') return undefined;
      const same = typeof l === 'string' && typeof r === 'string' ? l.toLowerCase() === r.toLowerCase() : l === r;
      return cond.op === '==' ? same : !same;
    }
    case 'name':
    case 'field': {
      const v = valueOf(cond);
      return typeof v === 'boolean' ? v : undefined;
    }
    case 'call': {
      const v = valueOf(cond);
      if (typeof v === 'boolean') return v;
      // `records.isEmpty()` on a collection the code shows is never empty (Trigger.new).
      if (cond.target && cond.args.length === 0 && valueOf(cond.target) === NON_EMPTY) {
        if (cond.name === 'isempty') return false;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
