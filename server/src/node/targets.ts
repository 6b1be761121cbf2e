/**
 * Where generated files may go: inside the project folder, also once
 * symlinked folders are resolved, and never through a symlink or onto a
 * folder. Shared by the CLI's `scaffold` writer and the language server's
 * scaffold command, so that both refuse the same things in the same words.
 * Symbolic links follow the one rule of node/walk.ts: a link to a folder
 * inside the project is fine, one that leads outside or to nothing is refused.
 * Every folder on the way is checked before anything is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function isInside(root: string, target: string): boolean {
  return target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** The real path of the deepest existing folder on the way to `target`. */
function realExistingAncestor(target: string): string {
  let dir = path.dirname(target);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return fs.realpathSync(dir);
}

/** Problems with writing `files` below `root`, and which of them exist already (regular files). */
export function checkTargets(files: { path: string }[], root: string): { problems: string[]; existing: Set<string> } {
  const realRoot = fs.realpathSync(root);
  const problems: string[] = [];
  const existing = new Set<string>();
  for (const file of files) {
    const target = path.resolve(root, file.path);
    if (!isInside(root, target)) {
      problems.push(`Refusing ${target}: it is outside the project folder ${root}`);
      continue;
    }
    if (!isInside(realRoot, path.join(realExistingAncestor(target), path.basename(target)))) {
      problems.push(`Refusing ${target}: it leads outside the project folder through a symbolic link`);
      continue;
    }
    const folder = folderProblem(root, path.dirname(target));
    if (folder) {
      problems.push(`Refusing ${target}: ${folder}`);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(target);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) problems.push(`Refusing ${target}: it is a symbolic link`);
    else if (!stat.isFile()) problems.push(`Refusing ${target}: it exists and is not a file`);
    else existing.add(target);
  }
  return { problems, existing };
}

/** Why files cannot be created in `dir` (each existing step from `root` down must be a folder, links resolving to one). */
function folderProblem(root: string, dir: string): string | undefined {
  const steps = path.relative(root, dir).split(path.sep).filter(Boolean);
  let at = root;
  for (const step of steps) {
    at = path.join(at, step);
    const link = fs.lstatSync(at, { throwIfNoEntry: false });
    if (!link) return undefined; // created by the write, with everything below it
    const stat = link.isSymbolicLink() ? fs.statSync(at, { throwIfNoEntry: false }) : link;
    if (!stat) return `${at} is a symbolic link to nothing`;
    if (!stat.isDirectory()) return `${at} is in the way: it is not a folder`;
  }
  return undefined;
}
