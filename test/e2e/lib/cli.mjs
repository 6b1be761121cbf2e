/** The project's own CLI, as the reference the editor must agree with. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './rig.mjs';

/** ESLint-shaped JSON results of `apex-pattern-lint --format json <paths>`. */
export function lintJson(paths) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'apex-pattern-lint.js'), '--format', 'json', ...paths], { encoding: 'utf8' });
  if (r.status === 2 || !r.stdout) throw new Error(`apex-pattern-lint failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The messages the CLI reports for one file of a folder, sorted by position. */
export function findingsOf(folder, file) {
  const entry = lintJson([folder]).find((f) => f.filePath === file);
  return (entry?.messages ?? []).sort((a, b) => a.line - b.line || a.column - b.column);
}
