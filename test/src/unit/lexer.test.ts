/**
 * The hand-written lexer (server/src/parse/lexer) must produce exactly the
 * tokens of ANTLR's generated ApexLexer — type, channel, start/stop, line,
 * column, text, token index, EOF — or give up so that ANTLR's lexer runs.
 * Every case here compares the two token by token; where ANTLR reports a
 * token recognition error, the fast lexer must have given up.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apex, antlr4 } from '../../../server/out/parse/antlr';
import { allTokens, fastTokens } from '../../../server/out/parse/lexer/tokens';
import { PRIMERS } from '../../../server/out/parse/lexer/scan';
import { parseApex, parseBlock } from '../../../server/out/parse/parse';
import { SourceText } from '../../../server/out/base/source';
import { ROOT } from '../support/lint';

const L = apex.ApexLexer;

function show(t: apex.ApexToken): string {
  return `${L.symbolicNames[t.type] ?? t.type}/${t.channel} ${t.start}:${t.stop} @${t.line}:${t.column} #${t.tokenIndex} ${JSON.stringify(t.text)}`;
}

/** ANTLR's tokens as the parser's token stream holds them (token indices set), and whether its lexer reported errors. */
function antlrTokens(text: string): { tokens: string[]; errors: number } {
  const lexer = apex.ApexParserFactory.createLexer(text);
  let errors = 0;
  (lexer as unknown as { addErrorListener(l: unknown): void }).addErrorListener({ syntaxError: () => errors++ });
  const stream = new antlr4.CommonTokenStream(lexer) as unknown as { fill(): void; tokens: apex.ApexToken[] };
  stream.fill();
  return { tokens: stream.tokens.map(show), errors };
}

/** The fast lexer's tokens read through its token stream, or undefined when it gave up. */
function fast(text: string): string[] | undefined {
  const lexed = fastTokens(text);
  if (!lexed.ok) return undefined;
  const stream = lexed.stream as unknown as { fill(): void; tokens: apex.ApexToken[] };
  stream.fill();
  assert.equal(stream.tokens.length, lexed.tokens.length);
  return stream.tokens.map(show);
}

/** Either the same tokens as ANTLR, or the fast lexer gave up; never a token ANTLR would not make. Returns whether it lexed. */
function agrees(text: string): boolean {
  const reference = antlrTokens(text);
  const ours = fast(text);
  if (ours) {
    assert.equal(reference.errors, 0, `ANTLR reports an error on ${JSON.stringify(text)} but the fast lexer went on`);
    assert.deepEqual(ours, reference.tokens, JSON.stringify(text));
  }
  return ours !== undefined;
}

function lexesLikeAntlr(text: string): void {
  if (agrees(text)) return;
  const lexed = fastTokens(text);
  assert.fail(`the fast lexer gave up on ${JSON.stringify(text)}: ${lexed.ok ? '' : `${lexed.reason} at ${lexed.offset}`}`);
}

function apexFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(cls|trigger)$/.test(f))
    .map((f) => path.join(dir, f));
}

/** A small deterministic generator (mulberry32), so the random cases are the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fast lexer', () => {
  it('lexes every literal form as ANTLR does', () => {
    const cases = [
      '',
      ' ',
      'x',
      '0 1 42 007 1L 1l 0123L 1.5 1.5d 1.5D .5 .5d 1. 1.x 1..2 1.2.3 1e5 1.5e3 1.5dd 12abc 1_000',
      '2020-01-01 2020-01-01T10:00:00Z 2020-01-01t10:00:00z 2020-01-01T10:00:00 2020-01-01T10:00:00.123Z 2020-01-01T10:00:00+05:30 2020-01-01T10:00:00-08 2020-01-01T10:00:00+05:',
      '10:00:00Z 10:00:00.5z 10:00:00.5 10:00:00+01 10:00 1:00:00Z 100:00:00Z 2020-1-01 20201-01-01 2020-01-0 2020-01-01T1:00:00Z',
      'USD100 usd100 Usd100x EUR5.5 US100 USDX100 abc1 ab1 a$c1 _ab1',
      'true TRUE False null NULL Null nullx truex',
      'System.runAs(u) SYSTEM.RUNAS system.runAsX system.run system . runAs System.Debug Systemx.runAs',
      "'' 'a' 'it''s' 'a\\'b' '\\\\' '\\n\\t\\r\\b\\f\\\"' '\\N\\T\\R\\B\\F' '\\u00e9' '\\U00E9' '\\uABCD' 'line\nbreak' 'tab\there'",
      "'''\nmulti\nline''' '''\r\nx''' '''\nend''''x' '''\nescaped \\''' still''' '''x' '''' ''",
      "[FIND 'acme*' IN ALL FIELDS] [find {acme\\}x} RETURNING Account] [ \n Find\t'a\\'b\\\\c'] [FINDx 'a'] [FIND] [ FIND x] [find'a'] list[0]",
      '@IsTest @AuraEnabled(cacheable=true) @future(callout=true)',
      'a>>>=b>>=c>>>d<<=e<<f?.g??h=>i===j!==k<>l!=m==n=o&&p||q++r--s+=t-=u*=v/=w&=x|=y^=z',
      '( ) { } [ ] ; , . ~ ! ? : + - * / & | ^ < > = @ ?.5 x.5 a?b:c a? .b',
      'SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE CreatedDate = LAST_N_DAYS:5 AND Name LIKE :pattern AND Id IN :ids ORDER BY Name ASC NULLS LAST LIMIT 10 OFFSET :n',
      'SELECT COUNT() FROM Opportunity WHERE CloseDate > 2020-01-01 AND LastModifiedDate < 2020-01-01T00:00:00Z AND Amount > USD5000 WITH SECURITY_ENFORCED',
      'select typeof What when Account then Name else Title end from Event using scope mine for view update tracking',
      'FIND :term IN NAME FIELDS RETURNING Account(Id WHERE Name != null) WITH SPELL_CORRECTION = false LIMIT 5',
      'x$y _x __x$ $ a1b2 ABSTRACT abstract Abstract abstractx xabstract class_ last_90_days LAST_N_DAYS n_days_ago',
      '/** doc */ /* c */ /**/ /***/ /****/ /**/ x */ /* a /* b */ /** a\n * b\n */ //line\n// \r\n//\rx',
      '/**/ /* no doc */ x */',
      'a/b/=c/ /d /*x*/y//z',
      'a\r\nb\rc\n\rd\t\te\f f  \r\n\r\n  g',
      "String s = '\u{1F600}'; // \u{1F680} rocket\n/* \u{1F600}\u{1F600} */ String t = 'é'; Integer x = 1;",
      "'\u{1F600}\n\u{1F600}' x /* \u{1F600}\n\u{1F600}\n */ y '\ud83d' '\ude00' '\ude00\ud83d'",
      'public class A { void m() { Integer i = 0; i++; } }\n',
    ];
    for (const text of cases) lexesLikeAntlr(text);
  });

  it('lexes every keyword and operator of the generated lexer, in any case and next to other text', () => {
    let lexed = 0;
    L.literalNames.forEach((quoted) => {
      if (!quoted) return;
      const lit = quoted.slice(1, -1);
      const mixed = [...lit].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
      for (const form of [lit, lit.toUpperCase(), mixed]) {
        lexesLikeAntlr(form);
        lexesLikeAntlr(`${form} x ${form}1 x${form} ${form}$ (${form})`);
        lexed++;
      }
    });
    assert.ok(lexed > 600);
  });

  it('agrees with ANTLR on every string of up to three characters from the punctuation, quote and digit alphabet', () => {
    const alphabet = [...'()[]{};,.@~!?:+-*/&|^<>=\'\\ 1aL"#\n'];
    let lexed = 0;
    let gaveUp = 0;
    for (const a of alphabet) {
      for (const b of alphabet) {
        for (const c of ['', ...alphabet]) {
          if (agrees(a + b + c)) lexed++;
          else gaveUp++;
        }
      }
    }
    // Most of them lex; the rest are errors (`#`, `"`, `\`), unterminated strings or `/*`.
    assert.ok(lexed > 20000 && gaveUp > 1000, `${lexed} lexed, ${gaveUp} gave up`);
  });

  it('agrees with ANTLR on random Apex-like text', () => {
    const pieces = [
      ...['class', 'SELECT', 'from', 'where', 'x', 'Foo_1', 'USD12', 'System', '.runAs', 'true', 'null', 'FIND', 'find', 'n_days_ago'],
      ...['0', '12', '2020-01-01', 'T', '10:00:00', 'Z', '+05:30', '.5', 'L', 'd', '1.'],
      ...["'", "'''", '\\', "\\'", '\\u00e9', '\\u12', '"', '[', ']', '{', '}', '(', ')', ';', ':', '?', '.', '=', '>', '<', '!', '&', '|'],
      ...['/*', '*/', '/**', '//', '/', '*', ' ', '  ', '\n', '\r', '\r\n', '\t', '\f', '\u000b', '\u{1F600}', 'é', '\ud83d', '#', '@'],
    ];
    const next = random(12);
    let lexed = 0;
    for (let n = 0; n < 3000; n++) {
      const length = 1 + Math.floor(next() * 12);
      let text = '';
      for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)];
      if (agrees(text)) lexed++;
    }
    assert.ok(lexed > 600, `only ${lexed} of 3000 lexed`);
  });

  it('gives up, and parsing falls back to ANTLR with its own errors, where ANTLR would report a recognition error', () => {
    const cases = [
      "public class A { String s = 'unterminated; }",
      'public class A { /* unterminated comment }',
      "public class A { String s = 'bad \\q escape'; }",
      "public class A { String s = 'bad \\u12 escape'; }",
      "public class A { String s = '''\nunterminated multi-line'; }",
      "public class A { List<Account> a = [FIND 'bad \\n escape']; }",
      'public class A { Integer x = 1 # 2; }',
      'public class A { String s = "double"; }',
      'public class Ä { }',
      'public class A { Integer µ = 1; }',
      '\ufeffpublic class A { }',
      'public class A { Integer x = 1;\u0000\u0001\u0002\u00ff\ufffd }',
      '%%%NAMESPACE%%%Foo.bar();',
    ];
    for (const text of cases) {
      const lexed = fastTokens(text);
      assert.equal(lexed.ok, false, text);
      const source = new SourceText(text);
      const ours = parseApex(source, 'class');
      const reference = parseApex(source, 'class', { lexer: 'antlr' });
      assert.deepEqual(ours.problems, reference.problems, text);
      assert.deepEqual(ours.tokens.map(show), reference.tokens.map(show), text);
    }
    assert.ok(!fastTokens(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x08, 0xff, 0xfe, 0x0a]).toString('latin1')).ok);
  });

  it('takes linear time on one long line of strings, comments and spaces (no search to the end of the line per token)', () => {
    // 2.8 MB on one line; a search per token to the end of the line would take minutes.
    const text = "'a'  /* b */  x ".repeat(200_000);
    const started = performance.now();
    const lexed = fastTokens(text);
    assert.ok(lexed.ok && lexed.tokens.length === 1_200_001);
    assert.ok(performance.now() - started < 5000, `${performance.now() - started} ms`);
    const last = lexed.tokens[lexed.tokens.length - 2];
    assert.deepEqual([last.line, last.column, last.text], [1, text.length - 1, ' ']);
  });

  it('says why it gave up and where', () => {
    assert.deepEqual(fastTokens("x = 'abc"), { ok: false, reason: 'unterminated string', offset: 4 });
    assert.deepEqual(fastTokens('x /* y'), { ok: false, reason: 'unterminated comment', offset: 2 });
    assert.deepEqual(fastTokens('a # b'), { ok: false, reason: 'character no token starts with', offset: 2 });
    assert.deepEqual(fastTokens('aé'), { ok: false, reason: 'character outside ASCII in an identifier', offset: 1 });
  });

  it('lexes its priming texts (they must exercise the scanner, not give up)', () => {
    for (const text of PRIMERS) lexesLikeAntlr(text);
  });

  const files = [...apexFiles(path.join(ROOT, 'test', 'fixtures')), ...apexFiles(path.join(ROOT, 'examples'))];

  it("lexes the repository's examples and fixtures as ANTLR does", () => {
    assert.ok(files.length >= 20);
    for (const file of files) lexesLikeAntlr(fs.readFileSync(file, 'utf8'));
  });

  it('gives the parser what ANTLR gives it: the same trees, syntax errors and token lists', () => {
    const broken = [
      'public class A { void m() { x = ; } }',
      'public class A { void m() { foo( } }',
      'public class A { void m() { if (x) { } else }',
      'public class A { Integer x = 1 Integer y = 2; }',
      "public class A { String s = '\u{1F600}'; Integer x = ; }",
      'trigger T on Account (before insert) { for (Account a : Trigger.new) { a.Name = ; } }',
    ];
    const texts = [...files.map((f) => [f, fs.readFileSync(f, 'utf8')]), ...broken.map((t) => [t.startsWith('trigger') ? 'x.trigger' : 'x.cls', t])];
    const names = apex.ApexParser.ruleNames;
    for (const [file, text] of texts) {
      const source = new SourceText(text);
      const kind = file.endsWith('.trigger') ? 'trigger' : 'class';
      const ours = parseApex(source, kind);
      const reference = parseApex(source, kind, { lexer: 'antlr' });
      assert.equal(ours.tree?.toStringTree(names, null as never), reference.tree?.toStringTree(names, null as never), file);
      assert.deepEqual(ours.problems, reference.problems, file);
      assert.deepEqual(ours.tokens.map(show), reference.tokens.map(show), file);
    }
  });

  it('re-parses member bodies to the same blocks with either lexer', () => {
    const names = apex.ApexParser.ruleNames;
    let bodies = 0;
    for (const file of files) {
      const source = new SourceText(fs.readFileSync(file, 'utf8'));
      const whole = parseApex(source, file.endsWith('.trigger') ? 'trigger' : 'class');
      const blocks: apex.ApexParserRuleContext[] = [];
      const visit = (node: apex.ApexParserRuleContext): void => {
        if (
          node instanceof apex.BlockContext &&
          (node.parentCtx instanceof apex.MethodDeclarationContext || node.parentCtx instanceof apex.ConstructorDeclarationContext)
        )
          blocks.push(node);
        for (const child of node.children ?? []) if (child instanceof antlr4.ParserRuleContext) visit(child as apex.ApexParserRuleContext);
      };
      if (whole.tree) visit(whole.tree);
      for (const block of blocks) {
        const context: number[] = [];
        for (let c: apex.ApexParserRuleContext | null = block; c; c = c.parentCtx as apex.ApexParserRuleContext | null) context.push(c.invokingState);
        const start = source.unitOffset(block.start.start);
        const end = source.unitOffset(block.stop!.stop + 1);
        const ours = parseBlock(source, start, end, context);
        const reference = parseBlock(source, start, end, context, { lexer: 'antlr' });
        assert.equal(ours?.block?.toStringTree(names, null as never), reference?.block?.toStringTree(names, null as never), file);
        assert.deepEqual(ours?.tokens.map(show), reference?.tokens.map(show), file);
        assert.deepEqual(ours?.problems, reference?.problems, file);
        if (ours?.block) bodies++;
      }
    }
    assert.ok(bodies >= 50, `${bodies} bodies`);
  });

  it('lists all tokens but EOF as ANTLR getAllTokens does, also where it falls back', () => {
    for (const text of ['public class A { Integer x = (1 + 2); }', "public class A { String s = 'open; }"]) {
      const reference = apex.ApexParserFactory.createLexer(text).getAllTokens();
      assert.deepEqual(allTokens(text).map(show), reference.map(show));
    }
  });

  it('makes tokens that are ANTLR CommonTokens', () => {
    const lexed = fastTokens('a');
    assert.ok(lexed.ok);
    const [a, eof] = lexed.tokens;
    assert.ok(a instanceof antlr4.CommonToken);
    assert.equal(String(a), "[@-1,0:0='a',<251>,1:0]");
    assert.equal(eof.type, antlr4.Token.EOF);
    assert.equal(eof.text, '<EOF>');
  });
});
