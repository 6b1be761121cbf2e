/**
 * ESLint's JSON result shape: one entry per linted file, 1-based lines and
 * columns. Each message also carries the finding's `messageId` (as ESLint's
 * do): which of the rule's messages it is, stable across wording changes.
 */
import type { Formatter } from './report';

export const formatJson: Formatter = (results) => {
  const out = results.map((r) => {
    const messages = r.findings.map((f) => ({
      ruleId: f.ruleId as string | null,
      severity: f.severity === 'error' ? 2 : 1,
      message: f.message,
      messageId: f.messageId,
      line: f.range.start.line,
      column: f.range.start.character + 1,
      endLine: f.range.end.line,
      endColumn: f.range.end.character + 1,
      ...(f.related.length
        ? {
            relatedLocations: f.related.map((l) => ({
              filePath: l.path,
              message: l.message,
              line: l.range.start.line,
              column: l.range.start.character + 1,
              endLine: l.range.end.line,
              endColumn: l.range.end.character + 1,
            })),
          }
        : {}),
    }));
    if (r.fatal) messages.unshift({ ruleId: null, severity: 2, message: r.fatal, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true } as never);
    const errorCount = messages.filter((m) => m.severity === 2).length;
    return {
      filePath: r.path,
      messages,
      suppressedMessages: [],
      errorCount,
      fatalErrorCount: r.fatal ? 1 : 0,
      warningCount: messages.length - errorCount,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
  });
  return JSON.stringify(out, null, 2);
};
