/**
 * Text positions for fixes: lines, indentation and line endings of the
 * user's file, so that an inserted line looks like its neighbours (tabs or
 * spaces, CRLF or LF).
 */
import type { Span, Stmt } from '../model/ir';
import type { AnalyzedFile } from './workspace';
import { childStmts } from './traverse';

/** A replacement of `span` (in `file`, default the reporting file) by `text`. */
export interface SpanEdit {
  span: Span;
  text: string;
  file?: AnalyzedFile;
}

export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
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
  const at = lineEnd(text, after);
  return { span: { start: at, end: at }, text: eolOf(text) + indentAt(text, like) + line };
}

/** A new line before the line of `before`, indented like it. */
export function insertLineBefore(text: string, before: number, line: string): SpanEdit {
  const at = lineStart(text, before);
  return { span: { start: at, end: at }, text: indentAt(text, before) + line + eolOf(text) };
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
