/**
 * A hand-written scanner for Apex that produces exactly the tokens of the
 * generated `ApexLexer`: same type, channel, start/stop, line and column (in
 * code points, as ANTLR counts) — tokens.ts turns them into ANTLR
 * tokens. The generated lexer runs an ATN simulator over every character and
 * is the slowest part of parsing the licence headers and ApexDoc that fill
 * real classes; this one jumps over them with `indexOf`.
 *
 * Keywords and operators come from the generated lexer's own tables
 * (`literalNames`, `ruleNames`), so a parser upgrade that adds a keyword is
 * picked up. The rules that are not plain literals (numbers, SOQL dates and
 * times, currency, strings, SOSL `[FIND …]`, comments, identifiers) follow
 * the grammar (BaseApexLexer.g4 of apex-parser 5.2) as ANTLR applies it:
 * longest match, ties to the earlier rule, case-insensitive.
 *
 * Where the scanner is not certain to agree — a character no rule starts
 * with, anything outside ASCII in code, an unterminated comment or string,
 * an invalid escape — it gives up and says why; the caller then lexes the
 * file with ANTLR, so errors and recovery stay ANTLR's own.
 *
 * The loop keeps its state in locals and handles whitespace and
 * one-character tokens inline, calling rules.ts for the rest: the CLI runs
 * V8 without inlining (node/heap-tuning.ts), where a call per character
 * costs more than the scanning, and one large function takes V8 so long to
 * optimise that a cold run is over before it is.
 */
import { apex } from '../antlr';
import * as rules from './rules';
import * as tables from './tables';

const L = apex.ApexLexer;

/** Per token: type, channel, start and stop (code point indices, stop inclusive), line, column. */
const N = 6;
export const FIELDS = N;

// Module bindings copied to locals: compiled to CommonJS, an imported name is a property load on every use.
const { GiveUp, matched, wordEnd, otherEnd } = rules;
const { CLASS, DIGIT, IDENT_START, SPACE, SINGLE } = tables;

export interface ScannedTokens {
  /** FIELDS numbers per token, in order. A view of the scanner's buffer: valid until the next scan. */
  readonly data: Int32Array;
  readonly count: number;
  /** Code points in the text; line and column just past its end, where EOF sits. */
  readonly size: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type ScanResult = { ok: true; scanned: ScannedTokens } | { ok: false; reason: string; offset: number };

/** The scanner's working buffer, kept between files and grown as needed (up to SCRATCH_KEPT numbers: 8 MB). */
const SCRATCH_INITIAL = 1 << 16;
const SCRATCH_KEPT = 1 << 21;
let scratch: Int32Array = new Int32Array(SCRATCH_INITIAL);

let primed = false;

/** Scan Apex text into tokens, or say why ANTLR's lexer must do it. */
export function scanApex(text: string): ScanResult {
  if (!primed) {
    primed = true;
    prime();
  }
  try {
    return { ok: true, scanned: scan(text) };
  } catch (e) {
    if (e instanceof GiveUp) return { ok: false, reason: e.reason, offset: e.offset };
    throw e;
  }
}

const WS = L.WS;
const DOT = L.DOT;
const WS_CHANNEL = L.WHITESPACE_CHANNEL as number;
/** The first character that is not whitespace ([ \t\r\n\f]) from lastIndex. */
const NOT_SPACE = /[^ \t\r\n\f]/g;

/**
 * Every path of the scanner, run a few times before the first file (1–2 ms):
 * V8 collects type feedback only from a function's ninth call or so, and
 * code optimised without feedback for a path is thrown away the first time
 * that path runs. Primed, lexing the files of a cold NPSP run takes about a
 * fifth less time.
 */
export const PRIMERS = [
  [
    '/** doc */ /* c */ /**/ // line\r\n@IsTest public class A extends B { System.runAs(u); USD100 x$_1 = true; Long l = 1L;',
    'Decimal d = .5 + 1.5d + 2; Date t = 2020-01-01; Datetime u = 2020-01-01T00:00:00Z; Time v = 10:00:00.5+05:30;',
    "String s = 'a\\'\\u00e9'; String m = '''\nx'''; x ??= a?.b >>>= c >= d != e && f || !g; List<Account> l = [SELECT Id FROM Account WHERE Id IN :ids];",
    "List<List<SObject>> r = [FIND 'a*' IN ALL FIELDS]; r = [FIND {b} RETURNING Account]; }",
  ].join('\n'),
  // Surrogate pairs take the paths that count them.
  "/* \ud83d\ude00 */ String s = '\ud83d\ude00'; // \ud83d\ude00\n/** a\nb */",
];
const PRIMING_RUNS = 10;

function prime(): void {
  for (let n = 0; n < PRIMING_RUNS; n++) {
    for (const text of PRIMERS) {
      try {
        scan(text);
      } catch (e) {
        if (!(e instanceof GiveUp)) throw e;
      }
    }
  }
}

function scan(text: string): ScannedTokens {
  const len = text.length;
  // Without astral characters a code point index is a UTF-16 offset; with them, `pairs` counts the surrogate pairs passed.
  const astral = /[\ud800-\udfff]/.test(text);
  let data = scratch;
  let count = 0;
  let pairs = 0;
  let line = 1;
  let lineStart = 0; // code point index where the current line starts
  // The first line break at or after i. Only ever moves forward: searching from each
  // token instead would scan to the end of the line once per token (quadratic on one long line).
  let nl = nextBreak(text, 0);
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c >= 128) throw new GiveUp('character outside ASCII in code', i);
    if (count * N + N > data.length) {
      const grown = new Int32Array(data.length * 2);
      grown.set(data);
      data = scratch = grown;
    }
    const o = count * N;
    count++;
    data[o + 2] = i - pairs;
    data[o + 4] = line;
    data[o + 5] = i - pairs - lineStart;
    const cls = CLASS[c];
    if (cls & SPACE) {
      let k = i + 1;
      if (k < len && CLASS[text.charCodeAt(k)] & SPACE) {
        // Runs of blanks (indentation, blanked bodies) are found by the regular expression engine.
        NOT_SPACE.lastIndex = k;
        k = NOT_SPACE.test(text) ? NOT_SPACE.lastIndex - 1 : len;
        while (nl < k) {
          line++;
          lineStart = nl + 1 - pairs;
          nl = nextBreak(text, nl + 1);
        }
      } else if (c === 10) {
        line++;
        lineStart = k - pairs;
        nl = nextBreak(text, k);
      }
      data[o] = WS;
      data[o + 1] = WS_CHANNEL;
      data[o + 3] = k - pairs - 1;
      i = k;
      continue;
    }
    const single = SINGLE[c];
    if (single !== 0 || (c === 46 && !(CLASS[text.charCodeAt(i + 1)] & DIGIT))) {
      data[o] = single !== 0 ? single : DOT;
      data[o + 1] = 0;
      data[o + 3] = i - pairs;
      i++;
      continue;
    }
    const end = cls & IDENT_START ? wordEnd(text, i) : otherEnd(text, i);
    data[o] = matched.type;
    data[o + 1] = matched.channel;
    if (matched.spans && astral) {
      const breaks = astralSpan(text, i, end);
      if (breaks > 0) {
        line += breaks;
        lineStart = spanLineStart - pairs;
      }
      pairs += spanPairs;
      if (nl < end) nl = nextBreak(text, end);
    } else {
      while (nl < end) {
        line++;
        lineStart = nl + 1 - pairs;
        nl = nextBreak(text, nl + 1);
      }
    }
    data[o + 3] = end - pairs - 1;
    i = end;
  }
  // A huge file's buffer is not kept for the next one (the view returned still holds it).
  if (data.length > SCRATCH_KEPT) scratch = new Int32Array(SCRATCH_INITIAL);
  return { data: data.subarray(0, count * N), count, size: len - pairs, endLine: line, endColumn: len - pairs - lineStart };
}

/** The index of the first line break at or after `from`, or the length of the text. */
function nextBreak(text: string, from: number): number {
  const k = text.indexOf('\n', from);
  return k < 0 ? text.length : k;
}

/** Set by astralSpan: the line start after the last line break (UTF-16 offset minus the pairs found before it in the span), and the surrogate pairs in the span. */
let spanLineStart = 0;
let spanPairs = 0;

/** Line breaks and surrogate pairs in text[start, end). */
function astralSpan(text: string, start: number, end: number): number {
  let breaks = 0;
  let pairs = 0;
  for (let k = start; k < end; k++) {
    const w = text.charCodeAt(k);
    if (w === 10) {
      breaks++;
      spanLineStart = k + 1 - pairs;
    } else if (w >= 0xd800 && w <= 0xdbff && k + 1 < end) {
      const next = text.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        k++;
      }
    }
  }
  spanPairs = pairs;
  return breaks;
}
