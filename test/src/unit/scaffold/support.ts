import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runScaffold } from '../../../../server/out/cli/scaffold';

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
  // The other package directory exists, as in a real project (a missing one is an error); the default one is the scaffold's to create.
  const listed = (sfdxProject as { packageDirectories?: { path?: unknown; default?: unknown }[] } | null)?.packageDirectories ?? [];
  for (const d of Array.isArray(listed) ? listed : [])
    if (d && typeof d.path === 'string' && d.default !== true) fs.mkdirSync(path.join(dir, d.path), { recursive: true });
  return dir;
}

/** Runs `apex-pattern-lint scaffold <args>` in-process, as bin/apex-pattern-lint.js does; a lint run in a child process. */
export function cli(args: string[], cwd: string) {
  if (args[0] !== 'scaffold') {
    const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', '..', '..', 'bin', 'apex-pattern-lint.js'), ...args], { cwd, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  let stdout = '';
  let stderr = '';
  const code = runScaffold(args.slice(1), { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
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
