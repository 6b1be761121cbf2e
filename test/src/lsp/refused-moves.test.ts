/**
 * Why a move is not offered, through the protocol: a client that shows
 * disabled code actions (VS Code) gets one titled after the move with the
 * reason; a client that does not (Neovim 0.7's builtin client declares no
 * `disabledSupport`) gets no such action, and reads the reason in the hover.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { CLASSES, removeWorkspace, tempWorkspace } from './workspace';

const ERP_CLIENT = `public with sharing class ErpClient {
    public void pushOrder(Order o) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + o.Id);
        req.setMethod('POST');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected ' + o.Id);
        }
    }
}
`;

const ORDER_SERVICE = `public with sharing class OrderService {
    public static void activate(Order o, ErpClient client) {
        update o;
        client.pushOrder(o);
    }
}
`;

const REASON = 'not offered — the job cannot build the receiver again: client comes from the caller';

async function started(disabledCodeActions: boolean): Promise<{ dir: string; client: LspTestClient; uri: string; d: Diagnostic }> {
  const dir = tempWorkspace({ [path.join(CLASSES, 'ErpClient.cls')]: ERP_CLIENT });
  const client = await LspTestClient.start({ workspace: dir, disabledCodeActions });
  await client.waitFor('indexing done', () => client.statuses.find((st) => !st.indexing && st.total > 0));
  const uri = fileUri(path.join(dir, CLASSES, 'OrderService.cls'));
  await client.open(uri, ORDER_SERVICE);
  const d = (await client.diagnosticsFor(uri, 1)).find((x) => x.code === 'callout-after-dml');
  assert.ok(d, 'a callout-after-dml finding');
  return { dir, client, uri, d };
}

function hover(client: LspTestClient, uri: string, d: Diagnostic): Promise<Hover | null> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start });
}

describe('language server: why a move is not offered', function () {
  this.timeout(30000);

  it('a client with disabledSupport gets the move as a disabled code action with the reason, and no reason in the hover', async () => {
    const { dir, client, uri, d } = await started(true);
    try {
      assert.deepEqual(d.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 27 } });
      const actions: CodeAction[] = await client.codeActions(uri, d.range, [d]);
      const move = actions.filter((a) => a.title.startsWith('Move'));
      assert.deepEqual(move, [{ title: 'Move the callout to a Queueable', kind: 'quickfix', diagnostics: [d], disabled: { reason: REASON } }]);
      // The call's own hover (the callout chain) stays, without the reason.
      const shown = (await hover(client, uri, d))?.contents as { value: string };
      assert.match(shown.value, /^\*\*Leads to a callout\*\* through `ErpClient\.pushOrder\(\)`/);
      assert.doesNotMatch(shown.value, /not offered/);
    } finally {
      await client.stop();
      removeWorkspace(dir);
    }
  });

  it('a client without it (Neovim 0.7) gets no disabled action, and the reason in the hover of the finding', async () => {
    const { dir, client, uri, d } = await started(false);
    try {
      const actions: CodeAction[] = await client.codeActions(uri, d.range, [d]);
      assert.deepEqual(
        actions.filter((a) => a.disabled || a.title.startsWith('Move')),
        [],
      );
      // After the call's own hover, below a rule.
      const shown = (await hover(client, uri, d))?.contents as { kind: string; value: string };
      assert.equal(shown.kind, 'markdown');
      assert.deepEqual(shown.value.split('\n\n---\n\n').slice(1), [`**Move the callout to a Queueable** (callout-after-dml): ${REASON}`]);
    } finally {
      await client.stop();
      removeWorkspace(dir);
    }
  });
});
