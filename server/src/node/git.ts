/**
 * The files a branch changed, for `--changed-since <ref>`: what its commits
 * changed since it left `ref` (`git diff <ref>...HEAD`), what is changed but
 * not committed yet (`git diff HEAD`, staged or not) and the untracked files
 * git does not ignore — so a pull request and a pre-commit hook both see
 * their own work. The whole project is still analysed; only the report is
 * narrowed to these files.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH)');
    const said = (err.stderr ?? '').trim().split('\n')[0];
    throw new GitError(said || err.message);
  }
}

/** Absolute paths of the files changed since `ref` in the git repository holding `cwd`. */
export function changedFiles(cwd: string, ref: string): Set<string> {
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (e) {
    throw new GitError(`--changed-since needs a git repository: ${(e as Error).message}`);
  }
  if (ref.startsWith('-')) throw new GitError(`--changed-since: "${ref}" is not a git revision`);
  try {
    git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`--changed-since: "${ref}" is not a commit, branch or tag of this repository (fetch it first, e.g. with fetch-depth: 0)`);
  }
  const names = [
    git(top, ['diff', '--name-only', '-z', '--no-renames', `${ref}...HEAD`, '--']),
    git(top, ['diff', '--name-only', '-z', '--no-renames', 'HEAD', '--']),
    git(top, ['ls-files', '--others', '--exclude-standard', '-z']),
  ].flatMap((out) => out.split('\0').filter(Boolean));
  return new Set(names.map((name) => path.resolve(top, name)));
}
