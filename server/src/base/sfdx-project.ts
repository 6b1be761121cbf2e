/**
 * `sfdx-project.json`: the package directories that hold a project's source
 * and its API version. Pure: the adapters read the file and pass its text.
 */
import * as path from 'node:path';

export interface SfdxProject {
  /** Absolute folder holding sfdx-project.json (or the workspace folder when there is none). */
  root: string;
  /** Absolute package directories; the default one first. Just `[root]` without sfdx-project.json. */
  packageDirectories: string[];
  /** `sourceApiVersion`, e.g. "62.0"; undefined when the file does not say. */
  sourceApiVersion?: string;
  /** Whether an sfdx-project.json was found and read. */
  hasProjectFile: boolean;
}

export const SFDX_PROJECT_FILE = 'sfdx-project.json';

/** Parse sfdx-project.json text. Malformed content is treated as "no project file" rather than thrown. */
export function parseSfdxProject(root: string, text: string | undefined): SfdxProject {
  const none: SfdxProject = { root, packageDirectories: [root], hasProjectFile: false };
  if (text === undefined) return none;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return none;
  }
  if (!raw || typeof raw !== 'object') return none;
  const obj = raw as { packageDirectories?: unknown; sourceApiVersion?: unknown };
  const dirs: { path: string; isDefault: boolean }[] = [];
  if (Array.isArray(obj.packageDirectories)) {
    for (const d of obj.packageDirectories) {
      if (!d || typeof d !== 'object' || typeof (d as { path?: unknown }).path !== 'string') continue;
      const rel = (d as { path: string }).path;
      const abs = path.resolve(root, rel);
      // A package directory outside the project folder is not ours to read or write.
      if (abs !== root && !abs.startsWith(root + path.sep)) continue;
      dirs.push({ path: abs, isDefault: (d as { default?: unknown }).default === true });
    }
  }
  dirs.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  const version = typeof obj.sourceApiVersion === 'string' && /^\d+\.\d+$/.test(obj.sourceApiVersion) ? obj.sourceApiVersion : undefined;
  return { root, packageDirectories: dirs.length ? dirs.map((d) => d.path) : [root], sourceApiVersion: version, hasProjectFile: true };
}
