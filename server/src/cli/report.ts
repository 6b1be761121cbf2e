/** What a CLI run produced, in the shape every formatter reads. */
import type { Finding } from '../core/lint';

export interface CliFileResult {
  /** Absolute path. */
  path: string;
  findings: Finding[];
  /** The file could not be read at all. */
  fatal?: string;
  /** The text linted: what baselines and fingerprints read the findings' lines from. */
  text?: string;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function counts(results: CliFileResult[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const r of results) {
    if (r.fatal) c.errors++;
    for (const f of r.findings) {
      if (f.severity === 'error') c.errors++;
      else if (f.severity === 'warning') c.warnings++;
      else c.infos++;
    }
  }
  return c;
}

export type Formatter = (results: CliFileResult[], cwd: string) => string;
