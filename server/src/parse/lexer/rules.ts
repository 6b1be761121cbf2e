/**
 * The rules of ApexLexer that are more than a literal, for the fast scanner
 * (scan.ts), written from the grammar (BaseApexLexer.g4 of apex-parser 5.2,
 * `caseInsensitive = true`): words (keywords, identifiers, currency), numbers
 * and SOQL date/time literals, strings, comments, SOSL find literals, and
 * operators (longest first, from tables.ts).
 *
 * Each returns where its token ends (a UTF-16 offset) and leaves the type in
 * `matched` — two results without allocating, once per token.
 */
import { apex } from '../antlr';
import * as tables from './tables';

const { CLASS, DIGIT, DOTTED, IDENT_PART, KEYWORDS, KEYWORD_SLOTS, KEYWORD_TYPES, OPERATORS, SPACE, currencyWins } = tables;
const L = apex.ApexLexer;

/** Thrown where the scanner cannot be sure to match ANTLR; the caller lexes the file with ANTLR instead. */
export class GiveUp {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {}
}

/** What the last rule function matched, besides where it ends. */
const matched = {
  type: 0,
  /** Comments are on COMMENT_CHANNEL. */
  channel: 0,
  /** Whether the token may hold line breaks or astral characters (comments, strings, find literals). */
  spans: false,
};

export { matched };

const COMMENT_CHANNEL = L.COMMENT_CHANNEL as number;
const IDENTIFIER = L.Identifier;
const CURRENCY = L.IntegralCurrencyLiteral;

/** Identifiers, keywords, `true`/`false`, currency literals (`USD100`) and `system.runAs`, from the letter at `i`. */
export function wordEnd(text: string, i: number): number {
  const len = text.length;
  let h = 0;
  let k = i;
  for (; k < len; k++) {
    const w = text.charCodeAt(k);
    if (w >= 128) throw new GiveUp('character outside ASCII in an identifier', k);
    if (!(CLASS[w] & IDENT_PART)) break;
    h = (Math.imul(h, 31) + (w >= 65 && w <= 90 ? w + 32 : w)) | 0;
  }
  matched.type = IDENTIFIER;
  matched.channel = 0;
  matched.spans = false;
  const mask = KEYWORD_SLOTS.length - 1;
  for (let s = h & mask; KEYWORD_SLOTS[s] !== 0; s = (s + 1) & mask) {
    const kw = KEYWORD_SLOTS[s] - 1;
    if (KEYWORDS[kw].length === k - i && sameWord(text, i, KEYWORDS[kw])) {
      matched.type = KEYWORD_TYPES[kw];
      break;
    }
  }
  if (k - i > 3 && CLASS[text.charCodeAt(i + 3)] & DIGIT && isCurrency(text, i, k) && currencyWins(matched.type)) matched.type = CURRENCY;
  else if (text.charCodeAt(k) === 46) {
    // A literal with a dot (`system.runas`) is longer than any identifier, whatever follows it.
    for (let d = 0; d < DOTTED.length; d++) {
      const lit = DOTTED[d];
      if (lit.prefix === k - i && sameWord(text, i, lit.text)) {
        matched.type = lit.type;
        return i + lit.text.length;
      }
    }
  }
  return k;
}

/** Whether text[at, at + word.length) is `word` (lower case) in any case. */
function sameWord(text: string, at: number, word: string): boolean {
  for (let j = 0; j < word.length; j++) {
    const w = text.charCodeAt(at + j);
    if ((w >= 65 && w <= 90 ? w + 32 : w) !== word.charCodeAt(j)) return false;
  }
  return true;
}

/** IntegralCurrencyLiteral: [a-z] [a-z] [a-z] Digit+ — the whole word. */
function isCurrency(text: string, start: number, end: number): boolean {
  for (let k = start; k < start + 3; k++) {
    const w = text.charCodeAt(k) | 0x20;
    if (w < 0x61 || w > 0x7a) return false;
  }
  for (let k = start + 3; k < end; k++) if (!(CLASS[text.charCodeAt(k)] & DIGIT)) return false;
  return true;
}

/** Any token but whitespace and words, from `i`: numbers, strings, comments, find literals, operators. */
export function otherEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  matched.channel = 0;
  matched.spans = false;
  if (CLASS[c] & DIGIT || (c === 46 && CLASS[text.charCodeAt(i + 1)] & DIGIT)) return numberEnd(text, i);
  if (c === 39) {
    matched.spans = true;
    return stringEnd(text, i);
  }
  if (c === 47) {
    const next = text.charCodeAt(i + 1);
    if (next === 47 || next === 42) {
      matched.channel = COMMENT_CHANNEL;
      matched.spans = true;
      return next === 47 ? lineCommentEnd(text, i) : blockCommentEnd(text, i);
    }
  }
  if (c === 91) {
    const end = findLiteralEnd(text, i);
    if (end > 0) {
      matched.spans = true;
      return end;
    }
  }
  return operatorEnd(text, i);
}

function operatorEnd(text: string, i: number): number {
  const candidates = OPERATORS[text.charCodeAt(i)];
  if (candidates) {
    for (let n = 0; n < candidates.length; n++) {
      const op = candidates[n];
      if (text.startsWith(op.text, i)) {
        matched.type = op.type;
        return i + op.text.length;
      }
    }
  }
  throw new GiveUp('character no token starts with', i);
}

function lineCommentEnd(text: string, i: number): number {
  matched.type = L.LINE_COMMENT;
  let k = i + 2;
  for (; k < text.length; k++) {
    const w = text.charCodeAt(k);
    if (w === 10 || w === 13) break;
  }
  return k;
}

/**
 * COMMENT `/*` … `*\/`, and DOC_COMMENT `/**` … `*\/` (the earlier rule).
 * Both are non-greedy, yet ANTLR takes the longer of the two: `/**\/ x *\/`
 * is one DOC_COMMENT, its body starting after `/**`; `/**\/` alone is a COMMENT.
 */
function blockCommentEnd(text: string, i: number): number {
  const doc = text.charCodeAt(i + 2) === 42 ? text.indexOf('*/', i + 3) : -1;
  const comment = doc >= 0 ? doc : text.indexOf('*/', i + 2);
  if (comment < 0) throw new GiveUp('unterminated comment', i);
  matched.type = doc >= 0 ? L.DOC_COMMENT : L.COMMENT;
  return comment + 2;
}

function isDigit(text: string, k: number): boolean {
  return (CLASS[text.charCodeAt(k)] & DIGIT) !== 0;
}

function digitsEnd(text: string, k: number): number {
  while (CLASS[text.charCodeAt(k)] & DIGIT) k++;
  return k;
}

/** TimeLiteral from `p`: dd:dd:dd ('.' d+)? ('z' | [+-] d+ (':' d+)?). Returns the end, or -1. */
function timeEnd(text: string, p: number): number {
  if (!(isDigit(text, p) && isDigit(text, p + 1) && text.charCodeAt(p + 2) === 58)) return -1;
  if (!(isDigit(text, p + 3) && isDigit(text, p + 4) && text.charCodeAt(p + 5) === 58)) return -1;
  if (!(isDigit(text, p + 6) && isDigit(text, p + 7))) return -1;
  let q = p + 8;
  if (text.charCodeAt(q) === 46 && isDigit(text, q + 1)) q = digitsEnd(text, q + 1);
  const zone = text.charCodeAt(q);
  if ((zone | 0x20) === 0x7a) return q + 1;
  if ((zone !== 43 && zone !== 45) || !isDigit(text, q + 1)) return -1;
  q = digitsEnd(text, q + 1);
  return text.charCodeAt(q) === 58 && isDigit(text, q + 1) ? digitsEnd(text, q + 1) : q;
}

/**
 * From a digit, or a `.` before one: IntegerLiteral (d+), LongLiteral (d+ l),
 * NumberLiteral (d* '.' d+ d?), DateLiteral (dddd-dd-dd), DateTimeLiteral
 * (date 't' time) and TimeLiteral — the longest that matches. No exponents,
 * no hex: `1e5` is 1 then the identifier `e5`, as in ANTLR.
 */
function numberEnd(text: string, i: number): number {
  const d = digitsEnd(text, i);
  const next = text.charCodeAt(d);
  matched.type = L.IntegerLiteral;
  if (next === 46 && isDigit(text, d + 1)) {
    matched.type = L.NumberLiteral;
    const e = digitsEnd(text, d + 1);
    return (text.charCodeAt(e) | 0x20) === 0x64 ? e + 1 : e;
  }
  if ((next | 0x20) === 0x6c) {
    matched.type = L.LongLiteral;
    return d + 1;
  }
  if (
    d - i === 4 &&
    next === 45 &&
    isDigit(text, i + 5) &&
    isDigit(text, i + 6) &&
    text.charCodeAt(i + 7) === 45 &&
    isDigit(text, i + 8) &&
    isDigit(text, i + 9)
  ) {
    const date = i + 10;
    const time = (text.charCodeAt(date) | 0x20) === 0x74 ? timeEnd(text, date + 1) : -1;
    matched.type = time > 0 ? L.DateTimeLiteral : L.DateLiteral;
    return time > 0 ? time : date;
  }
  if (d - i === 2 && next === 58) {
    const time = timeEnd(text, i);
    if (time > 0) {
      matched.type = L.TimeLiteral;
      return time;
    }
  }
  return d;
}

/** A `\` escape of a string literal: [btnfr"'\\] (either case), or `u` and four hex digits. Its length, 0 if invalid. */
function escapeLength(text: string, at: number): number {
  const raw = text.charCodeAt(at + 1);
  const c = raw | 0x20;
  if (c === 0x62 || c === 0x74 || c === 0x6e || c === 0x66 || c === 0x72 || raw === 34 || raw === 39 || raw === 92) return 2;
  if (c !== 0x75) return 0;
  for (let k = at + 2; k < at + 6; k++) {
    const h = text.charCodeAt(k);
    if (!(isDigit(text, k) || ((h | 0x20) >= 0x61 && (h | 0x20) <= 0x66))) return 0;
  }
  return 6;
}

/**
 * StringLiteral ('…', any character but `'` and `\`, escapes), or
 * MultilineStringLiteral: `'''`, a line break, then up to the first `'''`
 * not inside an escape.
 */
function stringEnd(text: string, i: number): number {
  const len = text.length;
  const afterOpen = text.charCodeAt(i + 3);
  if (text.startsWith("'''", i) && (afterOpen === 10 || afterOpen === 13)) {
    matched.type = L.MultilineStringLiteral;
    for (let k = i + 4; k < len; k++) {
      const c = text.charCodeAt(k);
      if (c === 39 && text.startsWith("'''", k)) return k + 3;
      if (c === 92) {
        const n = escapeLength(text, k);
        if (n === 0) throw new GiveUp('invalid escape in a multi-line string', k);
        k += n - 1;
      }
    }
    throw new GiveUp('unterminated multi-line string', i);
  }
  matched.type = L.StringLiteral;
  for (let k = i + 1; k < len; k++) {
    const c = text.charCodeAt(k);
    if (c === 39) return k + 1;
    if (c === 92) {
      const n = escapeLength(text, k);
      if (n === 0) throw new GiveUp('invalid escape in a string', k);
      k += n - 1;
    }
  }
  throw new GiveUp('unterminated string', i);
}

/** Characters a find literal may escape with `\`: +-&|!(){}^"~*?:'\ */
const FIND_ESCAPED = new Set([...`+-&|!(){}^"~*?:'\\`].map((c) => c.charCodeAt(0)));

/**
 * SOSL FindLiteral `[` WS? `find` WS `'…'` and FindLiteralAlt `… {…}`, from
 * the `[` at `i`. Returns the end, or 0 when the text is not one (then `[`
 * is a plain bracket). Gives up when it starts like one but does not finish:
 * ANTLR would then back up to `[`.
 */
function findLiteralEnd(text: string, i: number): number {
  let k = i + 1;
  while (CLASS[text.charCodeAt(k)] & SPACE) k++;
  if ((text.charCodeAt(k) | 0x20) !== 0x66 || text.slice(k, k + 4).toLowerCase() !== 'find' || !(CLASS[text.charCodeAt(k + 4)] & SPACE)) return 0;
  k += 4;
  while (CLASS[text.charCodeAt(k)] & SPACE) k++;
  const open = text.charCodeAt(k);
  if (open !== 39 && open !== 123) return 0;
  const close = open === 39 ? 39 : 125;
  matched.type = open === 39 ? L.FindLiteral : L.FindLiteralAlt;
  for (k++; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === close) return k + 1;
    if (c === 92) {
      if (!FIND_ESCAPED.has(text.charCodeAt(k + 1))) throw new GiveUp('invalid escape in a SOSL find literal', k);
      k++;
    }
  }
  throw new GiveUp('unterminated SOSL find literal', i);
}
