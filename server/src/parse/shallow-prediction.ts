/**
 * Decisions of the Apex grammar taken from the next one or two tokens.
 *
 * SLL prediction merges every context a rule is used in. For a few
 * decisions that makes it look ahead to the end of the statement (a `<`
 * after `List` could compare, in some context, so it reads on to find out)
 * and build new DFA states for every statement shape it meets: on a real
 * org (NPSP, 1,199 files) these decisions were two thirds of all parsing
 * time, and the DFA never stopped growing. The later ones (operators,
 * members, creators, class literals, subscripts) cost less but were still
 * ANTLR's largest prediction costs on a cold run: NPSP's chosen files spent
 * 289 ms predicting, 149 ms after. In Apex each of them is decided
 * by the next token or two:
 *
 * - `LIST typeArguments?`, `SET typeArguments?`, `MAP typeArguments?`
 *   (typeName): `list`, `set` and `map` are reserved words; a `<` after one
 *   always opens its type arguments;
 * - `(DOT | QUESTIONDOT) (dotMethodCall | anyId)` (expression): a name
 *   followed by `(` is a method call, anything else is a field;
 * - `primary | methodCall | NEW creator | …` (expression): a name, `this`
 *   or `super` followed by `(` is a call; otherwise the one alternative the
 *   first token can start (the two that start with `(`, a cast or a
 *   parenthesised expression, are left to ANTLR);
 * - `typeName (DOT typeName)*` (typeRef): a `.` followed by a name goes on
 *   with the qualified type name (`.class` ends it);
 * - a cast or a parenthesis (`(Foo) x` or `(a + b) * c`): by what is inside
 *   the parentheses and the token after them (castOrParenthesis);
 * - the operator loop of `expression`: it ends when no operator follows, and
 *   otherwise goes on exactly when ANTLR's precedence predicate would let it
 *   (the operator's level, read from the grammar, against the parser's);
 * - which operator then goes on (`expression`): the one its token starts,
 *   `<<`/`>>` against `<`/`>` by the token after it;
 * - `primary`: a name (`a`, `a.b.c(…)`) against a class literal
 *   (`Foo.class`, `Outer.Inner.class`), reading the dotted names on;
 * - `statement`: a local variable declaration against an expression
 *   (declarationOrExpression);
 * - `memberDeclaration`: a method, constructor, property or field by what
 *   follows its type (memberKind);
 * - `creator`: arguments, an array, or after `{` an empty, map or set
 *   initializer (creatorRest);
 * - `arraySubscripts`: `[]` goes on, `[` before anything else ends it.
 *
 * A predictor returns 0 when it cannot tell; ANTLR's own prediction then
 * decides (ASK_LL: its full LL prediction, for a decision that depends on
 * what follows the construct, such as a type that ends an `instanceof`). The parse trees are the same as ANTLR's on every file of the
 * development corpus (test/src/unit/parse.test.ts checks the shapes).
 * Found by the grammar's structure, not by decision numbers, so that a new
 * version of the parser package fails loudly (no predictor found) rather
 * than predicting the wrong decision.
 */
import { apex } from './antlr';

export interface TokenLookahead {
  LA(i: number): number;
}

/** The parser's current precedence (`expression[p]`): ANTLR's precedence predicates compare against it. */
export interface PrecedenceSource {
  getPrecedence(): number;
}

/**
 * A predictor's answer: the alternative (1-based); 0 when it cannot tell and
 * ANTLR's prediction in the parser's mode decides; ASK_LL when the decision
 * depends on what follows the construct, which only ANTLR's full LL
 * prediction (it reads the caller's context) gets right.
 */
type Predictor = (input: TokenLookahead, parser: PrecedenceSource) => number;
export const ASK_LL = -1;

interface TokenSet {
  contains(t: number): boolean;
  length: number;
}
interface AtnTransition {
  target: AtnState;
  isEpsilon: boolean;
  ruleIndex?: number;
  followState?: AtnState;
  label?: TokenSet | null;
}
interface AtnState {
  stateNumber: number;
  ruleIndex: number;
  decision: number;
  transitions: AtnTransition[];
}
interface Atn {
  states: (AtnState | null)[];
  decisionToState: AtnState[];
  ruleToStartState: AtnState[];
  nextTokens(s: AtnState): TokenSet;
}

const { ApexLexer: L, ApexParser: P } = apex;

/** The rule an alternative starts by calling, through epsilon transitions only; -1 when it starts with a token. */
function entersRule(s: AtnState, seen = new Set<number>()): number {
  for (const t of s.transitions) {
    if (t.followState !== undefined && t.ruleIndex !== undefined) return t.ruleIndex;
    if (t.isEpsilon && !seen.has(t.target.stateNumber)) {
      seen.add(t.target.stateNumber);
      const r = entersRule(t.target, seen);
      if (r !== -1) return r;
    }
  }
  return -1;
}

/** The alternative (1-based) of a decision that starts by calling `rule`; 0 when none does. */
function altEntering(s: AtnState, rule: number): number {
  return s.transitions.findIndex((t) => entersRule(t.target) === rule) + 1;
}

/** The rule an alternative calls right after its first token (`LPAREN typeRef …` → typeRef). */
function entersRuleAfterToken(s: AtnState, seen = new Set<number>()): number {
  for (const t of s.transitions) {
    if (t.followState !== undefined) continue;
    if (t.isEpsilon) {
      if (seen.has(t.target.stateNumber)) continue;
      seen.add(t.target.stateNumber);
      const r = entersRuleAfterToken(t.target, seen);
      if (r !== -1) return r;
    } else return entersRule(t.target);
  }
  return -1;
}

/** Tokens after `(a)` that start an operand and cannot go on from an expression: `(a)` was a cast. */
const OPERAND_START = new Set([
  L.Identifier,
  L.StringLiteral,
  L.MultilineStringLiteral,
  L.IntegerLiteral,
  L.LongLiteral,
  L.NumberLiteral,
  L.BooleanLiteral,
  L.NullLiteral,
  L.NEW,
  L.LPAREN,
  L.BANG,
  L.TILDE,
  L.THIS,
  L.SUPER,
  L.NULL,
]);
const ASSIGNMENTS = new Set([
  L.ASSIGN,
  L.ADD_ASSIGN,
  L.SUB_ASSIGN,
  L.MUL_ASSIGN,
  L.DIV_ASSIGN,
  L.AND_ASSIGN,
  L.OR_ASSIGN,
  L.XOR_ASSIGN,
  L.LSHIFT_ASSIGN,
  L.RSHIFT_ASSIGN,
  L.URSHIFT_ASSIGN,
]);
/** Tokens after `(a)` that cannot start an operand: `(a)` was an expression in parentheses. */
const NO_OPERAND = new Set([
  L.RPAREN,
  L.SEMI,
  L.DOT,
  L.COMMA,
  L.QUESTIONDOT,
  L.QUESTION,
  L.COLON,
  L.EQUAL,
  L.TRIPLEEQUAL,
  L.NOTEQUAL,
  L.LESSANDGREATER,
  L.TRIPLENOTEQUAL,
  L.AND,
  L.OR,
  L.COAL,
  L.MUL,
  L.DIV,
  L.BITAND,
  L.BITOR,
  L.CARET,
  L.GT,
  L.LT,
  L.RBRACK,
  L.RBRACE,
  L.MAPTO,
  L.INSTANCEOF,
  ...ASSIGNMENTS,
]);
const EOF = -1;
const TYPE_PUNCTUATION = new Set([L.DOT, L.LT, L.GT, L.COMMA, L.LBRACK, L.RBRACK]);
/** How far a cast's type is read before ANTLR decides instead. */
const MAX_CAST_TOKENS = 64;

/**
 * `( … )` at the start of an operand: a cast (`(Foo) x`) or an expression in
 * parentheses (`(a + b) * c`). What is inside can be a type name only if
 * it is made of names, `.`, `<`, `>`, `,`, `[` and `]`; then what follows the
 * `)` tells: an operand (a name, a literal, `new`, `(`, `!`) makes it a cast,
 * an operator or the end of the expression a parenthesis. `+`, `-`, `++`,
 * `--` and `[` could be either: ANTLR decides.
 */
function castOrParenthesis(input: TokenLookahead, typeNameFirst: TokenSet, castAlt: number): number {
  let depth = 0;
  let typeLike = true;
  for (let i = 2; i < MAX_CAST_TOKENS; i++) {
    const t = input.LA(i);
    if (t === L.LPAREN) depth++;
    else if (t === L.RPAREN) {
      if (depth === 0) {
        if (!typeLike || i === 2) return castAlt + 1;
        const after = input.LA(i + 1);
        if (OPERAND_START.has(after)) return castAlt;
        if (NO_OPERAND.has(after)) return castAlt + 1;
        return 0;
      }
      depth--;
    } else if (t === EOF || t === L.SEMI || t === L.LBRACE || t === L.RBRACE) return 0;
    if (t === L.LPAREN || t === L.RPAREN || !(typeNameFirst.contains(t) || TYPE_PUNCTUATION.has(t))) typeLike = false;
  }
  return 0;
}

/** The type of the code token `k` places back; EOF when the input starts closer (ANTLR's stream has no token there). */
function tokenBack(input: TokenLookahead, k: number): number {
  try {
    return input.LA(-k);
  } catch {
    return EOF;
  }
}

/** A `(…)*` loop's entry, whose second alternative leaves the loop (matches nothing). */
function isLoopExit(atn: Atn, s: AtnState): boolean {
  const exit = atn.nextTokens(s.transitions[1].target);
  return exit.length === 1 && exit.contains(EPSILON_TOKEN) && (s as { stateType?: number }).stateType === STAR_LOOP_ENTRY;
}
const EPSILON_TOKEN = -2;

/** The level of the precedence predicate an alternative starts with (`precpred(_ctx, level)`), if it does. */
function precedenceOf(s: AtnState): number | undefined {
  const t = s.transitions[0] as (AtnTransition & { precedence?: number }) | undefined;
  return t?.precedence;
}

/**
 * The precedence level of the operator next in the input, read from the
 * loop body's alternatives (each starts with `precpred(_ctx, level)` and its
 * operator). `<` and `>` start both a comparison and a shift (`<<`, `>>`):
 * the token after them tells. Undefined when the structure is not the one
 * expected.
 */
function operatorLevels(atn: Atn, body: AtnState): (input: TokenLookahead) => number | undefined {
  // The loop body is a block whose alternatives each start with a precedence predicate.
  let block = body;
  for (
    let i = 0;
    i < 3 && block.transitions.length === 1 && block.transitions[0].isEpsilon && (block.transitions[0] as { precedence?: number }).precedence === undefined;
    i++
  )
    block = block.transitions[0].target;
  const byToken = new Map<number, number[]>();
  for (const alt of block.transitions) {
    const pred = alt.target.transitions[0] as AtnTransition & { precedence?: number };
    if (!pred || pred.precedence === undefined) continue;
    const tokens = atn.nextTokens(pred.target) as TokenSet & { intervals?: { start: number; stop: number }[] | null };
    for (const iv of tokens.intervals ?? []) for (let t = iv.start; t < iv.stop; t++) byToken.set(t, [...(byToken.get(t) ?? []), pred.precedence]);
  }
  return (input) => {
    const t = input.LA(1);
    const levels = byToken.get(t);
    if (!levels) return undefined;
    if (levels.length === 1) return levels[0];
    if ((t === L.LT || t === L.GT) && levels.length === 2) return input.LA(2) === t ? Math.max(...levels) : Math.min(...levels);
    return undefined;
  };
}
const STAR_LOOP_ENTRY = 10;

const DECLARATOR_END = new Set([L.ASSIGN, L.SEMI, L.COMMA, L.COLON]);

/**
 * A statement that starts with a name: a local variable declaration
 * (`Foo x = …;`, `List<Foo> xs;`, `Outer.Inner[] ys;`) or an expression
 * (`foo.bar(x);`, `x = 1;`, `i++;`). A type, then a name, then `=`, `;`,
 * `,` or `:` is a declaration; a name or dotted names followed by `(`, an
 * assignment, `++`, `--` or an index is an expression. Anything else: ANTLR
 * decides.
 */
function declarationOrExpression(input: TokenLookahead, typeNameFirst: TokenSet, declaration: number, expression: number): number {
  const type = scanTypeRef(input, 1, typeNameFirst);
  if (!type) return 0;
  let i = type.end;
  const next = input.LA(i);
  if (type.plain && (next === L.LPAREN || next === L.INC || next === L.DEC || ASSIGNMENTS.has(next))) return expression;
  if (type.plain && next === L.LBRACK && input.LA(i + 1) !== L.RBRACK) return expression;
  while (input.LA(i) === L.LBRACK && input.LA(i + 1) === L.RBRACK) i += 2;
  if (typeNameFirst.contains(input.LA(i)) && DECLARATOR_END.has(input.LA(i + 1))) return declaration;
  return 0;
}

/**
 * The type names at `i`: `name typeArguments? (. name typeArguments?)*`,
 * without array brackets. `end` is the index of the token after them,
 * `plain` whether they were only names and dots (`a.b`, not `List<X>`).
 * Undefined when no name is at `i` or type arguments do not close within
 * reach.
 */
function scanTypeRef(input: TokenLookahead, start: number, typeNameFirst: TokenSet): { end: number; plain: boolean } | undefined {
  let i = start;
  let plain = true;
  for (;;) {
    if (!typeNameFirst.contains(input.LA(i))) return undefined;
    i++;
    if (input.LA(i) === L.LT) {
      plain = false;
      let depth = 0;
      for (; i < start + MAX_CAST_TOKENS; i++) {
        const t = input.LA(i);
        if (t === L.LT) depth++;
        else if (t === L.GT) {
          if (--depth === 0) break;
        } else if (!(typeNameFirst.contains(t) || TYPE_PUNCTUATION.has(t))) return undefined;
      }
      if (depth !== 0) return undefined;
      i++;
    }
    if (input.LA(i) !== L.DOT) return { end: i, plain };
    i++;
  }
}

/**
 * A member of a class: `Type name(` a method, `Name(` a constructor,
 * `Type name {` a property, `Type name =`, `;` or `,` a field (the type may
 * be qualified, generic or an array). Anything else: ANTLR decides.
 */
function memberKind(input: TokenLookahead, typeNameFirst: TokenSet, idFirst: TokenSet, alt: MemberAlts): number {
  const type = scanTypeRef(input, 1, typeNameFirst);
  if (!type) return 0;
  let i = type.end;
  if (input.LA(i) === L.LPAREN) return type.plain ? alt.constructor : 0;
  while (input.LA(i) === L.LBRACK && input.LA(i + 1) === L.RBRACK) i += 2;
  if (!idFirst.contains(input.LA(i))) return 0;
  const next = input.LA(i + 1);
  if (next === L.LPAREN) return alt.method;
  if (next === L.LBRACE) return alt.property;
  if (next === L.ASSIGN || next === L.SEMI || next === L.COMMA) return alt.field;
  return 0;
}
interface MemberAlts {
  method: number;
  constructor: number;
  property: number;
  field: number;
}

/**
 * What follows `new Foo`: `(` arguments, `[` an array, and after `{` an
 * empty initializer (`{}`), a map (`{ k => v, … }`: a `=>` before the first
 * `,` or `}` at the top level) or a set or list (`{ a, b }`). Anything else:
 * ANTLR decides.
 */
function creatorRest(
  input: TokenLookahead,
  typeNameFirst: TokenSet,
  alt: { noRest: number; classRest: number; arrayRest: number; mapRest: number; setRest: number },
): number {
  const t = input.LA(1);
  if (t === L.LPAREN) return alt.classRest;
  if (t === L.LBRACK) return alt.arrayRest;
  if (t !== L.LBRACE) return 0;
  if (input.LA(2) === L.RBRACE) return alt.noRest;
  let depth = 0;
  // A `<` at the top level that is not known to open type arguments: a `,` after it may be inside them.
  let openAngle = false;
  for (let i = 2; i < MAX_INITIALIZER_TOKENS; i++) {
    const k = input.LA(i);
    if (k === L.LPAREN || k === L.LBRACK || k === L.LBRACE) depth++;
    else if (k === L.RPAREN || k === L.RBRACK || k === L.RBRACE) {
      if (depth === 0) return k === L.RBRACE ? (openAngle ? ASK_LL : alt.setRest) : 0;
      depth--;
    } else if (depth === 0 && k === L.MAPTO) return alt.mapRest;
    else if (depth === 0 && k === L.COMMA) return openAngle ? ASK_LL : alt.setRest;
    else if (depth === 0 && k === L.LT) {
      const close = opensTypeArguments(input, i, typeNameFirst) ? closingAngle(input, i, typeNameFirst) : 0;
      if (close > 0) i = close;
      else openAngle = true;
    } else if (k === EOF || k === L.SEMI) return 0;
  }
  return 0;
}

/**
 * A `<` at `i` that can only open type arguments: after `List`, `Set` or
 * `Map` (reserved words), or after the type name of a `new` (`new Foo<`,
 * `new a.Foo<`). Elsewhere it may compare.
 */
function opensTypeArguments(input: TokenLookahead, i: number, typeNameFirst: TokenSet): boolean {
  const before = input.LA(i - 1);
  if (before === L.LIST || before === L.SET || before === L.MAP) return true;
  let j = i - 1;
  while (typeNameFirst.contains(input.LA(j)) && input.LA(j - 1) === L.DOT) j -= 2;
  return typeNameFirst.contains(input.LA(j)) && input.LA(j - 1) === L.NEW;
}

/** The index of the `>` that closes type arguments opened at `i`; 0 when they hold anything but a type or do not close within reach. */
function closingAngle(input: TokenLookahead, i: number, typeNameFirst: TokenSet): number {
  let depth = 0;
  for (let j = i; j < i + MAX_CAST_TOKENS; j++) {
    const t = input.LA(j);
    if (t === L.LT) depth++;
    else if (t === L.GT) {
      if (--depth === 0) return j;
    } else if (!(typeNameFirst.contains(t) || TYPE_PUNCTUATION.has(t))) return 0;
  }
  return 0;
}
/** How far the first entry of a collection initializer is read before ANTLR decides instead. */
const MAX_INITIALIZER_TOKENS = 256;

/**
 * A name at the start of a primary: a name (`a`, `a.b`, `a.b(…)`) or a
 * class literal (`Foo.class`, `Outer.Inner.class`). Dotted names are read
 * on: `.class` makes the literal; anything else that a type name cannot go
 * on with makes a name. Type arguments and `[]` (`List<Foo>.class`,
 * `Foo[].class`): ANTLR decides.
 */
function nameOrClassLiteral(input: TokenLookahead, typeNameFirst: TokenSet, typeClass: number, name: number): number {
  for (let i = 1; i < MAX_CAST_TOKENS; i += 2) {
    const next = input.LA(i + 1);
    if (next === L.LT) return 0;
    if (next === L.LBRACK) return input.LA(i + 2) === L.RBRACK ? 0 : name;
    if (next !== L.DOT) return name;
    const after = input.LA(i + 2);
    // `Id.class(x)` calls a method named `class`.
    if (after === L.CLASS) return input.LA(i + 3) === L.LPAREN ? ASK_LL : typeClass;
    if (!typeNameFirst.contains(after)) return name;
  }
  return 0;
}

/**
 * The alternatives (1-based) whose first tokens include a token, per token
 * type: asked at every decision, so each list is made once.
 */
function altsByToken(firsts: TokenSet[]): (t: number) => readonly number[] {
  const lists: (readonly number[] | undefined)[] = [];
  const find = (t: number) => {
    const found: number[] = [];
    for (let i = 0; i < firsts.length; i++) if (firsts[i].contains(t)) found.push(i + 1);
    return found;
  };
  return (t) => (t < 0 ? find(t) : (lists[t] ??= find(t)));
}

let predictors: Map<number, Predictor> | undefined;

export function shallowPredictors(parser: apex.ApexParser): Map<number, Predictor> {
  if (predictors) return predictors;
  const atn = (parser as unknown as { atn: Atn }).atn;
  const out = new Map<number, Predictor>();
  const first = (s: AtnState, alt: number) => atn.nextTokens(s.transitions[alt - 1].target);
  const altsStartingAt = (s: AtnState) => altsByToken(s.transitions.map((_, i) => first(s, i + 1)));
  /** The one alternative the next token starts; between alternatives `a` and `b` alone, `decide`; else ANTLR. */
  const oneOrBetween = (s: AtnState, a: number, b: number, decide: Predictor): Predictor => {
    const altsOf = altsStartingAt(s);
    return (input, parser) => {
      const alts = altsOf(input.LA(1));
      if (alts.length === 1) return alts[0];
      if (alts.length !== 2 || !alts.includes(a) || !alts.includes(b)) return 0;
      return decide(input, parser);
    };
  };
  const reachedBy = (s: AtnState, tokens: number[]) =>
    atn.states.some(
      (from) =>
        from !== null &&
        from.ruleIndex === s.ruleIndex &&
        from.transitions.some((t) => t.target === s && !!t.label && tokens.some((k) => t.label!.contains(k))),
    );
  const typeNameFirst = atn.nextTokens(atn.ruleToStartState[P.RULE_typeName]);
  for (const s of atn.decisionToState) {
    const alts = s.transitions.length;
    if (s.ruleIndex === P.RULE_typeName && alts === 2) {
      const f = first(s, 1);
      // After `instanceof` (`x instanceof List < 3`) or a qualifier the type may end the expression and `<` compare.
      if (f.length === 1 && f.contains(L.LT) && reachedBy(s, [L.LIST, L.SET, L.MAP]))
        out.set(s.decision, (input) => {
          if (input.LA(1) !== L.LT) return 2;
          const before = tokenBack(input, 2);
          return before === L.INSTANCEOF || before === L.DOT ? ASK_LL : 1;
        });
    } else if (
      s.ruleIndex === P.RULE_expression &&
      alts === 2 &&
      entersRule(s.transitions[0].target) === P.RULE_dotMethodCall &&
      entersRule(s.transitions[1].target) === P.RULE_anyId
    ) {
      const names = first(s, 1);
      out.set(s.decision, (input) => (names.contains(input.LA(1)) ? (input.LA(2) === L.LPAREN ? 1 : 2) : 0));
    } else if (
      s.ruleIndex === P.RULE_expression &&
      alts > 2 &&
      entersRule(s.transitions[0].target) === P.RULE_primary &&
      entersRule(s.transitions[1].target) === P.RULE_methodCall
    ) {
      const firsts = s.transitions.map((_, i) => first(s, i + 1));
      const altsOf = altsByToken(firsts);
      // `( typeRef ) expression`: the first of the two alternatives that start with `(` and enter typeRef next
      const castAlt =
        s.transitions.findIndex((t, i) => firsts[i].length === 1 && firsts[i].contains(L.LPAREN) && entersRuleAfterToken(t.target) === P.RULE_typeRef) + 1;
      // The parenthesis is the alternative right after the cast (`LPAREN expression RPAREN`).
      if (castAlt === 0 || entersRuleAfterToken(s.transitions[castAlt].target) !== P.RULE_expression)
        throw new Error('apex parser: no cast / parenthesis decision (has the grammar changed?)');
      out.set(s.decision, (input) => {
        const t = input.LA(1);
        const alts = altsOf(t);
        if (alts.length === 1) return alts[0];
        if (alts.length === 2 && alts[0] === 1 && alts[1] === 2) return input.LA(2) === L.LPAREN ? 2 : 1;
        if (alts.length === 2 && t === L.LPAREN) return castOrParenthesis(input, typeNameFirst, castAlt);
        return 0;
      });
    } else if (s.ruleIndex === P.RULE_typeRef && alts === 2) {
      const f = first(s, 1);
      if (f.length === 1 && f.contains(L.DOT) && entersRule(s.transitions[1].target) === P.RULE_arraySubscripts) {
        out.set(s.decision, (input) => {
          if (input.LA(1) !== L.DOT) return 2;
          const next = input.LA(2);
          if (next === L.CLASS || !typeNameFirst.contains(next)) return 0;
          // A type that ends an expression (`x instanceof Foo.equals(y)`) is followed by
          // what follows an expression: dotted names then `(` are a method call on it.
          let i = 3;
          while (input.LA(i) === L.DOT && typeNameFirst.contains(input.LA(i + 1)) && i < MAX_CAST_TOKENS) i += 2;
          return input.LA(i) === L.LPAREN ? ASK_LL : 1;
        });
      }
    } else if (s.ruleIndex === P.RULE_arraySubscripts && alts === 2 && isLoopExit(atn, s)) {
      // `(LBRACK RBRACK)*` after a type: `[]` goes on; `[` before anything else is an index, which no
      // type is followed by, so the subscripts end there.
      out.set(s.decision, (input) => (input.LA(1) === L.LBRACK && input.LA(2) === L.RBRACK ? 1 : 2));
    } else if (s.ruleIndex === P.RULE_expression && alts > 2 && s.transitions.every((t) => precedenceOf(t.target) !== undefined)) {
      // Which operator goes on the expression, once the loop above decided it does: the one
      // alternative its token starts, `<`/`>` doubled for a shift (the higher level), single to compare.
      const levels = s.transitions.map((t) => precedenceOf(t.target)!);
      const altsOf = altsStartingAt(s);
      out.set(s.decision, (input, parser) => {
        const t = input.LA(1);
        const alts = altsOf(t);
        let alt: number;
        if (alts.length === 1) alt = alts[0];
        else if (alts.length === 2 && (t === L.LT || t === L.GT)) {
          const [shift, compare] = levels[alts[0] - 1] > levels[alts[1] - 1] ? alts : [alts[1], alts[0]];
          alt = input.LA(2) === t ? shift : compare;
        } else return 0;
        return levels[alt - 1] >= parser.getPrecedence() ? alt : 0;
      });
    } else if (s.ruleIndex === P.RULE_creator && alts === 5) {
      const alt = {
        noRest: altEntering(s, P.RULE_noRest),
        classRest: altEntering(s, P.RULE_classCreatorRest),
        arrayRest: altEntering(s, P.RULE_arrayCreatorRest),
        mapRest: altEntering(s, P.RULE_mapCreatorRest),
        setRest: altEntering(s, P.RULE_setCreatorRest),
      };
      if (Object.values(alt).every((a) => a > 0)) out.set(s.decision, (input) => creatorRest(input, typeNameFirst, alt));
    } else if (s.ruleIndex === P.RULE_memberDeclaration && alts > 4) {
      const altsOf = altsStartingAt(s);
      const alt = {
        method: altEntering(s, P.RULE_methodDeclaration),
        constructor: altEntering(s, P.RULE_constructorDeclaration),
        property: altEntering(s, P.RULE_propertyDeclaration),
        field: altEntering(s, P.RULE_fieldDeclaration),
      };
      const idFirst = atn.nextTokens(atn.ruleToStartState[P.RULE_id]);
      if (Object.values(alt).every((a) => a > 0)) {
        out.set(s.decision, (input) => {
          const alts = altsOf(input.LA(1));
          if (alts.length === 1) return alts[0];
          const kind = memberKind(input, typeNameFirst, idFirst, alt);
          return alts.includes(kind) ? kind : 0;
        });
      }
    } else if (s.ruleIndex === P.RULE_expression && alts === 2 && isLoopExit(atn, s)) {
      // The operator loop of `expression`: without an operator next, the expression ends here;
      // with one, it goes on when the operator binds at least as tight as the expression being read
      // (ANTLR's precedence predicate, `precpred(_ctx, level)`: level >= the parser's precedence).
      const operators = first(s, 1);
      const level = operatorLevels(atn, s.transitions[0].target);
      out.set(s.decision, (input, parser) => {
        const t = input.LA(1);
        if (!operators.contains(t)) return 2;
        const l = level(input);
        if (l === undefined) return 0;
        return l >= parser.getPrecedence() ? 1 : 2;
      });
    } else if (s.ruleIndex === P.RULE_primary && alts > 2) {
      const typeClass = altEntering(s, P.RULE_typeRef);
      const name = altEntering(s, P.RULE_id);
      if (typeClass > 0 && name > 0)
        out.set(
          s.decision,
          oneOrBetween(s, typeClass, name, (input) => nameOrClassLiteral(input, typeNameFirst, typeClass, name)),
        );
    }
  }
  const statement = atn.decisionToState.find((s) => s.ruleIndex === P.RULE_statement && s.transitions.length > 10);
  if (statement) {
    const declaration = altEntering(statement, P.RULE_localVariableDeclarationStatement);
    const expression = altEntering(statement, P.RULE_expressionStatement);
    if (declaration > 0 && expression > 0)
      out.set(
        statement.decision,
        oneOrBetween(statement, declaration, expression, (input) => declarationOrExpression(input, typeNameFirst, declaration, expression)),
      );
  }
  if (out.size !== 13) throw new Error(`apex parser: expected 13 shallow decisions, found ${out.size} (has the grammar changed?)`);
  predictors = out;
  return out;
}
