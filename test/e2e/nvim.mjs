/**
 * `npm run test:nvim`: the stdio server in headless Neovim (Debian's 0.7), a
 * real LSP client that is not VS Code. test/e2e/nvim/scenario.lua acts and
 * records; this file asserts: the diagnostics' codes and ranges against the
 * CLI, the timeout fix's exact text, and a Request-Reply scaffold through
 * workspace/executeCommand whose files land on disk and lint clean.
 *   node test/e2e/nvim.mjs      (tools: bash test/e2e/setup.sh)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyExample, ROOT, runFolder } from './lib/rig.mjs';
import { findingsOf, lintJson } from './lib/cli.mjs';
import { assert, Scenario } from './scenario.mjs';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (nvim.status !== 0) throw new Error('nvim is not installed: run `bash test/e2e/setup.sh` first');

const started = Date.now();
const run = runFolder('nvim');
const workspace = copyExample(run, 'order-integration');
const classes = path.join(workspace, 'force-app', 'main', 'default', 'classes');
const file = path.join(classes, 'ErpOrderSync.cls');
const original = fs.readFileSync(file, 'utf8');
const expectedFindings = findingsOf(workspace, file);
const outFile = path.join(run, 'nvim-result.json');
const state = path.join(run, 'state');
const env = { ...process.env, E2E_OUT: outFile, E2E_WORKSPACE: workspace, E2E_SERVER: path.join(ROOT, 'bin', 'apex-pattern-lint-server.js') };
for (const key of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME']) env[key] = path.join(state, key.toLowerCase());

let result;
const scenario = new Scenario('Neovim over stdio', run);

scenario.step('Neovim runs the scenario', async () => {
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'test', 'e2e', 'nvim', 'scenario.lua')}`, file], {
    cwd: workspace,
    env,
    encoding: 'utf8',
    timeout: 90000,
  });
  fs.writeFileSync(path.join(run, 'nvim-output.txt'), `status ${r.status} signal ${r.signal}\n${r.stdout}\n${r.stderr}`);
  result = fs.existsSync(outFile) ? JSON.parse(fs.readFileSync(outFile, 'utf8')) : undefined;
  assert.ok(result, `Neovim wrote no result (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
  assert.equal(result.error, undefined, `${result.error}\n${result.log.join('\n')}`);
  assert.equal(r.status, 0);
});

scenario.step('Diagnostics: the CLI codes and ranges', async () => {
  const seen = result.diagnostics
    .map((d) => [d.code, d.source, d.lnum + 1, d.col + 1, d.end_lnum + 1, d.end_col + 1])
    .sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[0].localeCompare(b[0]));
  const expected = expectedFindings
    .map((m) => [m.ruleId, 'apex-pattern-lint', m.line, m.column, m.endLine, m.endColumn])
    .sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[0].localeCompare(b[0]));
  assert.deepEqual(seen, expected);
  assert.deepEqual(
    expected.map((e) => e[0]),
    ['hardcoded-endpoint', 'hardcoded-endpoint', 'insecure-endpoint', 'callout-timeout-missing'],
  );
});

scenario.step('Code action applied to the buffer', async () => {
  assert.ok(result.actions.includes('Set an explicit timeout: req.setTimeout(10000);'), result.actions.join(' | '));
  const expected = original.replace("        req.setMethod('GET');\n\n", "        req.setMethod('GET');\n        req.setTimeout(10000);\n\n");
  assert.notEqual(expected, original);
  assert.equal(result.fixed, expected);
  assert.equal(fs.readFileSync(file, 'utf8'), expected);
  assert.deepEqual(result.after_fix.sort(), ['hardcoded-endpoint', 'hardcoded-endpoint', 'insecure-endpoint']);
});

scenario.step('Scaffold through workspace/executeCommand', async () => {
  const names = ['CreditLimitService.cls', 'CreditLimitService.cls-meta.xml', 'CreditLimitServiceTest.cls', 'CreditLimitServiceTest.cls-meta.xml'];
  assert.deepEqual(result.scaffold.problems, []);
  assert.equal(result.scaffold.applied, true);
  assert.deepEqual(
    result.scaffold.files.map((u) => path.basename(u)),
    names,
  );
  for (const name of names) assert.ok(fs.statSync(path.join(classes, name)).size > 0, `${name} written`);
  const apex = names.filter((n) => n.endsWith('.cls')).map((n) => path.join(classes, n));
  assert.match(fs.readFileSync(apex[0], 'utf8'), /public with sharing class CreditLimitService \{/);
  assert.deepEqual(
    lintJson(apex).map((r) => r.messages.map((m) => m.ruleId)),
    [[], []],
  );
});

const { passed, failed } = await scenario.run(async (shot) => {
  // No screen to capture: the step's record instead.
  fs.writeFileSync(shot.replace(/\.png$/, '.json'), JSON.stringify(result ?? null, null, 2));
});
console.log(`${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s; run folder ${run})`);
process.exitCode = failed ? 1 : 0;
