/**
 * The JavaScript of the project's Lightning Web Components: `lwc/<name>/*.js`
 * below the package directories, without Jest tests (`__tests__`, `*.test.js`).
 * The integration map reads them for `lightning/empApi` subscribers.
 */
import * as path from 'node:path';
import type { SourceFile } from '../base/contracts';
import { sourceKind } from '../base/file-kind';
import { filesBelow } from './walk';
import { MAX_SOURCE_BYTES, readBounded } from './bounded-read';

/** The LWC scripts below `dirs`, read as UTF-8, sorted by path; unreadable files are left out. */
export function readLwcScripts(dirs: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const dir of dirs) {
    for (const file of filesBelow(dir, (name) => /\.js$/i.test(name))) {
      if (sourceKind(file) !== 'lwc') continue;
      // Not readable, or larger than any source file is read: not part of the map.
      const read = readBounded(file, MAX_SOURCE_BYTES);
      if (read.ok) out.push({ path: path.resolve(file), text: read.bytes.toString('utf8') });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
