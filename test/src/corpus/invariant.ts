/**
 * `npm run corpus:invariant -- <folder>...`: the demand-driven invariant on
 * real code. Each repository under a folder (or the folder itself when it
 * holds Apex directly) is linted twice, choosing files by demand and parsing
 * every file (`--all-files`); the findings must be the same, apart from the
 * syntax errors of files never parsed or read with bodies omitted. Prints the files parsed per
 * repository and every difference; exits 1 on any.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type SourceFile } from '../../../server/out/core/lint';
import { selectDemand } from '../../../server/out/core/demand';
import { discoverFiles, readSource } from '../../../server/out/node/files';
import { defaultConfig } from '../../../server/out/base/contracts';

function read(dir: string): SourceFile[] {
  return discoverFiles([dir], dir).map((p) => {
    const r = readSource(p);
    return r.ok ? { path: p, text: r.text } : { path: p, text: '', unreadable: r.message };
  });
}

/** Every finding as one comparable line; syntax errors only of files read whole (`whole`). */
function seen(files: SourceFile[], allFiles: boolean, whole: Set<string>): string[] {
  return lint(files, defaultConfig(), { allFiles, omitUnneededBodies: !allFiles })
    .flatMap((r) =>
      r.findings
        .filter((f) => whole.has(r.path) || (f.ruleId !== 'syntax-error' && f.ruleId !== 'analysis-incomplete'))
        .map((f) => JSON.stringify([r.path, f.ruleId, f.severity, f.range, f.message, f.related ?? [], f.fixes?.map((x) => x.title) ?? []])),
    )
    .sort();
}

const repos: string[] = [];
for (const arg of process.argv.slice(2)) {
  const dir = path.resolve(arg);
  const children = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.includes('__'));
  if (children.length > 0) repos.push(...children.map((d) => path.join(dir, d.name)));
  else repos.push(dir);
}
let failed = 0;
for (const repo of repos) {
  const files = read(repo);
  const selection = selectDemand(files);
  const parsed = selection.paths;
  const whole = new Set([...parsed].filter((p) => !selection.omitted.has(p)));
  const all = seen(files, true, whole);
  const demand = seen(files, false, whole);
  const a = new Set(all);
  const d = new Set(demand);
  const lost = all.filter((x) => !d.has(x));
  const extra = demand.filter((x) => !a.has(x));
  const m = selection.members;
  const omitted = [...selection.omitted.values()].reduce((n, r) => n + r.length, 0);
  console.log(
    `${path.basename(repo).padEnd(50)} parsed ${String(parsed.size).padStart(5)} of ${String(files.length).padStart(5)}  members: ${m.sends} send, ${m.reaching} reach, ${m.work} work, of ${m.total}, ${omitted} bodies omitted  findings ${all.length}${lost.length + extra.length ? `  DIFFERENT: ${lost.length} lost, ${extra.length} extra` : ''}`,
  );
  for (const x of lost) console.log(`  lost  ${x}`);
  for (const x of extra) console.log(`  extra ${x}`);
  if (lost.length + extra.length) failed++;
}
process.exitCode = failed ? 1 : 0;
