import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';

/** Issue 22 item 2: endpoint literals handed to a client's constructor and kept in a field. */
describe('hardcoded-endpoint through a constructor field', () => {
  const RULE = 'hardcoded-endpoint';
  const base = `public virtual with sharing class SmsClient {
    private String endpoint;
    private String token;
    public SmsClient(String token) {
        this(token, null);
    }
    public SmsClient(String token, String endpoint) {
        this.token = token;
        if (endpoint != null && !endpoint.equals('')) {
            this.endpoint = endpoint;
        }
    }
    public HttpResponse send(String path, String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(this.endpoint + path);
        req.setMethod('POST');
        req.setTimeout(20000);
        req.setBody(body);
        return new Http().send(req);
    }
}`;
  const sub = `public with sharing class SmsRestClient extends SmsClient {
    public SmsRestClient(String token) {
        super(token, 'https://api.sms.example.com');
    }
}`;
  const direct = `public with sharing class SmsAlerts {
    public static HttpResponse alert(String token, String text) {
        SmsClient client = new SmsClient(token, 'https://lookups.sms.example.com/v1');
        return client.send('/Messages', text);
    }
}`;
  const stored = `SmsClient.cls:${spanOf(base, 'this.endpoint = endpoint')} stored in SmsClient.endpoint`;
  const setter = `SmsClient.cls:${spanOf(base, 'setEndpoint(this.endpoint + path)')} setEndpoint() with the field`;
  const seen = (files: Record<string, string>) => workspaceFindings(files, RULE).map((f) => [f.file, f.at, f.messageId, f.data, f.related]);

  it('reports the literal passed through super(...) and through new, with the constructor, the field and setEndpoint', () => {
    assert.deepEqual(seen({ 'SmsClient.cls': base, 'SmsRestClient.cls': sub, 'SmsAlerts.cls': direct }), [
      [
        'SmsRestClient.cls',
        spanOf(sub, "'https://api.sms.example.com'"),
        'hardcodedEndpointViaField',
        { url: 'https://api.sms.example.com', field: 'SmsClient.endpoint', helper: 'new SmsClient()', setter: 'SmsClient.send()' },
        [stored, setter],
      ],
      [
        'SmsAlerts.cls',
        spanOf(direct, "'https://lookups.sms.example.com/v1'"),
        'hardcodedEndpointViaField',
        { url: 'https://lookups.sms.example.com/v1', field: 'SmsClient.endpoint', helper: 'new SmsClient()', setter: 'SmsClient.send()' },
        [stored, setter],
      ],
    ]);
    const message = workspaceFindings({ 'SmsClient.cls': base, 'SmsRestClient.cls': sub }, RULE).map((f) => f.message);
    assert.deepEqual(message, [
      "Hard-coded endpoint 'https://api.sms.example.com', kept in SmsClient.endpoint by new SmsClient() and set with setEndpoint() in SmsClient.send(): use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment",
    ]);
  });

  it('follows a this(...) delegation to the constructor that stores the field', () => {
    const delegating = base.replace(
      'public SmsClient(String token) {\n        this(token, null);',
      'public SmsClient(String token, Integer retries, String url) {\n        this(token, url);',
    );
    const caller = `public with sharing class SmsJob {
    public static HttpResponse run(String token) {
        return new SmsClient(token, 3, 'https://api.sms.example.com').send('/Jobs', '');
    }
}`;
    assert.deepEqual(seen({ 'SmsClient.cls': delegating, 'SmsJob.cls': caller }), [
      [
        'SmsJob.cls',
        spanOf(caller, "'https://api.sms.example.com'"),
        'hardcodedEndpointViaField',
        { url: 'https://api.sms.example.com', field: 'SmsClient.endpoint', helper: 'new SmsClient()', setter: 'SmsClient.send()' },
        [
          `SmsClient.cls:${spanOf(delegating, 'this(token, url)')} passed on to new SmsClient()`,
          `SmsClient.cls:${spanOf(delegating, 'this.endpoint = endpoint')} stored in SmsClient.endpoint`,
          `SmsClient.cls:${spanOf(delegating, 'setEndpoint(this.endpoint + path)')} setEndpoint() with the field`,
        ],
      ],
    ]);
  });

  it('stays silent when another method writes the field', () => {
    const settable = base.replace(
      '    public HttpResponse send(',
      '    public void setEndpoint(String url) {\n        this.endpoint = url;\n    }\n    public HttpResponse send(',
    );
    assert.deepEqual(seen({ 'SmsClient.cls': settable, 'SmsRestClient.cls': sub, 'SmsAlerts.cls': direct }), []);
  });

  it('stays silent when the constructor stores something else, or only on a branch the literal does not decide', () => {
    const other = base.replace('this.endpoint = endpoint;', "this.endpoint = 'callout:Sms';");
    assert.deepEqual(seen({ 'SmsClient.cls': other, 'SmsRestClient.cls': sub }), []);
    const branch = base.replace("if (endpoint != null && !endpoint.equals(''))", 'if (token != null)');
    assert.deepEqual(seen({ 'SmsClient.cls': branch, 'SmsRestClient.cls': sub }), []);
  });

  it('stays silent when the argument comes from a custom setting', () => {
    const configured = sub.replace("'https://api.sms.example.com'", 'Sms_Settings__c.getOrgDefaults().Endpoint__c');
    assert.deepEqual(seen({ 'SmsClient.cls': base, 'SmsRestClient.cls': configured }), []);
  });
});
