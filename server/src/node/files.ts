/**
 * Which files a CLI run lints: `.cls` and `.trigger` files, and the scripts of
 * Lightning Web Components (`lwc/<name>/*.js`, for the empApi checks), named
 * or found under the named folders, minus what the project's `.forceignore`
 * excludes, and reading them with a size limit.
 *
 * The project folder of a path is the nearest folder at or above it with an
 * sfdx-project.json, else the folder given. `.forceignore` files apply from
 * that folder down, never from above it (a `*.cls` in some ancestor must not
 * silently empty a run), and symbolic links follow the rule of node/walk.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot, readSfdxProject } from '../node/project-files';
import { filesBelow } from '../node/walk';
import { isLwcScript } from './lwc-files';
import ignore, { type Ignore } from 'ignore';
import { megabytes, readBounded } from './bounded-read';

export const APEX_FILE = /\.(cls|trigger)$/i;

/**
 * Larger than any deployable class or trigger (Apex allows 1,000,000
 * characters, at most 4 bytes each in UTF-8). Parsing costs 40–50 times a
 * file's size in memory, so a bigger file is reported and skipped unread.
 */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

export class UsageError extends Error {}

interface ProjectIgnore {
  root: string;
  rules: Ignore;
}

const ignoreCache = new Map<string, ProjectIgnore | null>();

/** Forget the `.forceignore` files read so far (the language server calls this when one changes). */
export function clearIgnoreCache(): void {
  ignoreCache.clear();
}

/** The nearest `.forceignore` from `dir` up to the project folder `root` (never above it). */
function projectIgnore(dir: string, root: string): ProjectIgnore | null {
  const key = `${root}\0${dir}`;
  const cached = ignoreCache.get(key);
  if (cached !== undefined) return cached;
  let found: ProjectIgnore | null = null;
  for (let d = dir; d === root || d.startsWith(root + path.sep); d = path.dirname(d)) {
    const fi = path.join(d, '.forceignore');
    if (fs.existsSync(fi)) {
      const read = readBounded(fi, 1024 * 1024);
      found = { root: d, rules: ignore().add(read.ok ? read.bytes.toString('utf8') : '') };
      break;
    }
    if (d === root || path.dirname(d) === d) break;
  }
  ignoreCache.set(key, found);
  return found;
}

function ignoredBelow(root: string): (file: string) => boolean {
  return (file) => {
    const pi = projectIgnore(path.dirname(file), root);
    if (!pi) return false;
    const rel = path.relative(pi.root, file).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('..') && pi.rules.ignores(rel);
  };
}

/** The folders to search under `dir`: the package directories when `dir` holds sfdx-project.json, else `dir`. */
export function packageDirectoriesOf(dir: string): string[] {
  return readSfdxProject(dir).packageDirectories.filter((d) => fs.existsSync(d));
}

export interface DiscoverOptions {
  /** Told about every file or folder left out that a person would expect to be linted. */
  onSkipped?: (file: string, reason: string) => void;
}

/** Absolute paths of the Apex files to lint, sorted. Throws UsageError for a path that does not exist or is not a file or folder. */
export function discoverFiles(args: string[], cwd = process.cwd(), options: DiscoverOptions = {}): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`No such file or directory: ${printable(arg)}`);
    }
    if (stat.isFile()) {
      if (!APEX_FILE.test(abs) && !isLwcScript(abs))
        throw new UsageError(`Not an Apex file (.cls or .trigger) or a Lightning component script (lwc/<name>/*.js): ${printable(arg)}`);
      out.add(abs);
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`Not a file or folder (a pipe or a device?): ${printable(arg)}`);
    // An SFDX project folder: its package directories hold the source (DESIGN: workspace index).
    const root = findProjectRoot(abs) ?? abs;
    const ignored = ignoredBelow(root);
    for (const dir of packageDirectoriesOf(abs)) {
      const walk = { boundary: root, ...(options.onSkipped ? { onSkipped: options.onSkipped } : {}) };
      for (const f of filesBelow(dir, (name) => APEX_FILE.test(name) || /\.js$/i.test(name), ignored, walk))
        if (APEX_FILE.test(f) || isLwcScript(f)) out.add(f);
    }
  }
  return [...out].sort();
}

export type ReadOutcome = { ok: true; text: string } | { ok: false; message: string; fatal: boolean };

/** Read one file as UTF-8 Apex source; binary, non-UTF-8 and oversized files get a clear message. */
export function readSource(file: string): ReadOutcome {
  const read = readBounded(file, MAX_SOURCE_BYTES);
  if (!read.ok) {
    if (read.tooLarge) {
      return {
        ok: false,
        message: `The file is ${megabytes(read.size)}: larger than any Apex class or trigger can be (1,000,000 characters); it is not analysed`,
        fatal: false,
      };
    }
    return { ok: false, message: `Cannot read file: ${read.error.code ?? read.error.message}`, fatal: true };
  }
  const bytes = read.bytes;
  if (bytes.includes(0)) return { ok: false, message: 'The file contains binary data (NUL bytes); it is not Apex source', fatal: false };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'The file is not valid UTF-8; save it as UTF-8 to analyse it', fatal: false };
  }
  if (/^\s*<\?xml\b|^\s*<[A-Za-z][\w:.-]*\s+xmlns=/.test(text)) {
    return { ok: false, message: 'The file holds XML (metadata), not Apex source; a .cls or .trigger file holds Apex', fatal: false };
  }
  return { ok: true, text };
}

/** A name as a terminal may show it: control characters escaped. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
