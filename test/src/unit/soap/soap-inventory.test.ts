import * as assert from 'node:assert/strict';
import { LintProject } from '../../../../server/out/core/project';
import { buildInventory } from '../../../../server/out/core/inventory';
import { formatInventory } from '../../../../server/out/core/inventory-format';
import { defaultConfig } from '../../../../server/out/base/contracts';
import { integrationTree, type InventoryJson } from '../../../../client/out/integrations-tree';
import { fixture, spanOf } from '../../support/lint';
import { ERP_ORDERS, METADATA_SERVICE } from './sources';

/** Row `n` of the CSV by column name (these rows hold no quoted cells): columns that other features add are left out. */
function csvRow(csv: string, n: number): Record<string, string> {
  const [head, ...rows] = csv.split('\r\n');
  const cells = rows[n - 1].split(',');
  const names = ['class', 'method', 'file', 'line', 'endpoint', 'http_method', 'timeout', 'auth', 'contexts', 'entry_points', 'patterns', 'findings'];
  return Object.fromEntries(names.map((name) => [name, cells[head.split(',').indexOf(name)]]));
}

const controller = `public with sharing class OrderSubmitController {
    @AuraEnabled
    public static String submit(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.endpoint_x = 'callout:Erp/soap/orders';
        port.timeout_x = 10000;
        port.inputHttpHeaders_x = new Map<String, String>();
        port.inputHttpHeaders_x.put('Authorization', 'Basic {!$Credential.AuthorizationHeaderValue}');
        return port.submitOrder(orderId);
    }

    @AuraEnabled
    public static Integer layouts() {
        MetadataService.MetadataPort service = new MetadataService.MetadataPort();
        service.SessionHeader = new MetadataService.SessionHeader_element();
        service.SessionHeader.sessionId = UserInfo.getSessionId();
        return service.readMetadata('Layout', new String[] { 'Account-Account Layout' }).getRecords().size();
    }
}`;

describe('integration inventory: SOAP operations', () => {
  const project = new LintProject(defaultConfig(), { allFiles: true });
  project.setFile({ path: '/p/ErpOrders.cls', text: ERP_ORDERS });
  project.setFile({ path: '/p/MetadataService.cls', text: METADATA_SERVICE });
  project.setFile({ path: '/p/OrderSubmitController.cls', text: controller });
  const inventory = buildInventory(project);

  it("lists each operation call as a row at the caller's call, with the operation, SOAP action, port, endpoint and timeout; not the generated invoke", () => {
    const line = (snippet: string) => Number(spanOf(controller, snippet).split(':')[0]);
    assert.deepEqual(
      inventory.callouts.map((r) => ({
        at: `${r.file}:${r.line}`,
        site: `${r.class}.${r.method}`,
        soap: r.soap,
        endpoint: r.endpoint,
        httpMethod: r.httpMethod,
        timeout: [r.timeoutMs, r.timeout],
        auth: r.auth,
        patterns: r.patterns,
        findings: r.findings.map((f) => f.ruleId),
      })),
      [
        {
          at: `/p/OrderSubmitController.cls:${line('submitOrder(orderId)')}`,
          site: 'OrderSubmitController.submit',
          soap: { operation: 'submitOrder', action: 'urn:erp.example.com/orders/submitOrder', port: 'ErpOrders.OrdersPort' },
          endpoint: { kind: 'named-credential', name: 'Erp', path: '/soap/orders' },
          httpMethod: 'POST',
          timeout: [10000, '10000 ms'],
          auth: 'named-credential',
          patterns: ['Request-Reply'],
          findings: [],
        },
        {
          at: `/p/OrderSubmitController.cls:${line('readMetadata(')}`,
          site: 'OrderSubmitController.layouts',
          soap: { operation: 'readMetadata', action: 'readMetadata', port: 'MetadataService.MetadataPort' },
          endpoint: { kind: 'unknown', reason: "built at run time: URL.getOrgDomainUrl().toExternalForm() + '/serv..." },
          httpMethod: 'POST',
          timeout: [null, 'default 10 s'],
          auth: 'none',
          patterns: ['Request-Reply'],
          findings: ['callout-timeout-missing'],
        },
      ],
    );
  });

  it('shows the operation in the HTTP column of the table, Markdown and CSV', () => {
    assert.deepEqual(csvRow(formatInventory(inventory, 'csv', '/p'), 1), {
      class: 'OrderSubmitController',
      method: 'submit',
      file: 'OrderSubmitController.cls',
      line: '9',
      endpoint: 'callout:Erp',
      http_method: 'SOAP ErpOrders.OrdersPort.submitOrder (urn:erp.example.com/orders/submitOrder)',
      timeout: '10000 ms',
      auth: 'named-credential',
      contexts: '@AuraEnabled',
      entry_points: 'OrderSubmitController.submit()',
      patterns: 'Request-Reply',
      findings: '',
    });
    assert.match(formatInventory(inventory, 'md', '/p'), /\| SOAP MetadataService\.MetadataPort\.readMetadata \(readMetadata\) \| default 10 s \|/);
    assert.match(formatInventory(inventory, 'table', '/p'), /SOAP ErpOrders\.OrdersPort\.submitOrder \(urn:erp\.example\.com\/orders\/submitOrder\)/);
    assert.deepEqual(JSON.parse(formatInventory(inventory, 'json', '/p')).callouts[0].soap, {
      operation: 'submitOrder',
      action: 'urn:erp.example.com/orders/submitOrder',
      port: 'ErpOrders.OrdersPort',
    });
  });
});

describe('integration inventory: Continuations', () => {
  it("lists each request added to a Continuation with the Continuation's timeout", () => {
    const project = new LintProject(defaultConfig(), { allFiles: true });
    project.setFile({ path: '/p/Account360Controller.cls', text: fixture('rules/continuation-request-limit.cls') });
    const inventory = buildInventory(project);
    assert.deepEqual(
      inventory.callouts.map((r) => [r.line, r.httpMethod, r.timeoutMs, r.timeout, r.continuation]),
      [14, 15, 16, 17].map((line) => [line, 'GET', 60000, '60000 ms', { timeoutSeconds: 60, requests: 4 }]),
    );
    const row = csvRow(formatInventory(inventory, 'csv', '/p'), 1);
    assert.deepEqual(
      [row.line, row.endpoint, row.http_method, row.timeout, row.findings],
      ['14', 'unknown (built at run time: endpoint)', 'GET via Continuation (4 requests)', '60000 ms', 'continuation-request-limit'],
    );
  });
});

describe('the Integrations view: SOAP operations', () => {
  it('shows the port operation where an HTTP site shows its method, and the SOAP action in the tooltip', () => {
    const project = new LintProject(defaultConfig(), { allFiles: true });
    project.setFile({ path: '/p/ErpOrders.cls', text: ERP_ORDERS });
    project.setFile({ path: '/p/MetadataService.cls', text: METADATA_SERVICE });
    project.setFile({ path: '/p/OrderSubmitController.cls', text: controller });
    const inventory = JSON.parse(formatInventory(buildInventory(project), 'json', '/p')) as InventoryJson;
    const site = integrationTree(inventory)[0].children[0].children[0];
    assert.deepEqual(
      [site.label, site.description, site.tooltip?.split('\n').slice(0, 3)],
      [
        'OrderSubmitController.submit',
        'SOAP ErpOrders.OrdersPort.submitOrder · 10000 ms',
        ['SOAP ErpOrders.OrdersPort.submitOrder (action urn:erp.example.com/orders/submitOrder)', 'auth: named-credential', 'pattern: Request-Reply'],
      ],
    );
  });
});
