/**
 * Re-analysing a file after an edit inside one member body: only that body is
 * parsed again (the parser is the dominant cost, and a keystroke in a
 * 3,000-line class should not re-parse 3,000 lines). The rest of the model is
 * kept, its offsets moved by the length of the edit. Whenever the edit is not
 * confined to one body — it touches a brace, opens a comment or a string that
 * runs past the body, or the file had parts that could not be analysed —
 * this gives up and the caller parses the whole file. So does a verdict on
 * the whole file: a NUL typed (the file becomes binary) or the cap on syntax
 * errors reached, so that an editor session ends where a fresh run starts. A
 * test checks that the result equals a full parse on edits all over real
 * files.
 */
import { buildBody, suppressionsIn } from '../model/build';
import type { FileModel, MethodDecl, ModelProblem, Span, Stmt, TypeDecl } from '../model/ir';
import { parseBlock, AnalysisTimeout, MAX_SYNTAX_PROBLEMS } from '../parse/parse';
import type { AnalyzedFile } from '../analysis/workspace';
import { SourceText } from '../base/source';

/** A deep copy of model data with every offset at or after `from` moved by `delta`. */
function shifted<T>(value: T, from: number, delta: number): T {
  if (Array.isArray(value)) return value.map((v) => shifted(v, from, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  // `for in`, not Object.entries: an array per object copied showed as a third of an edit's garbage.
  for (const k in record) {
    const v = record[k];
    if ((k === 'start' || k === 'end' || k === 'headerEnd') && typeof v === 'number') out[k] = v >= from ? v + delta : v;
    else out[k] = typeof v === 'object' ? shifted(v, from, delta) : v;
  }
  return out as T;
}

function moveSpan(span: Span, from: number, delta: number): Span {
  return { start: span.start >= from ? span.start + delta : span.start, end: span.end >= from ? span.end + delta : span.end };
}

/** The member an edit was confined to: the analysis before it and the member's place in both models. */
export interface ReparsedMember {
  before: AnalyzedFile;
  typeIndex: number;
  methodIndex: number;
}

const reparsed = new WeakMap<AnalyzedFile, ReparsedMember>();

/** For an analysis made by `reanalyzeMember`: what it was made from (the same types and members, in the same places). */
export function reparsedMemberOf(after: AnalyzedFile): ReparsedMember | undefined {
  return reparsed.get(after);
}

export function reanalyzeMember(old: AnalyzedFile, text: string, deadline?: number, isCancelled?: () => boolean): AnalyzedFile | undefined {
  const before = old.source.text;
  // Anything but a plain syntax error comes from a whole-file limit: only a full parse is right then.
  if (old.model.problems.some((p) => p.kind !== 'syntax')) return undefined;
  // The edit: the part between the common prefix and the common suffix.
  const max = Math.min(before.length, text.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = before.length - suffix;
  const delta = text.length - before.length;
  // Verdicts on the whole file are the whole-file parse's (one path, as a fresh run):
  // a NUL typed anywhere makes the file binary (analyze-file.ts); the cap on syntax
  // errors and its "(and N more …)" count over the whole file.
  if (text.slice(prefix, text.length - suffix).includes('\u0000')) return undefined;
  if (old.model.problems.length >= MAX_SYNTAX_PROBLEMS) return undefined;
  let target: { type: TypeDecl; method: MethodDecl; body: Stmt } | undefined;
  for (const type of old.model.types) {
    for (const method of type.methods) {
      const body = method.body;
      if (body?.k === 'block' && body.span.start < prefix && oldEnd < body.span.end) target = { type, method, body };
    }
  }
  if (!target?.method.bodyContext) return undefined;
  const source = new SourceText(text);
  const bodyStart = target.body.span.start;
  const oldBodyEnd = target.body.span.end;
  let parsed;
  try {
    parsed = parseBlock(source, bodyStart, oldBodyEnd + delta, target.method.bodyContext, { deadline, ...(isCancelled ? { isCancelled } : {}) });
  } catch (e) {
    if (e instanceof AnalysisTimeout || e instanceof RangeError) return undefined;
    throw e;
  }
  if (!parsed?.block) return undefined;
  const built = buildBody(parsed.block, source);
  if (!built.body || built.problems.length) return undefined;
  const from = oldEnd;
  const types = old.model.types.map((type) => {
    if (type.span.end < prefix) return type;
    const copy = shifted({ ...type, methods: [] as MethodDecl[] }, from, delta);
    copy.methods = type.methods.map((m) => {
      if (m === target!.method) return { ...shifted({ ...m, body: undefined }, from, delta), body: built.body, bodyContext: m.bodyContext };
      return m.span.end < prefix ? m : shifted(m, from, delta);
    });
    return copy;
  });
  const inBody = (at: number) => at >= bodyStart && at < oldBodyEnd;
  const lineDelta = source.lineStarts.length - old.source.lineStarts.length;
  const problems: ModelProblem[] = [
    ...old.model.problems.filter((p) => !inBody(p.span.start)).map((p) => ({ ...p, span: moveSpan(p.span, from, delta) })),
    ...parsed.problems.map((p): ModelProblem => ({ kind: 'syntax', message: p.message, span: { start: p.start, end: p.end } })),
  ].sort((a, b) => a.span.start - b.span.start);
  if (problems.length >= MAX_SYNTAX_PROBLEMS) return undefined;
  const lineSuppressions = [
    ...old.model.lineSuppressions.filter((s) => !inBody(s.at)).map((s) => (s.at >= from ? { ...s, at: s.at + delta, line: s.line + lineDelta } : s)),
    ...suppressionsIn(parsed.tokens, source),
  ].sort((a, b) => a.at - b.at);
  const model: FileModel = { kind: old.model.kind, types, problems, lineSuppressions };
  const after = { path: old.path, source, model };
  const typeIndex = old.model.types.indexOf(target.type);
  reparsed.set(after, { before: old, typeIndex, methodIndex: target.type.methods.indexOf(target.method) });
  return after;
}
