/**
 * One analysed file → its findings: every enabled rule, then severities from
 * the config, suppression comments, and positions in the user's units.
 */
import type { Finding, Fix, ResolvedConfig, RuleId, Severity, TextEdit } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import { ParseCancelled } from '../parse/parse';
import type { ProblemKind } from '../model/ir';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import { rules, syntaxErrorMeta, analysisIncompleteMeta } from '../rules';
import type { Report, RuleContext, MemberRef, FixSpec } from '../rules/rule';
import { suppressionFilter } from './suppress';

/** Our own failures (a timeout, an internal error) are not the user's syntax errors. */
export function problemRule(kind: ProblemKind): RuleId {
  return kind === 'timeout' || kind === 'internal' ? 'analysis-incomplete' : 'syntax-error';
}

function toFix(spec: FixSpec, file: AnalyzedFile): Fix {
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

/** Run every enabled rule over one analysed file of the workspace. */
export function checkFile(workspace: Workspace, file: AnalyzedFile, config: ResolvedConfig, project?: ProjectInfo, isCancelled?: () => boolean): Finding[] {
  const raw: { ruleId: RuleId; severity: Severity; report: Report }[] = [];
  for (const p of file.model.problems) {
    const ruleId = problemRule(p.kind);
    raw.push({
      ruleId,
      severity: ruleId === 'syntax-error' ? syntaxErrorMeta.defaultSeverity : analysisIncompleteMeta.defaultSeverity,
      report: { span: p.span, message: p.message },
    });
  }
  const deadline = Date.now() + config.fileTimeoutMs;
  const memberList = members(file);
  // A file whose parse already ran out of time has no model to check: one finding says so.
  const unparsed = file.model.problems.some((p) => p.kind === 'timeout');
  for (const rule of unparsed ? [] : rules) {
    if (config.rules[rule.meta.id] === 'off') continue;
    if (isCancelled?.()) throw new ParseCancelled();
    if (Date.now() > deadline) {
      raw.push({
        ruleId: 'analysis-incomplete',
        severity: analysisIncompleteMeta.defaultSeverity,
        report: { span: { start: 0, end: 0 }, message: `Analysis took longer than ${config.fileTimeoutMs} ms; remaining rules were skipped` },
      });
      break;
    }
    const ctx: RuleContext = {
      workspace,
      file,
      config,
      ...(project ? { project } : {}),
      members: () => memberList,
      report: (r) => raw.push({ ruleId: rule.meta.id, severity: r.severity ?? rule.meta.defaultSeverity, report: r }),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      const message = e instanceof RangeError ? 'nesting too deep' : (e as Error).message;
      raw.push({
        ruleId: 'analysis-incomplete',
        severity: analysisIncompleteMeta.defaultSeverity,
        report: { span: { start: 0, end: 0 }, message: `Rule ${rule.meta.id} failed on this file (${message}); its findings are missing` },
      });
    }
  }
  const keep = suppressionFilter(file.model);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { ruleId, severity, report } of raw) {
    const effective = severityOf(ruleId, severity, config);
    if (!effective) continue;
    const range = file.source.rangeOf(report.span.start, report.span.end);
    if (!keep({ ruleId, span: report.span, line: range.start.line })) continue;
    const key = `${ruleId}:${report.span.start}:${report.span.end}:${report.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      ruleId,
      severity: effective,
      message: report.message,
      range,
      related: (report.related ?? []).map((r) => {
        const f = r.file ?? file;
        return { path: f.path, message: r.message, range: f.source.rangeOf(r.span.start, r.span.end) };
      }),
      fixes: (report.fixes ?? []).map((fix) => toFix(fix, file)),
    });
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return findings;
}
