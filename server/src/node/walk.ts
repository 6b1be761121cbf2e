/**
 * Walking a project's folders for files: one walk (an explicit stack, no
 * recursion), one list of folders never worth entering.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.sfdx', '.sf', '.vscode']);

/**
 * Every file below `root` whose name `match` accepts, in no particular order.
 * `skip` can leave out a folder or file by path (e.g. .forceignore); folders
 * that cannot be read are passed over.
 */
export function filesBelow(root: string, match: (name: string) => boolean, skip: (p: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !skip(p)) stack.push(p);
      } else if (e.isFile() && match(e.name) && !skip(p)) out.push(p);
    }
  }
  return out;
}
