/**
 * Code actions, computed with the findings of one document version and
 * refused for any other version (the model is vscode-eslint's CodeActions
 * keyed by version). Rule fixes come from the core; the two suppressions and
 * "Show documentation" exist for every finding; fix-all applies the safe fixes
 * that do not overlap. A fix the rule refused (a move to another transaction
 * that would change behaviour) is a disabled action with the reason, for
 * clients that show those (VS Code greys it out and shows the reason); the
 * others get the reason in the hover (refusedHover).
 */
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type Range as LspRange,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { analyzeFile, type Finding, type Fix } from '../core/lint';
import { disableForLineEdits, disableForMethodEdits, type SuppressibleFile } from '../fixes/suppress';
import { docsUrl } from '../base/contracts';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from '../../../shared/out/protocol';
import { SOURCE, diagnosticKey, rangesOverlap, toLspEdit } from './convert';

export { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND };

/** The findings published for one version of one document, with what their actions need. */
export class PublishedFindings {
  private file: SuppressibleFile | undefined;
  readonly byKey = new Map<string, { finding: Finding; diagnostic: Diagnostic }>();

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly path: string,
    readonly text: string,
    readonly findings: Finding[],
    readonly diagnostics: Diagnostic[],
    /** The analysis the findings came from, when the project still has it (saves a parse). */
    private readonly analysis?: () => SuppressibleFile | undefined,
  ) {
    findings.forEach((finding, i) => this.byKey.set(diagnosticKey(diagnostics[i]), { finding, diagnostic: diagnostics[i] }));
  }

  /** The parsed file for the suppression edits; parsed on the first request for actions, not on every keystroke. */
  suppressible(): SuppressibleFile {
    this.file ??= this.analysis?.() ?? analyzeFile({ path: this.path, text: this.text });
    return this.file;
  }
}

export interface EditContext {
  /** The client applies `documentChanges` (versioned edits) and can create files. */
  documentChanges: boolean;
  createFiles: boolean;
  /** The client shows `disabled` code actions; without it, refused fixes are left to the hover. */
  disabledActions?: boolean;
  uriFor(file: string): string;
  /** Version of an open document, for edits a fix makes in other files. */
  versionOf(file: string): number | null;
  fileExists(file: string): boolean;
}

function insertAtStart(text: string): TextEdit {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text };
}

/** A fix as a WorkspaceEdit; undefined when the client cannot apply it or a file it creates already exists. */
export function fixEdit(fix: Fix, published: PublishedFindings, ctx: EditContext): WorkspaceEdit | undefined {
  if (fix.creates.length && (!ctx.documentChanges || !ctx.createFiles)) return undefined;
  if (fix.creates.some((c) => ctx.fileExists(c.path))) return undefined;
  if (!ctx.documentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const c of fix.changes) changes[ctx.uriFor(c.path)] = c.edits.map(toLspEdit);
    return { changes };
  }
  const documentChanges: WorkspaceEdit['documentChanges'] = [];
  for (const c of fix.creates) {
    const uri = ctx.uriFor(c.path);
    documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
    documentChanges.push(TextDocumentEdit.create({ uri, version: null }, [insertAtStart(c.text)]));
  }
  // The document the action was asked on comes last: a client applies the operations in order, so when the
  // user sees their file change, the files before it exist and hold their text (and can be saved).
  const changes = [...fix.changes].sort((a, b) => Number(a.path === published.path) - Number(b.path === published.path));
  for (const c of changes) {
    const version = c.path === published.path ? published.version : ctx.versionOf(c.path);
    documentChanges.push(TextDocumentEdit.create({ uri: ctx.uriFor(c.path), version }, c.edits.map(toLspEdit)));
  }
  return { documentChanges };
}

function singleDocumentEdit(published: PublishedFindings, edits: TextEdit[], ctx: EditContext): WorkspaceEdit {
  if (!ctx.documentChanges) return { changes: { [published.uri]: edits } };
  return { documentChanges: [TextDocumentEdit.create({ uri: published.uri, version: published.version }, edits)] };
}

function actionsForFinding(published: PublishedFindings, finding: Finding, diagnostic: Diagnostic, ctx: EditContext): CodeAction[] {
  const out: CodeAction[] = [];
  let preferred = false;
  for (const fix of finding.fixes) {
    const edit = fixEdit(fix, published, ctx);
    if (!edit) continue;
    const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
    if (fix.safe && !preferred) preferred = action.isPreferred = true;
    out.push(action);
  }
  if (ctx.disabledActions) {
    for (const r of finding.refused ?? [])
      out.push({ title: r.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: r.reason } });
  }
  const id = finding.ruleId;
  const file = published.suppressible();
  const line = disableForLineEdits(file, finding).map(toLspEdit);
  if (line.length) {
    out.push({
      title: `Disable apex-pattern-lint ${id} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: singleDocumentEdit(published, line, ctx),
    });
  }
  const method = disableForMethodEdits(file, finding).map(toLspEdit);
  if (method.length) {
    out.push({
      title: `Disable ${id} for this method`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: singleDocumentEdit(published, method, ctx),
    });
  }
  const title = `Show documentation for ${id}`;
  out.push({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [docsUrl(id), id] },
  });
  return out;
}

function contains(r: LspRange, p: LspRange['start']): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** The refused fixes of the findings at `position`, as hover markdown; undefined when there are none. */
export function refusedHover(published: PublishedFindings, position: LspRange['start']): { markdown: string; range: LspRange } | undefined {
  const lines: string[] = [];
  let range: LspRange | undefined;
  for (const { finding, diagnostic } of published.byKey.values()) {
    if (!finding.refused?.length || !contains(diagnostic.range, position)) continue;
    range ??= diagnostic.range;
    for (const r of finding.refused) lines.push(`**${r.title}** (${finding.ruleId}): ${r.reason}`);
  }
  return range && { markdown: lines.join('\n\n'), range };
}

function offsetKey(r: LspRange['start']): number {
  return r.line * 1e7 + r.character;
}

/**
 * Every safe fix of the document in one edit. Fixes are taken whole, in
 * document order, skipping any whose edits overlap one already taken; fixes
 * that touch other files or create files are left to their own action.
 */
export function fixAllEdits(published: PublishedFindings): TextEdit[] {
  const taken: { start: number; end: number }[] = [];
  const out: TextEdit[] = [];
  for (const finding of published.findings) {
    for (const fix of finding.fixes) {
      if (!fix.safe || fix.creates.length || fix.changes.some((c) => c.path !== published.path)) continue;
      const edits = fix.changes.flatMap((c) => c.edits.map(toLspEdit));
      const spans = edits.map((e) => ({ start: offsetKey(e.range.start), end: offsetKey(e.range.end) }));
      const clash = spans.some((s) =>
        taken.some((t) => (s.start < t.end && t.start < s.end) || (s.start === s.end && s.start === t.start) || (t.start === t.end && t.start === s.start)),
      );
      if (clash) continue;
      taken.push(...spans);
      out.push(...edits);
      break;
    }
  }
  return out;
}

export interface ActionRequest {
  range: LspRange;
  diagnostics: Diagnostic[];
  only?: string[];
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The actions for a request on the version the findings were computed for. */
export function codeActions(published: PublishedFindings, request: ActionRequest, ctx: EditContext): CodeAction[] {
  const out: CodeAction[] = [];
  if (wants(request.only, CodeActionKind.QuickFix)) {
    const ours = request.diagnostics.filter((d) => d.source === SOURCE);
    const matched = ours.length
      ? ours.map((d) => published.byKey.get(diagnosticKey(d))).filter((e): e is NonNullable<typeof e> => !!e)
      : // Clients that send no diagnostics in the context (some editors) get the findings under the cursor.
        request.diagnostics.length === 0
        ? [...published.byKey.values()].filter((e) => rangesOverlap(e.diagnostic.range, request.range))
        : [];
    for (const { finding, diagnostic } of matched) out.push(...actionsForFinding(published, finding, diagnostic, ctx));
  }
  if (request.only && wants(request.only, FIX_ALL_KIND)) {
    const edits = fixAllEdits(published);
    if (edits.length) out.push({ title: 'Fix all safe apex-pattern-lint problems', kind: FIX_ALL_KIND, edit: singleDocumentEdit(published, edits, ctx) });
  }
  return out;
}
