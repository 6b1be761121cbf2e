/**
 * The rules' own quick fixes through the protocol: requested as code
 * actions, applied to the text here, the result asserted exactly and linted
 * again by the server.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { applyEdits } from './text-edits';
import { CLASSES, removeWorkspace, tempWorkspace } from './workspace';

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
    dir = tempWorkspace();
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
    assert.deepEqual(ds.map((d) => d.code), ['hardcoded-endpoint', 'insecure-endpoint', 'callout-timeout-missing']);
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
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe apex-pattern-lint problems', 'source.fixAll.apexPatternLint']]);
    const out = applyEdits(text, single(actions[0], uri, 1));
    assert.equal(out, text.replace("'http://", "'https://").replace("\t\treq.setMethod('GET');\r\n", "\t\treq.setMethod('GET');\r\n\t\treq.setTimeout(5000);\r\n"));
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
});
