/**
 * The one place that loads the ANTLR runtime. `@apexdevtools/apex-parser`
 * bundles its own copy of `antlr4`; a second copy would break `instanceof`
 * and double the DFA cache, so the runtime is taken from inside the parser
 * package, and always as the CommonJS build (the parser's CJS build requires
 * the same file).
 */
import { createRequire } from 'node:module';
import * as apex from '@apexdevtools/apex-parser';

const requireFromParser = createRequire(require.resolve('@apexdevtools/apex-parser'));

interface PredictionModes {
  SLL: number;
  LL: number;
}

interface Antlr4Runtime {
  PredictionMode: PredictionModes;
  CharStreams: { fromString(source: string): unknown };
  CommonTokenStream: new (tokenSource: unknown) => apex.ApexTokenStream;
  CommonToken: new (source: [unknown, unknown], type: number, channel: number, start: number, stop: number) => apex.ApexToken;
  Lexer: new (input: null) => { _factory: unknown };
  Token: { EOF: number };
  ParserRuleContext: new (parent?: unknown, invokingState?: number) => apex.ApexParserRuleContext;
}

export const antlr4 = requireFromParser('antlr4') as Antlr4Runtime;
export { apex };
