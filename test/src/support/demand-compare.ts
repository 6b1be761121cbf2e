/**
 * Demand-driven linting against reading everything (`--all-files`), shared
 * by the invariant test and `npm run corpus:invariant` on real repositories.
 */
import { lint, type SourceFile } from '../../../server/out/core/lint';
import { selectDemand, type DemandSelection } from '../../../server/out/select';
import { discoverFiles, readSource } from '../../../server/out/node/files';
import { defaultConfig } from '../../../server/out/base/contracts';

/** The files of a folder as the CLI reads them. */
export function readFolder(dir: string): SourceFile[] {
  return discoverFiles([dir], dir).map((p) => {
    const r = readSource(p);
    return r.ok ? { path: p, text: r.text } : { path: p, text: '', unreadable: r.message };
  });
}

/** Every finding as one comparable line, related locations and fixes included; syntax errors only of files read whole (`whole`). */
function findingLines(files: SourceFile[], allFiles: boolean, whole: Set<string>): string[] {
  return lint(files, defaultConfig(), { allFiles, omitUnneededBodies: !allFiles })
    .flatMap((r) =>
      r.findings
        .filter((f) => whole.has(r.path) || (f.ruleId !== 'syntax-error' && f.ruleId !== 'analysis-incomplete'))
        .map((f) => JSON.stringify([r.path, f.ruleId, f.severity, f.range, f.message, f.related ?? [], f.fixes?.map((x) => x.title) ?? []])),
    )
    .sort();
}

export interface Comparison {
  selection: DemandSelection;
  /** Findings of reading everything. */
  all: string[];
  /** Findings of demand-driven linting with unneeded bodies read as empty. */
  demand: string[];
}

/** Lint `files` both ways; syntax errors are compared only in files chosen and read whole. */
export function compareWithAllFiles(files: SourceFile[]): Comparison {
  const selection = selectDemand(files);
  const whole = new Set([...selection.paths].filter((p) => !selection.omitted.has(p)));
  return { selection, all: findingLines(files, true, whole), demand: findingLines(files, false, whole) };
}
