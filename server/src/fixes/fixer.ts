/**
 * The one vocabulary of fixes: rules, moves and suppressions build their
 * edits with `fixer` (typescript-eslint's `RuleFixer` shape:
 * `fixer.replaceText(span, text)`, `fixer.insertTextAfter(span, text)`,
 * `fixer.remove(span)`) and return a `FixText`. Spans are UTF-16 offsets of
 * the reporting file, or of another file through `fixer.in(file)`; the core
 * turns them into line and column ranges (`textEditsOf`).
 */
import type { AnalyzedFile } from '../analysis/workspace';
import type { NewFile, TextEdit } from '../base/contracts';
import type { SourceText } from '../base/source';
import type { Span } from '../model/ir';

/** A replacement of `span` (in `file`, default the reporting file) by `text`. */
export interface SpanEdit {
  span: Span;
  text: string;
  file?: AnalyzedFile;
}

/** A fix as rules, moves and suppressions compute it: what the editor offers, and the edits it makes. */
export interface FixText {
  title: string;
  /** Safe fixes are applied by "fix all" (`source.fixAll.apexPatternLint`); the others only on request. */
  safe: boolean;
  edits: SpanEdit[];
  creates?: NewFile[];
}

export interface Fixer {
  /** `span` replaced by `text`. */
  replaceText(span: Span, text: string): SpanEdit;
  /** `text` inserted where `span` starts. */
  insertTextBefore(span: Span, text: string): SpanEdit;
  /** `text` inserted where `span` ends. */
  insertTextAfter(span: Span, text: string): SpanEdit;
  /** `text` inserted at `offset`. */
  insertTextAt(offset: number, text: string): SpanEdit;
  /** `span` removed. */
  remove(span: Span): SpanEdit;
  /** The same edits, made in `file` rather than the reporting file. */
  in(file: AnalyzedFile): Fixer;
}

function fixerIn(file: AnalyzedFile | undefined): Fixer {
  const edit = (span: Span, text: string): SpanEdit => (file ? { span, text, file } : { span, text });
  return {
    replaceText: (span, text) => edit(span, text),
    insertTextBefore: (span, text) => edit({ start: span.start, end: span.start }, text),
    insertTextAfter: (span, text) => edit({ start: span.end, end: span.end }, text),
    insertTextAt: (offset, text) => edit({ start: offset, end: offset }, text),
    remove: (span) => edit(span, ''),
    in: (other) => fixerIn(other),
  };
}

export const fixer: Fixer = fixerIn(undefined);

/** Edits of one file as line and column ranges (1-based lines, UTF-16 characters), in order. */
export function textEditsOf(source: SourceText, edits: readonly SpanEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: source.rangeOf(e.span.start, e.span.end), newText: e.text }));
}
