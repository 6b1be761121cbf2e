/**
 * The text of the two suppression quick fixes every finding gets: a
 * `// apex-pattern-lint-disable-next-line <id>` line above the finding, and
 * `@SuppressWarnings('apex-pattern-lint:<id>')` on the enclosing method. Pure:
 * the adapter turns the edits into its own types. Edits keep the line's
 * indentation and the file's line ending, and merge into an existing comment
 * or annotation rather than adding a second one. Built with the fixer of
 * every other fix (fixer.ts), on offsets, then turned into line ranges.
 */
import type { Finding, RuleId, TextEdit } from '../base/contracts';
import type { FileModel, MethodDecl } from '../model/ir';
import type { SourceText } from '../base/source';
import { NEXT_LINE_DIRECTIVE, parseDirective, suppresses } from '../model/directive';
import { fixer, textEditsOf } from './fixer';
import { lineEnding } from './text-edits';

export interface SuppressibleFile {
  source: SourceText;
  model: FileModel;
}

/** Text of a 1-based line without its line break. */
function lineText(source: SourceText, line: number): string {
  const start = source.lineStarts[line - 1];
  const end = line < source.lineStarts.length ? source.lineStarts[line] : source.text.length;
  return source.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

function indentOf(text: string): string {
  return /^[ \t]*/.exec(text)![0];
}

/** Offset of a finding's start (1-based line, UTF-16 character). */
function offsetOf(source: SourceText, finding: Pick<Finding, 'range'>): number {
  const start = source.lineStarts[finding.range.start.line - 1] ?? source.text.length;
  return Math.min(start + finding.range.start.character, source.text.length);
}

/**
 * "Disable <id> for this line": a directive line above the finding's line, or
 * the id appended to a directive already there.
 */
export function disableForLineEdits(file: SuppressibleFile, finding: Pick<Finding, 'ruleId' | 'range'>): TextEdit[] {
  const { source } = file;
  const line = Math.max(1, Math.min(finding.range.start.line, source.lineStarts.length));
  if (line > 1) {
    const above = lineText(source, line - 1);
    // A line comment that is nothing but the directive and its ids: add the id to it.
    const comment = /^[ \t]*\/\/([ \t]*)(.*)$/.exec(above);
    const directive = comment && parseDirective(comment[2]);
    if (directive && directive.index === 0 && directive.scope === 'next-line' && directive.plain) {
      // A bare directive already disables every rule on the line.
      if (suppresses(directive, finding.ruleId)) return [];
      return textEditsOf(source, [fixer.insertTextAt(source.lineStarts[line - 2] + above.length, `, ${finding.ruleId}`)]);
    }
  }
  const text = lineText(source, line);
  return textEditsOf(source, [
    fixer.insertTextAt(source.lineStarts[line - 1], `${indentOf(text)}// ${NEXT_LINE_DIRECTIVE} ${finding.ruleId}${lineEnding(source, line)}`),
  ]);
}

/** The innermost method or constructor whose declaration contains `offset`. */
export function enclosingMethod(model: FileModel, offset: number): MethodDecl | undefined {
  let best: MethodDecl | undefined;
  for (const type of model.types) {
    for (const m of type.methods) {
      if (m.kind !== 'method' && m.kind !== 'constructor') continue;
      if (offset < m.span.start || offset >= m.span.end) continue;
      if (!best || m.span.end - m.span.start < best.span.end - best.span.start) best = m;
    }
  }
  return best;
}

function tokenFor(ruleId: RuleId): string {
  return `apex-pattern-lint:${ruleId}`;
}

/**
 * "Disable <id> for this method": `@SuppressWarnings('apex-pattern-lint:<id>')`
 * on its own line above the method, or the id merged into the string of an
 * existing `@SuppressWarnings`. Empty when the finding is not inside a method
 * or constructor (a trigger body, a field) or the method already suppresses it.
 */
export function disableForMethodEdits(file: SuppressibleFile, finding: Pick<Finding, 'ruleId' | 'range'>): TextEdit[] {
  const { source, model } = file;
  const method = enclosingMethod(model, offsetOf(source, finding));
  if (!method) return [];
  const token = tokenFor(finding.ruleId);
  const existing = method.annotations.find((a) => a.name === 'suppresswarnings');
  if (existing) {
    const value = existing.params.find((p) => p.name === 'value')?.value;
    if (value?.k !== 'lit' || typeof value.value !== 'string') return [];
    const parts = value.value.split(',').map((s) => s.trim().toLowerCase());
    if (parts.includes(token) || parts.includes('apex-pattern-lint')) return [];
    // Insert before the closing quote of the string literal.
    const newText = value.value.trim() === '' ? token : `, ${token}`;
    return textEditsOf(source, [fixer.insertTextAt(value.span.end - 1, newText)]);
  }
  const first = Math.min(method.span.start, ...method.annotations.map((a) => a.span.start));
  const line = source.positionAt(first).line;
  const indent = indentOf(lineText(source, line));
  return textEditsOf(source, [fixer.insertTextAt(source.lineStarts[line - 1], `${indent}@SuppressWarnings('${token}')${lineEnding(source, line)}`)]);
}
