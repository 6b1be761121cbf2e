/**
 * Constant folding of Integer/Long and String expressions: literals,
 * arithmetic, concatenation, `static final` constants of this or another
 * class, and locals assigned once. A String whose tail is not constant keeps
 * its known prefix (`'https://' + host` is known to start with `https://`).
 */
import type { Expr, Span, TypeDecl } from '../model/ir';
import type { MethodScope } from './scope';
import type { AnalyzedFile, Workspace } from './workspace';

export type Folded = { kind: 'number'; value: number } | { kind: 'string'; prefix: string; complete: boolean } | { kind: 'unknown' };

const UNKNOWN: Folded = { kind: 'unknown' };
const MAX_DEPTH = 32;

export interface FoldContext {
  workspace: Workspace;
  type: TypeDecl;
  scope?: MethodScope;
}

export function fold(e: Expr, ctx: FoldContext, depth = 0): Folded {
  if (depth > MAX_DEPTH) return UNKNOWN;
  switch (e.k) {
    case 'lit':
      if (e.type === 'string') return { kind: 'string', prefix: String(e.value), complete: true };
      if (e.type === 'int' || e.type === 'long') return { kind: 'number', value: Number(e.value) };
      return UNKNOWN;
    case 'name': {
      const local = ctx.scope?.locals.get(e.name);
      if (local) return local.single && local.assignments === 1 ? fold(local.single, ctx, depth + 1) : UNKNOWN;
      const field = ctx.workspace.constantField(ctx.type, e.name);
      return field?.init ? fold(field.init, { workspace: ctx.workspace, type: ctx.type }, depth + 1) : UNKNOWN;
    }
    case 'field': {
      if (e.target.k === 'this') {
        const own = ctx.workspace.constantField(ctx.type, e.name);
        return own?.init ? fold(own.init, { workspace: ctx.workspace, type: ctx.type }, depth + 1) : UNKNOWN;
      }
      // Other.CONSTANT or Outer.Inner.CONSTANT
      const typeName = dottedName(e.target);
      if (!typeName) return UNKNOWN;
      const hit = ctx.workspace.findType(typeName, ctx.type);
      if (!hit) return UNKNOWN;
      const field = ctx.workspace.constantField(hit.type, e.name);
      return field?.init ? fold(field.init, { workspace: ctx.workspace, type: hit.type }, depth + 1) : UNKNOWN;
    }
    case 'cast':
      return fold(e.expr, ctx, depth + 1);
    case 'cond': {
      // Both branches known: what they share (`'https://login…' : 'https://test…'` is known to start with `https://`).
      const a = fold(e.then, ctx, depth + 1);
      const b = fold(e.else, ctx, depth + 1);
      if (a.kind === 'number' && b.kind === 'number' && a.value === b.value) return a;
      if (a.kind !== 'string' || b.kind !== 'string') return UNKNOWN;
      let n = 0;
      while (n < a.prefix.length && n < b.prefix.length && a.prefix[n] === b.prefix[n]) n++;
      const same = a.complete && b.complete && a.prefix === b.prefix;
      return { kind: 'string', prefix: a.prefix.slice(0, n), complete: same };
    }
    case 'unary': {
      if (e.op !== '-' && e.op !== '+') return UNKNOWN;
      const v = fold(e.operand, ctx, depth + 1);
      return v.kind === 'number' ? { kind: 'number', value: e.op === '-' ? -v.value : v.value } : UNKNOWN;
    }
    case 'binary':
      return foldBinary(e.op, fold(e.left, ctx, depth + 1), e.right, ctx, depth);
    default:
      return UNKNOWN;
  }
}

function foldBinary(op: string, left: Folded, rightExpr: Expr, ctx: FoldContext, depth: number): Folded {
  if (left.kind === 'string' && op === '+') {
    if (!left.complete) return left;
    const right = fold(rightExpr, ctx, depth + 1);
    if (right.kind === 'string') return { kind: 'string', prefix: left.prefix + right.prefix, complete: right.complete };
    if (right.kind === 'number') return { kind: 'string', prefix: left.prefix + String(right.value), complete: true };
    return { kind: 'string', prefix: left.prefix, complete: false };
  }
  const right = fold(rightExpr, ctx, depth + 1);
  if (left.kind === 'number' && right.kind === 'number') {
    switch (op) {
      case '+':
        return { kind: 'number', value: left.value + right.value };
      case '-':
        return { kind: 'number', value: left.value - right.value };
      case '*':
        return { kind: 'number', value: left.value * right.value };
      case '/':
        return right.value === 0 ? UNKNOWN : { kind: 'number', value: Math.trunc(left.value / right.value) };
      default:
        return UNKNOWN;
    }
  }
  if (op === '+' && left.kind === 'number' && right.kind === 'string' && right.complete) {
    return { kind: 'string', prefix: String(left.value) + right.prefix, complete: true };
  }
  return UNKNOWN;
}

/** `Foo.Bar` as a dotted lower-case name, when the expression is only names. */
export function dottedName(e: Expr): string | undefined {
  if (e.k === 'name') return e.name;
  if (e.k === 'field') {
    const head = dottedName(e.target);
    return head ? `${head}.${e.name}` : undefined;
  }
  return undefined;
}

/** Every string literal an expression is built from, through constants and single-assignment locals. */
export function stringLeaves(e: Expr, ctx: FoldContext, depth = 0): { value: string; constant: boolean }[] {
  if (depth > MAX_DEPTH) return [];
  if (e.k === 'lit') return e.type === 'string' ? [{ value: String(e.value), constant: true }] : [];
  if (e.k === 'name' || e.k === 'field') {
    const v = fold(e, ctx, depth + 1);
    return v.kind === 'string' ? [{ value: v.prefix, constant: v.complete }] : [];
  }
  const out: { value: string; constant: boolean }[] = [];
  const kids: Expr[] = e.k === 'binary' ? [e.left, e.right] : e.k === 'call' ? e.args : e.k === 'cast' ? [e.expr] : e.k === 'cond' ? [e.then, e.else] : [];
  for (const k of kids) out.push(...stringLeaves(k, ctx, depth + 1));
  return out;
}

export interface LiteralRef {
  /** The string literal, quotes included. */
  span: Span;
  file: AnalyzedFile;
}

/**
 * The string literal a String expression starts with, followed through
 * concatenation, single-assignment locals and constants (of this or another
 * class, so the literal may be in another file): what a fix edits.
 */
export function leadingLiteral(e: Expr, ctx: FoldContext & { file: AnalyzedFile }, depth = 0): LiteralRef | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (e.k) {
    case 'lit':
      return e.type === 'string' ? { span: e.span, file: ctx.file } : undefined;
    case 'binary':
      return e.op === '+' ? leadingLiteral(e.left, ctx, depth + 1) : undefined;
    case 'cast':
      return leadingLiteral(e.expr, ctx, depth + 1);
    case 'name': {
      const local = ctx.scope?.locals.get(e.name);
      if (local) return local.single && local.assignments === 1 ? leadingLiteral(local.single, ctx, depth + 1) : undefined;
      const field = ctx.workspace.constantField(ctx.type, e.name);
      return field?.init ? leadingLiteral(field.init, { workspace: ctx.workspace, type: ctx.type, file: ctx.file }, depth + 1) : undefined;
    }
    case 'field': {
      if (e.target.k === 'this') {
        const own = ctx.workspace.constantField(ctx.type, e.name);
        return own?.init ? leadingLiteral(own.init, { workspace: ctx.workspace, type: ctx.type, file: ctx.file }, depth + 1) : undefined;
      }
      const typeName = dottedName(e.target);
      const hit = typeName ? ctx.workspace.findType(typeName, ctx.type) : undefined;
      if (!hit) return undefined;
      const field = ctx.workspace.constantField(hit.type, e.name);
      return field?.init ? leadingLiteral(field.init, { workspace: ctx.workspace, type: hit.type, file: hit.file }, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}
