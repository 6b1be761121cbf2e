/**
 * SARIF 2.1.0: one run, rule metadata with helpUri, tags and (for the
 * security rules) GitHub's `security-severity`, results with related
 * locations and a `partialFingerprints` entry computed from the same key as
 * baseline entries (core/fingerprint.ts), so code scanning follows a finding
 * that moves instead of closing it and opening a new one.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import { allRuleMetas } from '../rules';
import { docsUrl, type Severity } from '../base/contracts';
import type { Range } from '../base/source';
import type { Formatter } from './report';
import { fingerprints } from '../core/fingerprint';
import { keysOf } from './narrow';

/** The `partialFingerprints` key; bump the version when the key's fields or digest change. */
export const FINGERPRINT_KEY = 'apexPatternLint/v1';

/**
 * Rules that are security matters: GitHub files their results as security
 * alerts and ranks them by `security-severity` (CVSS-like, 0–10: 7+ high,
 * 4–6.9 medium, below 4 low), with the CWE as a tag.
 */
const SECURITY: Record<string, { severity: string; cwe?: number }> = {
  'hardcoded-credentials': { severity: '8.0', cwe: 798 },
  'insecure-endpoint': { severity: '6.5', cwe: 319 },
  // An endpoint in code, not in a Named Credential: a configuration risk more than a vulnerability.
  'hardcoded-endpoint': { severity: '3.0' },
};

function ruleProperties(id: string, fixable: boolean): sarif.PropertyBag {
  const security = SECURITY[id];
  if (!security) return { fixable, tags: ['apex', 'salesforce', 'reliability'] };
  const tags = ['apex', 'salesforce', 'security', ...(security.cwe ? [`external/cwe/cwe-${security.cwe}`] : [])];
  return { fixable, tags, 'security-severity': security.severity };
}

const LEVEL: Record<Severity, sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

function region(range: Range): sarif.Region {
  return {
    startLine: range.start.line,
    startColumn: range.start.character + 1,
    endLine: range.end.line,
    endColumn: range.end.character + 1,
  };
}

export function sarifLog(results: Parameters<Formatter>[0], cwd: string, version: string): sarif.Log {
  const metas = allRuleMetas();
  const index = new Map(metas.map((m, i) => [m.id as string, i]));
  const location = (file: string, range: Range): sarif.PhysicalLocation => {
    const rel = path.relative(cwd, file);
    const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    return {
      artifactLocation: inside ? { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' } : { uri: pathToFileURL(file).href },
      region: region(range),
    };
  };
  const out: sarif.Result[] = [];
  for (const r of results) {
    if (r.fatal) {
      out.push({
        ruleId: 'syntax-error',
        ruleIndex: index.get('syntax-error'),
        level: 'error',
        message: { text: r.fatal },
        locations: [{ physicalLocation: location(r.path, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }) }],
      });
    }
    const prints = fingerprints(keysOf(r, cwd));
    for (const [i, f] of r.findings.entries()) {
      const result: sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: location(r.path, f.range) }],
        partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
      };
      if (f.related.length) {
        result.relatedLocations = f.related.map((rel, i) => ({ id: i + 1, message: { text: rel.message }, physicalLocation: location(rel.path, rel.range) }));
      }
      out.push(result);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'apex-pattern-lint',
            version,
            informationUri: 'https://github.com/apex-pattern-lint/apex-pattern-lint',
            rules: metas.map((m) => ({
              id: m.id,
              name: m.id.replace(/(^|-)([a-z])/g, (_s, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: m.description },
              helpUri: docsUrl(m.id),
              defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
              properties: ruleProperties(m.id, m.fixable),
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + path.sep).href } },
        results: out,
      },
    ],
  };
}

export function makeSarifFormatter(version: string): Formatter {
  return (results, cwd) => JSON.stringify(sarifLog(results, cwd, version), null, 2);
}
