/**
 * Walking a project's folders for files: one walk (an explicit stack, no
 * recursion), one list of folders never worth entering, and one rule for
 * symbolic links, the same as scaffolding's (node/targets.ts):
 *
 *   A symbolic link is followed when its target is inside the project folder
 *   (the folder of sfdx-project.json, or the linted folder when there is
 *   none). A link that leads outside it, or to nothing, is not followed and is
 *   reported. A file reached twice (through a link and directly) counts once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.sfdx', '.sf', '.vscode']);

export interface WalkOptions {
  /** The project folder links must stay inside (default: `root`). */
  boundary?: string;
  /** Told about every link that is not followed, and why. */
  onSkipped?: (file: string, reason: string) => void;
}

/** Whether `target` is `dir` or below it. */
export function isWithin(dir: string, target: string): boolean {
  return target === dir || target.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Whether following `p` goes round in circles (a link to itself, or links to each other). */
function isLinkLoop(p: string): boolean {
  try {
    fs.statSync(p);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

/**
 * Every file below `root` whose name `match` accepts, in no particular order.
 * `skip` can leave out a folder or file by path (e.g. .forceignore); folders
 * that cannot be read are passed over.
 */
export function filesBelow(root: string, match: (name: string) => boolean, skip: (p: string) => boolean = () => false, options: WalkOptions = {}): string[] {
  const realRoot = realPath(root);
  if (!realRoot) return [];
  const boundary = realPath(options.boundary ?? root) ?? realRoot;
  const skipped = options.onSkipped ?? (() => undefined);
  if (!isWithin(boundary, realRoot)) {
    skipped(root, 'it is a symbolic link that leads outside the project folder');
    return [];
  }
  /** Real path → the path it was found at; a path without links wins. */
  const found = new Map<string, { path: string; viaLink: boolean }>();
  const seenDirs = new Set<string>([realRoot]);
  const stack: { dir: string; real: string }[] = [{ dir: root, real: realRoot }];
  while (stack.length) {
    const { dir, real } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    /** Whether this folder was reached through a link (computed for the first file it holds). */
    let dirViaLink: boolean | undefined;
    for (const e of entries) {
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      // Most entries of a real org are metadata files no one asked for: no paths built for them.
      if (isFile && !match(e.name)) continue;
      const p = path.join(dir, e.name);
      let target = path.join(real, e.name);
      if (e.isSymbolicLink()) {
        if (SKIP_DIRS.has(e.name) || skip(p)) continue;
        const resolved = realPath(p);
        if (!resolved) {
          skipped(p, isLinkLoop(p) ? 'it is a symbolic-link loop (ELOOP)' : 'it is a symbolic link to nothing');
          continue;
        }
        if (!isWithin(boundary, resolved)) {
          skipped(p, 'it is a symbolic link that leads outside the project folder');
          continue;
        }
        const stat = fs.statSync(resolved, { throwIfNoEntry: false });
        isDir = !!stat?.isDirectory();
        isFile = !!stat?.isFile() && match(e.name);
        target = resolved;
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name) || skip(p) || seenDirs.has(target)) continue;
        seenDirs.add(target);
        stack.push({ dir: p, real: target });
      } else if (isFile && match(e.name) && !skip(p)) {
        dirViaLink ??= real !== path.join(realRoot, path.relative(root, dir));
        const viaLink = e.isSymbolicLink() || dirViaLink;
        const before = found.get(target);
        if (!before || (before.viaLink && !viaLink)) found.set(target, { path: p, viaLink });
      }
    }
  }
  return [...found.values()].map((f) => f.path);
}
