import { lint, type Fix, type TextEdit } from '../../../server/out/core/lint';
import { resolveConfig } from '../../../server/out/core/config';
import type { ProjectInfo } from '../../../server/out/base/project-info';
import type { RuleId } from '../../../server/out/base/contracts';
import { unresolvedTypes } from './compile-check';

/** Apply LSP-style edits (1-based lines, UTF-16 characters) to a text, as an editor would. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => starts[p.line - 1] + p.character;
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export interface Fixed {
  title: string;
  safe: boolean;
  /** Every file's text after the fix (unchanged ones included). */
  texts: Record<string, string>;
  created: Record<string, string>;
}

/** The `n`th fix of the first finding of `rule` in the workspace, applied. */
export function applyFix(files: Record<string, string>, rule: RuleId, options: { project?: ProjectInfo; config?: unknown; n?: number } = {}): Fixed {
  const results = lint(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    resolveConfig(options.config ?? {}),
    { allFiles: true, ...(options.project ? { project: options.project } : {}) },
  );
  const finding = results.flatMap((r) => r.findings).find((f) => f.ruleId === rule);
  if (!finding) throw new Error(`no ${rule} finding`);
  const fix: Fix | undefined = finding.fixes[options.n ?? 0];
  if (!fix) throw new Error(`the ${rule} finding has no fix #${options.n ?? 0}`);
  const texts = { ...files };
  for (const change of fix.changes) texts[change.path] = applyEdits(texts[change.path], change.edits);
  // Every fix test compiles what the fix generates: a type name that does not resolve fails the test here.
  const created = fix.creates.filter((c) => /\.cls$/.test(c.path));
  const unresolved = unresolvedTypes(
    { ...texts, ...Object.fromEntries(created.map((c) => [c.path, c.text])) },
    created.map((c) => c.path),
  );
  if (unresolved.length) throw new Error(`the fix does not compile: unresolved types ${unresolved.join(', ')}`);
  return { title: fix.title, safe: fix.safe, texts, created: Object.fromEntries(fix.creates.map((c) => [c.path, c.text])) };
}

/** Rule ids found after the fix, over the fixed and created files. */
export function rulesAfter(fixed: Fixed, options: { project?: ProjectInfo; config?: unknown } = {}): string[] {
  const all = { ...fixed.texts, ...Object.fromEntries(Object.entries(fixed.created).filter(([p]) => /\.(cls|trigger)$/.test(p))) };
  return lint(
    Object.entries(all).map(([path, text]) => ({ path, text })),
    resolveConfig(options.config ?? {}),
    { allFiles: true, ...(options.project ? { project: options.project } : {}) },
  ).flatMap((r) => r.findings.map((f) => `${r.path}:${f.ruleId}`));
}
