/**
 * Fuzzing the project's other inputs (issue 20): the `-meta.xml` files that
 * project info reads (Named Credentials, External Credentials, Platform
 * Events), `sfdx-project.json`, and Lightning component scripts
 * (`lwc/<name>/*.js`). Each mutant is written into a copy of the example
 * project, which is then read and linted as the CLI does: project info from
 * disk, every rule over every file, the integration map. Asserts: nothing
 * escapes and each mutant is done within the per-file budget.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LintProject } from '../../../server/out/core/project';
import { buildInventory } from '../../../server/out/core/inventory';
import { defaultConfig, type ResolvedConfig } from '../../../server/out/base/contracts';
import { discoverFiles, readSource } from '../../../server/out/node/files';
import { readLwcScripts } from '../../../server/out/node/lwc-files';
import { readProjectInfo } from '../../../server/out/node/project-files';
import { mutate, random } from './mutate';
import type { FuzzFailure } from './harness';

export interface ProjectFuzzReport {
  mutants: number;
  /** The project files mutated, relative to the project. */
  seeds: string[];
  failures: FuzzFailure[];
  slowest: { ms: number; seedFile: string; steps: string[]; bytes: number };
}

/** The files of `root` that are not Apex source: project metadata, sfdx-project.json, LWC scripts. */
export function projectFilesBelow(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter(
      (e) =>
        e.isFile() &&
        (/\.(namedCredential|externalCredential|object)-meta\.xml$/.test(e.name) ||
          e.name === 'sfdx-project.json' ||
          (/[\\/]lwc[\\/][^\\/]+$/.test(e.parentPath) && e.name.endsWith('.js'))),
    )
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** XML damage the text mutations rarely do: an element left open, an opening tag repeated. */
function damageXml(text: string, rand: () => number): { text: string; step?: string } {
  const closers = [...text.matchAll(/<\/[A-Za-z]\w*>/g)];
  if (!closers.length) return { text };
  const at = closers[Math.floor(rand() * closers.length)];
  if (rand() < 0.5) return { text: text.slice(0, at.index) + text.slice(at.index + at[0].length), step: 'unclose-element' };
  const opener = at[0].replace('</', '<');
  return { text: text.slice(0, at.index) + opener.repeat(1 + Math.floor(rand() * 2000)) + text.slice(at.index), step: 'repeat-opening-tag' };
}

export function fuzzProjectFiles(options: { seed: number; mutants: number; example: string; budgetMs?: number }): ProjectFuzzReport {
  const rand = random(options.seed);
  const config: ResolvedConfig = { ...defaultConfig(), fileTimeoutMs: options.budgetMs ?? defaultConfig().fileTimeoutMs };
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'apl-fuzz-project-')));
  fs.cpSync(options.example, root, { recursive: true });
  const seeds = projectFilesBelow(root);
  const originals = new Map(seeds.map((s) => [s, fs.readFileSync(path.join(root, s), 'utf8')]));
  const project = new LintProject(config, { allFiles: true });
  for (const file of discoverFiles([root])) {
    const read = readSource(file);
    if (read.ok) project.setFile({ path: file, text: read.text });
  }
  const failures: FuzzFailure[] = [];
  let slowest: ProjectFuzzReport['slowest'] = { ms: 0, seedFile: '', steps: [], bytes: 0 };
  try {
    for (let n = 0; n < options.mutants; n++) {
      const seed = seeds[Math.floor(rand() * seeds.length)];
      const original = originals.get(seed)!;
      const xml = seed.endsWith('.xml') && rand() < 0.5 ? damageXml(original, rand) : { text: original };
      const mutant = mutate(xml.text, rand);
      const steps = [...(xml.step ? [xml.step] : []), ...mutant.steps];
      const file = path.join(root, seed);
      fs.writeFileSync(file, mutant.bytes);
      const fail = (what: string) => failures.push({ mutant: n, seedFile: seed, steps, what, bytes: mutant.bytes });
      const t = Date.now();
      try {
        project.setProjectInfo(readProjectInfo(root));
        const lwc = readLwcScripts([root]);
        for (const script of lwc) project.setFile(script);
        const results = project.lintAll();
        buildInventory(project, lwc);
        const stopped = results.flatMap((r) => r.findings).find((f) => f.ruleId === 'analysis-incomplete');
        if (stopped) fail(`did not finish within its budget: ${stopped.message}`);
      } catch (e) {
        fail(`escaped: ${(e as Error).stack ?? String(e)}`);
      }
      const ms = Date.now() - t;
      if (ms > slowest.ms) slowest = { ms, seedFile: seed, steps, bytes: mutant.bytes.length };
      if (ms > config.fileTimeoutMs * 2) fail(`took ${ms} ms, over twice the budget of ${config.fileTimeoutMs} ms`);
      fs.writeFileSync(file, original);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { mutants: options.mutants, seeds, failures, slowest };
}
