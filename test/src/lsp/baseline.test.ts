/** The editor reads the team's baseline (settings `baseline` and `baselineMode`) as the CLI does: recorded findings hidden or shown as info. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from './lsp-client';
import { CLASSES, ERP_CLIENT, removeWorkspace, tempWorkspace } from './workspace';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'apex-pattern-lint.js');

function summary(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} severity ${d.severity}`);
}

describe('LSP: baseline', () => {
  let dir: string;
  let client: LspTestClient;
  let uri: string;
  let file: string;

  before(() => {
    dir = tempWorkspace({ [path.join(CLASSES, 'ErpClient.cls')]: ERP_CLIENT });
    file = path.join(dir, CLASSES, 'ErpClient.cls');
    uri = fileUri(file);
    const written = spawnSync(process.execPath, [BIN, '--write-baseline', 'apl-baseline.json', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(written.status, 0, written.stderr);
  });

  afterEach(async () => {
    await client?.stop();
  });

  after(() => removeWorkspace(dir));

  it('hides the recorded findings of an open file, also after lines are added above them; a changed line shows again', async () => {
    client = await LspTestClient.start({ workspace: dir, settings: { baseline: 'apl-baseline.json' } });
    await client.open(uri, ERP_CLIENT);
    assert.deepEqual(summary(await client.diagnosticsFor(uri, 1)), []);
    // Closed files too: the whole example is in the baseline.
    await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total > 0));
    const all = await client.connection.sendRequest<{ files: number; findings: number }>('apexPatternLint/lintWorkspace', {});
    assert.deepEqual([all.files > 10, all.findings], [true, 0]);
    const moved = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// ERP.\n\n' }]);
    assert.deepEqual(summary(await client.diagnosticsFor(uri, moved)), []);
    // Another URL on the endpoint line (line 6 now): that finding is new; the send's line is unchanged.
    const edited = await client.change(uri, [{ range: { start: { line: 5, character: 48 }, end: { line: 5, character: 48 } }, text: '/v2' }]);
    assert.deepEqual(summary(await client.diagnosticsFor(uri, edited)), ['hardcoded-endpoint 6:13 severity 2']);
  });

  it('baselineMode info shows them at information level; no setting shows them as they are', async () => {
    client = await LspTestClient.start({ workspace: dir, settings: { baseline: 'apl-baseline.json', baselineMode: 'info' } });
    await client.open(uri, ERP_CLIENT);
    assert.deepEqual(summary(await client.diagnosticsFor(uri, 1)), ['hardcoded-endpoint 4:13 severity 3', 'callout-timeout-missing 6:39 severity 3']);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const v2 = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    assert.deepEqual(summary(await client.diagnosticsFor(uri, v2)), ['hardcoded-endpoint 4:13 severity 2', 'callout-timeout-missing 6:39 severity 2']);
  });

  it('a baseline that does not exist warns once and shows every finding', async () => {
    client = await LspTestClient.start({ workspace: dir, settings: { baseline: 'missing.json' } });
    await client.open(uri, ERP_CLIENT);
    assert.equal((await client.diagnosticsFor(uri, 1)).length, 2);
    assert.equal(fs.existsSync(path.join(dir, 'missing.json')), false);
    const warning = await client.waitFor('the warning', () => client.shownMessages.find((m) => m.includes('missing.json')));
    assert.equal(
      warning,
      `Apex Pattern Lint: the baseline ${path.join(dir, 'missing.json')} (setting apexPatternLint.baseline) does not exist; showing every finding.`,
    );
  });
});
