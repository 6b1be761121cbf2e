/**
 * The CLI's --cache: file models stored on disk by content hash, so that a
 * second run parses only what changed. The key includes a fingerprint of the
 * parser and model code, so that a new version never reads an old model.
 * After a run, entries the run did not use are removed: the cache holds the
 * last run's files and no more.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelCache } from '../core/lint';
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

export class DiskModelCache implements ModelCache {
  private readonly salt = codeFingerprint();
  private readonly used = new Set<string>();

  constructor(readonly dir: string) {}

  private key(text: string, kind: string): string {
    return crypto.createHash('sha256').update(this.salt).update(kind).update('\0').update(text).digest('hex').slice(0, 40);
  }

  get(text: string, kind: string): FileModel | undefined {
    const key = this.key(text, kind);
    this.used.add(key);
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as FileModel;
    } catch {
      return undefined;
    }
  }

  set(text: string, kind: string, model: FileModel): void {
    const key = this.key(text, kind);
    this.used.add(key);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `${key}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, JSON.stringify(model));
      fs.renameSync(tmp, path.join(this.dir, `${key}.json`));
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
      if (!this.used.has(key) && /^[0-9a-f]{40}\.(json|\d+\.tmp)$/.test(e)) fs.rmSync(path.join(this.dir, e), { force: true });
    }
  }
}
