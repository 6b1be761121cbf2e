import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import { parseNamedCredential, type NamedCredentialInfo, type ProjectInfo } from '../../../../server/out/base/project-info';
import { credentialNamesFor } from '../../../../server/out/fixes/named-credential';
import { applyFix, rulesAfter } from '../../support/fixes';

/** Named Credential fixes: readable names, never in tests, and one source of authentication per request. */
const RULE = 'hardcoded-endpoint';
const ROOT_DIR = path.resolve('/proj');
const NC_DIR = path.join(ROOT_DIR, 'force-app', 'main', 'default', 'namedCredentials');

function project(credentials: NamedCredentialInfo[]): ProjectInfo {
  return {
    sfdx: parseSfdxProject(ROOT_DIR, JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
    namedCredentials: credentials,
  };
}

const LEGACY_PASSWORD = `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <endpoint>https://erp.example.com</endpoint>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <label>ERP</label>
    <principalType>NamedUser</principalType>
    <protocol>Password</protocol>
    <username>integration</username>
</NamedCredential>`;

const client = (url: string) => `public with sharing class ErpClient {
    public static Integer ping() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('${url}');
        req.setMethod('GET');
        req.setHeader('Authorization', 'Bearer ' + ErpTokens.current());
        req.setTimeout(10000);
        return new Http().send(req).getStatusCode();
    }
}`;
const TOKENS = `public with sharing class ErpTokens {
    public static String current() {
        return [SELECT Token__c FROM Erp_Token__c LIMIT 1].Token__c;
    }
}`;

describe('quick fixes: Named Credentials (hardcoded-endpoint)', () => {
  it('names credentials after the organisation and what the host or path says', () => {
    const names = (url: string) => credentialNamesFor(new URL(url));
    assert.deepEqual(names('https://login.salesforce.com/services/oauth2/token'), ['Salesforce_Login', 'Salesforce_Login_Token']);
    assert.deepEqual(names('https://test.salesforce.com'), ['Salesforce_Test']);
    assert.deepEqual(names('https://api.stripe.com/v1/charges'), ['Stripe', 'Stripe_Charges']);
    assert.deepEqual(names('https://erp.example.com/api'), ['Erp']);
    assert.deepEqual(names('https://hooks.slack.com/services/T000'), ['Slack_Hooks']);
    assert.deepEqual(names('https://www.googleapis.co.uk/maps'), ['Googleapis', 'Googleapis_Maps']);
  });

  it('takes the path into the name when the host name is taken by another URL', () => {
    const info = project([{ name: 'Stripe', url: 'https://stripe.other.com', path: path.join(NC_DIR, 'Stripe.namedCredential-meta.xml') }]);
    const src = client('https://api.stripe.com/v1/charges').replace("        req.setHeader('Authorization', 'Bearer ' + ErpTokens.current());\n", '');
    const fixed = applyFix({ 'ErpClient.cls': src }, RULE, { project: info });
    assert.equal(fixed.texts['ErpClient.cls'], src.replace('https://api.stripe.com/v1/charges', 'callout:Stripe_Charges/v1/charges'));
  });

  it('removes the manual Authorization header in the same edit when the matched credential authenticates', () => {
    const erp = parseNamedCredential(path.join(NC_DIR, 'ERP.namedCredential-meta.xml'), LEGACY_PASSWORD);
    assert.equal(erp.authenticates, 'yes');
    const info = project([erp]);
    const fixed = applyFix({ 'ErpClient.cls': client('https://erp.example.com/api/ping'), 'ErpTokens.cls': TOKENS }, RULE, { project: info });
    assert.equal(fixed.title, 'Use the Named Credential ERP (callout:ERP), which authenticates: remove the manual Authorization header');
    assert.equal(
      fixed.texts['ErpClient.cls'],
      client('callout:ERP/api/ping').replace("        req.setHeader('Authorization', 'Bearer ' + ErpTokens.current());\n", ''),
    );
    assert.deepEqual(rulesAfter(fixed, { project: info }), []);
  });

  it('keeps the header for a credential without authentication, and offers nothing when an External Credential decides', () => {
    const none = parseNamedCredential(path.join(NC_DIR, 'ERP.namedCredential-meta.xml'), LEGACY_PASSWORD.replace('Password', 'NoAuthentication'));
    assert.equal(none.authenticates, 'no');
    const kept = applyFix({ 'ErpClient.cls': client('https://erp.example.com/api/ping'), 'ErpTokens.cls': TOKENS }, RULE, { project: project([none]) });
    assert.equal(kept.texts['ErpClient.cls'], client('callout:ERP/api/ping'));
    const secured = { name: 'ERP', url: 'https://erp.example.com', path: path.join(NC_DIR, 'ERP.namedCredential-meta.xml'), authenticates: 'unknown' as const };
    assert.throws(
      () => applyFix({ 'ErpClient.cls': client('https://erp.example.com/api/ping'), 'ErpTokens.cls': TOKENS }, RULE, { project: project([secured]) }),
      /has no fix/,
    );
  });

  it('offers no credential in a test class', () => {
    const test = `@IsTest
private class ErpClientTest {
    @IsTest
    static void pings() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://erp.example.com/api/ping');
        req.setTimeout(10000);
        Test.startTest();
        System.assertEquals(200, new Http().send(req).getStatusCode());
        Test.stopTest();
    }
}`;
    // A test never reaches the network: there is no finding, so nothing to fix.
    assert.throws(() => applyFix({ 'ErpClientTest.cls': test }, RULE, { project: project([]) }), /no hardcoded-endpoint finding/);
  });
});
