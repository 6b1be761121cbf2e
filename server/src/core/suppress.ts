/**
 * Suppression, a pure filter applied after the rules:
 * `// apex-pattern-lint-disable-next-line <rule-id>[, …]` (no id: every rule)
 * and `@SuppressWarnings('apex-pattern-lint:<rule-id>, …')` on a class or
 * method (`apex-pattern-lint` alone: every rule).
 */
import type { Annotation, FileModel, Span } from '../model/ir';
import type { RuleId } from '../base/contracts';

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
  return (f) => {
    for (const s of model.lineSuppressions) {
      if (s.line === f.line && (s.rules.length === 0 || s.rules.includes(f.ruleId))) return false;
    }
    for (const s of scopes) {
      if (f.span.start >= s.span.start && f.span.start < s.span.end && (s.ids.has('*') || s.ids.has(f.ruleId))) return false;
    }
    return true;
  };
}
