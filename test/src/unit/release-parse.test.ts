/**
 * Releasing a parse (issue 12): the links core/release-parse.ts cuts must
 * exist in the installed ANTLR runtime, or the collector keeps every parse
 * until a full collection again (peak RSS on NPSP 0.46 -> 0.70 GB) without
 * any other test noticing. The fast lexer's token source names its links as
 * ANTLR's Lexer does, so the same fields are cut whichever lexer ran.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseApex } from '../../../server/out/parse/parse';
import { releaseParse } from '../../../server/out/core/release-parse';
import { SourceText } from '../../../server/out/base/source';

const EXAMPLE = path.resolve(__dirname, '../../../examples/order-integration/force-app/main/default/classes/ErpOrderSync.cls');

type Fields = Record<string, unknown>;

describe('releasing a parse once its model is built (issue 12)', () => {
  for (const lexerChoice of ['fast', 'antlr'] as const) {
    it(`cuts the parser, token stream and lexer from the tokens and the tree (${lexerChoice} lexer)`, () => {
      const parsed = parseApex(new SourceText(fs.readFileSync(EXAMPLE, 'utf8')), 'class', { lexer: lexerChoice });
      const tree = parsed.tree as unknown as Fields;
      const parser = tree.parser as Fields;
      const interp = parser._interp as Fields;
      const stream = parser._input as Fields;
      const lexer = stream.tokenSource as Fields;
      const links: [Fields, string][] = [
        [parser, '_input'],
        [interp, '_input'],
        [interp, '_outerContext'],
        [stream, 'tokenSource'],
        [lexer, '_input'],
        [lexer, '_token'],
        [lexer, '_tokenFactorySourcePair'],
      ];
      for (const [object, field] of links) assert.ok(object[field], `${field} is set before the release`);
      const tokens = parsed.tokens;
      assert.ok(tokens.length > 100);

      releaseParse(parsed);

      for (const [object, field] of links) assert.equal(object[field], null, `${field} is cut`);
      assert.equal(tokens.length, 0);
      assert.deepEqual(stream.tokens, []);
    });
  }

  it('releases a parse without a tree (nothing to cut but the tokens)', () => {
    const parsed = { kind: 'class' as const, tokens: [], problems: [] };
    releaseParse(parsed);
    assert.deepEqual(parsed.tokens, []);
  });
});
