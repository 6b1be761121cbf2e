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
import { compareWithAllFiles, readFolder } from '../support/demand-compare';

const repos: string[] = [];
for (const arg of process.argv.slice(2)) {
  const dir = path.resolve(arg);
  const children = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.includes('__'));
  if (children.length > 0) repos.push(...children.map((d) => path.join(dir, d.name)));
  else repos.push(dir);
}
let failed = 0;
for (const repo of repos) {
  const files = readFolder(repo);
  const { selection, all, demand } = compareWithAllFiles(files);
  const parsed = selection.paths;
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
