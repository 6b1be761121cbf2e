/** auth-header-manual: an Authorization header the code builds itself instead of a Named Credential generating it. */
import * as assert from 'node:assert/strict';
import { fixture, spanOf, workspaceFindings } from '../../support/lint';

describe('auth-header-manual', () => {
  const src = fixture('rules/auth-header-manual.cls');

  it('reports an Authorization header built from a custom setting on setHeader; a {!$Credential} merge field is clean', () => {
    const seen = workspaceFindings({ 'HelpDeskClient.cls': src }, 'auth-header-manual');
    assert.deepEqual(
      seen.map((s) => [s.at, s.severity, s.message]),
      [
        [
          spanOf(src, "setHeader('Authorization', 'Bearer ' + settings.Api_Token__c)"),
          'info',
          'Authorization header built in code from a custom setting: a Named Credential with an External Credential generates it, and the secret leaves the data model',
        ],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['manualAuthorization', { source: 'a custom setting' }]],
    );
  });

  it('leaves literal secrets to hardcoded-credentials, and says where the value comes from', () => {
    const code = `public class A {
    private static final String KEY = System.Label.Api_Key;
    public static void call(String token) {
        HttpRequest r = new HttpRequest();
        r.setHeader('Authorization', 'Bearer sk_live_abc123');
        r.setHeader('Authorization', 'Bearer ' + KEY);
        r.setHeader('Authorization', 'Bearer ' + UserInfo.getSessionId());
        r.setHeader('authorization', token);
        r.setHeader('Accept', token);
        new Http().send(r);
    }
}`;
    const seen = workspaceFindings({ 'A.cls': code }, 'auth-header-manual');
    assert.deepEqual(
      seen.map((s) => [s.at, s.message.split(':')[0]]),
      [
        [spanOf(code, "setHeader('Authorization', 'Bearer ' + KEY)"), 'Authorization header built in code from a custom label'],
        [spanOf(code, "setHeader('Authorization', 'Bearer ' + UserInfo.getSessionId())"), 'Authorization header built in code from the session id'],
        [spanOf(code, "setHeader('authorization', token)"), 'Authorization header built in code from a value known at run time'],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [
        ['manualAuthorization', { source: 'a custom label' }],
        ['manualAuthorization', { source: 'the session id' }],
        ['manualAuthorization', { source: 'a value known at run time' }],
      ],
    );
    assert.deepEqual(
      workspaceFindings({ 'A.cls': code }, 'hardcoded-credentials').map((s) => s.at),
      [spanOf(code, "setHeader('Authorization', 'Bearer sk_live_abc123')")],
    );
  });

  it('is quiet on a {!$Credential} merge field and on headers other than Authorization', () => {
    const code = `public with sharing class HelpDeskTickets {
    public static HttpResponse open(String requestId) {
        HttpRequest r = new HttpRequest();
        r.setEndpoint('callout:HelpDesk/tickets');
        r.setTimeout(10000);
        r.setHeader('Authorization', '{!$Credential.AuthorizationHeaderValue}');
        r.setHeader('X-Request-Id', requestId);
        return new Http().send(r);
    }
}`;
    assert.deepEqual(workspaceFindings({ 'HelpDeskTickets.cls': code }, 'auth-header-manual'), []);
    const manual = code.replace("'{!$Credential.AuthorizationHeaderValue}'", "'Bearer ' + requestId");
    assert.deepEqual(
      workspaceFindings({ 'HelpDeskTickets.cls': manual }, 'auth-header-manual').map((s) => s.at),
      [spanOf(manual, "setHeader('Authorization', 'Bearer ' + requestId)")],
    );
  });
});
