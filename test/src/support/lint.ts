import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type Finding, type SourceFile } from '../../../server/out/core/lint';
import { resolveConfig } from '../../../server/out/core/config';
import type { RuleId } from '../../../server/out/base/contracts';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Seen {
  ruleId: string;
  /** `line:column-endLine:endColumn`, 1-based like the CLI. */
  at: string;
  /** The key of the rule's `meta.messages`, and the values of its placeholders (absent when it has none). */
  messageId: string;
  data?: Record<string, string | number>;
  /** The rendered text, as the CLI and the editor show it. */
  message: string;
  severity: string;
}

/** A finding's message as tests see it: the id, the data when there is any, and the text. */
export function messageOf(f: Finding): Pick<Seen, 'messageId' | 'data' | 'message'> {
  return { messageId: f.messageId, ...(f.data ? { data: { ...f.data } } : {}), message: f.message };
}

export function lintFiles(files: SourceFile[], config: unknown = {}): Map<string, Seen[]> {
  const results = lint(files, resolveConfig(config), { allFiles: true });
  return new Map(
    results.map((r) => [
      r.path,
      r.findings.map((f) => ({
        ruleId: f.ruleId,
        at: `${f.range.start.line}:${f.range.start.character + 1}-${f.range.end.line}:${f.range.end.character + 1}`,
        ...messageOf(f),
        severity: f.severity,
      })),
    ]),
  );
}

/** Findings of one rule for one class body (wrapped in `public class T { … }` unless it starts with a declaration). */
export function findings(source: string, rule?: RuleId, config: unknown = {}, file = 'T.cls'): Seen[] {
  const all = lintFiles([{ path: file, text: source }], config).get(file) ?? [];
  return rule ? all.filter((f) => f.ruleId === rule) : all;
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8');
}

/** `at` values only, for compact assertions. */
export function where(seen: Seen[]): string[] {
  return seen.map((s) => s.at);
}

/**
 * The 1-based `line:col-endLine:endCol` of the `nth` occurrence of `snippet`
 * in `source`: tests say where a finding belongs by quoting the code.
 */
export function spanOf(source: string, snippet: string, nth = 0): string {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = source.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  const pos = (offset: number) => {
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - (before.lastIndexOf('\n') + 1) + 1;
    return `${line}:${col}`;
  };
  return `${pos(index)}-${pos(index + snippet.length)}`;
}

export interface SeenWithRelated extends Seen {
  file: string;
  /** `File.cls:line:col-line:col message`, one per related location. */
  related: string[];
}

function at(r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${r.start.line}:${r.start.character + 1}-${r.end.line}:${r.end.character + 1}`;
}

/** Findings of one rule across a multi-file workspace, with their related locations. */
export function workspaceFindings(files: Record<string, string>, rule: RuleId, config: unknown = {}): SeenWithRelated[] {
  const results = lint(
    Object.entries(files).map(([p, text]) => ({ path: p, text })),
    resolveConfig(config),
    { allFiles: true },
  );
  return results.flatMap((r) =>
    r.findings
      .filter((f) => f.ruleId === rule)
      .map((f) => ({
        file: r.path,
        ruleId: f.ruleId,
        at: at(f.range),
        ...messageOf(f),
        severity: f.severity,
        related: f.related.map((x) => `${x.path}:${at(x.range)} ${x.message}`),
      })),
  );
}
