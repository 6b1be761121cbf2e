/**
 * `npm run bench`: CLI time and peak memory over the example project and a
 * generated org, as medians of several runs, each in a fresh process.
 * Usage: node test/out/bench/run.js [classes=2000] [runs=5]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, readSource } from '../../../server/out/node/files';
import { filesThatMatter } from '../../../server/out/core/demand';
import { generateOrg } from './generate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const classes = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 5);

/** Runs the CLI core in a child process and reports its wall time, CPU time and peak RSS. */
function measure(target: string, extra: string[] = []): { wallMs: number; cpuMs: number; maxRssMb: number; code: number } {
  const script = `
    const { run } = require(${JSON.stringify(path.join(ROOT, 'server', 'out', 'cli', 'main.js'))});
    const t = process.hrtime.bigint();
    const code = run(['--format', 'json', ...${JSON.stringify(extra)}, ${JSON.stringify(target)}], { cwd: process.cwd(), stdout: () => {}, stderr: () => {} });
    const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
    const cpu = process.cpuUsage();
    process.stderr.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, code }));
  `;
  const r = spawnSync(process.execPath, ['--max-semi-space-size=64', '-e', script], { encoding: 'utf8' });
  return JSON.parse(r.stderr);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(label: string, target: string, extra: string[] = [], n = runs): void {
  const samples = Array.from({ length: n }, () => measure(target, extra));
  const m = (k: 'wallMs' | 'cpuMs' | 'maxRssMb') => median(samples.map((s) => s[k])).toFixed(0);
  console.log(
    `${label.padEnd(34)} wall ${m('wallMs').padStart(6)} ms   cpu ${m('cpuMs').padStart(6)} ms   peak RSS ${m('maxRssMb').padStart(5)} MB   (median of ${n})`,
  );
}

const orgDir = path.join(ROOT, '.bench', `org-${classes}`);
if (!fs.existsSync(orgDir)) {
  const { bytes } = generateOrg(orgDir, classes);
  console.log(`generated ${classes} classes, ${(bytes / 1e6).toFixed(1)} MB, in ${orgDir}`);
}
/** How many files the token-level index selects for a full parse. */
function parsedCount(dir: string): string {
  const files = discoverFiles([dir], dir).map((p: string) => {
    const r = readSource(p);
    return { path: p, text: r.ok ? r.text : '' };
  });
  return `${filesThatMatter(files).size} of ${files.length} files parsed`;
}

const example = path.join(ROOT, 'examples', 'order-integration');
console.log(`example project: ${parsedCount(example)}`);
bench('example project', example);
console.log(`generated org: ${parsedCount(orgDir)}`);
bench(`generated org (${classes} classes)`, orgDir);
bench(`  same, --all-files (no demand)`, orgDir, ['--all-files'], Math.min(runs, 3));
const cacheDir = path.join(ROOT, '.bench', 'cache');
fs.rmSync(cacheDir, { recursive: true, force: true });
measure(orgDir, ['--cache-location', cacheDir]);
bench(`  same, second run with --cache`, orgDir, ['--cache-location', cacheDir]);
