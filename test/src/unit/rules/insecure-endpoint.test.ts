/** insecure-endpoint: a plain-text http:// endpoint, and its quick fix (https://). */
import * as assert from 'node:assert/strict';
import { applyFix, rulesAfter } from '../../support/fixes';
import { findings, fixture, spanOf } from '../../support/lint';

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

describe('quick fixes: insecure-endpoint', () => {
  it('switches the literal to https://, in the class that declares the constant', () => {
    const constants = `public class Endpoints {
    public static final String LEGACY = 'http://legacy-erp.example.com/api';
}`;
    const src = `public class Ping {
    public static Integer ping() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(Endpoints.LEGACY + '/ping');
        req.setTimeout(5000);
        return new Http().send(req).getStatusCode();
    }
}`;
    const fixed = applyFix({ 'Ping.cls': src, 'Endpoints.cls': constants }, 'insecure-endpoint');
    assert.deepEqual([fixed.title, fixed.safe, fixed.texts['Ping.cls']], ['Use https://', true, src]);
    assert.equal(fixed.texts['Endpoints.cls'], constants.replace('http://', 'https://'));
    assert.deepEqual(rulesAfter(fixed), ['Ping.cls:hardcoded-endpoint']);
  });
});
