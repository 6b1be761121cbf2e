import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';

/** Issue 22 item 2: literal arguments bound to parameters through helpers at any depth. */
describe('values through helpers', () => {
  const api = `public with sharing class ZendeskApi {
    public static HttpResponse get(String url) {
        return send('GET', url, null);
    }
    public static HttpResponse send(String method, String url, String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(url);
        req.setMethod(method);
        req.setTimeout(20000);
        if (body != null) req.setBody(body);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() >= 400) throw new CalloutException(res.getStatus());
        return res;
    }
}`;
  const sync = `public with sharing class TicketSync {
    public static String pull() {
        HttpResponse res = ZendeskApi.get('https://acme.zendesk.com/api/v2/tickets.json');
        return res.getBody();
    }
}`;

  it('hardcoded-endpoint: an endpoint literal that reaches setEndpoint through two helper calls is reported on the literal, with the chain', () => {
    const seen = workspaceFindings({ 'ZendeskApi.cls': api, 'TicketSync.cls': sync }, 'hardcoded-endpoint');
    assert.deepEqual(
      seen.map((f) => [f.file, f.at, f.messageId, f.data, f.related]),
      [
        [
          'TicketSync.cls',
          spanOf(sync, "'https://acme.zendesk.com/api/v2/tickets.json'"),
          'hardcodedEndpointViaHelper',
          { url: 'https://acme.zendesk.com/api/v2/tickets.json', helper: 'ZendeskApi.get()' },
          [
            `ZendeskApi.cls:${spanOf(api, "send('GET', url, null)")} passed on to ZendeskApi.send()`,
            `ZendeskApi.cls:${spanOf(api, 'setEndpoint(url)')} setEndpoint() in the helper`,
          ],
        ],
      ],
    );
  });

  it('stays silent when the helper builds the endpoint from a Named Credential', () => {
    const nc = sync.replace("'https://acme.zendesk.com/api/v2/tickets.json'", "'callout:Zendesk/api/v2/tickets.json'");
    assert.deepEqual(workspaceFindings({ 'ZendeskApi.cls': api, 'TicketSync.cls': nc }, 'hardcoded-endpoint'), []);
  });
});

describe('hardcoded-credentials: a literal password after the user name of a Basic credential', () => {
  const RULE = 'hardcoded-credentials';
  const cls = (pair: string) => `public with sharing class TextbrokerClient {
    public static HttpResponse orders() {
        Textbroker_Settings__c cfg = Textbroker_Settings__c.getOrgDefaults();
        Blob credential = Blob.valueOf(${pair});
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Textbroker/orders');
        req.setTimeout(20000);
        req.setHeader('Authorization', 'Basic ' + EncodingUtil.base64Encode(credential));
        return new Http().send(req);
    }
}`;
  it('reports the header when the password is a literal, though the user name comes from a custom setting', () => {
    const src = cls("cfg.Username__c + ':' + 'lettersonlypassword'");
    assert.deepEqual(
      workspaceFindings({ 'TextbrokerClient.cls': src }, RULE).map((f) => [f.at, f.messageId, f.data]),
      [[spanOf(src, "setHeader('Authorization', 'Basic ' + EncodingUtil.base64Encode(credential))"), 'secretInHeader', { header: 'Authorization' }]],
    );
  });
  it('stays silent when both parts come from the custom setting', () => {
    assert.deepEqual(workspaceFindings({ 'TextbrokerClient.cls': cls("cfg.Username__c + ':' + cfg.Password__c") }, RULE), []);
  });
});

describe('hardcoded-credentials: header maps applied in a loop', () => {
  const RULE = 'hardcoded-credentials';
  const src = `public with sharing class MarketoClient {
    public static HttpResponse leads(Boolean production) {
        Map<String, String> headers = new Map<String, String>{ 'Content-Type' => 'application/json' };
        headers.put('x-api-key', production ? 'mk_live_8f3kd93kdl20sl' : 'mk_test_1a2b3c4d5e6f7g');
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Marketo/leads');
        req.setTimeout(20000);
        for (String k : headers.keySet()) {
            req.setHeader(k, headers.get(k));
        }
        return new Http().send(req);
    }
}`;
  it('reports the literal secret written into the map, with the loop that sets it as related location', () => {
    const value = "production ? 'mk_live_8f3kd93kdl20sl' : 'mk_test_1a2b3c4d5e6f7g'";
    assert.deepEqual(
      workspaceFindings({ 'MarketoClient.cls': src }, RULE).map((f) => [f.at, f.messageId, f.data, f.related]),
      [
        [
          spanOf(src, value),
          'secretInHeader',
          { header: 'x-api-key' },
          [`MarketoClient.cls:${spanOf(src, 'setHeader(k, headers.get(k))')} set on the request by this loop`],
        ],
      ],
    );
  });
  it('stays silent for a map of non-secret headers, and for a key read from a custom setting', () => {
    const settings = src.replace("production ? 'mk_live_8f3kd93kdl20sl' : 'mk_test_1a2b3c4d5e6f7g'", 'Marketo_Settings__c.getOrgDefaults().Api_Key__c');
    assert.deepEqual(workspaceFindings({ 'MarketoClient.cls': settings }, RULE), []);
  });
});
