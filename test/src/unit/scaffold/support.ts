import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../../../server/out/cli/main';

export const API_VERSION = '61.0';
/** The default package directory is deliberately not the first one listed. */
export const PACKAGE_DIR = 'src-app';
export const MAIN_DEFAULT = `${PACKAGE_DIR}/main/default`;

const created: string[] = [];

// Root-level hook (this module is loaded once): remove the temporary projects after the run.
after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary SFDX project with a non-default package directory listed first; `null`: a folder without sfdx-project.json. */
export function tempProject(
  sfdxProject: unknown = {
    packageDirectories: [{ path: 'other-pkg' }, { path: PACKAGE_DIR, default: true }],
    name: 'scaffold-test',
    sourceApiVersion: API_VERSION,
  },
): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'apl-scaffold-')));
  created.push(dir);
  if (sfdxProject !== null) fs.writeFileSync(path.join(dir, 'sfdx-project.json'), JSON.stringify(sfdxProject, null, 2));
  return dir;
}

/** Runs `apex-pattern-lint <args>` in-process, as bin/apex-pattern-lint.js does. */
export function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = run(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Every file below `dir`, relative, with forward slashes, sorted. */
export function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}
