/**
 * Parsing Apex with the fast prediction mode: SLL everywhere except the one
 * decision that needs full LL (which alternative starts an `expression`:
 * a primary such as `foo` or a method call such as `foo(x)`). Plain SLL
 * mis-predicts that decision on any unqualified call and falls back to a
 * full LL re-parse of the file; LL everywhere is twice as slow.
 *
 * Tokens come from the hand-written lexer (lexer/), which produces exactly
 * ANTLR's tokens several times faster; where it is not sure to (odd
 * characters, unterminated strings or comments) it gives up and ANTLR's own
 * lexer runs, errors included.
 *
 * On a syntax error the text is read again with ANTLR's full LL prediction:
 * error recovery follows prediction, and what a file reports away from the
 * error must not depend on the fast path (issue 20).
 */
import { antlr4, apex } from './antlr';
import { fastTokens, type FastLexResult, type LexerChoice } from './lexer/tokens';
import { ASK_LL, shallowPredictors, type PrecedenceSource, type TokenLookahead } from './shallow-prediction';
import type { SourceText } from '../base/source';

export type UnitKind = 'class' | 'trigger';
export type PredictionStrategy = 'fast' | 'll';

export interface SyntaxProblem {
  message: string;
  /** UTF-16 offsets, [start, end). */
  start: number;
  end: number;
}

export interface ParseResult {
  kind: UnitKind;
  /** Absent when the parser could not produce a tree at all. */
  tree?: apex.CompilationUnitContext | apex.TriggerUnitContext;
  /** All tokens, including comments (channel COMMENT_CHANNEL). */
  tokens: apex.ApexToken[];
  problems: SyntaxProblem[];
}

export class AnalysisTimeout extends Error {
  constructor() {
    super('analysis took longer than the time allowed for one file');
  }
}

/** At most this many syntax errors are reported per file; the rest are summarised. */
export const MAX_SYNTAX_PROBLEMS = 20;

const { ApexParser } = apex;

let llDecisions: Set<number> | undefined;

/** Decisions that get full LL prediction: the first decision of `expression`. */
function decisionsNeedingLL(parser: apex.ApexParser): Set<number> {
  if (llDecisions) return llDecisions;
  const atn = (parser as unknown as { atn: { decisionToState: { ruleIndex: number; decision: number }[] } }).atn;
  const inExpression = atn.decisionToState.filter((s) => s.ruleIndex === ApexParser.RULE_expression).map((s) => s.decision);
  llDecisions = new Set(inExpression.length > 0 ? [Math.min(...inExpression)] : []);
  return llDecisions;
}

interface Simulator {
  predictionMode: number;
  adaptivePredict(input: unknown, decision: number, outerContext: unknown): number;
}

/** Thrown when the caller no longer wants the parse (a newer edit arrived). */
export class ParseCancelled extends Error {
  constructor() {
    super('parse cancelled');
  }
}

function installPrediction(parser: apex.ApexParser, strategy: PredictionStrategy, deadline: number | undefined, isCancelled?: () => boolean): void {
  const interp = (parser as unknown as { _interp: Simulator })._interp;
  const { SLL, LL } = antlr4.PredictionMode;
  if (strategy === 'll') {
    interp.predictionMode = LL;
  } else {
    interp.predictionMode = SLL;
  }
  const ll = decisionsNeedingLL(parser);
  // 'll' is ANTLR's own full prediction, the reference the fast mode is tested against.
  const shallow = strategy === 'fast' ? shallowPredictors(parser) : undefined;
  const predict = interp.adaptivePredict.bind(interp);
  const insideMerge = strategy === 'fast' ? trackMergeStatements(parser) : () => false;
  let calls = 0;
  interp.adaptivePredict = (input, decision, outerContext) => {
    if ((++calls & 255) === 0) {
      if (deadline !== undefined && Date.now() > deadline) throw new AnalysisTimeout();
      if (isCancelled?.()) throw new ParseCancelled();
    }
    if (insideMerge()) return predictLL(interp, predict, input, decision, outerContext);
    const decide = shallow?.get(decision);
    if (decide) {
      const alt = decide(input as TokenLookahead, parser as unknown as PrecedenceSource);
      if (alt > 0) return alt;
      if (alt === ASK_LL) return predictLL(interp, predict, input, decision, outerContext);
    }
    if (strategy === 'fast' && ll.has(decision)) {
      interp.predictionMode = LL;
      try {
        return predict(input, decision, outerContext);
      } finally {
        interp.predictionMode = SLL;
      }
    }
    return predict(input, decision, outerContext);
  };
}

function predictLL(interp: Simulator, predict: Simulator['adaptivePredict'], input: unknown, decision: number, outerContext: unknown): number {
  const mode = interp.predictionMode;
  interp.predictionMode = antlr4.PredictionMode.LL;
  try {
    return predict(input, decision, outerContext);
  } finally {
    interp.predictionMode = mode;
  }
}

/**
 * `merge a b;` puts two expressions back to back, so where the first one
 * ends depends on what follows the second (`merge a -b;`, `merge a (b) c;`,
 * `merge m [SELECT …];`): no decision inside it can be taken from the next
 * tokens. While a merge statement is being read, ANTLR's full LL prediction
 * decides everything (merge statements are rare).
 */
function trackMergeStatements(parser: apex.ApexParser): () => boolean {
  let depth = 0;
  const statement = parser as unknown as { mergeStatement(): unknown };
  const read = statement.mergeStatement.bind(parser);
  statement.mergeStatement = () => {
    depth++;
    try {
      return read();
    } finally {
      depth--;
    }
  };
  return () => depth > 0;
}

class ProblemCollector extends apex.ApexErrorListener {
  readonly problems: SyntaxProblem[] = [];
  private dropped = 0;

  constructor(private readonly source: SourceText) {
    super();
  }

  apexSyntaxError(): void {
    // syntaxError below receives the offending token; this form is unused.
  }

  override syntaxError(_r: unknown, offending: apex.ApexToken | number | null, line: number, column: number, msg: string): void {
    if (this.problems.length >= MAX_SYNTAX_PROBLEMS) {
      this.dropped++;
      return;
    }
    let start: number;
    let end: number;
    const token = typeof offending === 'object' && offending !== null ? offending : undefined;
    if (token && token.start >= 0) {
      start = this.source.unitOffset(token.start);
      end = token.type === antlr4.Token.EOF ? start : this.source.unitOffset(token.stop + 1);
    } else {
      const lineStart = this.source.lineStarts[line - 1] ?? this.source.text.length;
      start = lineStart + column;
      end = Math.min(this.source.text.length, start + 1);
    }
    this.problems.push({ message: shortMessage(msg, token), start, end });
  }

  finish(): SyntaxProblem[] {
    if (this.dropped > 0) {
      const last = this.problems[this.problems.length - 1];
      last.message += ` (and ${this.dropped} more syntax errors in this file)`;
    }
    return this.problems;
  }
}

function quote(text: string): string {
  const oneLine = text
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex -- escaping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${oneLine.length > 30 ? oneLine.slice(0, 27) + '...' : oneLine}'`;
}

/** ANTLR's messages list every expected token (past 2 KB); keep what a person can read. */
export function shortMessage(msg: string, token: apex.ApexToken | undefined): string {
  const found = token ? (token.type === antlr4.Token.EOF ? 'end of file' : quote(token.text ?? '')) : undefined;
  let m = /^missing (.+?) at /.exec(msg);
  if (m) return `Missing ${m[1]} before ${found ?? 'this'}`;
  m = /^token recognition error at: '(.*)'$/s.exec(msg);
  if (m) return `Unexpected character ${quote(m[1])}`;
  // A set holds quoted literals, and `'}'` is one of them: read it token by token, not up to the first `}`.
  m = /expecting (\{(?:'(?:[^'\\]|\\.)*'|[^'}])*\}|'(?:[^'\\]|\\.)*'|\S+)/.exec(msg);
  const expected = m ? m[1] : undefined;
  const what = found ?? 'input';
  if (expected && !expected.startsWith('{')) return `Unexpected ${what}, expected ${expected}`;
  if (expected) {
    const items = expected.match(/'(?:[^'\\]|\\.)*'|[^\s,{}']+/g) ?? [];
    if (items.length <= 3) return `Unexpected ${what}, expected ${items.join(' or ')}`;
  }
  return `Unexpected ${what}`;
}

export interface ParseOptions {
  strategy?: PredictionStrategy;
  /** 'fast' (the default): the hand-written lexer, ANTLR's where it gives up; 'antlr': always ANTLR's (the reference). */
  lexer?: LexerChoice;
  /** Epoch milliseconds after which parsing stops with AnalysisTimeout. */
  deadline?: number;
  /** Polled while parsing; when it says yes, the parse stops with ParseCancelled. */
  isCancelled?: () => boolean;
  /** false: keep the fast prediction's result even with syntax errors (to test the predictions themselves). */
  rereadOnError?: boolean;
}

/**
 * A parser over the fast lexer's tokens, or over ANTLR's lexer when the fast
 * one gives up or is not wanted. ANTLR's lexer reports its errors to the
 * collector as well; the fast one has none (it gives up instead).
 */
function createParser(text: string, collector: ProblemCollector, lexed: FastLexResult | undefined): apex.ApexParser {
  if (lexed?.ok) {
    acceptVoidAsMethodName(lexed.tokens);
    const parser = apex.ApexParserFactory.createParser(lexed.stream);
    parser.addErrorListener(collector);
    return parser;
  }
  const parser = apex.ApexParserFactory.createLexerAndParser(text, collector).parser;
  const stream = parser.getTokenStream() as unknown as { fill(): void; tokens: apex.ApexToken[] };
  stream.fill();
  acceptVoidAsMethodName(stream.tokens);
  return parser;
}

/**
 * `void` followed by `(` is a method's name (`public override Response
 * void(Source s)`, `gateway.void(src)`): the Salesforce compiler accepts it
 * (a public payment SDK deploys it), the grammar does not. As a return type
 * `void` is always followed by the method's name, so the rewrite to a name
 * token changes no valid reading. Done on the tokens both prediction modes
 * read, so the reference parse accepts it too.
 */
function acceptVoidAsMethodName(tokens: apex.ApexToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== apex.ApexLexer.VOID) continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j].channel !== 0) j++;
    if (tokens[j]?.type === apex.ApexLexer.LPAREN) (tokens[i] as { type: number }).type = apex.ApexLexer.Identifier;
  }
}

/**
 * Parse a class or trigger. Syntax errors are collected, not thrown: ANTLR
 * recovers and the tree still holds every member it could read.
 * Throws RangeError (nesting too deep) and AnalysisTimeout; callers turn
 * those into findings.
 */
export function parseApex(source: SourceText, kind: UnitKind, options: ParseOptions = {}): ParseResult {
  const result = parseUnit(source, kind, options);
  // ANTLR's error recovery follows its own prediction: on a syntax error the fast
  // predictions could resynchronise elsewhere (and swallow the members after it).
  // Files with errors are rare; read them again the way ANTLR does.
  if (result.problems.length === 0 || (options.strategy ?? 'fast') !== 'fast' || options.rereadOnError === false) return result;
  return rereadWithLL(result, () => parseUnit(source, kind, { ...options, strategy: 'll' }));
}

/**
 * The re-read costs about twice the fast parse on broken text (full LL
 * prediction is not cached across contexts); when it runs out of the file's
 * time, the fast parse's result stands rather than no result at all.
 */
function rereadWithLL<T>(fast: T, reread: () => T): T {
  try {
    return reread();
  } catch (e) {
    if (e instanceof AnalysisTimeout) return fast;
    throw e;
  }
}

function parseUnit(source: SourceText, kind: UnitKind, options: ParseOptions): ParseResult {
  const collector = new ProblemCollector(source);
  const parser = createParser(source.text, collector, options.lexer === 'antlr' ? undefined : fastTokens(source.text));
  installPrediction(parser, options.strategy ?? 'fast', options.deadline, options.isCancelled);
  const tree = kind === 'trigger' ? parser.triggerUnit() : parser.compilationUnit();
  const stream = parser.getTokenStream() as unknown as { tokens: apex.ApexToken[] };
  return { kind, tree, tokens: stream.tokens, problems: collector.finish() };
}

export interface BlockParseResult {
  block?: apex.BlockContext;
  /** All tokens of the block, comments included. */
  tokens: apex.ApexToken[];
  problems: SyntaxProblem[];
}

/**
 * Parse one member body — the `{ … }` at UTF-16 offsets [start, end) of
 * `source` — on its own, for re-analysing a member after an edit inside it.
 * The text before it is replaced by one run of spaces, so token offsets are
 * those of the whole file. Returns undefined when the text there is not one
 * self-contained block (an edit opened a comment or a string that runs past
 * it, or unbalanced the braces): the caller then parses the whole file.
 */
export function parseBlock(source: SourceText, start: number, end: number, context: number[], options: ParseOptions = {}): BlockParseResult | undefined {
  const result = parseBlockOnce(source, start, end, context, options);
  // As parseApex: a body with a syntax error is read again with ANTLR's own prediction.
  if (!result || result.problems.length === 0 || (options.strategy ?? 'fast') !== 'fast' || options.rereadOnError === false) return result;
  return rereadWithLL(result, () => parseBlockOnce(source, start, end, context, { ...options, strategy: 'll' }));
}

function parseBlockOnce(source: SourceText, start: number, end: number, context: number[], options: ParseOptions): BlockParseResult | undefined {
  const bodyText = source.text.slice(start, end);
  // Code points before the body (ANTLR counts code points, not UTF-16 units).
  const before = [...source.text.slice(0, start)].length;
  const padded = ' '.repeat(before) + bodyText;
  const lexed = options.lexer === 'antlr' ? undefined : fastTokens(padded);
  let tokens: apex.ApexToken[];
  if (lexed?.ok) {
    tokens = lexed.tokens.slice(0, -1);
  } else {
    const lexer = apex.ApexParserFactory.createLexer(padded);
    let lexerErrors = 0;
    (lexer as unknown as { removeErrorListeners(): void; addErrorListener(l: unknown): void }).removeErrorListeners();
    (lexer as unknown as { addErrorListener(l: unknown): void }).addErrorListener({ syntaxError: () => lexerErrors++ });
    tokens = lexer.getAllTokens() as apex.ApexToken[];
    // An unterminated comment or string here may end further on in the file
    // (an unclosed `/*` lexes as `/` then `*`, without an error).
    if (lexerErrors > 0) return undefined;
  }
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i - 1].type === apex.ApexLexer.DIV && tokens[i].start === tokens[i - 1].stop + 1 && (tokens[i].text ?? '').startsWith('*')) return undefined;
  }
  const code = tokens.filter((t) => t.channel === 0);
  if (code.length < 2 || code[0].type !== apex.ApexLexer.LBRACE || code[code.length - 1].type !== apex.ApexLexer.RBRACE) return undefined;
  if (source.unitOffset(code[0].start) !== start || source.unitOffset(code[code.length - 1].stop + 1) !== end) return undefined;
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const t = code[i].type;
    if (t === apex.ApexLexer.LBRACE) depth++;
    else if (t === apex.ApexLexer.RBRACE && --depth === 0 && i !== code.length - 1) return undefined;
  }
  if (depth !== 0) return undefined;
  const collector = new ProblemCollector(source);
  const parser = createParser(padded, collector, lexed);
  installPrediction(parser, options.strategy ?? 'fast', options.deadline, options.isCancelled);
  // The rule stack the body had in the whole file, so that error recovery and prediction see the same follow sets.
  let parent: apex.ApexParserRuleContext | undefined;
  for (let i = context.length - 1; i >= 1; i--) parent = new antlr4.ParserRuleContext(parent, context[i]);
  const state = parser as unknown as { _ctx: unknown; state: number };
  state._ctx = parent ?? null;
  state.state = context[0] ?? -1;
  const block = parser.block();
  const stream = parser.getTokenStream() as unknown as { tokens: apex.ApexToken[] };
  // The block must end where the body ends: its own closing brace is the body's last token, only EOF after it.
  if (parser.getCurrentToken().type !== antlr4.Token.EOF) return undefined;
  const stop = (block as unknown as { stop?: apex.ApexToken }).stop;
  if (!stop || stop.start !== code[code.length - 1].start) return undefined;
  // An error at the end means the body ran out while a construct was still open: in the
  // whole file that construct would go on into what follows.
  const problems = collector.finish();
  if (problems.some((p) => p.start >= end - 1)) return undefined;
  return { block, tokens: stream.tokens, problems };
}
