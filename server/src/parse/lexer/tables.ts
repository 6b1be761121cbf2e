/**
 * What the fast scanner knows of ApexLexer's literal rules, read from the
 * generated lexer (`literalNames`, `symbolicNames`, `ruleNames`) rather than
 * typed out: the keywords (about 190, most of them SOQL and SOSL words), the
 * operators, and literals with a dot such as `system.runas`. A parser
 * upgrade that adds a keyword or an operator changes these tables by itself.
 *
 * Names are module-local and exported once at the end: compiled to
 * CommonJS, an exported const is read through `exports` on every use, also
 * inside its own module.
 */
import { apex } from '../antlr';

const L = apex.ApexLexer;

/** Character classes of ASCII. */
const IDENT_START = 1;
const IDENT_PART = 2;
const DIGIT = 4;
const SPACE = 8;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z$_]/.test(ch)) CLASS[c] |= IDENT_START | IDENT_PART;
  if (/[0-9]/.test(ch)) CLASS[c] |= IDENT_PART | DIGIT;
  // The WS rule: [ \t\r\n\u000C]+
  if (' \t\r\n\f'.includes(ch)) CLASS[c] |= SPACE;
}

interface LiteralToken {
  text: string;
  type: number;
  /** For literals with a dot (`system.runas`): the length of the word before it. */
  prefix: number;
}

/** The hash of a lower-case word, as the scanner computes it character by character. */
function wordHash(word: string): number {
  let h = 0;
  for (let j = 0; j < word.length; j++) h = (Math.imul(h, 31) + word.charCodeAt(j)) | 0;
  return h;
}

const KEYWORDS: string[] = [];
const KEYWORD_TYPES: number[] = [];
const DOTTED: LiteralToken[] = [];
/** Operator literals by first character, longest first. */
const OPERATORS: (LiteralToken[] | undefined)[] = [];

L.literalNames.forEach((quoted, type) => {
  if (!quoted) return;
  const text = quoted.slice(1, -1).toLowerCase();
  if (/^[a-z_][a-z_0-9]*$/.test(text)) {
    KEYWORDS.push(text);
    KEYWORD_TYPES.push(type);
  } else if (/^[a-z_][a-z_0-9]*(\.[a-z_0-9]+)+$/.test(text)) DOTTED.push({ text, type, prefix: text.indexOf('.') });
  else (OPERATORS[text.charCodeAt(0)] ??= []).push({ text, type, prefix: 0 });
});
// BooleanLiteral is the one keyword rule with alternatives ('true' | 'false'), so it has no literal name.
for (const word of ['true', 'false']) {
  if (KEYWORDS.includes(word)) continue;
  KEYWORDS.push(word);
  KEYWORD_TYPES.push(L.BooleanLiteral);
}
for (const list of OPERATORS) list?.sort((a, b) => b.text.length - a.text.length);

/** Open addressing by wordHash: keyword index + 1, 0 for an empty slot. */
const KEYWORD_SLOTS = new Int32Array(1024);
KEYWORDS.forEach((word, index) => {
  let s = wordHash(word) & (KEYWORD_SLOTS.length - 1);
  while (KEYWORD_SLOTS[s] !== 0) s = (s + 1) & (KEYWORD_SLOTS.length - 1);
  KEYWORD_SLOTS[s] = index + 1;
});

/**
 * Characters that are a whole token by themselves — `(`, `;`, `,`, `@` … —
 * and start nothing longer: their token type, else 0. (`.` and `[` are not
 * here: `.5` is a number and `[FIND` a SOSL literal.)
 */
const SINGLE = new Int32Array(128);
OPERATORS.forEach((list, c) => {
  if (list?.length === 1 && list[0].text.length === 1 && c !== 46 && c !== 91) SINGLE[c] = list[0].type;
});

/** ANTLR breaks a tie between rules that match the same text by their order in the grammar. */
function ruleIndex(type: number): number {
  return L.ruleNames.indexOf(L.symbolicNames[type] ?? '');
}
const CURRENCY_RULE = ruleIndex(L.IntegralCurrencyLiteral);

/** Whether IntegralCurrencyLiteral (`USD100`) wins over a word that matched as `type`. */
function currencyWins(type: number): boolean {
  return type === L.Identifier || CURRENCY_RULE < ruleIndex(type);
}

export type { LiteralToken };
export { CLASS, IDENT_START, IDENT_PART, DIGIT, SPACE, KEYWORDS, KEYWORD_TYPES, KEYWORD_SLOTS, DOTTED, OPERATORS, SINGLE, currencyWins };
