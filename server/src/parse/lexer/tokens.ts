/**
 * Turning the fast scanner's positions (scan.ts) into the token
 * objects and token stream ANTLR's parser reads, and the fallback to ANTLR's
 * own lexer when the scanner gives up. Tokens are ANTLR `CommonToken`s of the
 * parser's runtime; their text is cut from the source on demand, as ANTLR's
 * are, by a character stream that counts code points.
 */
import { antlr4, apex } from '../antlr';
import { FIELDS, scanApex, type ScannedTokens } from './scan';

/** Which lexer tokenises: the fast scanner (falling back to ANTLR's when it gives up), or always ANTLR's (the reference). */
export type LexerChoice = 'fast' | 'antlr';

/** What a token's `text` reads: the stretch of source between two code point indices, as ANTLR's CharStream gives it. */
class CodePointText {
  readonly name = '<empty>';
  /** The code point index of each astral character, ascending (each adds one UTF-16 unit); absent when there are none. */
  private readonly astral?: Int32Array;

  constructor(
    private readonly text: string,
    readonly size: number,
  ) {
    if (size !== text.length) {
      const at: number[] = [];
      let cp = 0;
      for (let i = 0; i < text.length; i++, cp++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) {
          const next = text.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            at.push(cp);
            i++;
          }
        }
      }
      this.astral = Int32Array.from(at);
    }
  }

  private unit(cp: number): number {
    const astral = this.astral;
    if (!astral) return cp;
    let lo = 0;
    let hi = astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (astral[mid] < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  getText(start: number, stop: number): string {
    if (stop >= this.size) stop = this.size - 1;
    if (start >= this.size) return '';
    return this.text.slice(this.unit(start), this.unit(stop + 1));
  }

  toString(): string {
    return this.text;
  }
}

let tokenFactory: unknown;

/**
 * The token source a CommonTokenStream pulls from: the scanned tokens, then
 * EOF for ever. Its links are named as ANTLR's Lexer names them (`_input`,
 * `_token`, `_tokenFactorySourcePair`) so that core/release-parse.ts cuts
 * them the same way once a model is built.
 */
class ScannedTokenSource {
  /** What ANTLR's parser creates "missing" tokens with during error recovery (Parser.getTokenFactory()). */
  readonly _factory = (tokenFactory ??= new antlr4.Lexer(null)._factory);
  readonly line = 1;
  readonly column = 0;
  /** The tokens it hands out, EOF last. */
  _input: apex.ApexToken[] | null = [];
  /** The last token handed out. */
  _token: apex.ApexToken | null = null;
  /** What every token's `source` is: this and the text. */
  _tokenFactorySourcePair: [ScannedTokenSource, CodePointText] | null;
  private next = 0;

  constructor(text: CodePointText) {
    this._tokenFactorySourcePair = [this, text];
  }

  nextToken(): apex.ApexToken {
    const tokens = this._input ?? [];
    const token = tokens[this.next < tokens.length - 1 ? this.next++ : tokens.length - 1];
    this._token = token;
    return token;
  }

  getInputStream(): CodePointText | undefined {
    return this._tokenFactorySourcePair?.[1];
  }

  getSourceName(): string {
    return '<unknown>';
  }
}

/**
 * A token of the fast scanner: an ANTLR CommonToken in all but its
 * constructor (`instanceof CommonToken`, the same own fields in the same
 * order, CommonToken's methods and lazy `text`). CommonToken's own
 * constructor runs Token's first and then sets every field again, and reads
 * line and column from the token source; a million tokens pay for that twice.
 */
class ScannedToken {
  source: [unknown, unknown];
  type: number;
  channel: number;
  start: number;
  stop: number;
  tokenIndex: number;
  line: number;
  column: number;
  _text: string | null;

  constructor(source: [unknown, unknown], type: number, channel: number, start: number, stop: number, line: number, column: number) {
    this.source = source;
    this.type = type;
    this.channel = channel;
    this.start = start;
    this.stop = stop;
    this.tokenIndex = -1;
    this.line = line;
    this.column = column;
    this._text = null;
  }
}
Object.setPrototypeOf(ScannedToken.prototype, antlr4.CommonToken.prototype);

function tokenSource(text: string, scanned: ScannedTokens): { source: ScannedTokenSource; tokens: apex.ApexToken[] } {
  const source = new ScannedTokenSource(new CodePointText(text, scanned.size));
  const pair = source._tokenFactorySourcePair as [unknown, unknown];
  const d = scanned.data;
  const tokens: apex.ApexToken[] = [];
  source._input = tokens;
  for (let o = 0; o < d.length; o += FIELDS) {
    tokens.push(new ScannedToken(pair, d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5]) as unknown as apex.ApexToken);
  }
  tokens.push(new ScannedToken(pair, antlr4.Token.EOF, 0, scanned.size, scanned.size - 1, scanned.endLine, scanned.endColumn) as unknown as apex.ApexToken);
  return { source, tokens };
}

export type FastLexResult =
  | {
      ok: true;
      /** Every token, EOF last. */
      tokens: apex.ApexToken[];
      /** A token stream for ApexParser over these tokens (it sets their tokenIndex as it reads them). */
      stream: apex.ApexTokenStream;
    }
  | { ok: false; reason: string; offset: number };

/** The fast scanner's tokens and a stream over them, or why it gave up (ANTLR's lexer must do it). */
export function fastTokens(text: string): FastLexResult {
  const result = scanApex(text);
  if (!result.ok) return result;
  const { source, tokens } = tokenSource(text, result.scanned);
  return { ok: true, tokens, stream: new antlr4.CommonTokenStream(source) };
}

/** Every token but EOF, as ANTLR's `Lexer.getAllTokens()` returns them. */
export function allTokens(text: string, lexer: LexerChoice = 'fast'): apex.ApexToken[] {
  if (lexer === 'fast') {
    const fast = fastTokens(text);
    if (fast.ok) return fast.tokens.slice(0, -1);
  }
  return apex.ApexParserFactory.createLexer(text).getAllTokens();
}
