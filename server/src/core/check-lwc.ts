/**
 * The Lightning Web Component language: one script → its findings. The
 * empApi rules over its model (model/lwc.ts), then the shared last step
 * (finalize.ts: severity, suppression, positions, order). Suppression
 * comments are read by the same directive parser as Apex (model/directive.ts):
 * `disable-next-line` and `disable-line`, in `//` and block comments.
 */
import type { Finding, MessageData, ResolvedConfig, SourceFile } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import { SourceText } from '../base/source';
import type { LineSuppression, Span } from '../model/ir';
import { buildLwcModel } from '../model/lwc';
import { mayHoldDirective, parseDirective } from '../model/directive';
import { analysisIncompleteMeta, lwcRules, syntaxErrorMeta } from '../rules';
import type { RuleMeta } from '../rules/rule';
import { finalize, rendered, type Rendered } from './finalize';
import { lineFilter } from './suppress';

export { isLwcSource } from '../base/file-kind';

/** A JavaScript comment, line or block (strings are not told apart: a directive in a string is rare). */
const COMMENT = /\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g;

/** The suppression directives of a script, as Apex's model holds them. */
function lineSuppressions(text: string, source: () => SourceText): LineSuppression[] {
  const out: LineSuppression[] = [];
  if (!mayHoldDirective(text)) return out;
  for (const m of text.matchAll(COMMENT)) {
    const directive = parseDirective(m[0]);
    if (!directive) continue;
    const startLine = source().rangeOf(m.index, m.index).start.line;
    const endLine = source().rangeOf(m.index + m[0].length, m.index + m[0].length).start.line;
    out.push({ line: directive.scope === 'line' ? startLine : endLine + 1, at: m.index, rules: directive.rules });
  }
  return out;
}

type LwcReport = { span: Span; messageId: string; data?: MessageData };

export function checkLwcFile(file: SourceFile, config: ResolvedConfig, project?: ProjectInfo): Finding[] {
  if (file.unreadable) return [];
  const model = buildLwcModel(file.text);
  const raw: Rendered<LwcReport>[] = [];
  const add = (meta: RuleMeta, r: LwcReport) => raw.push(rendered(meta, meta.defaultSeverity, r));
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
  let source: SourceText | undefined;
  const sourceText = () => (source ??= new SourceText(file.text));
  const keep = raw.length ? lineFilter(lineSuppressions(file.text, sourceText)) : () => true;
  return finalize(raw, config, sourceText, keep, () => ({ related: [], fixes: [] }));
}
