/** SARIF 2.1.0: one run, rule metadata with helpUri, results with related locations. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import { allRuleMetas } from '../rules';
import { docsUrl, type Severity } from '../base/contracts';
import type { Range } from '../base/source';
import type { Formatter } from './report';

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
    for (const f of r.findings) {
      const result: sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: location(r.path, f.range) }],
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
              properties: { fixable: m.fixable },
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
