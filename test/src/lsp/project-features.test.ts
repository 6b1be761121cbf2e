/**
 * What needs the SFDX project around the files: hover on a callout (contexts
 * from the whole workspace) and the Named Credential fixes (existing
 * credentials, and a created one in the default package directory).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CreateFile, Diagnostic, Hover, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { applyEdits } from './text-edits';
import { CLASSES, removeWorkspace, tempWorkspace } from './workspace';

const SHIPPING = `public with sharing class ShippingClient {
    public static Integer track(String parcel) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://ship.example.com/v1/parcels/' + parcel);
        req.setMethod('GET');
        req.setTimeout(10000);
        return new Http().send(req).getStatusCode();
    }
}
`;

describe('language server: hover and Named Credential fixes', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = tempWorkspace();
    client = await LspTestClient.start({ workspace: dir });
    await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total > 0));
  });

  after(async () => {
    await client?.stop();
    removeWorkspace(dir);
  });

  async function open(name: string, text = fs.readFileSync(path.join(dir, CLASSES, name), 'utf8')) {
    const uri = fileUri(path.join(dir, CLASSES, name));
    await client.open(uri, text);
    return { uri, text, ds: await client.diagnosticsFor(uri, 1) };
  }

  it('hover on a callout: endpoint and Named Credential, timeout, the contexts that reach it, the pattern', async () => {
    const { uri, text } = await open('ErpOrderService.cls');
    const line = text.split('\n').findIndex((l) => l.includes('new Http().send(req)'));
    const character = text.split('\n')[line].indexOf('send(req)') + 2;
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    assert.deepEqual(hover.contents, {
      kind: 'markdown',
      value: [
        '**Callout** (`Http.send`)',
        '',
        '- Endpoint: `callout:ERP/orders` — Named Credential **ERP**',
        '- Timeout: 10000 ms',
        '- Runs in: trigger OrderTrigger, @AuraEnabled OrderSubmitController.submit()',
        '- Pattern: none that works: a trigger cannot call out synchronously (use Fire-and-Forget: a Platform Event or a Queueable)',
        '- Advice: **Fire-and-Forget**: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
      ].join('\n'),
    });
    assert.equal(hover.range?.start.line, line);
    const away = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(away, null);
  });

  it("hardcoded-endpoint: uses the project's own ERP credential", async () => {
    const { uri, text, ds } = await open('ErpOrderSync.cls');
    const d =
      ds.find((x) => x.code === 'hardcoded-endpoint' && text.split('\n')[x.range.start.line].includes('ERP_BASE')) ??
      ds.find((x) => x.code === 'hardcoded-endpoint')!;
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.title === 'Use the Named Credential ERP (callout:ERP)');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const [change] = fix.edit!.documentChanges as TextDocumentEdit[];
    const out = applyEdits(text, change.edits as { range: Diagnostic['range']; newText: string }[]);
    assert.equal(out, text.replace("'https://erp.example.com/api'", "'callout:ERP'"));
    const version = await client.change(uri, [{ text: out }]);
    const after = await client.diagnosticsFor(uri, version);
    assert.ok(!after.some((x) => x.code === 'hardcoded-endpoint' && x.range.start.line === d.range.start.line), 'that endpoint is no longer flagged');
    await client.close(uri);
  });

  it('hardcoded-endpoint: creates the Named Credential (CreateFile, ignoreIfExists) and uses it; clean once the file exists', async () => {
    const { uri, ds } = await open('ShippingClient.cls', SHIPPING);
    const d = ds.find((x) => x.code === 'hardcoded-endpoint')!;
    const actions: CodeAction[] = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.title.startsWith('Create the Named Credential'))!;
    assert.equal(fix.title, 'Create the Named Credential Ship for https://ship.example.com (with an External Credential) and use callout:Ship');
    const [create, content, createExternal, , edit] = fix.edit!.documentChanges as [
      CreateFile,
      TextDocumentEdit,
      CreateFile,
      TextDocumentEdit,
      TextDocumentEdit,
    ];
    const external = path.join(dir, 'force-app', 'main', 'default', 'externalCredentials', 'Ship.externalCredential-meta.xml');
    assert.deepEqual(createExternal, { kind: 'create', uri: fileUri(external), options: { ignoreIfExists: true } });
    const credential = path.join(dir, 'force-app', 'main', 'default', 'namedCredentials', 'Ship.namedCredential-meta.xml');
    assert.deepEqual(create, { kind: 'create', uri: fileUri(credential), options: { ignoreIfExists: true } });
    assert.deepEqual(content.textDocument, { uri: fileUri(credential), version: null });
    const xml = (content.edits[0] as { newText: string }).newText;
    assert.match(xml, /<parameterValue>https:\/\/ship\.example\.com<\/parameterValue>/);
    assert.deepEqual(edit.textDocument, { uri, version: 1 });
    const out = applyEdits(SHIPPING, edit.edits as { range: Diagnostic['range']; newText: string }[]);
    assert.equal(out, SHIPPING.replace("'https://ship.example.com/v1/parcels/'", "'callout:Ship/v1/parcels/'"));
    // The client applies the edit: the file appears on disk and the watcher reports it.
    fs.mkdirSync(path.dirname(credential), { recursive: true });
    fs.writeFileSync(credential, xml);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(credential), type: 1 }] });
    const version = await client.change(uri, [{ text: out }]);
    assert.deepEqual(
      (await client.diagnosticsFor(uri, version)).map((x) => x.code),
      [],
    );
    // Now that Ship exists, the fix that would create it is no longer offered for the old text.
    const v2 = await client.change(uri, [{ text: SHIPPING }]);
    const again = (await client.diagnosticsFor(uri, v2)).find((x) => x.code === 'hardcoded-endpoint')!;
    const titles = (await client.codeActions(uri, again.range, [again])).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Create the Named Credential Ship ')), titles.join(' | '));
  });
});
