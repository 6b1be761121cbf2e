/**
 * The editor honours the team's baseline (settings `apexPatternLint.baseline`,
 * a file `--write-baseline` wrote, relative to the workspace folder, and
 * `apexPatternLint.baselineMode`): the findings it holds are hidden, or shown
 * at information level, so a developer sees what CI will fail on. The key
 * and the counting match are the core's, as in the CLI; the file's entries
 * are kept by path until its modification time or size changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchBaseline, parseBaseline } from '../core/baseline';
import { findingKey, type FindingKey } from '../core/fingerprint';
import type { Finding } from '../core/lint';
import type { BaselineSetting } from './settings';

interface LoadedBaseline {
  stamp: string;
  /** Entries by file (relative to the baseline's folder, `/`); absent when the file is not a baseline. */
  byFile?: Map<string, FindingKey[]>;
}

export class EditorBaseline {
  private readonly loaded = new Map<string, LoadedBaseline>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly folders: () => readonly string[],
    private readonly warn: (message: string) => void,
  ) {}

  /** The findings of `file` (whose text is `text`) as the setting wants them shown. */
  apply(file: string, text: string, findings: Finding[], setting: BaselineSetting): Finding[] {
    if (!setting.path || !findings.length) return findings;
    const folder = this.folders()
      .filter((f) => file.startsWith(f + path.sep))
      .sort((a, b) => b.length - a.length)[0];
    if (!folder) return findings;
    const baselineFile = path.resolve(folder, setting.path);
    const byFile = this.load(baselineFile);
    if (!byFile) return findings;
    const relative = path.relative(path.dirname(baselineFile), file).split(path.sep).join('/');
    const entries = byFile.get(relative);
    if (!entries) return findings;
    const { baselined } = matchBaseline(
      entries,
      findings.map((f) => findingKey(f, text, relative)),
    );
    if (setting.mode === 'hide') return findings.filter((_f, i) => !baselined[i]);
    return findings.map((f, i) => (baselined[i] ? { ...f, severity: 'info' } : f));
  }

  private load(file: string): Map<string, FindingKey[]> | undefined {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      this.warnOnce(file, `Apex Pattern Lint: the baseline ${file} (setting apexPatternLint.baseline) does not exist; showing every finding.`);
      return undefined;
    }
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    const cached = this.loaded.get(file);
    if (cached?.stamp === stamp) return cached.byFile;
    try {
      const byFile = new Map<string, FindingKey[]>();
      for (const entry of parseBaseline(fs.readFileSync(file, 'utf8'))) {
        const list = byFile.get(entry.file);
        if (list) list.push(entry);
        else byFile.set(entry.file, [entry]);
      }
      this.loaded.set(file, { stamp, byFile });
      this.reported.delete(file);
      return byFile;
    } catch (e) {
      this.loaded.set(file, { stamp });
      this.warnOnce(file, `Apex Pattern Lint: cannot use the baseline ${file}: ${(e as Error).message}; showing every finding.`);
      return undefined;
    }
  }

  private warnOnce(file: string, message: string): void {
    if (this.reported.has(file)) return;
    this.reported.add(file);
    this.warn(message);
  }
}
