import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf, workspaceFindings } from '../../support/lint';

function service(body: string): string {
  return `public with sharing class ErpClient {
    private static final String BASE = 'https://erp.example.com/api';
    public static HttpResponse call(String path, String host) {
        HttpRequest req = new HttpRequest();
        req.setTimeout(10000);
${body}
        HttpResponse res = new Http().send(req);
        System.assert(res.getStatusCode() == 200);
        return res;
    }
}`;
}

describe('hardcoded-endpoint', () => {
  const RULE = 'hardcoded-endpoint';
  it('reports a literal URL on the setEndpoint call', () => {
    const src = service(`        req.setEndpoint('https://erp.example.com/api/orders');`);
    assert.deepEqual(findings(src, RULE), [
      {
        ruleId: RULE,
        at: spanOf(src, "setEndpoint('https://erp.example.com/api/orders')"),
        messageId: 'hardcodedEndpoint',
        data: { url: 'https://erp.example.com/api/orders' },
        message:
          "Hard-coded endpoint 'https://erp.example.com/api/orders': use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment",
        severity: 'warning',
      },
    ]);
  });
  it('folds constants, concatenation and single-assignment locals, keeping a known prefix', () => {
    const src = service(`        String url = BASE + '/orders/' + path;
        req.setEndpoint(url);`);
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.at, f.message.split("'")[1]]),
      [[spanOf(src, 'setEndpoint(url)'), 'https://erp.example.com/api/orders/...']],
    );
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.messageId, f.data]),
      [['hardcodedEndpoint', { url: 'https://erp.example.com/api/orders/...' }]],
    );
  });
  it('ignores Named Credentials, parameters, settings, and a scheme whose host comes from elsewhere', () => {
    for (const body of [
      `        req.setEndpoint('callout:ERP/orders');`,
      `        req.setEndpoint('callout:ERP' + path);`,
      `        req.setEndpoint(host + path);`,
      `        req.setEndpoint(Erp_Settings__c.getOrgDefaults().Endpoint__c);`,
      `        req.setEndpoint(Integration__mdt.getInstance('ERP').Url__c + path);`,
      `        req.setEndpoint('https://' + host + '/api' + path);`,
      `        String url = host;
        if (path == null) { url = 'callout:ERP'; }
        req.setEndpoint(url);`,
    ]) {
      assert.deepEqual(findings(service(body), RULE), [], body);
    }
  });
  it('reports a literal default that a branch may replace: the path that keeps it sends to the literal host', () => {
    const src = service(`        String url = 'https://a.example.com/api/users?page[size]=100';
        if (path != null) { url = path; }
        req.setEndpoint(url);`);
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.at, f.message.split("'")[1]]),
      [[spanOf(src, 'setEndpoint(url)'), 'https://a.example.com/api/users?page[size]=100']],
    );
  });
  it('reports a ternary between two literal hosts, whatever follows them', () => {
    const src = service(`        String org = host == 'prod' ? 'https://login.salesforce.com' : 'https://test.salesforce.com';
        req.setEndpoint(org + path);`);
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.at, f.message.split("'")[1]]),
      [[spanOf(src, 'setEndpoint(org + path)'), 'https://login.salesforce.com...']],
    );
  });
  it('reports an instance final field holding the URL', () => {
    const src = `public with sharing class TokenClient {
    private final String tokenUrl = 'https://login.example.com/oauth2/token';
    public HttpResponse token() {
        HttpRequest req = new HttpRequest();
        req.setTimeout(10000);
        req.setEndpoint(this.tokenUrl);
        return new Http().send(req);
    }
}`;
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'setEndpoint(this.tokenUrl)')],
    );
  });
  it('reports a literal passed to a project helper that sets it as the endpoint, on the literal, with the helper as related location', () => {
    const helper = `public with sharing class CalloutUtils {
    public static HttpRequest prepareRequest(String endPoint, String method) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(endPoint);
        req.setMethod(method);
        req.setTimeout(10000);
        return req;
    }
}`;
    const caller = `public with sharing class TicketSync implements Queueable, Database.AllowsCallouts {
    public void execute(QueueableContext context) {
        String endpoint = 'https://acme.zendesk.com/api/v2/tickets';
        HttpRequest req = CalloutUtils.prepareRequest(endpoint, 'GET');
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}`;
    const all = workspaceFindings({ 'CalloutUtils.cls': helper, 'TicketSync.cls': caller }, RULE);
    assert.deepEqual(all, [
      {
        file: 'TicketSync.cls',
        ruleId: RULE,
        at: spanOf(caller, "'https://acme.zendesk.com/api/v2/tickets'"),
        messageId: 'hardcodedEndpointViaHelper',
        data: { url: 'https://acme.zendesk.com/api/v2/tickets', helper: 'CalloutUtils.prepareRequest()' },
        message:
          "Hard-coded endpoint 'https://acme.zendesk.com/api/v2/tickets', set by CalloutUtils.prepareRequest() with setEndpoint(): use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment",
        severity: 'warning',
        related: [`CalloutUtils.cls:${spanOf(helper, 'setEndpoint(endPoint)')} setEndpoint() in the helper`],
      },
    ]);
  });
  it('ignores URLs in test classes: a test never reaches the network', () => {
    const src = `@IsTest
private class ErpClientTest {
    @IsTest
    static void logsRequestDetails() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://fake.example.com/orders');
        req.setEndpoint('http://fake.example.com/orders');
        System.assertEquals('GET', req.getMethod());
    }
}`;
    assert.deepEqual(findings(src, RULE), []);
    assert.deepEqual(findings(src, 'insecure-endpoint'), []);
  });
  it('fixture', () => {
    const src = fixture('rules/hardcoded-endpoint.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, "setEndpoint(ENDPOINT + '/invoices')")],
    );
  });
});

describe('insecure-endpoint', () => {
  const RULE = 'insecure-endpoint';
  it('reports http:// as an error on setEndpoint', () => {
    const src = service(`        req.setEndpoint('http://legacy.example.com/ping');`);
    assert.deepEqual(findings(src, RULE), [
      {
        ruleId: RULE,
        at: spanOf(src, "setEndpoint('http://legacy.example.com/ping')"),
        messageId: 'insecureEndpoint',
        data: { url: 'http://legacy.example.com/ping' },
        message: "Insecure endpoint 'http://legacy.example.com/ping': http:// sends the request and its credentials in plain text; use https://",
        severity: 'error',
      },
    ]);
  });
  it('ignores https:// and callout:', () => {
    assert.deepEqual(findings(service(`        req.setEndpoint(BASE);`), RULE), []);
    assert.deepEqual(findings(service(`        req.setEndpoint('callout:Legacy/ping');`), RULE), []);
  });
  it('fixture', () => {
    assert.deepEqual(findings(fixture('rules/hardcoded-endpoint.cls'), RULE), []);
    const src = fixture('rules/insecure-endpoint.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.at, f.message.split("'")[1]]),
      [[spanOf(src, "setEndpoint(GATEWAY + '/readings')"), 'http://meters.internal.example.com/readings']],
    );
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.messageId, f.data]),
      [['insecureEndpoint', { url: 'http://meters.internal.example.com/readings' }]],
    );
  });
});

describe('hardcoded-credentials', () => {
  const RULE = 'hardcoded-credentials';
  it('reports a Basic Authorization header built from literals', () => {
    const src = service(`        req.setEndpoint('callout:ERP/orders');
        req.setHeader('Authorization', 'Basic ' + EncodingUtil.base64Encode(Blob.valueOf('integration:S3cret!')));`);
    assert.deepEqual(findings(src, RULE), [
      {
        ruleId: RULE,
        at: spanOf(src, "setHeader('Authorization', 'Basic ' + EncodingUtil.base64Encode(Blob.valueOf('integration:S3cret!')))"),
        messageId: 'secretInHeader',
        data: { header: 'Authorization' },
        message:
          "Hard-coded secret in the 'Authorization' header: keep credentials in a Named Credential and reference them with {!$Credential...} merge fields",
        severity: 'error',
      },
    ]);
  });
  it('reports an API key held in a constant, and user:password@ in an endpoint', () => {
    const src = `public class Keys {
    private static final String API_KEY = 'sk_live_51H8xYz';
    public static void go(HttpRequest req) {
        req.setHeader('X-API-Key', API_KEY);
        req.setEndpoint('https://svc:pa55word@api.example.com/v1');
    }
}`;
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, "setHeader('X-API-Key', API_KEY)"), spanOf(src, "setEndpoint('https://svc:pa55word@api.example.com/v1')")],
    );
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.messageId, f.data, f.message]),
      [
        [
          'secretInHeader',
          { header: 'X-API-Key' },
          "Hard-coded secret in the 'X-API-Key' header: keep credentials in a Named Credential and reference them with {!$Credential...} merge fields",
        ],
        ['credentialsInEndpoint', undefined, 'Endpoint embeds user:password@ credentials: keep them in a Named Credential'],
      ],
    );
  });
  it('accepts Named Credential merge fields and secrets read at run time', () => {
    for (const body of [
      `        req.setHeader('Authorization', '{!$Credential.AuthorizationHeaderValue}');`,
      `        req.setHeader('Authorization', 'Basic ' + EncodingUtil.base64Encode(Blob.valueOf('{!$Credential.UserName}:{!$Credential.Password}')));`,
      `        req.setHeader('Authorization', 'Bearer ' + host);`,
      `        req.setHeader('Content-Type', 'application/json');`,
    ]) {
      assert.deepEqual(findings(service(body), RULE), [], body);
    }
  });
  it('fixture', () => {
    const src = fixture('rules/hardcoded-credentials.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, "setHeader('Authorization', 'Bearer ' + TOKEN)")],
    );
  });
});
