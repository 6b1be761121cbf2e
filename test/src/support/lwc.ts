/** Lint one Lightning component script as it sits in a project (`lwc/<name>/<name>.js`), with the Platform Events its objects/ defines. */
import { lint } from '../../../server/out/core/lint';
import { resolveConfig } from '../../../server/out/core/config';
import { parseSfdxProject } from '../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../server/out/base/project-info';

const LWC = '/p/force-app/main/default/lwc';

/** The findings of component `name` (platformEvents undefined: a project without objects/ metadata). */
export function lintLwc(name: string, text: string, platformEvents: string[] | undefined, config: unknown = {}) {
  const project: ProjectInfo = {
    sfdx: parseSfdxProject('/p', undefined),
    namedCredentials: [],
    ...(platformEvents ? { platformEvents: platformEvents.map((e) => ({ name: e, path: `/p/objects/${e}/${e}.object-meta.xml` })) } : {}),
  };
  const file = `${LWC}/${name}/${name}.js`;
  const [result] = lint([{ path: file, text }], resolveConfig(config), { project });
  return result.findings;
}

/** `[ruleId, line:col-endLine:endCol, severity, the message up to its first colon]` of each finding. */
export function lwcFindings(name: string, text: string, platformEvents: string[] | undefined, config: unknown = {}) {
  return lintLwc(name, text, platformEvents, config).map((f) => [
    f.ruleId,
    `${f.range.start.line}:${f.range.start.character + 1}-${f.range.end.line}:${f.range.end.character + 1}`,
    f.severity,
    f.message.split(':')[0],
  ]);
}
