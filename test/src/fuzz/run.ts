/**
 * `npm run fuzz [-- --seed N --mutants N --project-mutants N --budget MS --out DIR] [files or folders...]`:
 * a long seeded fuzz run of the whole core over mutants of the examples, the
 * rule fixtures and anything given, then of the example's project files
 * (-meta.xml, sfdx-project.json, lwc/<name>/<file>.js; --project-mutants, default 2000). Failing mutants are written to --out
 * (default: a temporary folder) to replay with the CLI. Exit 1 on any failure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { apexFilesBelow, fuzz } from './harness';
import { fuzzProjectFiles } from './project-files';

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: 'string', default: '1' },
      mutants: { type: 'string', default: '10000' },
      budget: { type: 'string', default: '10000' },
      out: { type: 'string' },
      'in-process': { type: 'boolean' },
      'project-mutants': { type: 'string', default: '2000' },
    },
  });
  const given = positionals.flatMap((p) => (fs.statSync(p).isDirectory() ? apexFilesBelow(p) : [path.resolve(p)]));
  const seeds = [...apexFilesBelow(path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures')), ...given];
  const mutants = Number(values.mutants);
  const report = await fuzz({
    seed: Number(values.seed),
    mutants,
    seeds,
    budgetMs: Number(values.budget),
    inProcess: !!values['in-process'],
    onMutant: (n) => {
      if (n % 500 === 0) process.stderr.write(`${n}/${mutants} mutants\n`);
    },
  });
  const out = values.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'apl-fuzz-'));
  for (const f of report.failures) {
    fs.mkdirSync(out, { recursive: true });
    const name = `mutant-${f.mutant}-${path.basename(f.seedFile)}`;
    fs.writeFileSync(path.join(out, name), f.bytes);
    console.log(`FAIL ${name} (${f.steps.join(', ')}): ${f.what.split('\n')[0]}`);
  }
  console.log(
    `${report.mutants} mutants of ${seeds.length} files (seed ${values.seed}) in ${(report.wallMs / 1000).toFixed(1)} s: ${report.failures.length} failures; ${report.fixesApplied} fixes applied and re-parsed; ` +
      `slowest ${report.slowest.ms} ms (${path.basename(report.slowest.seedFile)}, ${report.slowest.steps.join(' + ')}, ${report.slowest.bytes} bytes); peak RSS ${report.peakRssMb} MB`,
  );
  const projectMutants = Number(values['project-mutants']);
  const files = fuzzProjectFiles({
    seed: Number(values.seed),
    mutants: projectMutants,
    example: path.join(ROOT, 'examples', 'order-integration'),
    budgetMs: Number(values.budget),
  });
  for (const f of files.failures) {
    fs.mkdirSync(out, { recursive: true });
    const name = `project-mutant-${f.mutant}-${path.basename(f.seedFile)}`;
    fs.writeFileSync(path.join(out, name), f.bytes);
    console.log(`FAIL ${name} (${f.steps.join(', ')}): ${f.what.split('\n')[0]}`);
  }
  console.log(
    `${files.mutants} mutants of ${files.seeds.length} project files: ${files.failures.length} failures; slowest ${files.slowest.ms} ms (${path.basename(files.slowest.seedFile)}, ${files.slowest.steps.join(' + ')}, ${files.slowest.bytes} bytes)`,
  );
  const failed = report.failures.length + files.failures.length;
  if (failed) console.log(`failing mutants written to ${out}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  },
);
