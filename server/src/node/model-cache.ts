/**
 * The CLI's --cache: file models stored on disk by content hash, so that a
 * second run parses only what changed. The key includes a fingerprint of the
 * parser and model code, so that a new version never reads an old model.
 * After a run, entries the run did not use are removed: the cache holds the
 * last run's files and no more.
 *
 * Beside the models, the results of the last whole run, keyed by every file,
 * the configuration and the whole compiled code (rules change results too):
 * an unchanged workspace re-lints without loading a model. Such an entry is
 * versioned and checked (its own key inside, the shape of each result)
 * before it is trusted; it names the models of its run, so that a hit keeps
 * them for the run after a change.
 *
 * Every entry, model or results, records its format, its own key and a
 * digest of what it holds: an entry that is not exactly what this code wrote
 * (edited, truncated, emptied, from another version) is a miss — the file is
 * parsed again — never a crash and never findings quietly missing.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileResult, ModelCache } from '../core/lint';
import type { FileModel } from '../model/ir';

/** A fingerprint of the code that turns text into models (compiled files, or the bundle). */
function codeFingerprint(): string {
  const hash = crypto.createHash('sha256');
  const out = path.resolve(__dirname, '..');
  let found = false;
  for (const dir of ['parse', 'model'].map((d) => path.join(out, d))) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.js')) continue;
      hash.update(fs.readFileSync(path.join(dir, f)));
      found = true;
    }
  }
  if (!found) hash.update(fs.readFileSync(__filename));
  return hash.digest('hex').slice(0, 16);
}

/** A fingerprint of all compiled code (parser, analysis, rules), which results depend on. */
function allCodeFingerprint(): string {
  const hash = crypto.createHash('sha256');
  const out = path.resolve(__dirname, '..');
  const dirs = [out];
  while (dirs.length) {
    const dir = dirs.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) dirs.push(p);
      else if (e.name.endsWith('.js')) hash.update(p.slice(out.length)).update(fs.readFileSync(p));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

const RESULTS_VERSION = 2;
/** Bumped whenever the layout of a model entry changes. */
export const MODEL_FORMAT = 2;

interface ResultsEntry {
  version: number;
  key: string;
  models: string[];
  digest: string;
  results: FileResult[];
}

interface ModelEntry {
  format: number;
  key: string;
  digest: string;
  model: FileModel;
}

function digestOf(json: string): string {
  return crypto.createHash('sha256').update(json).digest('hex');
}

/** The model of an entry, when the entry is exactly one this code wrote for `key` and `kind`. */
export function validModelEntry(raw: unknown, key: string, kind: string): FileModel | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const entry = raw as Partial<ModelEntry>;
  if (entry.format !== MODEL_FORMAT || entry.key !== key || typeof entry.digest !== 'string') return undefined;
  const model = entry.model;
  if (model === null || typeof model !== 'object' || model.kind !== kind) return undefined;
  if (!Array.isArray(model.types) || !Array.isArray(model.problems) || !Array.isArray(model.lineSuppressions)) return undefined;
  return digestOf(JSON.stringify(model)) === entry.digest ? model : undefined;
}

function isResults(x: unknown): x is FileResult[] {
  return (
    Array.isArray(x) &&
    x.every(
      (r: { path?: unknown; findings?: unknown }) =>
        typeof r?.path === 'string' && Array.isArray(r.findings) && r.findings.every((f) => typeof f?.ruleId === 'string'),
    )
  );
}

export class DiskModelCache implements ModelCache {
  private readonly salt = codeFingerprint();
  private resultsSalt: string | undefined;
  private readonly used = new Set<string>();

  constructor(readonly dir: string) {}

  private key(text: string, kind: string): string {
    return crypto.createHash('sha256').update(this.salt).update(kind).update('\0').update(text).digest('hex').slice(0, 40);
  }

  get(text: string, kind: string): FileModel | undefined {
    const key = this.key(text, kind);
    this.used.add(key);
    try {
      return validModelEntry(JSON.parse(fs.readFileSync(path.join(this.dir, `${key}.json`), 'utf8')), key, kind);
    } catch {
      return undefined;
    }
  }

  set(text: string, kind: string, model: FileModel): void {
    const key = this.key(text, kind);
    this.used.add(key);
    const modelJson = JSON.stringify(model);
    this.write(`${key}.json`, `{"format":${MODEL_FORMAT},"key":"${key}","digest":"${digestOf(modelJson)}","model":${modelJson}}`);
  }

  private resultsKey(dependsOn: readonly string[]): string {
    const hash = crypto
      .createHash('sha256')
      .update((this.resultsSalt ??= allCodeFingerprint()))
      .update(String(RESULTS_VERSION));
    for (const part of dependsOn) hash.update(part).update('\0\0');
    return hash.digest('hex').slice(0, 40);
  }

  getResults(dependsOn: readonly string[]): FileResult[] | undefined {
    const key = this.resultsKey(dependsOn);
    this.used.add(key);
    let entry: Partial<ResultsEntry>;
    try {
      entry = JSON.parse(fs.readFileSync(path.join(this.dir, `${key}.results.json`), 'utf8')) as Partial<ResultsEntry>;
    } catch {
      return undefined;
    }
    if (entry?.version !== RESULTS_VERSION || entry.key !== key || !Array.isArray(entry.models) || !isResults(entry.results)) return undefined;
    if (entry.digest !== digestOf(JSON.stringify(entry.results))) return undefined;
    for (const m of entry.models) if (typeof m === 'string') this.used.add(m);
    return entry.results;
  }

  setResults(dependsOn: readonly string[], results: FileResult[]): void {
    const key = this.resultsKey(dependsOn);
    const entry: ResultsEntry = {
      version: RESULTS_VERSION,
      key,
      models: [...this.used].filter((k) => k !== key),
      digest: digestOf(JSON.stringify(results)),
      results,
    };
    this.used.add(key);
    this.write(`${key}.results.json`, JSON.stringify(entry));
  }

  private write(name: string, text: string): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `${name}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, path.join(this.dir, name));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  /** Remove what this run did not use. */
  prune(): void {
    let entries: string[];
    try {
      entries = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const key = e.replace(/\..*$/, '');
      if (!this.used.has(key) && /^[0-9a-f]{40}\.(json|results\.json)(\.\d+\.tmp)?$/.test(e)) fs.rmSync(path.join(this.dir, e), { force: true });
    }
  }
}
