/**
 * Statements that leave their method for a new class: which of the method's
 * variables they need (carried as the job's fields, with their types as
 * written), whether they use the class's own members (then they cannot
 * leave), and their text, re-indented and with inner types qualified.
 */
import type { CallIndex } from '../analysis/callindex';
import type { MethodScope } from '../analysis/scope';
import { forEachExprDeep, forEachStmt } from '../analysis/traverse';
import type { Span, Stmt } from '../model/ir';
import type { SpanEdit } from './fixer';
import { removeLines } from './text-edits';
import { qualifyInnerTypes, qualifyTypeText } from './qualify';
import { reindent } from './queueable';

/** A statement's span with its `;` (a local declaration's span stops before it). */
export function fullSpan(text: string, s: Stmt): Span {
  if (s.k !== 'local') return s.span;
  const m = /^\s*;/.exec(text.slice(s.span.end, s.span.end + 200));
  return m ? { start: s.span.start, end: s.span.end + m[0].length } : s.span;
}

/** An edit that removes the whole lines of `s` (a declaration the move leaves unused). */
export function removeStatement(text: string, s: Stmt): SpanEdit {
  return removeLines(text, { start: s.span.start, end: fullSpan(text, s).end });
}

/** Names declared inside `stmts` (locals, loop variables, catch variables). */
function declaredIn(stmts: Stmt[]): Set<string> {
  const out = new Set<string>();
  for (const root of stmts) {
    forEachStmt(root, (s) => {
      if (s.k === 'local') for (const d of s.decls) out.add(d.name);
      else if (s.k === 'loop' && s.variable) out.add(s.variable.name);
      else if (s.k === 'try') for (const c of s.catches) out.add(c.name);
    });
  }
  return out;
}

/** The method's variables that `stmts` read but do not declare, in order of first use. */
export function freeVariables(scope: MethodScope, stmts: Stmt[]): string[] {
  const inside = declaredIn(stmts);
  const out: string[] = [];
  for (const root of stmts) {
    forEachExprDeep(root, (e) => {
      if (e.k === 'name' && scope.locals.has(e.name) && !inside.has(e.name) && !out.includes(e.name)) out.push(e.name);
    });
  }
  return out;
}

/** The type of a parameter or local as written (`List<Order>`), qualified so that it resolves from another class. */
export function declaredTypeText(index: CallIndex, scope: MethodScope, name: string): { text: string; spelling: string } | undefined {
  const text = scope.file.source.text;
  const param = scope.method.params.find((p) => p.name === name);
  const qualify = (t: string) => qualifyTypeText(t, scope.type, index.workspace);
  if (param) return { text: qualify(param.typeSource), spelling: param.text };
  let found: { text: string; spelling: string } | undefined;
  if (scope.method.body) {
    forEachStmt(scope.method.body, (s) => {
      if (found || s.k !== 'local') return;
      const d = s.decls.find((x) => x.name === name);
      if (!d) return;
      const written = text
        .slice(s.span.start, s.decls[0].span.start)
        .replace(/\bfinal\s+/i, '')
        .trim();
      found = { text: qualify(written), spelling: d.text };
    });
  }
  return found;
}

/** `this`, `super`, or a field or method of the class (or its outer or super classes) used without a class name. */
export function ownMemberUse(index: CallIndex, scope: MethodScope, stmts: Stmt[]): string | undefined {
  const types = [scope.type];
  for (let t = index.workspace.outerOf(scope.type); t; t = index.workspace.outerOf(t)) types.push(t);
  const members = new Set<string>();
  for (const t of types) {
    for (const { type } of index.resolver.superChain(t)) {
      for (const f of type.fields) members.add(f.name);
      for (const m of type.methods) if (m.kind === 'method') members.add(m.name);
    }
  }
  let found: string | undefined;
  for (const root of stmts) {
    forEachExprDeep(root, (e) => {
      if (found) return;
      if (e.k === 'this' || e.k === 'super') found = e.k;
      else if (e.k === 'name' && !scope.locals.has(e.name) && members.has(e.name)) found = e.text;
      else if (e.k === 'call' && !e.target && members.has(e.name)) found = `${e.text}()`;
    });
  }
  return found;
}

/** The source text of `stmts`, re-indented to `indent`, inner types of the source class qualified. */
export function movedText(index: CallIndex, scope: MethodScope, stmts: Stmt[], indent: string): string {
  const text = scope.file.source.text;
  const first = stmts[0].span.start;
  const last = fullSpan(text, stmts[stmts.length - 1]).end;
  let lineStart = first;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const from = /^[ \t]*$/.test(text.slice(lineStart, first)) ? lineStart : first;
  const code = qualifyInnerTypes(text.slice(from, last), scope.type, index.workspace, new Set(scope.locals.keys()));
  const lines = code.split(/\r\n|\r|\n/);
  while (lines.length && lines[0].trim() === '') lines.shift();
  return reindent(lines, indent);
}
