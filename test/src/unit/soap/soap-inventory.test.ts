import * as assert from 'node:assert/strict';
import { LintProject } from '../../../../server/out/core/project';
import { buildInventory } from '../../../../server/out/core/inventory';
import { formatInventory } from '../../../../server/out/core/inventory-format';
import { defaultConfig } from '../../../../server/out/base/contracts';
import { integrationTree, type InventoryJson } from '../../../../client/out/integrations-tree';
import { fixture, spanOf } from '../../support/lint';
import { ERP_ORDERS, METADATA_SERVICE } from './sources';

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
    const csv = formatInventory(inventory, 'csv', '/p').split('\r\n');
    assert.equal(
      csv[1],
      'OrderSubmitController,submit,OrderSubmitController.cls,9,callout:Erp,SOAP ErpOrders.OrdersPort.submitOrder (urn:erp.example.com/orders/submitOrder),10000 ms,named-credential,@AuraEnabled,OrderSubmitController.submit(),Request-Reply,',
    );
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
    assert.equal(
      formatInventory(inventory, 'csv', '/p').split('\r\n')[1],
      'Account360Controller,startRequests,Account360Controller.cls,14,unknown (built at run time: endpoint),GET via Continuation (4 requests),60000 ms,none,@AuraEnabled,Account360Controller.startRequests(),Request-Reply,continuation-request-limit',
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
      [site.label, site.description, site.tooltip],
      [
        'OrderSubmitController.submit',
        'SOAP ErpOrders.OrdersPort.submitOrder · 10000 ms',
        'SOAP ErpOrders.OrdersPort.submitOrder (action urn:erp.example.com/orders/submitOrder)\nauth: named-credential\npattern: Request-Reply',
      ],
    );
  });
});
