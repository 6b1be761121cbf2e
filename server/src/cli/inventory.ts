/**
 * `apex-pattern-lint inventory [--format table|md|json|csv] <paths...>`: the
 * integration map of the project (callout sites and Platform Events), built
 * by the core from the same analysis as the lint. Exit 0 printed, 2 bad usage
 * or unreadable input; findings never change the exit status here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig, type ResolvedConfig, type SourceFile } from '../base/contracts';
import { ConfigError } from '../core/config';
import { formatInventory, INVENTORY_FORMATS, type InventoryFormat } from '../core/inventory-format';
import { createLinter } from '../core/linter';
import { findConfigFile, loadConfigFile } from '../node/config-file';
import { discoverFiles, packageDirectoriesOf, readSource, UsageError } from '../node/files';
import { readLwcScripts } from '../node/lwc-files';
import { findProjectRoot, readProjectInfo } from '../node/project-files';
import { unwritable, writeOutput, type CliIO } from './io';

const USAGE = `Usage: apex-pattern-lint inventory [--format table|md|json|csv] [--config FILE] [-o FILE] <paths...>

Lists every callout site (class and method, endpoint, HTTP method, timeout, auth,
transaction contexts, entry points, integration pattern, findings) and every
Platform Event (publishers, subscriber triggers, publish behaviour, Lightning
components that subscribe through lightning/empApi). JSON shape: docs/inventory.md.

Options:
  -f, --format FORMAT     table (default), md (Markdown), json or csv (callout sites only)
  -c, --config FILE       configuration file (default: nearest .apexpatternlintrc.json)
  -o, --output-file FILE  write the inventory to FILE instead of standard output
  -h, --help              show this help`;

export async function runInventory(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'table' },
        config: { type: 'string', short: 'c' },
        'output-file': { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  const format = values.format as InventoryFormat;
  if (!INVENTORY_FORMATS.includes(format)) return usage(io, `unknown format "${values.format}" (use table, md, json or csv)`);
  if (positionals.length === 0) return usage(io, 'no paths given');
  const outputFile = values['output-file'] === undefined ? undefined : path.resolve(io.cwd, values['output-file']);
  const outputProblem = outputFile && unwritable(outputFile);
  if (outputProblem) return usage(io, outputProblem);

  let files: string[];
  let config: ResolvedConfig;
  const projectProblems: string[] = [];
  try {
    files = discoverFiles(positionals, io.cwd, { onProjectProblem: (message) => projectProblems.push(message) });
    const configFile = values.config ? path.resolve(io.cwd, values.config) : findConfigFile(path.resolve(io.cwd, positionals[0]));
    config = configFile ? loadConfigFile(configFile) : defaultConfig();
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) return usage(io, e.message);
    throw e;
  }
  const sources: SourceFile[] = [];
  for (const file of files) {
    const read = readSource(file);
    if (!read.ok && read.fatal) {
      io.stderr(`apex-pattern-lint: cannot read ${file}: ${read.message}\n`);
      return 2;
    }
    sources.push(read.ok ? { path: file, text: read.text } : { path: file, text: '', unreadable: read.message });
  }
  const first = path.resolve(io.cwd, positionals[0]);
  const root = findProjectRoot(first) ?? (fs.statSync(first).isDirectory() ? first : undefined);
  const linter = createLinter({ config, options: { allFiles: true } });
  if (root) linter.setProjectInfo(readProjectInfo(root));
  for (const s of sources) linter.setFile(s);
  const folders = positionals.map((p) => path.resolve(io.cwd, p)).filter((p) => fs.statSync(p).isDirectory());
  const lwc = readLwcScripts(folders.flatMap(packageDirectoriesOf));

  const text = formatInventory(await linter.inventory(lwc), format, io.cwd);
  if (outputFile && writeOutput(io, outputFile, text)) return 2;
  if (!outputFile) io.stdout(text);
  // After the inventory: it shows what was found, and the run still fails.
  for (const m of projectProblems) io.stderr(`apex-pattern-lint: ${m}\n`);
  return projectProblems.length ? 2 : 0;
}

function usage(io: CliIO, message: string): number {
  io.stderr(`apex-pattern-lint inventory: ${message}\n\n${USAGE}\n`);
  return 2;
}
