/**
 * The editor's kept call facts on a real project: edits all over the method
 * bodies of its files that call out, each compared with a fresh project of
 * the same texts (see support/edit-compare.ts). Prints the differences; exits
 * 1 when there is one.
 *   npm run bench:edits -- <project dir> [--edits 200] [--every-file 10] [--seed 7]
 */
import { readFolder } from '../support/demand-compare';
import { bodyEdits, compareEdits } from '../support/edit-compare';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const dir = args[0];
if (!dir) {
  console.error('usage: edit-compare <project dir> [--edits N] [--every-file N] [--seed N]');
  process.exit(2);
}
const files = readFolder(dir);
const targets = files.filter((f) => /\.cls$/i.test(f.path) && /\bsend\s*\(/.test(f.text));
const edits = bodyEdits(files, targets, option('--edits', 200), option('--seed', 7));
const differences: string[] = [];
const started = Date.now();
const run = compareEdits(files, edits, option('--every-file', 10), (m) => differences.push(m));
for (const d of differences) console.log(d.slice(0, 2000));
console.log(
  `${dir}: ${edits.length} edits in ${targets.length} files with callouts, ${run.steps} steps compared, ${run.incremental} kept facts, ${differences.length} differences (${Math.round((Date.now() - started) / 1000)} s)`,
);
process.exit(differences.length ? 1 : 0);
