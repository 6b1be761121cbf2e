/**
 * One Lightning Web Component script → its findings: the empApi rules over
 * its model, then severities from the config and
 * `// apex-pattern-lint-disable-next-line <rule-id>` comments, as for Apex.
 */
import type { Finding, MessageData, ResolvedConfig, RuleId, Severity, SourceFile } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import { SourceText } from '../base/source';
import type { Span } from '../model/ir';
import { buildLwcModel } from '../model/lwc';
import { analysisIncompleteMeta, lwcRules, syntaxErrorMeta } from '../rules';
import { renderMessage, type RuleMeta } from '../rules/rule';

export { isLwcSource } from '../base/file-kind';

const DISABLE = /\/\/\s*apex-pattern-lint-disable-next-line\b([^\n]*)/g;

/** 1-based lines whose findings a comment on the line before suppresses, with the ids (empty: every rule). */
function lineSuppressions(text: string, source: SourceText): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const m of text.matchAll(DISABLE)) {
    const line = source.rangeOf(m.index, m.index).start.line + 1;
    out.set(
      line,
      m[1].split(/[\s,]+/).filter((x) => /^[a-z-]+$/.test(x)),
    );
  }
  return out;
}

export function checkLwcFile(file: SourceFile, config: ResolvedConfig, project?: ProjectInfo): Finding[] {
  if (file.unreadable) return [];
  const model = buildLwcModel(file.text);
  const raw: { ruleId: RuleId; severity: Severity; span: Span; messageId: string; data?: MessageData; message: string }[] = [];
  const add = (meta: RuleMeta, r: { span: Span; messageId: string; data?: MessageData }) =>
    raw.push({ ruleId: meta.id, severity: meta.defaultSeverity, ...r, message: renderMessage(meta, r.messageId, r.data) });
  // The script does not parse: Babel's words, under the same id as an Apex syntax problem.
  if (model.syntaxError) add(syntaxErrorMeta, { span: model.syntaxError.span, messageId: 'syntax', data: { message: model.syntaxError.message } });
  for (const rule of lwcRules) {
    if (config.rules[rule.meta.id] === 'off') continue;
    try {
      rule.check({ model, ...(project ? { project } : {}), report: (r) => add(rule.meta, r) });
    } catch (e) {
      // As for Apex rules: a rule that throws (an undeclared message id, a missing value) is our failure, not a crash.
      const reason = e instanceof RangeError ? 'nesting too deep' : (e as Error).message;
      add(analysisIncompleteMeta, { span: { start: 0, end: 0 }, messageId: 'ruleFailed', data: { ruleId: rule.meta.id, reason } });
    }
  }
  // Most components have nothing to report: their lines are never counted.
  if (!raw.length) return [];
  const source = new SourceText(file.text);
  const suppressed = lineSuppressions(file.text, source);
  const findings: Finding[] = [];
  for (const r of raw) {
    const setting = config.rules[r.ruleId];
    if (setting === 'off') continue;
    const range = source.rangeOf(r.span.start, r.span.end);
    const ids = suppressed.get(range.start.line);
    if (ids && (ids.length === 0 || ids.includes(r.ruleId))) continue;
    findings.push({
      ruleId: r.ruleId,
      severity: setting ?? r.severity,
      messageId: r.messageId,
      ...(r.data ? { data: r.data } : {}),
      message: r.message,
      range,
      related: [],
      fixes: [],
    });
  }
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId),
  );
}
