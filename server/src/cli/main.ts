/**
 * The `apex-pattern-lint` command: read files, run the core, print a format.
 * Exit 0 clean, 1 findings at error severity (or over --max-warnings),
 * 2 bad usage or unreadable input.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceFile } from '../core/lint';
import { LintProject } from '../core/project';
import { ConfigError, FILE_TIMEOUT_RANGE } from '../core/config';
import { defaultConfig, type ResolvedConfig } from '../base/contracts';
import { findConfigFile, loadConfigFile } from '../node/config-file';
import { discoverFiles, printable, readSource, UsageError } from '../node/files';
import { findProjectRoot, readProjectInfo } from '../node/project-files';
import { DiskModelCache } from '../node/model-cache';
import { ParsePool } from '../node/parse-pool';
import { parseSelection, PooledModels } from '../node/pooled-parse';

const CACHE_DIR = '.apexpatternlintcache';
import { counts, type CliFileResult, type Formatter } from './report';
import { formatStylish } from './format-stylish';
import { formatJson } from './format-json';
import { makeSarifFormatter } from './format-sarif';
import { unwritable, writeOutput, type CliIO } from './io';

export type { CliIO } from './io';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../../package.json').version;

const USAGE = `Usage: apex-pattern-lint [--format stylish|json|sarif] [--config FILE] [--max-warnings N] <paths...>
       apex-pattern-lint scaffold <pattern> --name <Name> [--dir <project>] [--force]   (see scaffold --help)
       apex-pattern-lint inventory [--format table|md|json|csv] <paths...>            (see inventory --help)

Lints Salesforce Apex (.cls, .trigger) for integration mistakes, across methods and classes,
and Lightning components' lightning/empApi subscriptions (lwc/<name>/*.js).
Folders are searched recursively (an SFDX project folder: its package directories);
the project's .forceignore is honoured.

Options:
  -f, --format FORMAT     stylish (default), json (ESLint's shape) or sarif (2.1.0)
  -c, --config FILE       configuration file (default: nearest .apexpatternlintrc.json)
      --max-warnings N    exit 1 when there are more than N warnings
  -o, --output-file FILE  write the report to FILE instead of standard output
      --all-files         parse every file and method, not only those that can matter (syntax errors everywhere)
      --file-timeout MS   stop analysing a file after MS milliseconds (default 10000, or fileTimeoutMs in the config)
      --cache             keep parsed files in .apexpatternlintcache/ (by content) for the next run
      --cache-location D  the cache folder (implies --cache)
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
  const formatters: Record<string, Formatter> = { stylish: formatStylish, json: formatJson, sarif: makeSarifFormatter(VERSION) };
  const formatter = formatters[values.format ?? 'stylish'];
  if (!formatter) return usage(io, `unknown format "${values.format}" (use stylish, json or sarif)`);
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
  const models = new PooledModels(cache);
  const linted = new Map<string, CliFileResult>();
  // Each sfdx-project.json is its own world (DESIGN): a class of one project never resolves or shadows a name in another.
  const pool = new ParsePool();
  try {
    for (const [root, group] of byProject(sources)) {
      const project = new LintProject(config, { allFiles: !!values['all-files'], omitUnneededBodies: true, modelCache: models });
      if (root) project.setProjectInfo(readProjectInfo(root));
      for (const source of group) project.setFile(source);
      // Parse what the lint needs in workers that a deadline can stop, in parallel.
      await parseSelection(project, pool, models, config);
      for (const r of project.lintAll()) linted.set(r.path, r);
    }
  } finally {
    await pool.close();
  }
  cache?.prune();
  const results = files.map((f) => linted.get(f) ?? unreadable.get(f)!);

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

function usage(io: CliIO, message: string): number {
  io.stderr(`apex-pattern-lint: ${message}\n\n${USAGE}\n`);
  return 2;
}
