/**
 * `apex-pattern-lint scaffold <pattern> --name <Name> [--dir <project>] [options] [--force]`:
 * generate a pattern with the core scaffolder and write it into the SFDX
 * project. Every target is checked before anything is written: inside the
 * project folder (also after resolving symlinked folders), not an existing
 * file unless --force. Exit 0 written, 2 bad usage or refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SFDX_PROJECT_FILE, type SfdxProject } from '../base/sfdx-project';
import { PATTERNS, PATTERN_IDS, scaffold, ScaffoldError, type GeneratedFile, type PatternId } from '../scaffold';
import type { CliIO } from './io';
import { checkTargets } from '../node/targets';
import { findProjectRoot, readSfdxProject } from '../node/project-files';

export class WriteRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'WriteRefused';
  }
}

export interface WriteOutcome {
  created: string[];
  overwritten: string[];
}

/**
 * Write generated files into `projectRoot`. Checks all of them first and
 * writes none when any is refused: a path outside the project (lexically or
 * through a symlinked folder), a symlink or folder in the way, or an existing
 * file without `force`. Throws WriteRefused listing every problem.
 */
export function writeGeneratedFiles(files: GeneratedFile[], projectRoot: string, options: { force?: boolean } = {}): WriteOutcome {
  const root = path.resolve(projectRoot);
  const { problems, existing } = checkTargets(files, root);
  if (!options.force) for (const target of existing) problems.push(`${target} already exists (use --force to overwrite)`);
  if (problems.length) throw new WriteRefused(problems);

  const outcome: WriteOutcome = { created: [], overwritten: [] };
  const madeFolders: string[] = [];
  const previous = new Map<string, Buffer>();
  try {
    for (const file of files) {
      const target = path.resolve(root, file.path);
      const made = fs.mkdirSync(path.dirname(target), { recursive: true });
      if (made) madeFolders.push(made);
      if (existing.has(target)) previous.set(target, fs.readFileSync(target));
      // 'wx' fails instead of overwriting a file that appeared since the check.
      fs.writeFileSync(target, file.text, { encoding: 'utf8', flag: existing.has(target) ? 'w' : 'wx' });
      (existing.has(target) ? outcome.overwritten : outcome.created).push(target);
    }
  } catch (e) {
    // All or nothing: take back what this run wrote, then say what failed.
    for (const created of outcome.created) fs.rmSync(created, { force: true });
    for (const [target, bytes] of previous) if (outcome.overwritten.includes(target)) fs.writeFileSync(target, bytes);
    for (const folder of madeFolders.reverse()) fs.rmSync(folder, { recursive: true, force: true });
    const err = e as NodeJS.ErrnoException;
    throw new WriteRefused([`could not write ${err.path ?? 'a file'} (${err.code ?? err.message}); nothing was written`]);
  }
  return outcome;
}

/** The SFDX project at `dir` or the nearest folder above it with an sfdx-project.json. */
export function findSfdxProject(dir: string): SfdxProject | undefined {
  const root = findProjectRoot(dir);
  return root ? readSfdxProject(root) : undefined;
}

const OPTION_IDS = [...new Set(PATTERNS.flatMap((p) => p.options.map((o) => o.id)))];

function usageText(): string {
  const patterns = PATTERNS.map((p) => {
    const options = p.options.map(
      (o) =>
        `      --${o.id}${o.required ? ' (required)' : ''}: ${o.prompt}${o.defaultFor ? ` [default for --name ${p.nameExample}: ${o.defaultFor(p.nameExample)}]` : ''}`,
    );
    return [`  ${p.id} — ${p.title}: ${p.description}`, `      --name: ${p.namePrompt}`, ...options].join('\n');
  });
  return `Usage: apex-pattern-lint scaffold <pattern> --name <Name> [--dir <project>] [options] [--force]

Generates an integration pattern (Apex, tests and metadata) into the default
package directory of the SFDX project at --dir (default: the current folder,
or the nearest folder above it with an sfdx-project.json).

Patterns and their options:
${patterns.join('\n')}

Common options:
      --dir <project>   the SFDX project folder
      --force           overwrite existing files (never files outside the project)
  -h, --help            show this help

Exit status: 0 written, 2 bad usage or refused (nothing is written then).`;
}

function refuse(io: CliIO, message: string, withUsage = false): number {
  io.stderr(`apex-pattern-lint scaffold: ${message}\n${withUsage ? `\n${usageText()}\n` : ''}`);
  return 2;
}

export function runScaffold(argv: string[], io: CliIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string', short: 'n' },
        dir: { type: 'string', short: 'd' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(OPTION_IDS.map((id) => [id, { type: 'string' as const }])),
      },
    });
  } catch (e) {
    return refuse(io, (e as Error).message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(usageText() + '\n');
    return 0;
  }
  if (positionals.length !== 1)
    return refuse(
      io,
      positionals.length ? `one pattern expected, got ${positionals.join(' ')}` : `no pattern given (use one of ${PATTERN_IDS.join(', ')})`,
      true,
    );
  const pattern = positionals[0];
  if (!(PATTERN_IDS as readonly string[]).includes(pattern)) return refuse(io, `unknown pattern "${pattern}" (use one of ${PATTERN_IDS.join(', ')})`);
  if (typeof values.name !== 'string') return refuse(io, '--name is required');

  const dir = path.resolve(io.cwd, typeof values.dir === 'string' ? values.dir : '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return refuse(io, `--dir ${dir} is not a folder`);
  const project = findSfdxProject(dir);
  if (!project) return refuse(io, `no ${SFDX_PROJECT_FILE} in ${dir} or any folder above it; run in an SFDX project or pass --dir`);
  if (!project.hasProjectFile)
    return refuse(io, `${path.join(project.root, SFDX_PROJECT_FILE)} is not valid JSON; fix it so that the package directories are known`);

  const options: Record<string, string> = {};
  for (const id of OPTION_IDS) {
    const value = (values as Record<string, unknown>)[id];
    if (typeof value === 'string') options[id] = value;
  }
  try {
    const { files } = scaffold({ pattern: pattern as PatternId, name: values.name, options }, project);
    const outcome = writeGeneratedFiles(files, project.root, { force: !!values.force });
    const rel = (p: string) => path.relative(project.root, p).split(path.sep).join('/');
    const overwritten = new Set(outcome.overwritten);
    const lines = files.map((f) => path.resolve(project.root, f.path)).map((p) => `  ${overwritten.has(p) ? 'overwritten' : 'created    '}  ${rel(p)}`);
    io.stdout(`${pattern} "${values.name}" in ${project.root}:\n${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ScaffoldError || e instanceof WriteRefused) return refuse(io, `nothing written:\n  ${e.problems.join('\n  ')}`);
    if ((e as NodeJS.ErrnoException).code) return refuse(io, `could not write: ${(e as Error).message}`);
    throw e;
  }
}
