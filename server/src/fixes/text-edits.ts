/**
 * Text positions for fixes: lines, indentation and line endings of the
 * user's file, so that an inserted line looks like its neighbours (tabs or
 * spaces, CRLF or LF).
 */
import type { SourceText } from '../base/source';
import type { Span, Stmt } from '../model/ir';
import { childStmts } from '../analysis/traverse';
import { fixer, type SpanEdit } from './fixer';

export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** The line break the file uses: the one ending `line` (1-based), else the file's first, else LF. */
export function lineEnding(source: SourceText, line?: number): string {
  const text = source.text;
  if (line !== undefined && line < source.lineStarts.length) {
    const next = source.lineStarts[line];
    if (text.charCodeAt(next - 2) === 13 && text.charCodeAt(next - 1) === 10) return '\r\n';
    if (text.charCodeAt(next - 1) === 13) return '\r';
    return '\n';
  }
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset + 1))?.[0] ?? '';
}

/** A new line after the line where `after` ends, indented like the line of `like`. */
export function insertLineAfter(text: string, after: number, like: number, line: string): SpanEdit {
  return fixer.insertTextAt(lineEnd(text, after), eolOf(text) + indentAt(text, like) + line);
}

/** A new line before the line of `before`, indented like it. */
export function insertLineBefore(text: string, before: number, line: string): SpanEdit {
  return fixer.insertTextAt(lineStart(text, before), indentAt(text, before) + line + eolOf(text));
}

/** The whole lines of `span`, with the line break after it (a statement the fix takes away). */
export function removeLines(text: string, span: Span): SpanEdit {
  const end = lineEnd(text, span.end);
  return fixer.remove({ start: lineStart(text, span.start), end: end + (text.startsWith('\r\n', end) ? 2 : 1) });
}

/**
 * The statement of a block that contains `span`, with that block: the
 * innermost one, so a fix can add a statement next to it.
 */
export function statementInBlock(body: Stmt, span: Span): { block: Extract<Stmt, { k: 'block' }>; index: number } | undefined {
  let found: { block: Extract<Stmt, { k: 'block' }>; index: number } | undefined;
  let node: Stmt | undefined = body;
  // Descend through the statements that contain the span (an explicit loop: no recursion on deep input).
  while (node) {
    let next: Stmt | undefined;
    if (node.k === 'block') {
      const index = node.body.findIndex((s) => s.span.start <= span.start && span.end <= s.span.end);
      if (index < 0) break;
      found = { block: node, index };
      next = node.body[index];
    } else {
      next = childStmts(node).find((s) => s.span.start <= span.start && span.end <= s.span.end);
    }
    node = next;
  }
  return found;
}
