/**
 * Baselines: the findings a team has accepted for now, recorded in a file it
 * commits, so that CI and the editor show only what is new (detekt, PHPStan
 * and Psalm do the same). An entry is a finding's key (fingerprint.ts): rule,
 * file, class, method and the digest of its line — no line number, so edits
 * above a finding keep it matched and a change of its own line makes it new.
 * Matching counts: two identical entries cover two identical findings, a
 * third is new. Entries no finding matched are gone (fixed).
 *
 * The file is JSON sorted by file, class, method, rule and digest, one entry
 * per line, so that it diffs line by line and writing it twice gives the same
 * bytes. Pure: reading and writing the file is the adapters' job.
 */
import { keyString, type FindingKey } from './fingerprint';

export const BASELINE_VERSION = 1;

export class BaselineError extends Error {}

const FIELDS = ['file', 'class', 'method', 'rule', 'hash'] as const;

function compare(a: FindingKey, b: FindingKey): number {
  for (const f of FIELDS) if (a[f] !== b[f]) return a[f] < b[f] ? -1 : 1;
  return 0;
}

/** The baseline file's text for these keys (any order, repeats kept). */
export function formatBaseline(keys: FindingKey[]): string {
  const lines = [...keys].sort(compare).map((k) => '    ' + JSON.stringify({ file: k.file, class: k.class, method: k.method, rule: k.rule, hash: k.hash }));
  const entries = lines.length ? `[\n${lines.join(',\n')}\n  ]` : '[]';
  return `{\n  "tool": "apex-pattern-lint",\n  "version": ${BASELINE_VERSION},\n  "entries": ${entries}\n}\n`;
}

/** The entries of a baseline file's text; a BaselineError says what is wrong with it. */
export function parseBaseline(text: string): FindingKey[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`not JSON (${(e as Error).message})`);
  }
  const root = json as { version?: unknown; entries?: unknown };
  if (typeof json !== 'object' || json === null || !Array.isArray(root.entries)) throw new BaselineError('no "entries" array');
  if (root.version !== BASELINE_VERSION) throw new BaselineError(`version ${JSON.stringify(root.version)}, this linter reads version ${BASELINE_VERSION}`);
  return root.entries.map((entry: unknown, i: number) => {
    const e = entry as Record<string, unknown>;
    if (typeof entry !== 'object' || entry === null || !FIELDS.every((f) => typeof e[f] === 'string'))
      throw new BaselineError(`entry ${i + 1} needs the strings ${FIELDS.join(', ')}`);
    return { rule: e.rule as string, file: e.file as string, class: e.class as string, method: e.method as string, hash: e.hash as string };
  });
}

export interface BaselineMatch {
  /** Per key given, in order: whether a baseline entry covers it. */
  baselined: boolean[];
  /** Entries that covered a finding. */
  matched: number;
  /** Entries that no finding matched: fixed since the baseline was written (or moved to another method or file). */
  gone: FindingKey[];
}

/** Which of `keys` the baseline covers, each entry covering at most one finding. */
export function matchBaseline(entries: FindingKey[], keys: FindingKey[]): BaselineMatch {
  const left = new Map<string, FindingKey[]>();
  for (const e of entries) {
    const k = keyString(e);
    const list = left.get(k);
    if (list) list.push(e);
    else left.set(k, [e]);
  }
  let matched = 0;
  const baselined = keys.map((key) => {
    const list = left.get(keyString(key));
    if (!list?.length) return false;
    list.pop();
    matched++;
    return true;
  });
  const gone = [...left.values()].flat().sort(compare);
  return { baselined, matched, gone };
}

/** Rules whose findings a baseline never records: they say the linter gave up (a time limit), not that the code is wrong. */
export const NOT_BASELINED: ReadonlySet<string> = new Set(['analysis-incomplete']);
