/**
 * One analysed file → its findings: every enabled rule, then severities from
 * the config, suppression comments, and positions in the user's units.
 */
import type { Finding, Fix, MessageData, ResolvedConfig, RuleId, Severity, TextEdit } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import { ParseCancelled } from '../parse/parse';
import type { ProblemKind } from '../model/ir';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import { rules, syntaxErrorMeta, analysisIncompleteMeta } from '../rules';
import type { FixText } from '../fixes/fixer';
import { renderMessage, type Report, type RuleContext, type MemberRef, type RuleMeta } from '../rules/rule';
import { suppressionFilter } from './suppress';

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

function severityOf(ruleId: RuleId, reported: Severity, config: ResolvedConfig): Severity | undefined {
  const setting = config.rules[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? reported;
}

/** A report with its message rendered (which throws on an undeclared id or a missing value: see renderMessage). */
interface Rendered {
  ruleId: RuleId;
  severity: Severity;
  report: Report;
  message: string;
}

function rendered(meta: RuleMeta, severity: Severity, report: Report): Rendered {
  return { ruleId: meta.id, severity, report, message: renderMessage(meta, report.messageId, report.data) };
}

/** One of our own failures on this file, as an `analysis-incomplete` finding at its start. */
function incomplete(messageId: 'rulesSkipped' | 'ruleFailed', data: MessageData): Rendered {
  return rendered(analysisIncompleteMeta, analysisIncompleteMeta.defaultSeverity, { span: { start: 0, end: 0 }, messageId, data });
}

/** Run every enabled rule over one analysed file of the workspace. */
export function checkFile(workspace: Workspace, file: AnalyzedFile, config: ResolvedConfig, project?: ProjectInfo, isCancelled?: () => boolean): Finding[] {
  const raw: Rendered[] = [];
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
  const keep = suppressionFilter(file.model);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { ruleId, severity, report, message } of raw) {
    const effective = severityOf(ruleId, severity, config);
    if (!effective) continue;
    const range = file.source.rangeOf(report.span.start, report.span.end);
    if (!keep({ ruleId, span: report.span, line: range.start.line })) continue;
    const key = `${ruleId}:${report.span.start}:${report.span.end}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      ruleId,
      severity: effective,
      messageId: report.messageId,
      ...(report.data ? { data: report.data } : {}),
      message,
      range,
      related: (report.related ?? []).map((r) => {
        const f = r.file ?? file;
        return { path: f.path, message: r.message, range: f.source.rangeOf(r.span.start, r.span.end) };
      }),
      fixes: (report.fixes ?? []).map((fix) => toFix(fix, file)),
      ...(report.refused?.length ? { refused: report.refused } : {}),
    });
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return findings;
}
