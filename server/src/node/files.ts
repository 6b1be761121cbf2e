/**
 * Which files a CLI run lints: `.cls` and `.trigger` files, and the scripts of
 * Lightning Web Components (`lwc/<name>/*.js`, for the empApi checks), named
 * or found under the named folders, minus what the project's `.forceignore`
 * excludes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSfdxProject } from '../node/project-files';
import { filesBelow } from '../node/walk';
import { isLwcScript } from './lwc-files';
import ignore, { type Ignore } from 'ignore';

export const APEX_FILE = /\.(cls|trigger)$/i;

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

/** The `.forceignore` of the SFDX project containing `dir`, if any. */
function projectIgnore(dir: string): ProjectIgnore | null {
  const cached = ignoreCache.get(dir);
  if (cached !== undefined) return cached;
  let found: ProjectIgnore | null = null;
  for (let d = dir; ; d = path.dirname(d)) {
    const fi = path.join(d, '.forceignore');
    if (fs.existsSync(fi)) {
      found = { root: d, rules: ignore().add(fs.readFileSync(fi, 'utf8')) };
      break;
    }
    if (fs.existsSync(path.join(d, 'sfdx-project.json')) || path.dirname(d) === d) break;
  }
  ignoreCache.set(dir, found);
  return found;
}

function ignored(file: string): boolean {
  const pi = projectIgnore(path.dirname(file));
  if (!pi) return false;
  const rel = path.relative(pi.root, file).split(path.sep).join('/');
  return rel !== '' && !rel.startsWith('..') && pi.rules.ignores(rel);
}

/** The folders to search under `dir`: the package directories when `dir` holds sfdx-project.json, else `dir`. */
export function packageDirectoriesOf(dir: string): string[] {
  return readSfdxProject(dir).packageDirectories.filter((d) => fs.existsSync(d));
}

/** Absolute paths of the Apex files to lint, sorted. Throws UsageError for a path that does not exist. */
export function discoverFiles(args: string[], cwd = process.cwd()): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`No such file or directory: ${arg}`);
    }
    if (stat.isFile()) {
      if (!APEX_FILE.test(abs) && !isLwcScript(abs))
        throw new UsageError(`Not an Apex file (.cls or .trigger) or a Lightning component script (lwc/<name>/*.js): ${arg}`);
      out.add(abs);
      continue;
    }
    // An SFDX project folder: its package directories hold the source (DESIGN: workspace index).
    for (const dir of packageDirectoriesOf(abs)) {
      for (const f of filesBelow(dir, (name) => APEX_FILE.test(name) || /\.js$/i.test(name), ignored)) if (APEX_FILE.test(f) || isLwcScript(f)) out.add(f);
    }
  }
  return [...out].sort();
}

export type ReadOutcome = { ok: true; text: string } | { ok: false; message: string; fatal: boolean };

/** Read one file as UTF-8 Apex source; binary and non-UTF-8 files get a clear message. */
export function readSource(file: string): ReadOutcome {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, message: `Cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, fatal: true };
  }
  if (bytes.includes(0)) return { ok: false, message: 'The file contains binary data (NUL bytes); it is not Apex source', fatal: false };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'The file is not valid UTF-8; save it as UTF-8 to analyse it', fatal: false };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
