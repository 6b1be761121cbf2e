import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { applyFix, rulesAfter } from '../../support/fixes';
import { spanOf, workspaceFindings } from '../../support/lint';
import { ERP_ORDERS } from './sources';

const RULE = 'hardcoded-endpoint';
const ROOT_DIR = path.resolve('/proj');
const info: ProjectInfo = {
  sfdx: parseSfdxProject(ROOT_DIR, JSON.stringify({ packageDirectories: [{ path: 'app', default: true }], sourceApiVersion: '61.0' })),
  namedCredentials: [
    { name: 'Erp', url: 'https://erp.example.com', path: path.join(ROOT_DIR, 'app', 'main', 'default', 'namedCredentials', 'Erp.namedCredential-meta.xml') },
  ],
};

const submit = `public with sharing class ErpSubmit {
    public static String submit(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 10000;
        port.cancelOrder(orderId);
        return port.submitOrder(orderId);
    }
}`;
const staging = `public with sharing class ErpSubmit {
    public static String submit(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.endpoint_x = 'https://erp.example.com/soap/staging/orders';
        port.timeout_x = 10000;
        return port.submitOrder(orderId);
    }
}`;

describe('SOAP port endpoints: hardcoded-endpoint', () => {
  it("reports the WSDL's address left in the generated endpoint_x on the caller's first operation call", () => {
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpSubmit.cls': submit }, RULE), [
      {
        file: 'ErpSubmit.cls',
        ruleId: RULE,
        at: spanOf(submit, 'cancelOrder(orderId)'),
        messageId: 'hardcodedGeneratedEndpoint',
        data: { url: 'https://erp.example.com/soap/orders', portClass: 'ErpOrders.OrdersPort' },
        message:
          "Hard-coded endpoint 'https://erp.example.com/soap/orders' in the generated SOAP port ErpOrders.OrdersPort (endpoint_x), called here without another endpoint_x: use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment",
        severity: 'warning',
        related: [`ErpOrders.cls:${spanOf(ERP_ORDERS, "endpoint_x = 'https://erp.example.com/soap/orders'")} ErpOrders.OrdersPort.endpoint_x`],
      },
    ]);
  });

  it('reports a literal endpoint_x the caller sets, on the assignment (and not the generated one it replaces)', () => {
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpSubmit.cls': staging }, RULE), [
      {
        file: 'ErpSubmit.cls',
        ruleId: RULE,
        at: spanOf(staging, "port.endpoint_x = 'https://erp.example.com/soap/staging/orders'"),
        messageId: 'hardcodedPortEndpoint',
        data: { url: 'https://erp.example.com/soap/staging/orders', portClass: 'ErpOrders.OrdersPort' },
        message:
          "Hard-coded endpoint 'https://erp.example.com/soap/staging/orders' set as endpoint_x of the SOAP port ErpOrders.OrdersPort: use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment",
        severity: 'warning',
        related: [],
      },
    ]);
  });

  it("nothing when the wrapper's constructor sets the field's endpoint_x before any call; reported when it does not", () => {
    const wrapper = `public with sharing class ErpClient {
    private ErpOrders.OrdersPort port;
    public ErpClient(String base) {
        port = new ErpOrders.OrdersPort();
        port.timeout_x = 10000;
        port.endpoint_x = base + '/soap/orders';
    }
    public String submit(Id orderId) {
        return port.submitOrder(orderId);
    }
}`;
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpClient.cls': wrapper }, RULE), []);
    const unset = wrapper.replace("        port.endpoint_x = base + '/soap/orders';\n", '');
    assert.deepEqual(
      workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpClient.cls': unset }, RULE).map((f) => [f.file, f.at, f.messageId]),
      [['ErpClient.cls', spanOf(unset, 'submitOrder(orderId)'), 'hardcodedGeneratedEndpoint']],
    );
  });

  it('nothing for a Named Credential endpoint_x, nor in the generated class itself', () => {
    const nc = staging.replace("'https://erp.example.com/soap/staging/orders'", "'callout:Erp/soap/orders'");
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpSubmit.cls': nc }, RULE), []);
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS }, RULE), []);
  });
});

describe('quick fixes: hardcoded-endpoint (SOAP ports)', () => {
  it('the generated endpoint_x becomes callout:Erp/…: the fix edits the port class', () => {
    const fixed = applyFix({ 'ErpOrders.cls': ERP_ORDERS, 'ErpSubmit.cls': submit }, RULE, { project: info });
    assert.deepEqual([fixed.title, fixed.safe], ['Use the Named Credential Erp (callout:Erp)', false]);
    assert.equal(fixed.texts['ErpOrders.cls'], ERP_ORDERS.replace("'https://erp.example.com/soap/orders'", "'callout:Erp/soap/orders'"));
    assert.equal(fixed.texts['ErpSubmit.cls'], submit);
    assert.deepEqual(rulesAfter(fixed, { project: info }), []);
  });

  it("the caller's endpoint_x becomes callout:Erp/…", () => {
    const fixed = applyFix({ 'ErpOrders.cls': ERP_ORDERS, 'ErpSubmit.cls': staging }, RULE, { project: info });
    assert.equal(fixed.texts['ErpSubmit.cls'], staging.replace("'https://erp.example.com/soap/staging/orders'", "'callout:Erp/soap/staging/orders'"));
    assert.deepEqual(rulesAfter(fixed, { project: info }), []);
  });
});

describe('SOAP port headers: hardcoded-credentials', () => {
  it("reports a literal secret put in the port's inputHttpHeaders_x, on the put", () => {
    const auth = `public with sharing class ErpAuth {
    public static String submit(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.endpoint_x = 'callout:Erp/soap/orders';
        port.timeout_x = 10000;
        port.inputHttpHeaders_x = new Map<String, String>();
        port.inputHttpHeaders_x.put('Authorization', 'Basic c2FwX3VzZXI6UzNjcjN0UGFzcw==');
        port.inputHttpHeaders_x.put('SOAPAction', 'submitOrder');
        return port.submitOrder(orderId);
    }
}`;
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpAuth.cls': auth }, 'hardcoded-credentials'), [
      {
        file: 'ErpAuth.cls',
        ruleId: 'hardcoded-credentials',
        at: spanOf(auth, "put('Authorization', 'Basic c2FwX3VzZXI6UzNjcjN0UGFzcw==')"),
        messageId: 'secretInHeader',
        data: { header: 'Authorization' },
        message:
          "Hard-coded secret in the 'Authorization' header: keep credentials in a Named Credential and reference them with {!$Credential...} merge fields",
        severity: 'error',
        related: [],
      },
    ]);
    const merged = auth.replace("'Basic c2FwX3VzZXI6UzNjcjN0UGFzcw=='", "'Basic {!$Credential.AuthorizationHeaderValue}'");
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpAuth.cls': merged }, 'hardcoded-credentials'), []);
    // A map that is not a port's headers holds no request header.
    const plain = auth.replace(/port\.inputHttpHeaders_x\.put/g, 'new Map<String, String>().put');
    assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'ErpAuth.cls': plain }, 'hardcoded-credentials'), []);
  });
});
