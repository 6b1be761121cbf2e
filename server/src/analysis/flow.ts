/**
 * Forward data-flow over the structured model of one method body, for any
 * fact lattice (`FlowDomain`): branches are analysed separately and joined,
 * loops are walked twice so that what one iteration does reaches the next,
 * `return`/`throw`/`break`/`continue` end a path, and a catch block starts
 * from the join of every point of its try block.
 */
import type { Expr, Stmt, VarDecl } from '../model/ir';
import { subExpr } from './traverse';

export type LoopStmt = Extract<Stmt, { k: 'loop' }>;

/** Loops nested deeper than this are walked once instead of twice (see `loop`). */
export const MAX_TWICE_DEPTH = 8;
export type DmlStmt = Extract<Stmt, { k: 'dml' }>;

export interface FlowPoint {
  /** Enclosing loops, outermost first. */
  loops: readonly LoopStmt[];
  /** The statement being evaluated. */
  stmt: Stmt;
}

export interface FlowDomain<S> {
  join(a: S, b: S): S;
  /** Transfer of one evaluated expression, called after its operands (post-order). */
  expr(e: Expr, s: S, at: FlowPoint): S;
  declare?(d: VarDecl, type: string, s: S, at: FlowPoint): S;
  dml?(stmt: DmlStmt, s: S, at: FlowPoint): S;
  /** Sees the state where a path leaves the method (`return` or falling off the end). */
  exit?(stmt: Stmt | undefined, s: S): void;
}

export class FlowWalker<S> {
  private readonly loops: LoopStmt[] = [];
  private readonly breaks: S[][] = [];
  private readonly continues: S[][] = [];
  private readonly tries: S[][] = [];

  constructor(private readonly d: FlowDomain<S>) {}

  run(body: Stmt, initial: S): S | undefined {
    const out = this.stmt(body, initial);
    if (out !== undefined) this.d.exit?.(undefined, out);
    return out;
  }

  private joinAll(states: (S | undefined)[]): S | undefined {
    let acc: S | undefined;
    for (const s of states) {
      if (s === undefined) continue;
      acc = acc === undefined ? s : this.d.join(acc, s);
    }
    return acc;
  }

  private record(s: S): void {
    for (const t of this.tries) t.push(s);
  }

  private point(stmt: Stmt): FlowPoint {
    return { loops: this.loops, stmt };
  }

  expr(e: Expr, s: S, at: FlowPoint): S {
    let st = s;
    for (let i = 0, sub = subExpr(e, 0); sub; sub = subExpr(e, ++i)) st = this.expr(sub, st, at);
    return this.d.expr(e, st, at);
  }

  stmt(s: Stmt, state: S): S | undefined {
    const out = this.stmtInner(s, state);
    if (out !== undefined) this.record(out);
    return out;
  }

  private stmtInner(s: Stmt, state: S): S | undefined {
    const at = this.point(s);
    switch (s.k) {
      case 'block': {
        let st: S | undefined = state;
        for (const child of s.body) {
          if (st === undefined) break;
          st = this.stmt(child, st);
        }
        return st;
      }
      case 'local': {
        let st = state;
        for (const d of s.decls) {
          if (d.init) st = this.expr(d.init, st, at);
          if (this.d.declare) st = this.d.declare(d, s.type, st, at);
        }
        return st;
      }
      case 'expr':
        return this.expr(s.expr, state, at);
      case 'if': {
        const st = this.expr(s.cond, state, at);
        return this.joinAll([this.stmt(s.then, st), s.else ? this.stmt(s.else, st) : st]);
      }
      case 'loop':
        return this.loop(s, state);
      case 'try': {
        this.tries.push([state]);
        const body = this.stmt(s.body, state);
        const seen = this.tries.pop()!;
        const catchEntry = this.joinAll(seen)!;
        const outs = [body, ...s.catches.map((c) => this.stmt(c.body, catchEntry))];
        const out = this.joinAll(outs);
        if (!s.finally) return out;
        if (out === undefined) {
          this.stmt(s.finally, catchEntry);
          return undefined;
        }
        return this.stmt(s.finally, out);
      }
      case 'return': {
        const st = s.expr ? this.expr(s.expr, state, at) : state;
        this.record(st);
        this.d.exit?.(s, st);
        return undefined;
      }
      case 'throw':
        this.record(this.expr(s.expr, state, at));
        return undefined;
      case 'break':
        this.breaks[this.breaks.length - 1]?.push(state);
        return undefined;
      case 'continue':
        this.continues[this.continues.length - 1]?.push(state);
        return undefined;
      case 'dml': {
        const st = this.expr(s.expr, state, at);
        return this.d.dml ? this.d.dml(s, st, at) : st;
      }
      case 'switch': {
        const st = this.expr(s.expr, state, at);
        return this.joinAll([st, ...s.whens.map((w) => this.stmt(w, st))]);
      }
      case 'runAs': {
        let st = state;
        for (const a of s.args) st = this.expr(a, st, at);
        return this.stmt(s.body, st);
      }
      case 'opaque':
        return state;
    }
  }

  private loop(s: LoopStmt, state: S): S | undefined {
    const at = this.point(s);
    let entry: S | undefined = state;
    for (const init of s.init) {
      if (entry === undefined) return undefined;
      entry = this.stmt(init, entry);
    }
    if (entry === undefined) return undefined;
    if (s.iterable) entry = this.expr(s.iterable, entry, at);
    this.loops.push(s);
    let exits: (S | undefined)[] = [];
    // Each loop walks its body twice, so nested loops cost 2^depth walks: past
    // MAX_TWICE_DEPTH enclosing loops (never in real code; fuzzing found it) a loop is walked once.
    const passes = this.loops.length > MAX_TWICE_DEPTH ? 1 : 2;
    try {
      for (let pass = 0; pass < passes; pass++) {
        this.breaks.push([]);
        this.continues.push([]);
        let head: S = entry!;
        if (s.kind !== 'do' && s.cond) head = this.expr(s.cond, head, at);
        const bodyOut = this.stmt(s.body, head);
        const breaks = this.breaks.pop()!;
        let next = this.joinAll([bodyOut, ...this.continues.pop()!]);
        if (next !== undefined) for (const u of s.update) next = this.expr(u, next, at);
        if (s.kind === 'do') {
          if (next !== undefined && s.cond) next = this.expr(s.cond, next, at);
          exits = [next, ...breaks];
        } else {
          exits = [head, ...breaks];
        }
        if (next !== undefined) entry = this.d.join(entry!, next);
      }
    } finally {
      this.loops.pop();
    }
    return this.joinAll(exits);
  }
}
