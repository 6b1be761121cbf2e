/**
 * One file's text → its model: parse, model, and what could not be analysed
 * as problems with a kind. Never throws, apart from cancellation.
 */
import { SourceText } from '../base/source';
import { sourceKind } from '../base/file-kind';
import { defaultConfig, type ResolvedConfig, type SourceFile } from '../base/contracts';
import { parseApex, AnalysisTimeout, ParseCancelled, type UnitKind } from '../parse/parse';
import { blankDeepestMember, nestsTooDeep, DEEP_NESTING_LIMIT } from '../parse/deepNesting';
import { buildModel } from '../model/build';
import { releaseParse } from './release-parse';
import type { FileModel, ModelProblem, ProblemKind, Span } from '../model/ir';
import type { AnalyzedFile } from '../analysis/workspace';

export function unitKind(path: string): UnitKind {
  return sourceKind(path) === 'trigger' ? 'trigger' : 'class';
}

function problem(kind: ProblemKind, message: string, span: Span = { start: 0, end: 0 }): ModelProblem {
  return { kind, message, span };
}

/** Parse and model one file. Never throws: what cannot be analysed becomes a problem. */
export function analyzeFile(file: SourceFile, config: ResolvedConfig = defaultConfig(), isCancelled?: () => boolean): AnalyzedFile {
  const source = new SourceText(file.text);
  const kind = unitKind(file.path);
  const empty: FileModel = { kind, types: [], problems: [], lineSuppressions: [] };
  if (file.unreadable) return { path: file.path, source, model: { ...empty, problems: [problem('unreadable', file.unreadable)] } };
  if (file.text.trim() === '') return { path: file.path, source, model: { ...empty, problems: [problem('empty', 'The file is empty: no Apex to analyse')] } };
  if (file.text.includes('\u0000')) {
    return { path: file.path, source, model: { ...empty, problems: [problem('binary', 'The file contains binary data (NUL bytes); it is not Apex source')] } };
  }
  const blanked: Span[] = [];
  let text = file.text;
  // Blank members nested past the limit up front; the RangeError path below stays as the backstop.
  for (let i = 0; i < 4 && nestsTooDeep(text); i++) {
    const b = blankDeepestMember(text, (cp) => source.unitOffset(cp));
    if (!b) break;
    text = b.text;
    blanked.push({ start: b.start - 1, end: b.end });
  }
  // Each retry blanks one more deeply nested member; a handful is plenty.
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const parseSource = text === file.text ? source : new SourceText(text);
      const parsed = parseApex(parseSource, kind, { deadline: Date.now() + config.fileTimeoutMs, ...(isCancelled ? { isCancelled } : {}) });
      const model = buildModel(parsed, source);
      model.problems.unshift(
        ...blanked.map((b) =>
          problem('too-deep', `This member nests more than ${DEEP_NESTING_LIMIT} levels deep; it is not analysed`, { start: b.start, end: b.start + 1 }),
        ),
        ...parsed.problems.map((p) => problem('syntax', p.message, { start: p.start, end: p.end })),
      );
      releaseParse(parsed);
      return { path: file.path, source, model };
    } catch (e) {
      if (e instanceof ParseCancelled) throw e;
      if (e instanceof AnalysisTimeout) {
        return {
          path: file.path,
          source,
          model: { ...empty, problems: [problem('timeout', `Parsing took longer than ${config.fileTimeoutMs} ms; the file is not analysed`)] },
        };
      }
      if (!(e instanceof RangeError)) {
        return { path: file.path, source, model: { ...empty, problems: [problem('internal', `Internal error while parsing: ${(e as Error).message}`)] } };
      }
      const b = blankDeepestMember(text, (cp) => source.unitOffset(cp));
      if (!b) break;
      text = b.text;
      blanked.push({ start: b.start - 1, end: b.end });
    }
  }
  return { path: file.path, source, model: { ...empty, problems: [problem('too-deep', 'The file nests too deeply for the parser; it is not analysed')] } };
}
