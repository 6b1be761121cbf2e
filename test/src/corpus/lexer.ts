/**
 * `npm run corpus:lexer -- [--trees] <folder>...`: the hand-written lexer
 * against ANTLR's on real code. Every .cls and .trigger under the folders is
 * lexed by both; the token lists must be equal field by field (type,
 * channel, start, stop, line, column, text, index), and where the fast lexer
 * gives up ANTLR must be the one to report an error — otherwise the file is a
 * difference too. Prints the files that fell back and why, and the lexing
 * time of each. With `--trees`, also parses every file with each lexer and
 * compares the trees and syntax errors. Exits 1 on any difference.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apex, antlr4 } from '../../../server/out/parse/antlr';
import { fastTokens } from '../../../server/out/parse/lexer/tokens';
import { parseApex } from '../../../server/out/parse/parse';
import { SourceText } from '../../../server/out/base/source';
import { apexFiles, showToken } from '../support/parse-diff';

interface Stream {
  fill(): void;
  tokens: apex.ApexToken[];
}

const show = showToken;

const args = process.argv.slice(2);
const trees = args.includes('--trees');
const files = args.filter((a) => a !== '--trees').flatMap((dir) => apexFiles(path.resolve(dir)));
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));

let antlrMs = 0;
let fastMs = 0;
let same = 0;
const fellBack = new Map<string, string[]>();
const differences: string[] = [];
texts.forEach((text, i) => {
  const file = files[i];
  let t0 = performance.now();
  const lexer = apex.ApexParserFactory.createLexer(text);
  let errors = 0;
  (lexer as unknown as { addErrorListener(l: unknown): void }).addErrorListener({ syntaxError: () => errors++ });
  const reference = new antlr4.CommonTokenStream(lexer) as unknown as Stream;
  reference.fill();
  antlrMs += performance.now() - t0;
  t0 = performance.now();
  const lexed = fastTokens(text);
  fastMs += performance.now() - t0;
  if (!lexed.ok) {
    const why = `${lexed.reason}${errors ? '' : ', where ANTLR reports no error'}`;
    fellBack.set(why, [...(fellBack.get(why) ?? []), `${file} (offset ${lexed.offset})`]);
    if (!errors) differences.push(`${file}: the fast lexer gave up (${lexed.reason} at ${lexed.offset}) where ANTLR lexes without error`);
    return;
  }
  const stream = lexed.stream as unknown as Stream;
  stream.fill();
  const ours = stream.tokens.map(show);
  const theirs = reference.tokens.map(show);
  const at = ours.findIndex((t, k) => t !== theirs[k]);
  if (errors) differences.push(`${file}: ANTLR reports ${errors} lexer errors, the fast lexer none`);
  else if (at >= 0 || ours.length !== theirs.length)
    differences.push(`${file}: token ${at < 0 ? ours.length : at}: ${ours[at] ?? '(none)'} instead of ${theirs[at] ?? '(none)'}`);
  else same++;
});

console.log(`${files.length} files: ${same} lexed the same, ${files.length - same - differences.length} fell back to ANTLR, ${differences.length} different`);
for (const [why, list] of fellBack) {
  console.log(`  fell back (${why}): ${list.length}`);
  for (const f of list) console.log(`    ${f}`);
}
console.log(`lexing, one pass in this process: ANTLR ${antlrMs.toFixed(0)} ms, fast ${fastMs.toFixed(0)} ms (tokens included)`);

if (trees) {
  let compared = 0;
  texts.forEach((text, i) => {
    const kind = files[i].endsWith('.trigger') ? 'trigger' : 'class';
    const source = new SourceText(text);
    const describe = (lexer: 'fast' | 'antlr'): string => {
      try {
        const r = parseApex(source, kind, { lexer });
        return JSON.stringify([r.tree?.toStringTree(apex.ApexParser.ruleNames, null as never) ?? '', r.problems, r.tokens.map(show)]);
      } catch (e) {
        return `thrown: ${String(e)}`;
      }
    };
    if (describe('fast') !== describe('antlr')) differences.push(`${files[i]}: the parse (tree, syntax errors or tokens) differs`);
    compared++;
  });
  console.log(`parse trees, syntax errors and token lists compared on ${compared} files`);
}

for (const d of differences) console.log(`DIFFERENT ${d}`);
process.exitCode = differences.length ? 1 : 0;
