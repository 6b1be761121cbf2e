/**
 * The Integrations view's data: the server's `apexPatternLint/inventory`
 * request over the real protocol, and the tree the client builds from it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient, fileUri } from './lsp-client';
import { removeWorkspace, tempWorkspace } from './workspace';
import { integrationTree, type IntegrationNode, type InventoryJson } from '../../../client/out/integrations-tree';

function outline(nodes: IntegrationNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label}${n.description ? ` [${n.description}]` : ''}${n.location ? ` @${path.basename(n.location.file)}:${n.location.line}` : ''}`,
    ...outline(n.children, depth + 1),
  ]);
}

describe('language server: integration inventory request and the Integrations tree', function () {
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

  it('answers with the inventory of the indexed workspace, and the tree groups it by endpoint, pattern and event', async () => {
    const { inventory } = await client.connection.sendRequest<{ inventory: InventoryJson }>('apexPatternLint/inventory', {});
    assert.equal(inventory.callouts.length, 10);
    assert.deepEqual(outline(integrationTree(inventory)), [
      'By endpoint [10 callout site(s)]',
      '  callout:ERP [5]',
      '    AccountSyncBatch.execute [POST · 60000 ms] @AccountSyncBatch.cls:50',
      '    ErpOrderPushJob.execute [POST · 30000 ms] @ErpOrderPushJob.cls:41',
      '    ErpOrderService.submit [POST · 10000 ms · 4 finding(s)] @ErpOrderService.cls:26',
      '    OrderConfirmationController.confirmOrder [POST · 10000 ms · 2 finding(s)] @OrderConfirmationController.cls:37',
      '    OrderSaveController.saveOrder [POST · 10000 ms · 1 finding(s)] @OrderSaveController.cls:35',
      '  callout:ERP_Credit [1]',
      '    CreditCheckService.checkCredit [GET · 10000 ms] @CreditCheckService.cls:41',
      '  callout:Inventory [2]',
      '    InventoryRetryClient.fetchStock [GET · 10000 ms · 1 finding(s)] @InventoryRetryClient.cls:33',
      '    StockReservationClient.reserve [POST · 10000 ms] @StockReservationClient.cls:42',
      '  erp.example.com [1]',
      '    ErpOrderSync.pushOrder [POST · 10000 ms · 3 finding(s)] @ErpOrderSync.cls:36',
      '  legacy-erp.example.com [1]',
      '    ErpOrderSync.pingLegacy [GET · default 10 s · 3 finding(s)] @ErpOrderSync.cls:56',
      'By pattern',
      '  Request-Reply [5]',
      '    CreditCheckService.checkCredit [GET · 10000 ms] @CreditCheckService.cls:41',
      '    ErpOrderService.submit [POST · 10000 ms · 4 finding(s)] @ErpOrderService.cls:26',
      '    ErpOrderSync.pushOrder [POST · 10000 ms · 3 finding(s)] @ErpOrderSync.cls:36',
      '    OrderConfirmationController.confirmOrder [POST · 10000 ms · 2 finding(s)] @OrderConfirmationController.cls:37',
      '    OrderSaveController.saveOrder [POST · 10000 ms · 1 finding(s)] @OrderSaveController.cls:35',
      '  Fire-and-Forget [1]',
      '    ErpOrderPushJob.execute [POST · 30000 ms] @ErpOrderPushJob.cls:41',
      '  Batch Data Sync [1]',
      '    AccountSyncBatch.execute [POST · 60000 ms] @AccountSyncBatch.cls:50',
      '  No pattern [3]',
      '    ErpOrderSync.pingLegacy [GET · default 10 s · 3 finding(s)] @ErpOrderSync.cls:56',
      '    InventoryRetryClient.fetchStock [GET · 10000 ms · 1 finding(s)] @InventoryRetryClient.cls:33',
      '    StockReservationClient.reserve [POST · 10000 ms] @StockReservationClient.cls:42',
      'Platform Events [1]',
      '  Order_Event__e [PublishAfterCommit]',
      '    OrderEventPublisher.publishStatusChanges [publishes] @OrderEventPublisher.cls:25',
      '    trigger OrderEventTrigger [subscribes] @OrderEventTrigger.trigger:1',
      '    orderStatusFeed [Lightning component (empApi)] @orderStatusFeed.js:46',
    ]);
  });

  it("shows the pattern advisor's advice in each site's tooltip", async () => {
    const { inventory } = await client.connection.sendRequest<{ inventory: InventoryJson }>('apexPatternLint/inventory', {});
    const byPattern = integrationTree(inventory)[1];
    const save = byPattern.children[0].children.find((n) => n.label === 'OrderSaveController.saveOrder');
    assert.equal(
      save?.tooltip,
      [
        'auth: named-credential',
        'pattern: Request-Reply',
        'advice: Fire-and-Forget (a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber)',
        'callout-blocks-save',
      ].join('\n'),
    );
  });

  it('package.json contributes the view and its two commands, and activate() registers them', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.views.explorer, [{ id: 'apexPatternLint.integrations', name: 'Integrations', when: 'workspaceFolderCount > 0' }]);
    assert.deepEqual(
      manifest.contributes.commands.slice(9).map((c: { command: string; title: string }) => `${c.title} (${c.command})`),
      ['Export Integration Inventory (apexPatternLint.exportInventory)', 'Refresh Integrations (apexPatternLint.refreshIntegrations)'],
    );
    assert.deepEqual(
      manifest.contributes.menus['view/title'].map((m: { command: string }) => m.command),
      ['apexPatternLint.refreshIntegrations', 'apexPatternLint.exportInventory'],
    );
    assert.match(fs.readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8'), /\n {2}registerIntegrations\(context, \(\) => client\);\n/);
  });

  it('renders the export as Markdown or CSV, paths relative to the workspace folder', async () => {
    const md = await client.connection.sendRequest<{ text: string }>('apexPatternLint/inventory', { format: 'md' });
    assert.ok(md.text.startsWith('# Integration inventory\n'));
    assert.ok(
      md.text.includes('| CreditCheckService.checkCredit | force-app/main/default/classes/CreditCheckService.cls:41 | callout:ERP_Credit | GET |'),
      md.text,
    );
    const csv = await client.connection.sendRequest<{ text: string }>('apexPatternLint/inventory', { format: 'csv' });
    assert.equal(csv.text.split('\r\n').length, 1 + 10 + 1);
  });

  it("lints an open Lightning component script (languageId javascript) with the empApi checks and the project's Platform Events", async () => {
    const file = path.join(dir, 'force-app', 'main', 'default', 'lwc', 'orderWatcher', 'orderWatcher.js');
    const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules', 'event-channel-unknown.js'), 'utf8');
    const uri = fileUri(file);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const line = text.split('\n').findIndex((l) => l.includes('await subscribe('));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message.split(':')[0]]),
      [
        [
          'event-channel-unknown',
          line,
          text.split('\n')[line].indexOf('subscribe('),
          "No Platform Event 'Order_Events__e' in this project's objects/ (it has Order_Event__e)",
        ],
      ],
    );
  });
});
