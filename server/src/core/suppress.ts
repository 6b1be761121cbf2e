/**
 * Suppression, a pure filter applied after the rules:
 * `// apex-pattern-lint-disable-next-line <rule-id>[, …]` (no id: every rule)
 * and `@SuppressWarnings('apex-pattern-lint:<rule-id>, …')` on a class or
 * method (`apex-pattern-lint` alone: every rule). The directive's syntax and
 * meaning: model/directive.ts.
 */
import type { Annotation, FileModel, LineSuppression, Span } from '../model/ir';
import type { RuleId } from '../base/contracts';
import { suppresses } from '../model/directive';

export interface Suppressible {
  ruleId: RuleId;
  span: Span;
  line: number;
}

function suppressedIds(annotations: Annotation[]): Set<string> {
  const out = new Set<string>();
  for (const a of annotations) {
    if (a.name !== 'suppresswarnings') continue;
    for (const p of a.params) {
      if (p.value?.k !== 'lit' || typeof p.value.value !== 'string') continue;
      for (const part of p.value.value.split(',')) {
        const m = /^\s*apex-pattern-lint(?::\s*([a-z-]+))?\s*$/i.exec(part);
        if (m) out.add(m[1] ? m[1].toLowerCase() : '*');
      }
    }
  }
  return out;
}

/** Keeps what no suppression directive covers. */
export function lineFilter(lines: readonly LineSuppression[]): (f: Suppressible) => boolean {
  return (f) => !lines.some((s) => s.line === f.line && suppresses(s, f.ruleId));
}

export function suppressionFilter(model: FileModel): (f: Suppressible) => boolean {
  const scopes: { span: Span; ids: Set<string> }[] = [];
  for (const t of model.types) {
    const ids = suppressedIds(t.annotations);
    if (ids.size) scopes.push({ span: t.span, ids });
    for (const m of t.methods) {
      const mids = suppressedIds(m.annotations);
      if (mids.size) scopes.push({ span: m.span, ids: mids });
    }
  }
  const lines = lineFilter(model.lineSuppressions);
  return (f) => {
    if (!lines(f)) return false;
    for (const s of scopes) {
      if (f.span.start >= s.span.start && f.span.start < s.span.end && (s.ids.has('*') || s.ids.has(f.ruleId))) return false;
    }
    return true;
  };
}
