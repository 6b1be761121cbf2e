/**
 * What a fix builder needs and gives back, in the fixes layer's own terms
 * (the rules layer above passes its context and reports the result as it is).
 */
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import type { ResolvedConfig } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';

export type { FixText } from './fixer';

export interface FixContext {
  workspace: Workspace;
  file: AnalyzedFile;
  config: ResolvedConfig;
  project?: ProjectInfo;
}

/** `62.0` → 62; undefined when the project does not say. */
export function apiVersionOf(project: ProjectInfo | undefined, fallback: string): number {
  return Number(project?.sfdx.sourceApiVersion ?? fallback);
}
