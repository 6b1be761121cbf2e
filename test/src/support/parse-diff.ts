/**
 * The fast parser against pure ANTLR (its own lexer, full LL prediction
 * everywhere), on one text: the same tokens, the same tree and the same
 * syntax errors. Used by `npm run parse:diff`, `npm run corpus:lexer` and
 * the unit suite. Two ways of differing are told apart: the result a user
 * gets (`parseApex` with its defaults, which reads a file with syntax errors
 * again with ANTLR's prediction), and the shallow predictions themselves on
 * text ANTLR finds valid (no re-reading), which must be exact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apex } from '../../../server/out/parse/antlr';
import { allTokens } from '../../../server/out/parse/lexer/tokens';
import { parseApex, type ParseOptions, type ParseResult, type UnitKind } from '../../../server/out/parse/parse';
import { SourceText } from '../../../server/out/base/source';

export function showToken(t: apex.ApexToken): string {
  return `${t.type}/${t.channel} ${t.start}:${t.stop} @${t.line}:${t.column} #${t.tokenIndex} ${JSON.stringify(t.text)}`;
}

export function apexFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(cls|trigger)$/.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

export function unitKind(file: string): UnitKind {
  return file.endsWith('.trigger') ? 'trigger' : 'class';
}

/** A parse as text: the tree (rules and token texts), the syntax errors and every token. */
export function describeParse(source: SourceText, kind: UnitKind, options: ParseOptions): { text: string; problems: number } {
  let r: ParseResult;
  try {
    r = parseApex(source, kind, options);
  } catch (e) {
    return { text: `thrown: ${String(e)}`, problems: 1 };
  }
  const tree = r.tree?.toStringTree(apex.ApexParser.ruleNames, null as never) ?? '';
  return { text: JSON.stringify([tree, r.problems, r.tokens.map(showToken)]), problems: r.problems.length };
}

export interface ParseDifference {
  /** 'parse': what a user gets differs from ANTLR's; 'prediction': the predictions alone differ on valid text. */
  kind: 'parse' | 'prediction';
  detail: string;
}

export interface Comparison {
  /** ANTLR reports syntax errors on the text. */
  invalid: boolean;
  /** The predictions alone (before any re-reading) give a different parse: on invalid text, the fast path's own recovery. */
  predictionsDiffer: boolean;
  differences: ParseDifference[];
}

/** Parses `text` both ways and says where they differ. */
export function compareParse(text: string, kind: UnitKind): Comparison {
  const source = new SourceText(text);
  const reference = describeParse(source, kind, { strategy: 'll', lexer: 'antlr' });
  const raw = describeParse(source, kind, { rereadOnError: false });
  const final = raw.problems === 0 ? raw : describeParse(source, kind, {});
  const differences: ParseDifference[] = [];
  const fastTokens = allTokens(text, 'fast').map(showToken);
  const antlrTokens = allTokens(text, 'antlr').map(showToken);
  const at = fastTokens.findIndex((t, k) => t !== antlrTokens[k]);
  if (at >= 0 || fastTokens.length !== antlrTokens.length)
    differences.push({
      kind: 'parse',
      detail: `token ${at < 0 ? fastTokens.length : at}: ${fastTokens[at] ?? '(none)'} instead of ${antlrTokens[at] ?? '(none)'}`,
    });
  if (final.text !== reference.text) differences.push({ kind: 'parse', detail: 'the parse (tree, syntax errors or tokens) differs from ANTLR' });
  const invalid = reference.problems > 0;
  const predictionsDiffer = raw.text !== reference.text;
  if (!invalid && predictionsDiffer) differences.push({ kind: 'prediction', detail: 'the shallow predictions parse valid code differently from ANTLR' });
  return { invalid, predictionsDiffer, differences };
}

/** Statements wrapped in a method of a class, so that they parse as a compilation unit. */
export function classOfStatements(statements: string[]): string {
  return `public class Generated {\n    void run() {\n${statements.map((s) => `        ${s}\n`).join('')}    }\n}\n`;
}

export interface GeneratedComparison {
  snippets: number;
  invalid: number;
  /** Each differing statement on its own, with what differed. */
  differences: string[];
}

/**
 * Compares generated statements in classes of `batch` statements (a class
 * per statement would spend most of the time on the class around it); the
 * statements of a class that differs are compared one by one to name the
 * culprit.
 */
export function compareStatements(statements: string[], batch = 25): GeneratedComparison {
  const differences: string[] = [];
  let invalid = 0;
  for (let i = 0; i < statements.length; i += batch) {
    const group = statements.slice(i, i + batch);
    const whole = compareParse(classOfStatements(group), 'class');
    if (!whole.invalid && whole.differences.length === 0) continue;
    for (const s of group) {
      const one = compareParse(classOfStatements([s]), 'class');
      if (one.invalid) invalid++;
      for (const d of one.differences) differences.push(`${d.detail}: ${s}`);
    }
  }
  return { snippets: statements.length, invalid, differences };
}
