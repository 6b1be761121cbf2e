/**
 * `npm run corpus -- <folder> [--verdicts FILE] [--json OUT]`: lint real code
 * and measure precision against verdicts reviewed by hand.
 *
 * Why: our fixtures share our blind spots, and the cross-method rules were
 * wrong 7 times in 8 on real orgs (issue 10, docs "Precision on real code").
 * This script lints every immediate subfolder of <folder> as its own project,
 * the way a new user would (the built CLI, `--format json`), and compares the
 * findings with `test/corpus/verdicts.tsv`, so a rule change shows at once
 * which reviewed false alarms still fire and which reviewed defects were lost.
 * It is not part of `npm test`: the corpus lives outside the repository.
 *
 * Folder names are `owner__name` (CORPUS.md); the verdict file says
 * `owner/name`. A verdict matches a finding on repo + path + rule + line.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'bin', 'apex-pattern-lint.js');

interface Related {
  path: string;
  line: number;
  message: string;
}
interface Finding {
  repo: string;
  path: string;
  line: number;
  column: number;
  rule: string;
  severity: number;
  message: string;
  related: Related[];
}
type Kind = 'TP' | 'FP' | 'FN';
interface Verdict {
  repo: string;
  commit: string;
  path: string;
  line: number;
  rule: string;
  verdict: Kind;
  reason: string;
  row: number;
}

const key = (x: { repo: string; path: string; rule: string; line: number }) => `${x.repo}\t${x.path}\t${x.rule}\t${x.line}`;
const where = (x: { repo: string; path: string; line: number; rule: string }) => `${x.repo} ${x.path}:${x.line} ${x.rule}`;
/** `owner__name` folder → `owner/name`, as in dev-repos.tsv and the verdict file. */
const repoName = (folder: string) => (folder.includes('__') ? folder.replace('__', '/') : folder);
const rel = (repoDir: string, file: string) => path.relative(repoDir, file).split(path.sep).join('/');

/** Lints one repository folder with the built CLI; exit 0/1 are normal, anything else is an error. */
function lintRepo(repo: string, dir: string): Finding[] | string {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  // Exit 2 with results: the CLI linted what it could and says what it could not (a package directory that is not a folder).
  const partial = r.status === 2 && r.stdout.trimStart().startsWith('[');
  if (r.status !== 0 && r.status !== 1 && !partial) return `exit ${r.status ?? r.signal}: ${(r.stderr || r.error?.message || '').trim()}`;
  if (partial) console.log(`${repo} (exit 2, linted in part): ${r.stderr.trim()}`);
  const files: Array<{
    filePath: string;
    messages: Array<{
      line: number;
      column: number;
      ruleId?: string;
      severity: number;
      message: string;
      relatedLocations?: Array<{ filePath: string; line: number; message: string }>;
    }>;
  }> = JSON.parse(r.stdout);
  return files.flatMap((f) =>
    f.messages.map((m) => ({
      repo,
      path: rel(dir, f.filePath),
      line: m.line,
      column: m.column,
      rule: m.ruleId ?? '(none)',
      severity: m.severity,
      message: m.message,
      related: (m.relatedLocations ?? []).map((l) => ({ path: rel(dir, l.filePath), line: l.line, message: l.message })),
    })),
  );
}

/** Reads the verdict file: a header row, then repo, commit, path, line, rule, TP|FP|FN, reason. */
function readVerdicts(file: string): Verdict[] {
  if (!fs.existsSync(file)) return [];
  const out: Verdict[] = [];
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (i === 0 || !text.trim()) return;
      const [repo, commit, p, line, rule, verdict, reason = ''] = text.split('\t');
      if (!['TP', 'FP', 'FN'].includes(verdict) || !Number.isInteger(Number(line))) {
        console.error(`${file}:${i + 1}: malformed verdict row, skipped`);
        return;
      }
      out.push({ repo, commit, path: p, line: Number(line), rule, verdict: verdict as Kind, reason, row: i + 1 });
    });
  return out;
}

function table(rows: Array<Array<string | number>>): void {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const r of rows) console.log(r.map((v, c) => (c === 0 ? String(v).padEnd(w[c]) : String(v).padStart(w[c]))).join('  '));
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { verdicts: { type: 'string' }, json: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error('usage: npm run corpus -- <folder> [--verdicts FILE] [--json OUT]');
    return 2;
  }
  const folder = path.resolve(positionals[0]);
  const repos = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

  const findings: Finding[] = [];
  const errors: string[] = [];
  console.log('Findings per repository');
  const perRepo: Array<Array<string | number>> = [['repository', 'findings', 'seconds']];
  for (const name of repos) {
    const repo = repoName(name);
    const t = Date.now();
    const r = lintRepo(repo, path.join(folder, name));
    if (typeof r === 'string') errors.push(`${repo}: ${r}`);
    else findings.push(...r);
    perRepo.push([repo, typeof r === 'string' ? 'ERROR' : r.length, ((Date.now() - t) / 1000).toFixed(1)]);
  }
  table(perRepo);

  const linted = new Set(repos.map(repoName));
  const verdicts = readVerdicts(path.resolve(values.verdicts ?? path.join(ROOT, 'test', 'corpus', 'verdicts.tsv'))).filter((v) => linted.has(v.repo));
  const byKey = new Map(verdicts.map((v) => [key(v), v]));
  const fired = new Set(findings.map(key));

  const rules = [...new Set([...findings.map((f) => f.rule), ...verdicts.map((v) => v.rule)])].sort();
  const rows: Array<Array<string | number>> = [
    ['rule', 'findings', 'reviewed', 'TP', 'FP', 'debatable', 'precision', 'no verdict', 'TP lost', 'FN missed', 'FN found'],
  ];
  const tot = { n: 0, rev: 0, tp: 0, fp: 0, deb: 0, none: 0, lost: 0, missed: 0, found: 0 };
  for (const rule of rules) {
    const ruleFindings = findings.filter((f) => f.rule === rule);
    const judged = ruleFindings.map((f) => byKey.get(key(f))?.verdict);
    const deb = ruleFindings.filter((f) => /^debatable\b/i.test(byKey.get(key(f))?.reason ?? '')).length;
    const tp = judged.filter((v) => v === 'TP').length;
    const fp = judged.filter((v) => v === 'FP').length;
    const found = judged.filter((v) => v === 'FN').length;
    const none = judged.filter((v) => v === undefined).length;
    const unfired = (k: Kind) => verdicts.filter((v) => v.rule === rule && v.verdict === k && !fired.has(key(v))).length;
    const lost = unfired('TP');
    const missed = unfired('FN');
    rows.push([rule, ruleFindings.length, tp + fp + found, tp, fp, deb, tp + fp ? `${((100 * tp) / (tp + fp)).toFixed(0)}%` : '-', none, lost, missed, found]);
    Object.entries({ n: ruleFindings.length, rev: tp + fp + found, tp, fp, deb, none, lost, missed, found }).forEach(
      ([k, v]) => (tot[k as keyof typeof tot] += v),
    );
  }
  rows.push([
    'TOTAL',
    tot.n,
    tot.rev,
    tot.tp,
    tot.fp,
    tot.deb,
    tot.tp + tot.fp ? `${((100 * tot.tp) / (tot.tp + tot.fp)).toFixed(0)}%` : '-',
    tot.none,
    tot.lost,
    tot.missed,
    tot.found,
  ]);
  console.log('\nFindings and precision per rule (precision = TP / (TP + FP) among reviewed findings that fire;');
  console.log('debatable = verdicts whose reason starts with "debatable", counted in TP or FP as judged)');
  table(rows);

  const list = (title: string, vs: Verdict[]) => {
    console.log(`\n${title}: ${vs.length}`);
    for (const v of vs) console.log(`  ${where(v)}  — ${v.reason}`);
  };
  list(
    'Reviewed FPs that still fire',
    verdicts.filter((v) => v.verdict === 'FP' && fired.has(key(v))),
  );
  list(
    'Reviewed TPs that are no longer reported',
    verdicts.filter((v) => v.verdict === 'TP' && !fired.has(key(v))),
  );
  list(
    'Reviewed FNs still missed',
    verdicts.filter((v) => v.verdict === 'FN' && !fired.has(key(v))),
  );
  list(
    'Reviewed FNs now reported',
    verdicts.filter((v) => v.verdict === 'FN' && fired.has(key(v))),
  );
  console.log(`\nFindings with no verdict yet: ${tot.none}`);

  if (values.json) {
    fs.writeFileSync(values.json, JSON.stringify(findings, null, 1) + '\n');
    console.log(`wrote ${findings.length} findings to ${values.json}`);
  }
  for (const e of errors) console.error(`ERROR ${e}`);
  return errors.length ? 1 : 0;
}

process.exitCode = main();
