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
import { SFDX_PROJECT_FILE } from '../base/sfdx-project';
import { filesBelow } from '../node/walk';
import { mayBeSource, sourceKind } from '../base/file-kind';
import ignore, { type Ignore } from 'ignore';
import { MAX_SOURCE_BYTES, megabytes, readBounded } from './bounded-read';

export class UsageError extends Error {}

/** Why a path named on the command line cannot be used, from the code of its stat error. */
function statProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'A symbolic-link loop (ELOOP): the path never reaches a file or folder';
  if (code === 'EACCES' || code === 'EPERM') return `Permission denied (${code})`;
  if (code === 'ENOTDIR') return 'No such file or directory (a part of the path is a file)';
  if (code === 'ENOENT' || code === undefined) return 'No such file or directory';
  return `Cannot read (${code})`;
}

/**
 * The package directories that the sfdx-project.json of `dir` lists but that
 * are not folders (a typo, a file): nothing in them would be linted, in
 * silence. The Salesforce CLI refuses such a project too.
 */
export function missingPackageDirectories(dir: string): string[] {
  const sfdx = readSfdxProject(dir);
  if (!sfdx.hasProjectFile) return [];
  const file = path.join(sfdx.root, SFDX_PROJECT_FILE);
  return sfdx.packageDirectories.flatMap((d) => {
    let what: string;
    try {
      if (fs.statSync(d).isDirectory()) return [];
      what = 'is a file, not a folder';
    } catch (e) {
      what = (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a symbolic-link loop' : 'does not exist';
    }
    return [`${printable(file)} lists the package directory "${printable(path.relative(sfdx.root, d) || '.')}", which ${what}`];
  });
}

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
  /** Told about each package directory of sfdx-project.json that is not a folder; the others are still searched. */
  onProjectProblem?: (message: string) => void;
}

/** Absolute paths of the Apex files to lint, sorted. Throws UsageError for a path that does not exist or is not a file or folder. */
export function discoverFiles(args: string[], cwd = process.cwd(), options: DiscoverOptions = {}): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      throw new UsageError(`${statProblem(e)}: ${printable(arg)}`);
    }
    if (stat.isFile()) {
      if (!sourceKind(abs)) throw new UsageError(`Not an Apex file (.cls or .trigger) or a Lightning component script (lwc/<name>/*.js): ${printable(arg)}`);
      out.add(abs);
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`Not a file or folder (a pipe or a device?): ${printable(arg)}`);
    // An SFDX project folder: its package directories hold the source (docs/principles.md, each SFDX project is its own world).
    for (const m of missingPackageDirectories(abs)) options.onProjectProblem?.(`${m}: its Apex cannot be linted; fix the path in sfdx-project.json`);
    const root = findProjectRoot(abs) ?? abs;
    const ignored = ignoredBelow(root);
    for (const dir of packageDirectoriesOf(abs)) {
      const walk = { boundary: root, ...(options.onSkipped ? { onSkipped: options.onSkipped } : {}) };
      for (const f of filesBelow(dir, mayBeSource, ignored, walk)) if (sourceKind(f)) out.add(f);
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
