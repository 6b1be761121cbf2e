/**
 * The `apex-pattern-lint` command: read files, run the core, print a format.
 * Exit 0 clean, 1 findings at error severity (or over --max-warnings),
 * 2 bad usage or unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceFile } from '../core/lint';
import { createLinter } from '../core/linter';
import { ConfigError, FILE_TIMEOUT_RANGE } from '../core/config';
import { defaultConfig, type ResolvedConfig } from '../base/contracts';
import { findConfigFile, loadConfigFile } from '../node/config-file';
import { discoverFiles, printable, readSource, UsageError } from '../node/files';
import { findProjectRoot, readProjectInfo } from '../node/project-files';
import { DiskModelCache } from '../node/model-cache';
import { ParsePool } from '../node/parse-pool';
import { cachedParse, poolParse } from '../node/parse-ports';

const CACHE_DIR = '.apexpatternlintcache';
import { counts, type CliFileResult, type Formatter } from './report';
import { formatStylish } from './format-stylish';
import { formatJson } from './format-json';
import { makeSarifFormatter } from './format-sarif';
import { unwritable, writeOutput, type CliIO } from './io';
import { formatCodeClimate } from './format-codeclimate';
import { applyBaseline, onlyChanged, readBaseline, writeBaseline } from './narrow';
import { BaselineError } from '../core/baseline';
import type { FindingKey } from '../core/fingerprint';
import { changedFiles, GitError } from '../node/git';

export type { CliIO } from './io';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../../package.json').version;

const USAGE = `Usage: apex-pattern-lint [--format stylish|json|sarif|codeclimate] [--config FILE] [--max-warnings N] [--baseline FILE] [--changed-since REF] <paths...>
       apex-pattern-lint scaffold <pattern> --name <Name> [--dir <project>] [--force]   (see scaffold --help)
       apex-pattern-lint inventory [--format table|md|json|csv] <paths...>            (see inventory --help)

Lints Salesforce Apex (.cls, .trigger) for integration mistakes, across methods and classes,
and Lightning components' lightning/empApi subscriptions (lwc/<name>/*.js).
Folders are searched recursively (an SFDX project folder: its package directories);
the project's .forceignore is honoured.

Options:
  -f, --format FORMAT     stylish (default), json (ESLint's shape), sarif (2.1.0) or codeclimate (GitLab code quality)
  -c, --config FILE       configuration file (default: nearest .apexpatternlintrc.json)
      --max-warnings N    exit 1 when there are more than N warnings
  -o, --output-file FILE  write the report to FILE instead of standard output
      --all-files         parse every file and method, not only those that can matter (syntax errors everywhere)
      --file-timeout MS   stop analysing a file after MS milliseconds (default 10000, or fileTimeoutMs in the config)
      --cache             keep parsed files in .apexpatternlintcache/ (by content) for the next run
      --cache-location D  the cache folder (implies --cache)
      --write-baseline F  record every finding in the baseline file F (to commit) and exit 0; its paths are relative to its folder
      --baseline F        report only findings the baseline file F does not hold; say how many it matched and how many are gone
      --changed-since REF report only findings in files changed since the git REF (or with a related location there);
                          the whole project is still analysed
  -h, --help              show this help
  -v, --version           show the version

Exit status: 0 clean, 1 errors found (or too many warnings), 2 bad usage or unreadable input.`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  // Loaded only for their sub-commands: a lint run does not pay for them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (argv[0] === 'scaffold') return (require('./scaffold') as typeof import('./scaffold')).runScaffold(argv.slice(1), io);
  if (argv[0] === 'inventory') return (require('./inventory') as typeof import('./inventory')).runInventory(argv.slice(1), io);
  /* eslint-enable @typescript-eslint/no-require-imports */
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        'output-file': { type: 'string', short: 'o' },
        'all-files': { type: 'boolean' },
        'file-timeout': { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'changed-since': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.stderr(`apex-pattern-lint: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    io.stdout(VERSION + '\n');
    return 0;
  }
  const formatters: Record<string, Formatter> = {
    stylish: formatStylish,
    json: formatJson,
    sarif: makeSarifFormatter(VERSION),
    codeclimate: formatCodeClimate,
  };
  const formatter = formatters[values.format ?? 'stylish'];
  if (!formatter) return usage(io, `unknown format "${values.format}" (use stylish, json, sarif or codeclimate)`);
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) return usage(io, '--baseline and --write-baseline do not go together');
  if (values['changed-since'] !== undefined && values['write-baseline'] !== undefined)
    return usage(io, '--write-baseline records every finding; it does not take --changed-since');
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) return usage(io, '--max-warnings takes a non-negative integer');
    maxWarnings = Number(values['max-warnings']);
  }
  let fileTimeoutMs: number | undefined;
  if (values['file-timeout'] !== undefined) {
    fileTimeoutMs = Number(values['file-timeout']);
    if (!/^\d+$/.test(values['file-timeout']) || fileTimeoutMs < FILE_TIMEOUT_RANGE.min || fileTimeoutMs > FILE_TIMEOUT_RANGE.max)
      return usage(io, `--file-timeout takes milliseconds between ${FILE_TIMEOUT_RANGE.min} and ${FILE_TIMEOUT_RANGE.max}`);
  }
  if (positionals.length === 0) return usage(io, 'no paths given');
  const outputFile = values['output-file'] === undefined ? undefined : path.resolve(io.cwd, values['output-file']);
  const outputProblem = outputFile && unwritable(outputFile);
  if (outputProblem) return usage(io, outputProblem);
  const baselineOut = values['write-baseline'] === undefined ? undefined : path.resolve(io.cwd, values['write-baseline']);
  const baselineProblem = baselineOut && unwritable(baselineOut);
  if (baselineProblem) return usage(io, baselineProblem.replace(/^-o /, '--write-baseline '));
  const baselineIn = values.baseline === undefined ? undefined : path.resolve(io.cwd, values.baseline);
  let baseline: FindingKey[] | undefined;
  let changed: Set<string> | undefined;
  try {
    if (baselineIn) baseline = readBaseline(baselineIn);
    // Asked in the folder of the first path: the run may start outside the repository it lints.
    if (values['changed-since'] !== undefined) changed = changedFiles(gitFolder(path.resolve(io.cwd, positionals[0])), values['changed-since']);
  } catch (e) {
    if (!(e instanceof BaselineError || e instanceof GitError)) throw e;
    io.stderr(`apex-pattern-lint: ${e.message}\n`);
    return 2;
  }

  let files: string[];
  let config: ResolvedConfig;
  const notices: string[] = [];
  const projectProblems: string[] = [];
  try {
    files = discoverFiles(positionals, io.cwd, {
      onSkipped: (file, why) => notices.push(`skipped ${printable(file)}: ${why}`),
      onProjectProblem: (message) => projectProblems.push(message),
    });
    const configFile = values.config ? path.resolve(io.cwd, values.config) : findConfigFile(path.resolve(io.cwd, positionals[0]));
    config = configFile ? loadConfigFile(configFile) : defaultConfig();
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) return usage(io, e.message);
    throw e;
  }
  if (fileTimeoutMs !== undefined) config.fileTimeoutMs = fileTimeoutMs;
  for (const n of notices) io.stderr(`apex-pattern-lint: ${n}\n`);

  const sources: SourceFile[] = [];
  const unreadable = new Map<string, CliFileResult>();
  for (const file of files) {
    const read = readSource(file);
    if (read.ok) sources.push({ path: file, text: read.text });
    else if (read.fatal) unreadable.set(file, { path: file, findings: [], fatal: read.message });
    else sources.push({ path: file, text: '', unreadable: read.message });
  }
  const cache = values.cache || values['cache-location'] ? new DiskModelCache(path.resolve(io.cwd, values['cache-location'] ?? CACHE_DIR)) : undefined;
  const linted = new Map<string, CliFileResult>();
  // Each sfdx-project.json is its own world (docs/principles.md): a class of one project never resolves or shadows a name in another.
  const pool = new ParsePool();
  // Parse what the lint needs in workers that a deadline can stop, in parallel; the --cache first.
  const parse = cachedParse(poolParse(pool), cache);
  try {
    for (const [root, group] of byProject(sources)) {
      const linter = createLinter({
        parse,
        config,
        options: { allFiles: !!values['all-files'], omitUnneededBodies: true, ...(cache ? { modelCache: cache } : {}) },
      });
      if (root) linter.setProjectInfo(readProjectInfo(root));
      for (const source of group) linter.setFile(source);
      for (const r of await linter.lintAll()) linted.set(r.path, r);
    }
  } finally {
    await pool.close();
  }
  cache?.prune();
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  let results: CliFileResult[] = files.map((f) => ({ ...(linted.get(f) ?? unreadable.get(f)!), text: texts.get(f) }));

  if (baselineOut) {
    try {
      const n = writeBaseline(baselineOut, results);
      io.stderr(`apex-pattern-lint: wrote ${n} baseline entr${n === 1 ? 'y' : 'ies'} to ${printable(path.relative(io.cwd, baselineOut) || baselineOut)}\n`);
    } catch (e) {
      io.stderr(`apex-pattern-lint: cannot write ${printable(baselineOut)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    return unreadable.size > 0 ? 2 : 0;
  }
  if (baselineIn && baseline) {
    const b = applyBaseline(baselineIn, baseline, results);
    results = b.results;
    io.stderr(`apex-pattern-lint: baseline ${printable(values.baseline!)}: ${b.matched} matched, ${b.gone} gone (fixed)\n`);
  }
  if (changed) results = onlyChanged(results, changed);

  const text = formatter(results, io.cwd);
  if (outputFile) {
    if (writeOutput(io, outputFile, text)) return 2;
  } else if (text) io.stdout(text.endsWith('\n') ? text : text + '\n');

  const c = counts(results);
  // After the results: what was linted is shown, and the run still fails (a CI that lints nothing must not pass).
  for (const m of projectProblems) io.stderr(`apex-pattern-lint: ${m}\n`);
  if (projectProblems.length) return 2;
  if (unreadable.size > 0) {
    io.stderr(`apex-pattern-lint: ${unreadable.size} file(s) could not be read\n`);
    return 2;
  }
  if (c.errors > 0) return 1;
  if (maxWarnings >= 0 && c.warnings > maxWarnings) {
    io.stderr(`apex-pattern-lint: ${c.warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** The files grouped by the SFDX project whose folder holds them (the nearest sfdx-project.json); '' for files in none. */
function byProject(sources: SourceFile[]): Map<string, SourceFile[]> {
  const rootOf = new Map<string, string>();
  const groups = new Map<string, SourceFile[]>();
  for (const source of sources) {
    const dir = path.dirname(source.path);
    let root = rootOf.get(dir);
    if (root === undefined) {
      root = findProjectRoot(dir) ?? '';
      rootOf.set(dir, root);
    }
    const group = groups.get(root) ?? [];
    group.push(source);
    groups.set(root, group);
  }
  return groups;
}

/** The folder git is asked in for `target`: itself when it is a folder, else the folder holding it. */
function gitFolder(target: string): string {
  return fs.statSync(target, { throwIfNoEntry: false })?.isDirectory() ? target : path.dirname(target);
}

function usage(io: CliIO, message: string): number {
  io.stderr(`apex-pattern-lint: ${message}\n\n${USAGE}\n`);
  return 2;
}
