/**
 * The core's front door: `lint(files, config) → results`. Pure: no file
 * system, no process state. The CLI and the language server are adapters
 * around it; LintProject (project.ts) is the same core kept across edits.
 */
import { defaultConfig, type FileResult, type ResolvedConfig, type SourceFile } from '../base/contracts';
import { LintProject, type LintOptions } from './project';

export type { FileEdit, FileResult, Finding, Fix, NewFile, RelatedLocation, SourceFile, TextEdit } from '../base/contracts';
export type { LintOptions, ModelCache } from './project';
export { analyzeFile, unitKind } from './analyze-file';
export { checkFile } from './check-file';
export { filesThatMatter } from '../select';

/** Lint a set of files as one workspace. */
export function lint(files: SourceFile[], config: ResolvedConfig = defaultConfig(), options: LintOptions = {}): FileResult[] {
  const project = new LintProject(config, options);
  if (options.project) project.setProjectInfo(options.project);
  for (const f of files) project.setFile(f);
  return project.lintAll();
}
