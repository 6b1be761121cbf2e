/**
 * `node test/out/corpus/moves.js <corpus> [--server DIR] [--json OUT]`: the
 * moves to another transaction (to a Queueable, an asynchronous retry, a
 * Schedulable's work) on real code — how often each is offered, why each
 * refusal, and whether every offered move holds up when applied.
 *
 * Why: the moves were offered zero times on the development corpus while
 * their fixtures passed (issue 24). Each repository is linted through the
 * core, project by project (each sfdx-project.json its own world, as the CLI
 * does); every refusal is counted by reason (the refusal listener) and every
 * offered move is applied, the project re-linted (the finding must be gone,
 * the changed and created classes must bring no new finding) and the created
 * classes compiled by the compile check.
 *
 * `--server DIR` takes another build's `server/out` (the main worktree's, for
 * the "before" column). Not part of `npm test`: it needs the corpus.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding, SourceFile } from '../../../server/out/base/contracts';
import type { ProjectInfo } from '../../../server/out/base/project-info';
import { unresolvedTypes } from '../support/compile-check';
import { applyEdits } from '../support/fixes';

const MOVE_RULES = new Set(['callout-after-dml', 'callout-retry-loop', 'async-callout-not-allowed', 'callout-blocks-save']);
const MOVE_TITLE = /^(Move the callout to a Queueable|Retry asynchronously|Move the work to a new Queueable|Publish a Platform Event instead)/;

interface Core {
  LintProject: new (
    config: unknown,
    options: { allFiles?: boolean },
  ) => {
    setProjectInfo(i: ProjectInfo): void;
    setFile(f: SourceFile): boolean;
    removeFile(p: string): boolean;
    lintAll(): { path: string; findings: Finding[] }[];
  };
  onRefusal(l: (rule: string, r: { refused: string; detail?: string }) => void): () => void;
  discoverFiles(args: string[]): string[];
  findProjectRoot(dir: string): string | undefined;
  readProjectInfo(root: string): ProjectInfo;
  defaultConfig(): unknown;
}

function loadCore(dir: string): Core {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    LintProject: require(path.join(dir, 'core/project')).LintProject,
    onRefusal: require(path.join(dir, 'fixes/refusal')).onRefusal,
    discoverFiles: require(path.join(dir, 'node/files')).discoverFiles,
    findProjectRoot: require(path.join(dir, 'node/project-files')).findProjectRoot,
    readProjectInfo: require(path.join(dir, 'node/project-files')).readProjectInfo,
    defaultConfig: require(path.join(dir, 'base/contracts')).defaultConfig,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

interface Offered {
  repo: string;
  path: string;
  line: number;
  rule: string;
  title: string;
  /** Empty when the move applied cleanly; else what went wrong. */
  problems: string[];
}

interface Refused {
  repo: string;
  rule: string;
  reason: string;
  detail?: string;
  path?: string;
  line?: number;
}

const rel = (dir: string, file: string) => path.relative(dir, file).split(path.sep).join('/');

/** The rule ids a file's findings hold, counted. */
function counts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

function applyAndCheck(
  project: InstanceType<Core['LintProject']>,
  texts: Map<string, string>,
  before: Map<string, Finding[]>,
  finding: Finding,
  fix: Finding['fixes'][number],
): string[] {
  const problems: string[] = [];
  const changed = new Map<string, string>();
  for (const c of fix.changes) changed.set(c.path, applyEdits(changed.get(c.path) ?? texts.get(c.path)!, c.edits));
  const created = fix.creates.filter((c) => /\.(cls|trigger)$/.test(c.path));
  try {
    for (const [p, text] of changed) project.setFile({ path: p, text });
    for (const c of created) project.setFile({ path: c.path, text: c.text });
    const after = new Map(project.lintAll().map((r) => [r.path, r.findings]));
    for (const [p] of changed) {
      const was = counts(before.get(p) ?? []);
      was.set(finding.ruleId, (was.get(finding.ruleId) ?? 0) - 1);
      for (const [rule, n] of counts(after.get(p) ?? [])) if (n > (was.get(rule) ?? 0)) problems.push(`new ${rule} in ${path.basename(p)}`);
    }
    for (const c of created) for (const f of after.get(c.path) ?? []) problems.push(`${f.ruleId} in ${path.basename(c.path)}: ${f.message}`);
    const all = Object.fromEntries([...texts, ...changed, ...created.map((c) => [c.path, c.text] as const)]);
    const unresolved = unresolvedTypes(
      all,
      created.filter((c) => c.path.endsWith('.cls')).map((c) => c.path),
    );
    if (unresolved.length) problems.push(`does not compile: ${unresolved.join(', ')}`);
  } finally {
    for (const [p] of changed) project.setFile({ path: p, text: texts.get(p)! });
    for (const c of created) project.removeFile(c.path);
  }
  return problems;
}

function measureRepo(core: Core, repo: string, dir: string, apply: boolean): { offered: Offered[]; refused: Refused[]; shown: Refused[] } {
  const offered: Offered[] = [];
  const refused: Refused[] = [];
  const shown: Refused[] = [];
  const files = core.discoverFiles([dir]).filter((f) => /\.(cls|trigger)$/i.test(f));
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const root = core.findProjectRoot(path.dirname(f)) ?? '';
    groups.set(root, [...(groups.get(root) ?? []), f]);
  }
  for (const [root, group] of groups) {
    const project = new core.LintProject(core.defaultConfig(), { allFiles: true });
    if (root) project.setProjectInfo(core.readProjectInfo(root));
    const texts = new Map<string, string>();
    for (const f of group) {
      const text = fs.readFileSync(f, 'utf8');
      texts.set(f, text);
      project.setFile({ path: f, text });
    }
    const events: Refused[] = [];
    const stop = core.onRefusal((rule, r) => events.push({ repo, rule, reason: r.refused, ...(r.detail ? { detail: r.detail } : {}) }));
    let results: { path: string; findings: Finding[] }[];
    try {
      results = project.lintAll();
    } finally {
      stop();
    }
    // Counted as the rules refuse (one per move considered); placed, for review, where the finding carries it (this build).
    refused.push(...events);
    for (const r of results) {
      for (const f of r.findings) {
        for (const x of f.refused ?? []) shown.push({ repo, rule: f.ruleId, reason: x.reason, path: rel(dir, r.path), line: f.range.start.line });
      }
    }
    const before = new Map(results.map((r) => [r.path, r.findings]));
    for (const r of results) {
      for (const f of r.findings) {
        if (!MOVE_RULES.has(f.ruleId)) continue;
        for (const fix of f.fixes) {
          if (!MOVE_TITLE.test(fix.title)) continue;
          const problems = apply ? applyAndCheck(project, texts, before, f, fix) : [];
          offered.push({ repo, path: rel(dir, r.path), line: f.range.start.line, rule: f.ruleId, title: fix.title, problems });
        }
      }
    }
  }
  return { offered, refused, shown };
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { server: { type: 'string' }, json: { type: 'string' }, 'no-apply': { type: 'boolean' } },
  });
  if (positionals.length !== 1) {
    process.stderr.write('usage: node test/out/corpus/moves.js <corpus folder> [--server DIR] [--json OUT] [--no-apply]\n');
    return 2;
  }
  const core = loadCore(path.resolve(values.server ?? path.join(__dirname, '..', '..', '..', 'server', 'out')));
  const corpus = path.resolve(positionals[0]);
  const offered: Offered[] = [];
  const refused: Refused[] = [];
  const shown: Refused[] = [];
  for (const folder of fs.readdirSync(corpus).sort()) {
    const dir = path.join(corpus, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    const started = Date.now();
    const r = measureRepo(core, folder.replace('__', '/'), dir, !values['no-apply']);
    offered.push(...r.offered);
    refused.push(...r.refused);
    shown.push(...r.shown);
    process.stdout.write(`${folder}: ${r.offered.length} offered, ${r.refused.length} refused (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  process.stdout.write('\nrule\toffered\tapplied OK\trefused\n');
  for (const rule of MOVE_RULES) {
    const o = offered.filter((x) => x.rule === rule);
    const ok = o.filter((x) => !x.problems.length).length;
    process.stdout.write(`${rule}\t${o.length}\t${ok}\t${refused.filter((x) => x.rule === rule).length}\n`);
  }
  process.stdout.write('\nrefused by reason (rule, reason, count)\n');
  const byReason = new Map<string, number>();
  for (const r of refused) byReason.set(`${r.rule}\t${r.reason}`, (byReason.get(`${r.rule}\t${r.reason}`) ?? 0) + 1);
  for (const [k, n] of [...byReason].sort()) process.stdout.write(`${k}\t${n}\n`);
  process.stdout.write('\noffered moves\n');
  for (const o of offered)
    process.stdout.write(
      `${o.repo} ${o.path}:${o.line} ${o.rule} ${o.title}${o.problems.length ? ` — PROBLEMS: ${o.problems.join('; ')}` : ' — applied OK'}\n`,
    );
  if (values.json) fs.writeFileSync(values.json, JSON.stringify({ offered, refused, shown }, null, 1));
  return offered.some((o) => o.problems.length) ? 1 : 0;
}

process.exitCode = main();
