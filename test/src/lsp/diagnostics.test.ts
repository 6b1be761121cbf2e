import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { CLASSES, ERP_CLIENT, removeWorkspace, tempWorkspace } from './workspace';
import { discoverFiles } from '../../../server/out/node/files';

const DOCS = 'https://github.com/apex-pattern-lint/apex-pattern-lint/blob/main/docs/rules/';
const TIMEOUT_MESSAGE = "Callout without an explicit timeout: 'req' never gets setTimeout() before send(), so the silent 10 s default applies";
const ENDPOINT_MESSAGE =
  "Hard-coded endpoint 'https://erp.example.com/stock': use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment";

function summary(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

describe('language server: diagnostics through the protocol', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;
  let uri: string;
  /** What the CLI would lint in the project: the server indexes the same files. */
  let apexFiles: number;

  before(async () => {
    dir = tempWorkspace({ [path.join(CLASSES, 'ErpClient.cls')]: ERP_CLIENT });
    uri = fileUri(path.join(dir, CLASSES, 'ErpClient.cls'));
    apexFiles = discoverFiles([path.join(dir, 'force-app')]).length;
    client = await LspTestClient.start({ workspace: dir });
  });

  after(async () => {
    await client?.stop();
    removeWorkspace(dir);
  });

  it('publishes the findings of an opened class: rule id, 0-based range, message, source, docs link, severity', async () => {
    await client.open(uri, ERP_CLIENT);
    const ds = await client.diagnosticsFor(uri, 1);
    const endpoint = ds.find((d) => d.code === 'hardcoded-endpoint')!;
    assert.deepEqual(endpoint, {
      range: { start: { line: 3, character: 12 }, end: { line: 3, character: 56 } },
      severity: 2,
      source: 'apex-pattern-lint',
      code: 'hardcoded-endpoint',
      codeDescription: { href: `${DOCS}hardcoded-endpoint.md` },
      message: ENDPOINT_MESSAGE,
    });
    const timeout = ds.find((d) => d.code === 'callout-timeout-missing')!;
    assert.deepEqual(timeout.range, { start: { line: 5, character: 38 }, end: { line: 5, character: 47 } });
    assert.equal(timeout.message, TIMEOUT_MESSAGE);
    assert.equal(timeout.codeDescription?.href, `${DOCS}callout-timeout-missing.md`);
    assert.deepEqual(summary(ds), ['hardcoded-endpoint 3:12-3:56', 'callout-timeout-missing 5:38-5:47']);
  });

  it('updates the diagnostics after an incremental change (a timeout added)', async () => {
    const at = { line: 5, character: 0 };
    const version = await client.change(uri, [{ range: { start: at, end: at }, text: '        req.setTimeout(10000);\n' }]);
    const ds = await client.diagnosticsFor(uri, version);
    assert.deepEqual(summary(ds), ['hardcoded-endpoint 3:12-3:56']);
  });

  it('after a burst of 50 edits publishes the last version, and nothing older after it', async () => {
    const first = await client.change(uri, [{ range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '' }]);
    let last = first;
    for (let i = 0; i < 50; i++) {
      last = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    }
    const ds = await client.diagnosticsFor(uri, last);
    // 50 blank lines pushed everything down by 50.
    assert.deepEqual(summary(ds), ['hardcoded-endpoint 53:12-53:56', 'callout-timeout-missing 55:38-55:47']);
    const mine = client.published.filter((p) => p.uri === uri);
    const lastIndex = mine.findIndex((p) => p.version === last);
    assert.deepEqual(mine.slice(lastIndex + 1), [], 'no publication after the newest version');
    const versions = mine.map((p) => p.version!);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions only go up',
    );
    assert.ok(mine.filter((p) => p.version! > first && p.version! < last).length < 50, 'the debounce skipped superseded versions');
  });

  it('indexes the workspace with work-done progress and reports a status', async () => {
    await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total > 0));
    const messages = client.progress.map((p) => (p as { value: { message?: string } }).value.message).filter(Boolean);
    assert.ok(apexFiles > 10);
    assert.ok(messages.includes(`Indexing Apex 0/${apexFiles}`), messages.join(' | '));
    assert.ok(messages.includes(`Indexing Apex ${apexFiles}/${apexFiles}`), messages.join(' | '));
    assert.ok(client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'));
  });

  it('Lint Workspace publishes the findings of closed files, e.g. ErpOrderSync.cls', async () => {
    const result = await client.connection.sendRequest<{ files: number; findings: number }>('apexPatternLint/lintWorkspace', {});
    assert.equal(result.files, apexFiles);
    const erp = fileUri(path.join(dir, CLASSES, 'ErpOrderSync.cls'));
    const ds = await client.waitFor('ErpOrderSync diagnostics', () => client.published.find((p) => p.uri === erp)?.diagnostics);
    assert.deepEqual(summary(ds), [
      'hardcoded-endpoint 29:12-29:45',
      'hardcoded-endpoint 52:12-52:61',
      'insecure-endpoint 52:12-52:61',
      'callout-timeout-missing 55:38-55:47',
    ]);
  });

  it('a workspace setting turns a rule off for the resource, and back', async () => {
    client.settings = { rules: { 'hardcoded-endpoint': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } }, text: '' }]);
    assert.deepEqual(summary(await client.diagnosticsFor(uri, version)), ['callout-timeout-missing 5:38-5:47']);
    client.settings = { rules: { 'hardcoded-endpoint': 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const v2 = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    const ds = await client.diagnosticsFor(uri, v2);
    assert.equal(ds.find((d) => d.code === 'hardcoded-endpoint')?.severity, 1);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('a changed .apexpatternlintrc.json on disk applies to open documents; a broken one warns and falls back to the defaults', async () => {
    const rc = path.join(dir, '.apexpatternlintrc.json');
    fs.writeFileSync(rc, JSON.stringify({ rules: { 'callout-timeout-missing': 'info' } }));
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rc), type: 1 }] });
    // Publications already in flight may still show the old level; wait for the re-lint under the new config.
    const timeoutSeverity = (ds: Diagnostic[]) => ds.find((d) => d.code === 'callout-timeout-missing')?.severity;
    const ds = await client.waitFor(
      're-published diagnostics',
      () => client.published.slice(before).find((p) => p.uri === uri && timeoutSeverity(p.diagnostics) === 3)?.diagnostics,
    );
    assert.equal(timeoutSeverity(ds), 3);
    fs.writeFileSync(rc, '{ "rules": ');
    const again = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rc), type: 2 }] });
    const fallback = await client.waitFor('defaults after a broken config', () => client.published.slice(again).find((p) => p.uri === uri)?.diagnostics);
    assert.equal(fallback.find((d) => d.code === 'callout-timeout-missing')?.severity, 2, 'a broken config file means the defaults');
    const warning = await client.waitFor('a warning about the config', () => client.shownMessages.find((m) => m.includes('.apexpatternlintrc.json')));
    assert.match(warning, /^Apex Pattern Lint: .*\.apexpatternlintrc\.json: invalid JSON .* — using the defaults\.$/);
    fs.rmSync(rc);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rc), type: 3 }] });
  });

  it('survives broken input: syntax errors, an empty file, binary bytes and a huge line', async () => {
    const broken = fileUri(path.join(dir, CLASSES, 'Broken.cls'));
    await client.open(broken, 'public class Broken {\n    void go( {\n');
    const ds = await client.diagnosticsFor(broken, 1);
    assert.ok(ds.length > 0 && ds.every((d) => d.code === 'syntax-error'));
    await client.change(broken, [{ text: '' }]);
    assert.deepEqual(summary(await client.diagnosticsFor(broken, 2)), ['syntax-error 0:0-0:0']);
    await client.change(broken, [{ text: 'public class Broken {\u0000\u0001}' }]);
    assert.deepEqual(summary(await client.diagnosticsFor(broken, 3)), ['syntax-error 0:0-0:0']);
    await client.change(broken, [{ text: `public class Broken { String s = '${'x'.repeat(200000)}'; }` }]);
    assert.deepEqual(await client.diagnosticsFor(broken, 4), []);
    // The server still serves the other document.
    const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
    assert.equal((await client.diagnosticsFor(uri, v)).length, 2);
    await client.close(broken);
  });

  it('answers odd requests without dying: actions for an unknown document, a change to an unopened one, a bad command', async () => {
    const nowhere = fileUri(path.join(dir, CLASSES, 'Nowhere.cls'));
    assert.deepEqual(await client.codeActions(nowhere, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: nowhere, version: 9 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendRequest('workspace/executeCommand', { command: 'apexPatternLint.showDocumentation', arguments: [42] });
    const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    assert.equal((await client.diagnosticsFor(uri, v)).length, 2);
    assert.equal(client.child.exitCode, null, 'the server is still running');
  });
});
