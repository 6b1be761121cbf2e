/**
 * What the editor shows beyond the open file, through the real protocol:
 * the workspace's findings once indexed (and only open files' with
 * `diagnostics.scope: openFiles`), cross-file locations that follow unsaved
 * edits, the start-up log, and the missing Named Credential a scaffold
 * would call through.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SCAFFOLD_COMMANDS, type ScaffoldDefaults } from '../../../shared/out/protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { CLASSES, removeWorkspace, tempWorkspace } from './workspace';

/** The last publication for `uri`, once it satisfies `probe`. */
function lastFor(client: LspTestClient, uri: string, what: string, probe: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  return client.waitFor(what, () => {
    const all = client.published.filter((p) => p.uri === uri);
    const last = all[all.length - 1];
    return last && probe(last) ? last : undefined;
  });
}

describe('language server: the workspace in the editor', function () {
  this.timeout(30000);
  let dir: string;
  const uri = (name: string) => fileUri(path.join(dir, CLASSES, name));

  beforeEach(() => {
    dir = tempWorkspace();
  });
  afterEach(() => removeWorkspace(dir));

  it('publishes the findings of every file after indexing, closed files included, and logs the start-up', async () => {
    const client = await LspTestClient.start({ workspace: dir });
    try {
      const codes = (name: string) =>
        lastFor(client, uri(name), `diagnostics of closed ${name}`, (p) => p.diagnostics.length > 0).then((p) => p.diagnostics.map((d) => d.code));
      assert.deepEqual(await codes('OrderSubmitController.cls'), ['callout-after-dml', 'callout-blocks-save']);
      assert.deepEqual(await codes('InventoryRetryClient.cls'), ['callout-retry-loop']);
      assert.deepEqual((await codes('ErpOrderSync.cls')).sort(), ['callout-timeout-missing', 'hardcoded-endpoint', 'hardcoded-endpoint', 'insecure-endpoint']);
      const trigger = fileUri(path.join(dir, 'force-app', 'main', 'default', 'triggers', 'OrderTrigger.trigger'));
      assert.deepEqual(
        (await lastFor(client, trigger, 'the trigger', (p) => p.diagnostics.length > 0)).diagnostics.map((d) => d.code),
        ['callout-in-trigger'],
      );
      await client.waitFor('the workspace lint log', () => client.logs.find((l) => /^Linted the workspace: 15 finding\(s\) in \d+ file\(s\)/.test(l)));
      assert.ok(
        client.logs.some((l) => /^Apex Pattern Lint 0\.1\.0 \(Node v\d+/.test(l)),
        client.logs.join('\n'),
      );
      assert.ok(
        client.logs.some((l) =>
          new RegExp(`^Indexed \\d+ Apex file\\(s\\) in \\d+ ms; SFDX project\\(s\\): ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(l),
        ),
        client.logs.join('\n'),
      );
    } finally {
      await client.stop();
    }
  });

  it('with diagnostics.scope "openFiles", closed files show nothing until opened', async () => {
    const client = await LspTestClient.start({ workspace: dir, settings: { diagnostics: { scope: 'openFiles' } } });
    try {
      await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total > 0));
      const file = path.join(dir, CLASSES, 'InventoryRetryClient.cls');
      await client.open(uri('InventoryRetryClient.cls'), fs.readFileSync(file, 'utf8'));
      assert.deepEqual(
        (await client.diagnosticsFor(uri('InventoryRetryClient.cls'), 1)).map((d) => d.code),
        ['callout-retry-loop'],
      );
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual([...new Set(client.published.map((p) => path.basename(p.uri)))], ['InventoryRetryClient.cls']);
    } finally {
      await client.stop();
    }
  });

  it("an unsaved edit of a callee moves the related location in its open caller's finding, and in a closed caller's", async () => {
    const client = await LspTestClient.start({ workspace: dir });
    try {
      await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total > 0));
      const caller = uri('OrderSubmitController.cls');
      const callee = uri('ErpOrderService.cls');
      await client.open(caller, fs.readFileSync(path.join(dir, CLASSES, 'OrderSubmitController.cls'), 'utf8'));
      const sendLine = (p: PublishDiagnosticsParams) => p.diagnostics[0]?.relatedInformation?.find((r) => r.location.uri === callee)?.location.range.start.line;
      assert.equal(sendLine({ uri: caller, diagnostics: await client.diagnosticsFor(caller, 1) }), 25);
      await client.open(callee, fs.readFileSync(path.join(dir, CLASSES, 'ErpOrderService.cls'), 'utf8'));
      // Two lines above the send, not saved: the disk still has the old text.
      await client.change(callee, [
        { range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } }, text: '        // one\n        // two\n' },
      ]);
      const moved = await lastFor(client, caller, 'the caller republished', (p) => sendLine(p) === 27);
      assert.equal(moved.diagnostics[0].code, 'callout-after-dml');
      // OrderTrigger.trigger is closed: its chain through ErpOrderService follows too.
      const trigger = fileUri(path.join(dir, 'force-app', 'main', 'default', 'triggers', 'OrderTrigger.trigger'));
      const chain = await lastFor(
        client,
        trigger,
        'the closed trigger republished',
        (p) => p.diagnostics[0]?.relatedInformation?.some((r) => r.location.uri === callee && r.location.range.start.line === 27) ?? false,
      );
      assert.equal(chain.diagnostics[0].code, 'callout-in-trigger');
    } finally {
      await client.stop();
    }
  });

  it('scaffold defaults name the Named Credential the generated code needs when the project lacks it', async () => {
    const client = await LspTestClient.start({ workspace: dir });
    try {
      const ask = (options: Record<string, string>) =>
        client.connection.sendRequest<ScaffoldDefaults>('workspace/executeCommand', {
          command: SCAFFOLD_COMMANDS.defaults,
          arguments: [{ pattern: 'request-reply', name: 'CreditLimit', options }],
        });
      assert.deepEqual((await ask({})).missingCredentials, { 'named-credential': 'CreditLimit' });
      assert.equal((await ask({ 'named-credential': 'ERP' })).missingCredentials, undefined, 'ERP exists in the example');
      assert.equal((await ask({ url: 'https://credit.example.com' })).missingCredentials, undefined, 'the url creates it');
    } finally {
      await client.stop();
    }
  });
});
