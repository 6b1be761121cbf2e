/**
 * The last step every language shares (Apex and Lightning component
 * scripts alike): a rule's reports become findings. Severity from the config
 * (`off` drops the report), suppression comments and annotations, positions
 * in the user's units (1-based lines, UTF-16 columns), one finding per rule,
 * span and message, sorted by position and then rule id. What a language adds
 * to each kept finding (related locations, fixes) comes from `complete`, so
 * that dropped reports cost nothing.
 */
import type { Finding, MessageData, ResolvedConfig, RuleId, Severity } from '../base/contracts';
import type { SourceText } from '../base/source';
import type { Span } from '../model/ir';
import type { RuleMeta } from '../rules/rule';
import { renderMessage } from '../rules/rule';
import type { Suppressible } from './suppress';

/** One rule's report with its message rendered (renderMessage throws on an undeclared id or a missing value). */
export interface Rendered<R extends { span: Span; messageId: string; data?: MessageData } = { span: Span; messageId: string; data?: MessageData }> {
  ruleId: RuleId;
  severity: Severity;
  report: R;
  message: string;
}

export function rendered<R extends { span: Span; messageId: string; data?: MessageData }>(meta: RuleMeta, severity: Severity, report: R): Rendered<R> {
  return { ruleId: meta.id, severity, report, message: renderMessage(meta, report.messageId, report.data) };
}

/** What a language adds to a kept finding. */
export type FindingExtras = Pick<Finding, 'related' | 'fixes' | 'refused'>;

/** Reports → findings: severity, suppression (`keep`), positions, duplicates dropped, sorted. */
export function finalize<R extends { span: Span; messageId: string; data?: MessageData }>(
  raw: readonly Rendered<R>[],
  config: ResolvedConfig,
  source: () => SourceText,
  keep: (f: Suppressible) => boolean,
  complete: (report: R) => FindingExtras,
): Finding[] {
  // Most files have nothing to report: their lines are never counted.
  if (!raw.length) return [];
  const text = source();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { ruleId, severity, report, message } of raw) {
    const setting = config.rules[ruleId];
    if (setting === 'off') continue;
    const range = text.rangeOf(report.span.start, report.span.end);
    if (!keep({ ruleId, span: report.span, line: range.start.line })) continue;
    const key = `${ruleId}:${report.span.start}:${report.span.end}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { related, fixes, refused } = complete(report);
    findings.push({
      ruleId,
      severity: setting ?? severity,
      messageId: report.messageId,
      ...(report.data ? { data: report.data } : {}),
      message,
      range,
      related,
      fixes,
      ...(refused?.length ? { refused } : {}),
    });
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return findings;
}
