/**
 * The rules' own quick fixes through the protocol: requested as code
 * actions, applied to the text here, the result asserted exactly and linted
 * again by the server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { applyEdits } from './text-edits';
import { CLASSES, removeWorkspace, tempWorkspace } from './workspace';
import { ERP_SYNC } from '../unit/index/sources';

const LEGACY = [
  'public with sharing class LegacyPing {',
  '\tpublic static HttpResponse ping() {',
  '\t\tHttpRequest req = new HttpRequest();',
  "\t\treq.setEndpoint('http://legacy.example.com/ping');",
  "\t\treq.setMethod('GET');",
  '\t\treturn new Http().send(req);',
  '\t}',
  '}',
  '',
].join('\r\n');

const PUSHER = `public class OrderPusher {
    @future
    public static void push(String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setTimeout(20000);
        req.setMethod('POST');
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}
`;

const ORDER_ACTIONS = `public with sharing class OrderActions {
    @AuraEnabled
    public static void activate(Id orderId) {
        Order ord = [SELECT Id, Status FROM Order WHERE Id = :orderId];
        ord.Status = 'Activated';
        update ord;
        ErpSync.pushOrder(ord.Id, new List<String>{ 'A1', 'B2' });
    }
}
`;

function single(action: CodeAction | undefined, uri: string, version: number) {
  assert.ok(action?.edit?.documentChanges, `action ${action?.title}`);
  assert.equal(action.edit.documentChanges.length, 1);
  const change = action.edit.documentChanges[0] as TextDocumentEdit;
  assert.deepEqual(change.textDocument, { uri, version });
  return change.edits as { range: Diagnostic['range']; newText: string }[];
}

describe('language server: rule quick fixes through the protocol', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = tempWorkspace({ [path.join(CLASSES, 'ErpSync.cls')]: `${ERP_SYNC}\n` });
    // The timeout a fix inserts comes from the resource's settings.
    client = await LspTestClient.start({ workspace: dir, settings: { timeouts: { defaultMs: 5000 } } });
  });

  after(async () => {
    await client?.stop();
    removeWorkspace(dir);
  });

  async function open(name: string, text: string): Promise<{ uri: string; ds: Diagnostic[] }> {
    const uri = fileUri(path.join(dir, CLASSES, name));
    await client.open(uri, text);
    return { uri, ds: await client.diagnosticsFor(uri, 1) };
  }

  async function relint(uri: string, text: string): Promise<string[]> {
    const version = await client.change(uri, [{ text }]);
    return (await client.diagnosticsFor(uri, version)).map((d) => String(d.code));
  }

  it('callout-timeout-missing: inserts req.setTimeout(<setting>) keeping CRLF and tabs, preferred, and the finding goes away', async () => {
    const { uri, ds } = await open('LegacyPing.cls', LEGACY);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['hardcoded-endpoint', 'insecure-endpoint', 'callout-timeout-missing'],
    );
    const d = ds[2];
    const actions = await client.codeActions(uri, d.range, [d]);
    assert.equal(actions[0].title, 'Set an explicit timeout: req.setTimeout(5000);');
    assert.equal(actions[0].isPreferred, true);
    const out = applyEdits(LEGACY, single(actions[0], uri, 1));
    assert.equal(out, LEGACY.replace("\t\treq.setMethod('GET');\r\n", "\t\treq.setMethod('GET');\r\n\t\treq.setTimeout(5000);\r\n"));
    assert.deepEqual(await relint(uri, out), ['hardcoded-endpoint', 'insecure-endpoint']);
    await client.close(uri);
  });

  it('source.fixAll.apexPatternLint applies https:// and the timeout in one edit', async () => {
    const { uri } = await open('LegacyPingAll.cls', LEGACY.replace('LegacyPing', 'LegacyPingAll'));
    const text = LEGACY.replace('LegacyPing', 'LegacyPingAll');
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.apexPatternLint']);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all safe apex-pattern-lint problems', 'source.fixAll.apexPatternLint']],
    );
    const out = applyEdits(text, single(actions[0], uri, 1));
    assert.equal(
      out,
      text.replace("'http://", "'https://").replace("\t\treq.setMethod('GET');\r\n", "\t\treq.setMethod('GET');\r\n\t\treq.setTimeout(5000);\r\n"),
    );
    assert.deepEqual(await relint(uri, out), ['hardcoded-endpoint']);
    await client.close(uri);
  });

  it('future-callout-missing: @future becomes @future(callout=true)', async () => {
    const { uri, ds } = await open('OrderPusher.cls', PUSHER);
    const d = ds.find((x) => x.code === 'future-callout-missing');
    assert.ok(d, ds.map((x) => x.code).join(', '));
    const actions = await client.codeActions(uri, d.range, [d]);
    assert.equal(actions[0].title, 'Declare @future(callout=true)');
    const out = applyEdits(PUSHER, single(actions[0], uri, 1));
    assert.equal(out, PUSHER.replace('    @future\n', '    @future(callout=true)\n'));
    assert.ok(!(await relint(uri, out)).includes('future-callout-missing'));
    await client.close(uri);
  });

  it('callout-after-dml: moves the callout to a new Queueable (class and meta created, never overwritten) and enqueues it', async () => {
    await client.waitFor('indexing done', () => client.statuses.find((st) => !st.indexing && st.total > 0));
    const { uri, ds } = await open('OrderActions.cls', ORDER_ACTIONS);
    const d = ds.find((x) => x.code === 'callout-after-dml');
    assert.ok(d, ds.map((x) => x.code).join(', '));
    const actions = await client.codeActions(uri, d.range, [d]);
    const move = actions.find((a) => a.title.startsWith('Move the callout to a Queueable'))!;
    assert.equal(move.title, 'Move the callout to a Queueable: System.enqueueJob(new ErpSyncPushOrderJob(…))');
    assert.notEqual(move.isPreferred, true, 'not a safe fix');
    const changes = move.edit!.documentChanges!;
    const job = path.join(dir, CLASSES, 'ErpSyncPushOrderJob.cls');
    const creates = changes.filter((c): c is CreateFile => (c as CreateFile).kind === 'create');
    assert.deepEqual(creates, [
      { kind: 'create', uri: fileUri(job), options: { ignoreIfExists: true } },
      { kind: 'create', uri: fileUri(`${job}-meta.xml`), options: { ignoreIfExists: true } },
    ]);
    const edits = changes.filter((c): c is TextDocumentEdit => 'textDocument' in c);
    const texts = new Map(
      edits.map((e) => [
        e.textDocument.uri,
        {
          version: e.textDocument.version,
          text: applyEdits(e.textDocument.uri === uri ? ORDER_ACTIONS : '', e.edits as { range: Diagnostic['range']; newText: string }[]),
        },
      ]),
    );
    assert.deepEqual(texts.get(uri), {
      version: 1,
      text: ORDER_ACTIONS.replace(
        "ErpSync.pushOrder(ord.Id, new List<String>{ 'A1', 'B2' });",
        "System.enqueueJob(new ErpSyncPushOrderJob(ord.Id, new List<String>{ 'A1', 'B2' }));",
      ),
    });
    const jobText = texts.get(fileUri(job))!.text;
    assert.match(jobText, /public with sharing class ErpSyncPushOrderJob implements Queueable, Database\.AllowsCallouts \{/);
    assert.match(texts.get(fileUri(`${job}-meta.xml`))!.text, /<apiVersion>62\.0<\/apiVersion>/);
    // Applied: the new class is on disk, the controller edited; nothing of the rule is left.
    fs.writeFileSync(job, jobText);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(job), type: 1 }] });
    const after = await relint(uri, texts.get(uri)!.text);
    assert.ok(!after.includes('callout-after-dml'), after.join(', '));
    // With the class on disk, the same move reuses it: no second copy, nothing overwritten.
    const v = await client.change(uri, [{ text: ORDER_ACTIONS }]);
    const again = (await client.diagnosticsFor(uri, v)).find((x) => x.code === 'callout-after-dml')!;
    const reuse = (await client.codeActions(uri, again.range, [again])).find((a) => a.title.startsWith('Move the callout to a Queueable'))!;
    assert.equal(reuse.title, 'Move the callout to a Queueable: System.enqueueJob(new ErpSyncPushOrderJob(…)) (reusing ErpSyncPushOrderJob)');
    assert.ok(!(reuse.edit!.documentChanges ?? []).some((c) => 'kind' in c && c.kind === 'create'));
  });
});
