/**
 * B2 of issue 13 through the real protocol: a file whose parse stalls
 * (`List<` nested 2,400 deep) is open, and requests on other files are still
 * answered within a second; the file itself gets "analysis stopped", and is
 * not parsed again on every keystroke.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { CLASSES, ERP_CLIENT, removeWorkspace, tempWorkspace } from './workspace';
import { deepGenericClass } from '../unit/robust/support';

const BUDGET_MS = 3000;

describe('language server: a pathological file does not block the others (issue 13, B2)', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspTestClient;
  let erp: string;
  let deep: string;

  before(async () => {
    dir = tempWorkspace({ [path.join(CLASSES, 'ErpClient.cls')]: ERP_CLIENT, '.apexpatternlintrc.json': JSON.stringify({ fileTimeoutMs: BUDGET_MS }) });
    erp = fileUri(path.join(dir, CLASSES, 'ErpClient.cls'));
    deep = fileUri(path.join(dir, CLASSES, 'DeepGeneric.cls'));
    client = await LspTestClient.start({ workspace: dir });
    await client.open(erp, ERP_CLIENT);
    await client.diagnosticsFor(erp, 1);
    // Timings below are of a server that has read its workspace, not of its start.
    await client.waitFor('the workspace indexed', () => client.statuses.find((s) => !s.indexing && s.total > 0));
    const at = { line: 3, character: 0 };
    await client.diagnosticsFor(erp, await client.change(erp, [{ range: { start: at, end: at }, text: ' ' }]));
  });

  after(async () => {
    await client?.stop();
    removeWorkspace(dir);
  });

  it('answers a hover and publishes diagnostics on another file within 1 s while the file is being parsed', async () => {
    await client.open(deep, deepGenericClass(2400));
    let start = Date.now();
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: erp }, position: { line: 5, character: 40 } });
    const hoverMs = Date.now() - start;
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents && hover.contents.value.length > 0, 'a hover on the callout');
    assert.ok(hoverMs < 1000, `hover took ${hoverMs} ms`);

    start = Date.now();
    const at = { line: 5, character: 0 };
    const version = await client.change(erp, [{ range: { start: at, end: at }, text: '        req.setTimeout(10000);\n' }]);
    const ds = await client.diagnosticsFor(erp, version);
    const diagnosticsMs = Date.now() - start;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['hardcoded-endpoint'],
    );
    assert.ok(diagnosticsMs < 1000, `diagnostics took ${diagnosticsMs} ms`);
  });

  it('reports the file as stopped at its budget, and keeps that on the next keystroke without parsing again', async () => {
    const ds = await client.diagnosticsFor(deep, 1);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range.start.line, d.message]),
      [['analysis-incomplete', 2, 0, `Analysis stopped after ${BUDGET_MS} ms (the per-file limit, fileTimeoutMs); the file is not analysed`]],
    );
    const start = Date.now();
    const at = { line: 1, character: 0 };
    const version = await client.change(deep, [{ range: { start: at, end: at }, text: ' ' }]);
    const again = await client.diagnosticsFor(deep, version);
    const ms = Date.now() - start;
    assert.deepEqual(
      again.map((d) => d.code),
      ['analysis-incomplete'],
    );
    assert.ok(ms < 1000, `the keystroke's diagnostics took ${ms} ms: the file was parsed again`);
  });
});
