/**
 * The parser recurses once per nesting level and overflows the stack at a few
 * thousand levels. When that happens we blank the body of the member that
 * holds the deepest nesting (keeping line breaks, so positions stay valid)
 * and parse again: the rest of the file is still analysed.
 */
import { apex } from './antlr';
import { allTokens } from './lexer/tokens';

const L = apex.ApexLexer;
const OPEN = new Set([L.LPAREN, L.LBRACE, L.LBRACK]);
const CLOSE = new Set([L.RPAREN, L.RBRACE, L.RBRACK]);
/** Deeper than this and a member is blanked. Real code stays far below. */
export const DEEP_NESTING_LIMIT = 250;

export interface Blanked {
  text: string;
  /** UTF-16 offsets of the blanked member body, [start, end). */
  start: number;
  end: number;
}

/**
 * Blank the member body containing the first point nested deeper than the
 * limit. Offsets are code point indices of the lexer, converted by `unit`.
 */
export function blankDeepestMember(text: string, unit: (cp: number) => number): Blanked | undefined {
  const tokens = allTokens(text);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (OPEN.has(t.type)) {
      stack.push(i);
      if (stack.length <= DEEP_NESTING_LIMIT) continue;
      // The outermost group that is not the body of a class, interface, enum or trigger:
      // a method body, or the expression of a field initializer. Blanking a type body
      // would hide every other member with it.
      const opener = stack.find((j) => !isTypeBody(tokens, j)) ?? stack[0];
      let depth = 0;
      let closer = tokens.length - 1;
      for (let k = opener; k < tokens.length; k++) {
        if (OPEN.has(tokens[k].type)) depth++;
        else if (CLOSE.has(tokens[k].type) && --depth === 0) {
          closer = k;
          break;
        }
      }
      const start = unit(tokens[opener].stop + 1);
      const end = closer > opener && depth === 0 ? unit(tokens[closer].start) : text.length;
      let inner = text.slice(start, end).replace(/[^\r\n]/g, ' ');
      // `(`/`[` hold an expression: `null` keeps `Integer x = (null);` and `f(null)` valid.
      if (tokens[opener].type !== L.LBRACE && inner.length >= 4) inner = 'null' + inner.slice(4);
      const blanked = text.slice(0, start) + inner + text.slice(end);
      return { text: blanked, start, end };
    } else if (CLOSE.has(t.type)) stack.pop();
  }
  return undefined;
}

const TYPE_KEYWORDS = new Set([L.CLASS, L.INTERFACE, L.ENUM, L.TRIGGER]);
const SEPARATORS = new Set([L.SEMI, L.LBRACE, L.RBRACE]);

/** Whether the `{` at `index` opens a type body: `class`/`interface`/`enum`/`trigger` in its header. */
function isTypeBody(tokens: { type: number; channel: number }[], index: number): boolean {
  if (tokens[index].type !== L.LBRACE) return false;
  for (let k = index - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.channel !== 0) continue;
    if (TYPE_KEYWORDS.has(t.type)) return true;
    if (SEPARATORS.has(t.type)) return false;
  }
  return false;
}

/**
 * A cheap character scan: does bracket nesting (outside strings and
 * comments) go past the limit anywhere? Used to blank deep members before
 * parsing, so the outcome never depends on how much stack the parser has.
 */
export function nestsTooDeep(text: string): boolean {
  return scanNesting(text, DEEP_NESTING_LIMIT, false);
}

/**
 * Whether the text nests deeper than `limit` anywhere: brackets, or generic
 * angle brackets (`List<List<…>>`, counted between statement boundaries).
 * Deep nesting is what makes ANTLR's prediction slow; the language server
 * sends such text to a worker it can stop instead of parsing it in place.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  return scanNesting(text, limit, true);
}

/** The characters scanNesting looks at; a regular expression finds the next one faster than a loop over the rest. */
const BRACKETS = /[()[\]{}'/]/g;
const BRACKETS_AND_ANGLES = /[()[\]{}'/<>;]/g;

/** One pass over the text outside strings and comments: brackets, and generic angle brackets when `countAngles`. */
function scanNesting(text: string, limit: number, countAngles: boolean): boolean {
  const next = countAngles ? BRACKETS_AND_ANGLES : BRACKETS;
  let depth = 0;
  let angles = 0;
  for (let i = 0; i < text.length; i++) {
    next.lastIndex = i;
    if (!next.test(text)) return false;
    i = next.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > limit) return true;
      if (c !== 91) angles = 0;
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
      if (c !== 93) angles = 0;
    } else if (c === 60) {
      if (++angles > limit) return true;
    } else if (c === 62) {
      if (angles > 0) angles--;
    } else if (c === 59) {
      angles = 0;
    } else if (c === 39) {
      for (i++; i < text.length && text.charCodeAt(i) !== 39 && text.charCodeAt(i) !== 10; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    }
  }
  return false;
}
