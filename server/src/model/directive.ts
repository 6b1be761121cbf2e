/**
 * The suppression directive, read in one place for Apex and Lightning
 * component scripts alike (and by the "disable for this line" quick fix):
 *
 *     // apex-pattern-lint-disable-next-line callout-in-loop, callout-after-dml
 *     doWork(); // apex-pattern-lint-disable-line callout-in-loop
 *
 * `disable-next-line` covers the line after the comment (after its last line,
 * for a block comment); `disable-line` the line the comment starts on. Rule
 * ids follow, separated by spaces or commas, matched without regard to case;
 * none means every rule. Words after the ids that are not ids (`-- why`) are
 * read as ids no rule has, and so change nothing. Either comment form works,
 * `//` or `/* … *\/`.
 */

/** The words every directive starts with. */
export const DIRECTIVE_PREFIX = 'apex-pattern-lint-disable';
/** The directive the "disable for this line" quick fix writes. */
export const NEXT_LINE_DIRECTIVE = `${DIRECTIVE_PREFIX}-next-line`;

const DIRECTIVE = /apex-pattern-lint-disable-(next-line|line)\b([^\n*]*)/i;
/** What may follow the directive for the quick fix to add an id to it: a plain list of ids. */
const PLAIN_IDS = /^(?:[ \t]+[a-z][a-z-]*(?:[ \t]*,[ \t]*[a-z][a-z-]*)*)?[ \t]*$/i;

export interface SuppressionDirective {
  /** Which line it covers: the comment's own, or the one after the comment. */
  scope: 'line' | 'next-line';
  /** Lower-cased rule ids; empty means every rule. */
  rules: string[];
  /** UTF-16 offset of the directive in the comment text. */
  index: number;
  /** The directive is followed by nothing but a list of ids to the end of the text (the quick fix can add one). */
  plain: boolean;
}

/** Whether `text` may hold a directive at all (one search spares reading every comment). */
export function mayHoldDirective(text: string): boolean {
  return DIRECTIVE.test(text);
}

/** The directive in one comment's text, if it holds one. */
export function parseDirective(comment: string): SuppressionDirective | undefined {
  const m = DIRECTIVE.exec(comment);
  if (!m) return undefined;
  const rules = m[2]
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[a-z][a-z-]*$/.test(s));
  return {
    scope: m[1].toLowerCase() === 'line' ? 'line' : 'next-line',
    rules,
    index: m.index,
    plain: m.index + m[0].length === comment.length && PLAIN_IDS.test(m[2]),
  };
}

/** Whether a directive that covers `line` suppresses `ruleId` there. */
export function suppresses(directive: { rules: readonly string[] }, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(ruleId);
}
