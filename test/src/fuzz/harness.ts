/**
 * The fuzzing harness (issue 13): each mutant goes through the whole core as
 * the CLI runs it — read as bytes, parsed in the parse pool with the per-file
 * budget, indexed, checked by every rule — and every fix is applied and the
 * result parsed again. Asserts: nothing escapes (no exception), each file
 * finishes within its budget, and no fix makes the text parse worse.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LintProject } from '../../../server/out/core/project';
import { analyzeFile } from '../../../server/out/core/analyze-file';
import { defaultConfig, type ResolvedConfig, type SourceFile } from '../../../server/out/base/contracts';
import { ParsePool } from '../../../server/out/node/parse-pool';
import { parseSelection, PooledModels } from '../../../server/out/node/pooled-parse';
import { applyEdits } from '../support/fixes';
import { mutate, random } from './mutate';

export interface FuzzOptions {
  seed: number;
  mutants: number;
  /** Files to mutate (.cls / .trigger). */
  seeds: string[];
  /** Per-file budget, ms. */
  budgetMs?: number;
  /** Parse in this thread instead of the parse pool (faster for short runs; a hang then hangs the run). */
  inProcess?: boolean;
  /** Called after each mutant (progress). */
  onMutant?: (n: number) => void;
}

export interface FuzzFailure {
  mutant: number;
  seedFile: string;
  steps: string[];
  what: string;
  /** The mutant itself, to replay. */
  bytes: Buffer;
}

export interface FuzzReport {
  mutants: number;
  failures: FuzzFailure[];
  fixesApplied: number;
  slowest: { ms: number; seedFile: string; steps: string[]; bytes: number };
  peakRssMb: number;
  wallMs: number;
}

/** Read mutant bytes the way node/files.ts reads a file. */
function asSource(file: string, bytes: Buffer): SourceFile {
  if (bytes.includes(0)) return { path: file, text: '', unreadable: 'binary' };
  try {
    return { path: file, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { path: file, text: '', unreadable: 'not UTF-8' };
  }
}

function syntaxErrors(file: SourceFile, config: ResolvedConfig): number {
  return analyzeFile(file, config).model.problems.filter((p) => p.kind !== 'timeout' && p.kind !== 'internal').length;
}

/** Every .cls and .trigger below `dirs`. */
export function apexFilesBelow(...dirs: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
      if (e.isFile() && /\.(cls|trigger)$/i.test(e.name)) out.push(path.join(e.parentPath, e.name));
    }
  }
  return out.sort();
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const rand = random(options.seed);
  const config: ResolvedConfig = { ...defaultConfig(), fileTimeoutMs: options.budgetMs ?? defaultConfig().fileTimeoutMs };
  const texts = options.seeds.map((f) => ({ file: f, text: fs.readFileSync(f, 'utf8') }));
  const pool = new ParsePool(options.inProcess ? { script: path.join(__dirname, 'no-worker.js') } : {});
  const failures: FuzzFailure[] = [];
  let fixesApplied = 0;
  let slowest: FuzzReport['slowest'] = { ms: 0, seedFile: '', steps: [], bytes: 0 };
  let peakRss = process.memoryUsage().rss;
  const start = Date.now();
  try {
    for (let n = 0; n < options.mutants; n++) {
      const seed = texts[Math.floor(rand() * texts.length)];
      const mutant = mutate(seed.text, rand);
      const file = path.join('/fuzz', path.basename(seed.file));
      const fail = (what: string) => failures.push({ mutant: n, seedFile: seed.file, steps: mutant.steps, what, bytes: mutant.bytes });
      const source = asSource(file, mutant.bytes);
      const t = Date.now();
      try {
        const models = new PooledModels();
        const project = new LintProject(config, { allFiles: true, modelCache: models });
        project.setFile(source);
        await parseSelection(project, pool, models, config);
        const [result] = project.lintAll();
        const ms = Date.now() - t;
        if (ms > slowest.ms) slowest = { ms, seedFile: seed.file, steps: mutant.steps, bytes: mutant.bytes.length };
        const stopped = result.findings.find((f) => f.ruleId === 'analysis-incomplete');
        if (stopped) fail(`did not finish within its budget: ${stopped.message}`);
        if (ms > config.fileTimeoutMs * 2) fail(`took ${ms} ms, over twice the budget of ${config.fileTimeoutMs} ms`);
        const before = source.unreadable ? 0 : syntaxErrors(source, config);
        for (const finding of result.findings) {
          for (const fix of finding.fixes) {
            const edits = fix.changes.filter((c) => c.path === file).flatMap((c) => c.edits);
            if (!edits.length) continue;
            fixesApplied++;
            const after = syntaxErrors({ path: file, text: applyEdits(source.text, edits) }, config);
            if (after > before) fail(`the fix "${fix.title}" of ${finding.ruleId} made the text parse worse: ${before} → ${after} syntax problems`);
          }
        }
      } catch (e) {
        fail(`escaped: ${(e as Error).stack ?? String(e)}`);
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      options.onMutant?.(n + 1);
    }
  } finally {
    await pool.close();
  }
  return { mutants: options.mutants, failures, fixesApplied, slowest, peakRssMb: Math.round(peakRss / (1024 * 1024)), wallMs: Date.now() - start };
}
