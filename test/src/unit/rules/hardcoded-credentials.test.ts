/** hardcoded-credentials: secrets written into headers and endpoints, and the literals that hold none. */
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

describe('hardcoded-credentials: literals that hold no secret', () => {
  it('does not report a WSSE scheme with word-only parameters, and still reports a literal token', () => {
    const src = `public with sharing class SoapAuth {
    public static HttpResponse call(String token) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Legacy/soap');
        req.setTimeout(10000);
        req.setHeader('Authorization', 'WSSE profile="UsernameToken"');
        req.setHeader('X-WSSE', token);
        req.setHeader('x-api-key', 'k3y-9f8e7d6c5b4a');
        return new Http().send(req);
    }
}`;
    assert.deepEqual(
      workspaceFindings({ 'SoapAuth.cls': src }, 'hardcoded-credentials').map((f) => f.at),
      [spanOf(src, "setHeader('x-api-key', 'k3y-9f8e7d6c5b4a')")],
    );
  });
});
