/**
 * GitLab's code quality report: the subset of the CodeClimate issue format
 * GitLab reads (description, check_name, fingerprint, severity,
 * location.path, location.lines.begin), one array for the run. Paths are
 * relative to the current folder (the repository root in a pipeline); the
 * fingerprint is the one SARIF carries, so a moved finding stays the same
 * issue in the merge request widget.
 */
import { fingerprints } from '../core/fingerprint';
import type { Severity } from '../base/contracts';
import { keysOf, relativePath } from './narrow';
import type { Formatter } from './report';

/** GitLab's severities: info, minor, major, critical, blocker. */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info' };

export interface CodeClimateIssue {
  type: 'issue';
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

export const formatCodeClimate: Formatter = (results, cwd) => {
  const issues: CodeClimateIssue[] = [];
  for (const r of results) {
    const file = relativePath(cwd, r.path);
    if (r.fatal) {
      issues.push({
        type: 'issue',
        description: r.fatal,
        check_name: 'syntax-error',
        fingerprint: fingerprints([{ rule: 'syntax-error', file, class: '', method: '', hash: '' }])[0],
        severity: 'major',
        location: { path: file, lines: { begin: 1 } },
      });
    }
    const prints = fingerprints(keysOf(r, cwd));
    for (const [i, f] of r.findings.entries()) {
      issues.push({
        type: 'issue',
        description: f.message,
        check_name: f.ruleId,
        fingerprint: prints[i],
        severity: SEVERITY[f.severity],
        location: { path: file, lines: { begin: f.range.start.line } },
      });
    }
  }
  return JSON.stringify(issues, null, 2);
};
