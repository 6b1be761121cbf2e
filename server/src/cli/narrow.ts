/**
 * What the CLI reports of an analysis of the whole project: with `--baseline`
 * only the findings the baseline does not hold, with `--changed-since` only
 * those in (or related to) the files a branch changed; `--write-baseline`
 * records them all. The matching is the core's (core/baseline.ts); this
 * module turns absolute paths into the baseline's relative ones and reads and
 * writes the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BaselineError, formatBaseline, matchBaseline, NOT_BASELINED, parseBaseline } from '../core/baseline';
import { findingKey, type FindingKey } from '../core/fingerprint';
import { printable } from '../node/files';
import type { CliFileResult } from './report';

/** `file` relative to `root`, with `/` whatever the platform. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The key of each finding of `result`, its file relative to `root`. */
export function keysOf(result: CliFileResult, root: string): FindingKey[] {
  const file = relativePath(root, result.path);
  return result.findings.map((f) => findingKey(f, result.text ?? '', file));
}

/** Writes the baseline of every finding (but those that say the analysis stopped); returns how many entries. */
export function writeBaseline(file: string, results: CliFileResult[]): number {
  const root = path.dirname(file);
  const keys = results.flatMap((r) => keysOf(r, root)).filter((k) => !NOT_BASELINED.has(k.rule));
  fs.writeFileSync(file, formatBaseline(keys));
  return keys.length;
}

export interface Baselined {
  results: CliFileResult[];
  matched: number;
  gone: number;
}

/** The entries of the baseline at `file`; throws BaselineError when it cannot be read or is not a baseline. */
export function readBaseline(file: string): FindingKey[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read the baseline ${printable(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseBaseline(text);
  } catch (e) {
    throw new BaselineError(`the baseline ${printable(file)} is not one this linter wrote: ${(e as Error).message}`);
  }
}

/** The results without the findings that `entries`, read from the baseline at `file`, hold. */
export function applyBaseline(file: string, entries: FindingKey[], results: CliFileResult[]): Baselined {
  const root = path.dirname(file);
  const keys = results.map((r) => keysOf(r, root));
  const match = matchBaseline(entries, keys.flat());
  let i = 0;
  const kept = results.map((r) => ({ ...r, findings: r.findings.filter(() => !match.baselined[i++]) }));
  return { results: kept, matched: match.matched, gone: match.gone.length };
}

/** The results with only the findings located in `changed` files, or with a related location there. */
export function onlyChanged(results: CliFileResult[], changed: Set<string>): CliFileResult[] {
  const real = new Map<string, string>();
  const realOf = (p: string) => {
    let r = real.get(p);
    if (r === undefined) {
      try {
        r = fs.realpathSync(p);
      } catch {
        r = p;
      }
      real.set(p, r);
    }
    return r;
  };
  const isChanged = (p: string) => changed.has(p) || changed.has(realOf(p));
  return results.map((r) => {
    if (isChanged(r.path)) return r;
    return { ...r, fatal: undefined, findings: r.findings.filter((f) => f.related.some((rel) => isChanged(rel.path))) };
  });
}
