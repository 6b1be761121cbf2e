/**
 * The Apex language: one analysed file → its findings. Every enabled rule
 * over the file with the workspace as context, model problems as
 * `syntax-error` / `analysis-incomplete`; then the shared last step
 * (finalize.ts: severity, suppression, positions, order).
 */
import type { Finding, Fix, MessageData, ResolvedConfig, RuleId, TextEdit } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import { ParseCancelled } from '../parse/parse';
import type { ProblemKind } from '../model/ir';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import { rules, syntaxErrorMeta, analysisIncompleteMeta } from '../rules';
import type { FixText } from '../fixes/fixer';
import type { Report, RuleContext, MemberRef } from '../rules/rule';
import { suppressionFilter } from './suppress';
import { finalize, rendered, type Rendered } from './finalize';

/** Our own failures (a timeout, an internal error) are not the user's syntax errors. */
export function problemRule(kind: ProblemKind): RuleId {
  return kind === 'timeout' || kind === 'internal' ? 'analysis-incomplete' : 'syntax-error';
}

function toFix(spec: FixText, file: AnalyzedFile): Fix {
  const byFile = new Map<AnalyzedFile, TextEdit[]>();
  for (const e of spec.edits) {
    const f = e.file ?? file;
    const list = byFile.get(f) ?? [];
    list.push({ range: f.source.rangeOf(e.span.start, e.span.end), newText: e.text });
    byFile.set(f, list);
  }
  return { title: spec.title, safe: spec.safe, changes: [...byFile].map(([f, edits]) => ({ path: f.path, edits })), creates: spec.creates ?? [] };
}

function members(file: AnalyzedFile): MemberRef[] {
  const out: MemberRef[] = [];
  for (const type of file.model.types) for (const method of type.methods) if (method.body) out.push({ type, method });
  return out;
}

/** One of our own failures on this file, as an `analysis-incomplete` finding at its start. */
function incomplete(messageId: 'rulesSkipped' | 'ruleFailed', data: MessageData): Rendered<Report> {
  return rendered(analysisIncompleteMeta, analysisIncompleteMeta.defaultSeverity, { span: { start: 0, end: 0 }, messageId, data });
}

/** Run every enabled rule over one analysed file of the workspace. */
export function checkFile(workspace: Workspace, file: AnalyzedFile, config: ResolvedConfig, project?: ProjectInfo, isCancelled?: () => boolean): Finding[] {
  const raw: Rendered<Report>[] = [];
  for (const p of file.model.problems) {
    // A problem's message id is its kind; its text is the problem's own.
    const meta = problemRule(p.kind) === 'syntax-error' ? syntaxErrorMeta : analysisIncompleteMeta;
    raw.push(rendered(meta, meta.defaultSeverity, { span: p.span, messageId: p.kind, data: { message: p.message } }));
  }
  const deadline = Date.now() + config.fileTimeoutMs;
  const memberList = members(file);
  const productionMembers = memberList.filter((m) => !workspace.isTestCode(m.type, m.method));
  // A file whose parse already ran out of time has no model to check: one finding says so.
  const unparsed = file.model.problems.some((p) => p.kind === 'timeout');
  for (const rule of unparsed ? [] : rules) {
    if (config.rules[rule.meta.id] === 'off') continue;
    if (isCancelled?.()) throw new ParseCancelled();
    if (Date.now() > deadline) {
      raw.push(incomplete('rulesSkipped', { ms: config.fileTimeoutMs }));
      break;
    }
    const ctx: RuleContext = {
      workspace,
      file,
      config,
      ...(project ? { project } : {}),
      members: () => (rule.meta.testCode === 'skip' ? productionMembers : memberList),
      // Rendered here, inside the guard below: a bad id or a missing value is this rule's failure.
      report: (r) => raw.push(rendered(rule.meta, r.severity ?? rule.meta.defaultSeverity, r)),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      const reason = e instanceof RangeError ? 'nesting too deep' : (e as Error).message;
      raw.push(incomplete('ruleFailed', { ruleId: rule.meta.id, reason }));
    }
  }
  return finalize(
    raw,
    config,
    () => file.source,
    suppressionFilter(file.model),
    (report) => ({
      related: (report.related ?? []).map((r) => {
        const f = r.file ?? file;
        return { path: f.path, message: r.message, range: f.source.rangeOf(r.span.start, r.span.end) };
      }),
      fixes: (report.fixes ?? []).map((fix) => toFix(fix, file)),
      ...(report.refused ? { refused: report.refused } : {}),
    }),
  );
}
