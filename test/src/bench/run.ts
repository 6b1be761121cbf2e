/**
 * `npm run bench -- [--workspace DIR]... [--pmd DIR] [--runs N] [--classes N] [--all-files] [--bin FILE]`
 *
 * Lints a real project (or, without --workspace, a generated org of
 * --classes classes) with the installed CLI (bin/, with its run-time flags),
 * each run a fresh process measured by /usr/bin/time: CPU (user + sys), wall
 * and peak RSS, as medians. Cold runs, then warm runs with --cache, and PMD 7
 * on exactly the same files in the same run (runs interleaved, so that load
 * from elsewhere falls on both), with the ratios. PMD comes from --pmd or
 * from `npm run bench:pmd-install` (.bench/pmd).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { discoverFiles, readSource } from '../../../server/out/node/files';
import { selectDemand } from '../../../server/out/select';
import type { SourceFile } from '../../../server/out/base/contracts';
import { generateOrg } from './generate';
import { PMD_RULES, pmdLib } from './pmd';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const { values } = parseArgs({
  options: {
    workspace: { type: 'string', multiple: true },
    pmd: { type: 'string' },
    runs: { type: 'string', default: '5' },
    classes: { type: 'string', default: '1000' },
    'all-files': { type: 'boolean' },
    bin: { type: 'string' },
  },
});
const runs = Number(values.runs);
/** The CLI measured: this checkout's, or another build's (`--bin`, for before/after figures). */
const BIN = path.resolve(values.bin ?? path.join(ROOT, 'bin', 'apex-pattern-lint.js'));

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** One fresh process under /usr/bin/time: wall s, user + sys CPU s, peak RSS. */
function timed(cmd: string, args: string[]): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`/usr/bin/time ${cmd}: ${r.error.message} (the benchmark needs GNU time: apt-get install time)`);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last);
  if (!m) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMb: Number(m[4]) / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function medians(samples: Sample[]): Sample {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rssMb: median(samples.map((s) => s.rssMb)) };
}

function row(label: string, s: Sample, pmd?: Sample): string {
  const ratio = (a: number, b: number) => (pmd ? `${(a / b).toFixed(2)}×`.padStart(7) : '');
  return (
    `  ${label.padEnd(22)} cpu ${s.cpu.toFixed(2).padStart(6)} s ${pmd ? ratio(s.cpu, pmd.cpu) : ''}` +
    `   wall ${s.wall.toFixed(2).padStart(6)} s ${pmd ? ratio(s.wall, pmd.wall) : ''}` +
    `   peak RSS ${s.rssMb.toFixed(0).padStart(5)} MB ${pmd ? ratio(s.rssMb, pmd.rssMb) : ''}`
  );
}

function benchWorkspace(dir: string, lib: string | undefined): void {
  const name = path.basename(dir);
  const paths = discoverFiles([dir], dir);
  const sources: SourceFile[] = paths.map((p) => {
    const r = readSource(p);
    return r.ok ? { path: p, text: r.text } : { path: p, text: '', unreadable: r.message };
  });
  const mb = sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0) / 1e6;
  const selection = selectDemand(sources);
  const m = selection.members;
  const apex = paths.filter((p) => /\.(cls|trigger)$/i.test(p)).length;
  const omitted = [...selection.omitted.values()].reduce((n, r) => n + r.length, 0);
  console.log(`\n${name}: ${apex} Apex files, ${mb.toFixed(1)} MB`);
  console.log(
    `  files parsed: ${selection.paths.size} of ${apex}, ${omitted} method bodies there read as empty` +
      ` (members: ${m.sends} with a send, ${m.reaching} reach one, ${m.work} may leave work they need, of ${m.total})`,
  );
  fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  const list = path.join(ROOT, '.bench', `files-${name}.txt`);
  fs.writeFileSync(list, paths.join('\n') + '\n');
  const cacheDir = path.join(ROOT, '.bench', `cache-${name}`);
  fs.rmSync(cacheDir, { recursive: true, force: true });

  const lintArgs = ['--format', 'json', '-o', path.join(ROOT, '.bench', `out-${name}.json`), dir];
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  const all: Sample[] = [];
  const pmd: Sample[] = [];
  timed(process.execPath, [BIN, '--cache-location', cacheDir, ...lintArgs]); // fills the cache
  for (let i = 0; i < runs; i++) {
    cold.push(timed(process.execPath, [BIN, ...lintArgs]));
    warm.push(timed(process.execPath, [BIN, '--cache-location', cacheDir, ...lintArgs]));
    if (values['all-files']) all.push(timed(process.execPath, [BIN, '--all-files', ...lintArgs]));
    if (lib) {
      const pmdArgs = ['-cp', `${lib}/*`, 'net.sourceforge.pmd.cli.PmdCli', 'check', '--file-list', list, '-f', 'text', '-t', '2'];
      pmd.push(
        timed('java', [
          ...pmdArgs,
          '--no-cache',
          '--no-progress',
          '--no-fail-on-violation',
          '-r',
          path.join(ROOT, '.bench', `pmd-${name}.txt`),
          '-R',
          PMD_RULES,
        ]),
      );
    }
  }
  const p = lib ? medians(pmd) : undefined;
  console.log(`  medians of ${runs} fresh processes${p ? ', ratios to PMD in the same run' : ''}:`);
  if (p) console.log(row('PMD 7 (-t 2)', p));
  console.log(row('cold', medians(cold), p));
  if (values['all-files']) console.log(row('cold, --all-files', medians(all), p));
  console.log(row('warm (--cache)', medians(warm), p));
}

const lib = pmdLib(values.pmd ?? path.join(ROOT, '.bench', 'pmd'), values.pmd !== undefined);
if (!lib) console.log('PMD not installed: `npm run bench:pmd-install` (or --pmd DIR) to compare with it.');
let workspaces = values.workspace ?? [];
if (workspaces.length === 0) {
  const classes = Number(values.classes);
  const orgDir = path.join(ROOT, '.bench', `org-${classes}`);
  if (!fs.existsSync(orgDir)) {
    const { files, bytes } = generateOrg(orgDir, classes);
    console.log(`generated ${files} files (${classes} services), ${(bytes / 1e6).toFixed(1)} MB, in ${orgDir}`);
  }
  workspaces = [path.join(ROOT, 'examples', 'order-integration'), orgDir];
}
for (const w of workspaces) benchWorkspace(path.resolve(w), lib);
