/**
 * Side by side with Salesforce's Apex extension, which cannot be downloaded
 * here: a stub (test/e2e/fixtures/salesforce-apex-stub) declares the `apex`
 * language and the `source.apex` grammar exactly as
 * `salesforce.salesforcedx-vscode-apex` does, packed into a .vsix with vsce.
 * VS Code reports two extensions contributing one scope name only with
 * console.warn, in the window and in the tokenization worker, so the scenario
 * listens to both.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './rig.mjs';

export const STUB_DIR = path.join(ROOT, 'test', 'e2e', 'fixtures', 'salesforce-apex-stub');
/** What VS Code 1.100 logs when a second grammar claims a scope name (TMScopeRegistry.register). */
export const OVERWRITE_WARNING = 'Overwriting grammar scope name';

/** Packs the stub into `<run>/salesforce-apex-stub.vsix`; returns its path. */
export function packStub(run) {
  const out = path.join(run, 'salesforce-apex-stub.vsix');
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out], {
    cwd: STUB_DIR,
    encoding: 'utf8',
    timeout: 60000,
  });
  if (r.status !== 0) throw new Error(`vsce package (the Salesforce Apex stub) failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** Every console message of the page, its frames and its workers, as `type: text`, from now on. */
export function consoleOf(page) {
  const lines = [];
  const record = (m) => lines.push(`${m.type()}: ${m.text()}`);
  page.on('console', record);
  const watch = (worker) => worker.on('console', record);
  page.workers().forEach(watch);
  page.on('worker', watch);
  return {
    lines,
    /** The messages that contain `text`. */
    matching: (text) => lines.filter((l) => l.includes(text)),
  };
}
