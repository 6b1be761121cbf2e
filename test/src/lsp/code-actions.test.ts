import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { applyEdits } from './text-edits';
import { CLASSES, ERP_CLIENT, removeWorkspace, tempWorkspace } from './workspace';

const RULE = 'callout-timeout-missing';

function timeoutDiagnostic(ds: Diagnostic[]): Diagnostic {
  const d = ds.find((x) => x.code === RULE);
  assert.ok(d, `no ${RULE} among ${ds.map((x) => x.code).join(', ')}`);
  return d;
}

/** The edits of an action that edits one document, checking the version it was computed for. */
function editsOf(action: CodeAction | undefined, uri: string, version: number) {
  assert.ok(action?.edit?.documentChanges, 'action with documentChanges');
  const [change] = action.edit.documentChanges as TextDocumentEdit[];
  assert.deepEqual(change.textDocument, { uri, version });
  return change.edits;
}

describe('language server: code actions through the protocol', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = tempWorkspace();
    client = await LspTestClient.start({ workspace: dir });
  });

  after(async () => {
    await client?.stop();
    removeWorkspace(dir);
  });

  async function openAndActions(name: string, text: string): Promise<{ uri: string; diagnostic: Diagnostic; actions: CodeAction[] }> {
    const uri = fileUri(path.join(dir, CLASSES, name));
    await client.open(uri, text);
    const diagnostic = timeoutDiagnostic(await client.diagnosticsFor(uri, 1));
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    return { uri, diagnostic, actions };
  }

  /** Replace the document with `text` and return the diagnostics of the new version. */
  async function relint(uri: string, text: string): Promise<Diagnostic[]> {
    const version = await client.change(uri, [{ text }]);
    return client.diagnosticsFor(uri, version);
  }

  it('offers disable-for-line, disable-for-method and documentation for a finding', async () => {
    const { actions } = await openAndActions('TitlesClient.cls', ERP_CLIENT.replace('ErpClient', 'TitlesClient'));
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.slice(-3), [
      `Disable apex-pattern-lint ${RULE} for this line`,
      `Disable ${RULE} for this method`,
      `Show documentation for ${RULE}`,
    ]);
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
  });

  it('"Disable for this line" inserts the directive with the line indentation, and the finding goes away', async () => {
    const text = ERP_CLIENT.replace('ErpClient', 'LineClient');
    const { uri, actions } = await openAndActions('LineClient.cls', text);
    const out = applyEdits(
      text,
      editsOf(
        actions.find((a) => a.title.startsWith('Disable apex-pattern-lint')),
        uri,
        1,
      ),
    );
    assert.equal(
      out,
      text.replace('        HttpResponse res = new Http()', `        // apex-pattern-lint-disable-next-line ${RULE}\n        HttpResponse res = new Http()`),
    );
    assert.deepEqual(
      (await relint(uri, out)).map((d) => d.code),
      ['hardcoded-endpoint'],
    );
  });

  it('"Disable for this line" on a CRLF, tab-indented file keeps CRLF and tabs', async () => {
    const text = ERP_CLIENT.replace('ErpClient', 'CrlfClient').replace(/ {4}/g, '\t').replace(/\n/g, '\r\n');
    const { uri, actions } = await openAndActions('CrlfClient.cls', text);
    const out = applyEdits(
      text,
      editsOf(
        actions.find((a) => a.title.startsWith('Disable apex-pattern-lint')),
        uri,
        1,
      ),
    );
    assert.equal(out, text.replace('\t\tHttpResponse res', `\t\t// apex-pattern-lint-disable-next-line ${RULE}\r\n\t\tHttpResponse res`));
    assert.ok(!/[^\r]\n/.test(out), 'only CRLF line endings');
    assert.deepEqual(
      (await relint(uri, out)).map((d) => d.code),
      ['hardcoded-endpoint'],
    );
  });

  it('"Disable for this method" adds @SuppressWarnings above the method (CRLF, tabs)', async () => {
    const text = ERP_CLIENT.replace('ErpClient', 'MethodClient').replace(/ {4}/g, '\t').replace(/\n/g, '\r\n');
    const { uri, actions } = await openAndActions('MethodClient.cls', text);
    const out = applyEdits(
      text,
      editsOf(
        actions.find((a) => a.title === `Disable ${RULE} for this method`),
        uri,
        1,
      ),
    );
    assert.equal(out, text.replace('\tpublic static HttpResponse', `\t@SuppressWarnings('apex-pattern-lint:${RULE}')\r\n\tpublic static HttpResponse`));
    assert.deepEqual(
      (await relint(uri, out)).map((d) => d.code),
      ['hardcoded-endpoint'],
    );
  });

  it('"Disable for this method" merges into an existing @SuppressWarnings', async () => {
    const text = ERP_CLIENT.replace('ErpClient', 'MergeClient').replace(
      '    public static',
      "    @SuppressWarnings('PMD.ApexCRUDViolation')\n    public static",
    );
    const { uri, actions } = await openAndActions('MergeClient.cls', text);
    const out = applyEdits(
      text,
      editsOf(
        actions.find((a) => a.title === `Disable ${RULE} for this method`),
        uri,
        1,
      ),
    );
    assert.equal(out, text.replace("'PMD.ApexCRUDViolation'", `'PMD.ApexCRUDViolation, apex-pattern-lint:${RULE}'`));
    assert.deepEqual(
      (await relint(uri, out)).map((d) => d.code),
      ['hardcoded-endpoint'],
    );
  });

  it('"Show documentation" runs a server command that asks the client to open the rule page', async () => {
    const { actions } = await openAndActions('DocsClient.cls', ERP_CLIENT.replace('ErpClient', 'DocsClient'));
    const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`)!;
    assert.equal(docs.command?.command, 'apexPatternLint.showDocumentation');
    await client.connection.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    assert.deepEqual(client.shownDocuments, [`https://github.com/apex-pattern-lint/apex-pattern-lint/blob/main/docs/rules/${RULE}.md`]);
  });

  it('refuses fixes computed for an older version of the document', async () => {
    const stale = await LspTestClient.start({ workspace: dir, initializationOptions: { debounceMs: 600000 } });
    try {
      const uri = fileUri(path.join(dir, CLASSES, 'StaleClient.cls'));
      const text = ERP_CLIENT.replace('ErpClient', 'StaleClient');
      await stale.open(uri, text);
      const diagnostic = timeoutDiagnostic(await stale.diagnosticsFor(uri, 1));
      assert.ok((await stale.codeActions(uri, diagnostic.range, [diagnostic])).length > 0, 'offered for the version they were computed for');
      // Version 2 exists but its diagnostics are not computed yet (long debounce): the fixes of version 1 must not apply to it.
      await stale.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
      assert.deepEqual(await stale.codeActions(uri, diagnostic.range, [diagnostic]), []);
    } finally {
      await stale.stop();
    }
  });

  it('finds the actions under the cursor when the client sends no diagnostics (other editors)', async () => {
    const uri = fileUri(path.join(dir, CLASSES, 'CursorClient.cls'));
    await client.open(uri, ERP_CLIENT.replace('ErpClient', 'CursorClient'));
    const d = timeoutDiagnostic(await client.diagnosticsFor(uri, 1));
    const actions = await client.codeActions(uri, { start: d.range.start, end: d.range.start }, []);
    assert.ok(actions.some((a) => a.title === `Disable ${RULE} for this method`));
    assert.ok(actions.every((a) => a.diagnostics?.[0].code === RULE));
  });

  it('answers source.fixAll with no action when no finding has a safe fix', async () => {
    const uri = fileUri(path.join(dir, CLASSES, 'CursorClient.cls'));
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.apexPatternLint']);
    const safeFixes = actions.filter((a) => a.kind === 'source.fixAll.apexPatternLint');
    assert.ok(safeFixes.length <= 1);
    assert.ok(
      actions.every((a) => a.kind === 'source.fixAll.apexPatternLint'),
      'only fix-all for an only=source.fixAll request',
    );
  });

  it('a cancelled Lint Workspace request answers RequestCancelled, and the server keeps serving', async () => {
    await assert.rejects(client.requestThenCancel('apexPatternLint/lintWorkspace', {}), (e: { code?: number }) => e.code === -32800);
    const uri = fileUri(path.join(dir, CLASSES, 'CursorClient.cls'));
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    assert.equal(timeoutDiagnostic(await client.diagnosticsFor(uri, version)).range.start.line, 6);
  });
});

describe('language server: a minimal client (no workspace/configuration, no documentChanges)', function () {
  this.timeout(30000);

  it('takes settings from initializationOptions and answers with plain `changes` edits', async () => {
    const dir = tempWorkspace();
    const client = await LspTestClient.start({
      workspace: dir,
      minimal: true,
      initializationOptions: { settings: { rules: { 'hardcoded-endpoint': 'off' } } },
    });
    try {
      const uri = fileUri(path.join(dir, CLASSES, 'MinimalClient.cls'));
      const text = ERP_CLIENT.replace('ErpClient', 'MinimalClient');
      await client.open(uri, text);
      const ds = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(
        ds.map((d) => d.code),
        [RULE],
      );
      const actions = await client.codeActions(uri, ds[0].range, ds);
      const line = actions.find((a) => a.title.startsWith('Disable apex-pattern-lint'))!;
      assert.deepEqual(Object.keys(line.edit!.changes!), [uri]);
      assert.equal(line.edit!.documentChanges, undefined);
      const out = applyEdits(text, line.edit!.changes![uri]);
      assert.equal(out, text.replace('        HttpResponse res', `        // apex-pattern-lint-disable-next-line ${RULE}\n        HttpResponse res`));
      // Without window/showDocument support the documentation link is shown as a message.
      await client.connection.sendRequest('workspace/executeCommand', {
        command: 'apexPatternLint.showDocumentation',
        arguments: [ds[0].codeDescription!.href],
      });
      assert.deepEqual(client.shownDocuments, []);
      const href = ds[0].codeDescription!.href;
      assert.equal(
        await client.waitFor('documentation message', () => client.shownMessages.find((m) => m.includes(href))),
        `Apex Pattern Lint documentation: ${href}`,
      );
    } finally {
      await client.stop();
      removeWorkspace(dir);
    }
  });
});
