/**
 * The JavaScript of the project's Lightning Web Components: `lwc/<name>/*.js`
 * below the package directories, without Jest tests (`__tests__`, `*.test.js`).
 * The integration map reads them for `lightning/empApi` subscribers.
 */
import * as path from 'node:path';
import type { SourceFile } from '../base/contracts';
import { filesBelow } from './walk';
import { MAX_SOURCE_BYTES, readBounded } from './bounded-read';

/** Whether `file` is the JavaScript of a Lightning Web Component (`…/lwc/<name>/<file>.js`, not a test). */
export function isLwcScript(file: string): boolean {
  const parts = file.split(/[\\/]/);
  const name = parts[parts.length - 1];
  if (!/\.js$/i.test(name) || /\.(test|spec)\.js$/i.test(name)) return false;
  const at = parts.lastIndexOf('lwc');
  return at >= 0 && at === parts.length - 3 && !parts.includes('__tests__');
}

/** The LWC scripts below `dirs`, read as UTF-8, sorted by path; unreadable files are left out. */
export function readLwcScripts(dirs: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const dir of dirs) {
    for (const file of filesBelow(dir, (name) => /\.js$/i.test(name))) {
      if (!isLwcScript(file)) continue;
      // Not readable, or larger than any source file is read: not part of the map.
      const read = readBounded(file, MAX_SOURCE_BYTES);
      if (read.ok) out.push({ path: path.resolve(file), text: read.bytes.toString('utf8') });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
