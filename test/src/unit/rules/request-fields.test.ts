import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';
import { applyFix, rulesAfter } from '../../support/fixes';
import { compareWithAllFiles } from '../../support/demand-compare';

/** Issue 22 item 2: a request wrapper whose HttpRequest is a field, created in one method and sent in another. */
describe('callout-timeout-missing through a request wrapper field', () => {
  const RULE = 'callout-timeout-missing';
  const seen = (files: Record<string, string>) => workspaceFindings(files, RULE).map((f) => [f.file, f.at, f.messageId, f.data, f.related]);

  const client = `public with sharing class OrderApiClient {
    private HttpRequest request;
    private final String path;

    public OrderApiClient(String path) {
        this.path = path;
        request = new HttpRequest();
        request.setEndpoint('callout:Order_API' + path);
        request.setHeader('Content-Type', 'application/json');
    }

    public OrderApiClient withMethod(String method) {
        request.setMethod(method);
        return this;
    }

    public HttpResponse send(String body) {
        if (body != null) {
            request.setBody(body);
        }
        HttpResponse res = new Http().send(request);
        if (res.getStatusCode() >= 300) {
            throw new CalloutException('Order API: ' + res.getStatus());
        }
        return res;
    }
}`;

  it('reports the send of a field request when no method of the class sets a timeout, with where the request is created', () => {
    assert.deepEqual(seen({ 'OrderApiClient.cls': client }), [
      [
        'OrderApiClient.cls',
        spanOf(client, 'send(request)'),
        'missingTimeout',
        { request: 'request' },
        [`OrderApiClient.cls:${spanOf(client, 'request = new HttpRequest()')} new HttpRequest() stored in OrderApiClient.request`],
      ],
    ]);
    assert.equal(
      workspaceFindings({ 'OrderApiClient.cls': client }, RULE)[0].message,
      "Callout without an explicit timeout: 'request' never gets setTimeout() before send(), so the silent 10 s default applies",
    );
  });

  it('follows this.request and a field initialiser the same way', () => {
    const src = client
      .replace('private HttpRequest request;', 'private HttpRequest request = new HttpRequest();')
      .replace('        request = new HttpRequest();\n', '')
      .replace('new Http().send(request)', 'new Http().send(this.request)');
    assert.deepEqual(seen({ 'OrderApiClient.cls': src }), [
      [
        'OrderApiClient.cls',
        spanOf(src, 'send(this.request)'),
        'missingTimeout',
        { request: 'this.request' },
        [`OrderApiClient.cls:${spanOf(src, 'request = new HttpRequest()')} new HttpRequest() stored in OrderApiClient.request`],
      ],
    ]);
  });

  it('is silent when a method the class runs sets the timeout, even on one branch', () => {
    const inCtor = client.replace("request.setHeader('Content-Type'", "request.setTimeout(30000);\n        request.setHeader('Content-Type'");
    const inSend = client.replace('request.setBody(body);', 'request.setBody(body);\n            request.setTimeout(30000);');
    const viaHelper = client
      .replace('if (body != null) {', 'applyTimeout();\n        if (body != null) {')
      .replace(
        '    public HttpResponse send(',
        '    private void applyTimeout() {\n        request.setTimeout(30000);\n    }\n\n    public HttpResponse send(',
      );
    for (const src of [inCtor, inSend, viaHelper]) assert.deepEqual(seen({ 'OrderApiClient.cls': src }), []);
  });

  it('is silent when the request can be configured where the analysis does not follow it', () => {
    const escapes = [
      // Public: any class may set it.
      client.replace('private HttpRequest request;', 'public HttpRequest request;'),
      // Returned by a getter.
      client.replace('    public HttpResponse send(', '    public HttpRequest getRequest() {\n        return request;\n    }\n\n    public HttpResponse send('),
      // Handed to a method.
      client.replace('request.setMethod(method);', 'RequestDefaults.apply(request);'),
      // Assigned from something else than a new request.
      client.replace('request = new HttpRequest();', 'request = RequestDefaults.create();'),
    ];
    for (const src of escapes) assert.deepEqual(seen({ 'OrderApiClient.cls': src }), []);
  });

  const wrapper = `public with sharing class RestWrapper {
    private HttpRequest req;

    public RestWrapper(String endpoint, String method) {
        req = new HttpRequest();
        req.setEndpoint(endpoint);
        req.setMethod(method);
    }

    public void setTimeout(Integer timeoutMs) {
        req.setTimeout(timeoutMs);
    }

    public HttpResponse execute() {
        return new Http().send(req);
    }
}`;
  const caller = `public with sharing class InvoiceSync {
    public static Integer push(String body) {
        RestWrapper call = new RestWrapper('callout:Billing/invoices', 'POST');
        HttpResponse res = call.execute();
        return res.getStatusCode();
    }
}`;
  const configured = `public with sharing class PaymentSync {
    public static Integer push(String body) {
        RestWrapper call = new RestWrapper('callout:Billing/payments', 'POST');
        call.setTimeout(60000);
        return call.execute().getStatusCode();
    }
}`;
  // The setter's name, in its declaration (the first `setTimeout` of the class).
  const name = spanOf(wrapper, 'setTimeout');

  it("reports at the wrapper's send when no caller in the project calls its setTimeout setter (a test that does is not production)", () => {
    const test = `@IsTest
private class RestWrapperTest {
    @IsTest
    static void setsTimeout() {
        RestWrapper w = new RestWrapper('callout:X', 'GET');
        w.setTimeout(5000);
        System.assertNotEquals(null, w);
    }
}`;
    const files = { 'RestWrapper.cls': wrapper, 'InvoiceSync.cls': caller, 'RestWrapperTest.cls': test };
    assert.deepEqual(seen(files), [
      [
        'RestWrapper.cls',
        spanOf(wrapper, 'send(req)'),
        'missingTimeoutSetterUnused',
        { request: 'req', setter: 'RestWrapper.setTimeout()' },
        [
          `RestWrapper.cls:${name} RestWrapper.setTimeout() sets the timeout; no caller in the project calls it`,
          `RestWrapper.cls:${spanOf(wrapper, 'req = new HttpRequest()')} new HttpRequest() stored in RestWrapper.req`,
        ],
      ],
    ]);
    assert.equal(
      workspaceFindings(files, RULE)[0].message,
      "Callout without an explicit timeout: 'req' gets setTimeout() only in RestWrapper.setTimeout(), which no caller in the project calls, so the silent 10 s default applies",
    );
  });

  it('judges each caller that creates the wrapper once some caller calls the setter', () => {
    const inline = `public with sharing class RefundSync {
    public static Integer push() {
        return new RestWrapper('callout:Billing/refunds', 'POST').execute().getStatusCode();
    }
}`;
    const files = { 'RestWrapper.cls': wrapper, 'InvoiceSync.cls': caller, 'PaymentSync.cls': configured, 'RefundSync.cls': inline };
    const related = [
      `RestWrapper.cls:${spanOf(wrapper, 'send(req)')} callout (Http.send) of RestWrapper.req`,
      `RestWrapper.cls:${name} RestWrapper.setTimeout() sets the timeout; not called on this wrapper`,
    ];
    assert.deepEqual(seen(files), [
      [
        'InvoiceSync.cls',
        spanOf(caller, 'execute()'),
        'missingTimeoutWrapper',
        { wrapper: 'call', send: 'RestWrapper.execute()', setter: 'RestWrapper.setTimeout()' },
        related,
      ],
      [
        'RefundSync.cls',
        spanOf(inline, 'execute()'),
        'missingTimeoutWrapper',
        { wrapper: "new RestWrapper('callout:Billing/refunds', 'POST')", send: 'RestWrapper.execute()', setter: 'RestWrapper.setTimeout()' },
        related,
      ],
    ]);
    assert.equal(
      workspaceFindings(files, RULE)[0].message,
      "Callout without an explicit timeout: 'call' sends its request with RestWrapper.execute() and never calls RestWrapper.setTimeout(), so the silent 10 s default applies",
    );
  });

  it('parses the methods that use the field even when they name no request word (demand selection)', () => {
    // `withMethod` hands the request to a helper: without its body, the field would look unconfigured.
    const escapes = client.replace('request.setMethod(method);', 'RequestDefaults.apply(request);');
    const defaults = `public with sharing class RequestDefaults {
    public static void apply(Object target) {
        System.debug(target);
    }
}`;
    const files = [
      { path: '/p/OrderApiClient.cls', text: escapes },
      { path: '/p/RequestDefaults.cls', text: defaults },
      { path: '/p/RestWrapper.cls', text: wrapper },
      { path: '/p/InvoiceSync.cls', text: caller },
      { path: '/p/PaymentSync.cls', text: configured },
    ];
    const { all, demand } = compareWithAllFiles(files);
    assert.deepEqual(demand, all);
    assert.deepEqual(
      all
        .map((f) => JSON.parse(f) as string[])
        .filter((f) => f[1] === 'callout-timeout-missing')
        .map((f) => f[0]),
      ['/p/InvoiceSync.cls'],
    );
  });

  it('does not judge a caller whose wrapper comes from elsewhere or is handed on', () => {
    const handedOn = `public with sharing class LedgerSync {
    public static Integer push(RestWrapper given) {
        RestWrapper call = new RestWrapper('callout:Billing/ledger', 'POST');
        Retry.register(call);
        given.execute();
        return call.execute().getStatusCode();
    }
}`;
    assert.deepEqual(seen({ 'RestWrapper.cls': wrapper, 'PaymentSync.cls': configured, 'LedgerSync.cls': handedOn }), []);
  });
});

describe('quick fixes: callout-timeout-missing (request fields)', () => {
  it('sets the timeout on the field before the send', () => {
    const src = `public with sharing class StatusClient {
    private HttpRequest req;
    public StatusClient() {
        req = new HttpRequest();
        req.setEndpoint('callout:Status/health');
        req.setMethod('GET');
    }
    public Boolean isUp() {
        HttpResponse res = new Http().send(req);
        return res.getStatusCode() == 200;
    }
}`;
    const fixed = applyFix({ 'StatusClient.cls': src }, 'callout-timeout-missing');
    assert.equal(fixed.title, 'Set an explicit timeout: req.setTimeout(10000);');
    assert.equal(
      fixed.texts['StatusClient.cls'],
      src.replace('        HttpResponse res = new Http()', '        req.setTimeout(10000);\n        HttpResponse res = new Http()'),
    );
    assert.deepEqual(rulesAfter(fixed), []);
  });
});

describe('request fields in the request facts: callout-budget-exceeded', () => {
  const client = `public with sharing class CarrierClient {
    private final HttpRequest request = new HttpRequest();

    public CarrierClient(String path) {
        request.setEndpoint('callout:Carrier' + path);
        request.setMethod('POST');
        request.setTimeout(50000);
    }

    public HttpResponse send(String body) {
        request.setBody(body);
        return new Http().send(request);
    }
}`;
  const controller = `public with sharing class ShipmentController {
    @AuraEnabled
    public static void book(String orderJson) {
        new CarrierClient('/rates').send(orderJson);
        new CarrierClient('/shipments').send(orderJson);
        new CarrierClient('/labels').send(orderJson);
    }
}`;

  it("counts the timeout the wrapper's constructor sets on its field at each send", () => {
    const seen = workspaceFindings({ 'CarrierClient.cls': client, 'ShipmentController.cls': controller }, 'callout-budget-exceeded');
    const send = `CarrierClient.cls:${spanOf(client, 'send(request)')} callout, up to 50 s`;
    assert.deepEqual(
      seen.map((s) => [s.file, s.at, s.data, s.related]),
      [
        [
          'ShipmentController.cls',
          spanOf(controller, 'book'),
          { context: '@AuraEnabled', time: '150 s' },
          [0, 1, 2].flatMap((n) => [`ShipmentController.cls:${spanOf(controller, 'send(orderJson)', n)} calls CarrierClient.send(): 50 s of callouts`, send]),
        ],
      ],
    );
  });
});
