/**
 * `npm run parse:diff -- [--generated N] [--seed S] [--mutations N] <folder>...`:
 * the fast parser against pure ANTLR (its lexer, full LL prediction). Every
 * .cls and .trigger under the folders is parsed both ways and the tokens,
 * trees and syntax errors compared (support/parse-diff.ts); `--generated N`
 * adds N statements from the seeded grammar generator; `--mutations N`
 * parses N copies of the folders' files with one token inserted or deleted
 * and counts those whose fast predictions alone (before the re-read on a
 * syntax error) give a different tree than ANTLR, and those whose final
 * parse does. Exits 1 on any difference.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allTokens } from '../../../server/out/parse/lexer/tokens';
import { generateStatements } from '../support/apex-generator';
import { apexFiles, compareParse, compareStatements, unitKind } from '../support/parse-diff';
import { random } from '../fuzz/mutate';

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  args.splice(at, 2);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number`);
  return value;
}

/** The text with one code token (not a comment or whitespace) deleted, or a copy of another inserted before it. */
function oneTokenMutation(text: string, rand: () => number): { text: string; step: string } | undefined {
  const tokens = allTokens(text).filter((t) => t.channel === 0);
  if (tokens.length < 2) return undefined;
  const at = tokens[Math.floor(rand() * tokens.length)];
  // Token offsets count code points; the files of interest are mostly ASCII, and the cut is made on code points.
  const chars = [...text];
  if (rand() < 0.5) {
    return { text: chars.slice(0, at.start).join('') + chars.slice(at.stop + 1).join(''), step: `delete ${JSON.stringify(at.text)} at line ${at.line}` };
  }
  const copy = tokens[Math.floor(rand() * tokens.length)];
  return {
    text: chars.slice(0, at.start).join('') + copy.text + ' ' + chars.slice(at.start).join(''),
    step: `insert ${JSON.stringify(copy.text)} at line ${at.line}`,
  };
}

const args = process.argv.slice(2);
const generated = option(args, '--generated', 0);
const seed = option(args, '--seed', 1);
const mutations = option(args, '--mutations', 0);
const files = args.flatMap((dir) => apexFiles(path.resolve(dir)));

const differences: string[] = [];
let invalidFiles = 0;
let predictionsDifferOnInvalid = 0;
const started = performance.now();
for (const file of files) {
  const c = compareParse(fs.readFileSync(file, 'utf8'), unitKind(file));
  if (c.invalid) invalidFiles++;
  if (c.invalid && c.predictionsDiffer) predictionsDifferOnInvalid++;
  for (const d of c.differences) differences.push(`${file}: ${d.detail}`);
}
console.log(
  `${files.length} files: ${invalidFiles} with syntax errors (the fast predictions alone differ from ANTLR on ${predictionsDifferOnInvalid} of them), ` +
    `${differences.length} differences (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

if (generated > 0) {
  const t0 = performance.now();
  const result = compareStatements(generateStatements(seed, generated));
  console.log(
    `${result.snippets} generated statements (seed ${seed}): ${result.invalid} that ANTLR rejects, ${result.differences.length} differences (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  differences.push(...result.differences);
}

if (mutations > 0 && files.length > 0) {
  const rand = random(seed);
  let tried = 0;
  let before = 0;
  let after = 0;
  let invalid = 0;
  const t0 = performance.now();
  while (tried < mutations) {
    const file = files[Math.floor(rand() * files.length)];
    const mutant = oneTokenMutation(fs.readFileSync(file, 'utf8'), rand);
    if (!mutant) continue;
    tried++;
    const c = compareParse(mutant.text, unitKind(file));
    if (c.invalid) invalid++;
    if (c.predictionsDiffer) before++;
    const parse = c.differences.filter((d) => d.kind === 'parse' || !c.invalid);
    if (parse.length > 0) {
      after++;
      differences.push(`${file} (${mutant.step}): ${parse.map((d) => d.detail).join('; ')}`);
    }
  }
  console.log(
    `${tried} files with one token inserted or deleted (seed ${seed}): ${invalid} with syntax errors; a different tree than ANTLR's ` +
      `from the fast predictions alone: ${before}, after the re-read on syntax errors: ${after} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}

for (const d of differences) console.log(`DIFFERENT ${d}`);
process.exitCode = differences.length ? 1 : 0;
