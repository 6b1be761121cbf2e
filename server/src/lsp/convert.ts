/**
 * Between the core's terms (absolute paths, 1-based lines) and LSP's (URIs,
 * 0-based lines). The core never sees a URI; the editor never sees a path.
 */
import * as path from 'node:path';
import { sourceKind } from '../base/file-kind';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { Finding, TextEdit as CoreTextEdit } from '../core/lint';
import type { Range } from '../base/source';
import { docsUrl } from '../base/contracts';

export const SOURCE = 'apex-pattern-lint';

/** The core's path for a document URI: a file system path for `file:`, the URI itself otherwise (untitled). */
export function pathOf(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const p = path.normalize(fileURLToPath(uri));
  // VS Code lower-cases Windows drive letters in URIs; keep paths comparable either way.
  return /^[A-Z]:/.test(p) ? p[0].toLowerCase() + p.slice(1) : p;
}

export function uriOf(file: string): string {
  return path.isAbsolute(file) ? pathToFileURL(file).href : file;
}

/** Apex, or a Lightning component script (`lwc/<name>/*.js`, for the empApi checks). */
export function isApexPath(file: string): boolean {
  return sourceKind(file) !== undefined;
}

export function toLspRange(r: Range): LspRange {
  return {
    start: { line: Math.max(0, r.start.line - 1), character: r.start.character },
    end: { line: Math.max(0, r.end.line - 1), character: r.end.character },
  };
}

export function toLspEdit(e: CoreTextEdit): { range: LspRange; newText: string } {
  return { range: toLspRange(e.range), newText: e.newText };
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `uriFor` maps related paths to the URIs the editor knows them by (open documents keep their own spelling). */
export function toDiagnostic(f: Finding, uriFor: (file: string) => string): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(f.range),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
  };
  if (f.related.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: uriFor(r.path), range: toLspRange(r.range) }, message: r.message }));
  }
  return d;
}

/** What identifies a diagnostic across a round trip through the client (ranges, code and message; not object identity). */
export function diagnosticKey(d: Pick<Diagnostic, 'range' | 'code' | 'message'>): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${String(d.code)}|${d.message}`;
}

export function rangesOverlap(a: LspRange, b: LspRange): boolean {
  const before = (p: LspRange['start'], q: LspRange['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
