/**
 * hardcoded-endpoint: a literal URL reaching setEndpoint(), directly, through
 * constants and locals, or through a project helper; and its quick fix, a
 * Named Credential (the credentials a legacy one holds: fixes-credentials; an
 * endpoint kept in a constructor field: endpoint-fields).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import { parseNamedCredential, type ProjectInfo } from '../../../../server/out/base/project-info';
import { readProjectInfo } from '../../../../server/out/node/project-files';
import { findings, fixture, spanOf, workspaceFindings, ROOT } from '../../support/lint';
import { applyFix, rulesAfter } from '../../support/fixes';

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

const RULE = 'hardcoded-endpoint';
const ROOT_DIR = path.resolve('/proj');

function project(credentials: { name: string; url: string }[], sourceApiVersion = '61.0'): ProjectInfo {
  const sfdx = parseSfdxProject(ROOT_DIR, JSON.stringify({ packageDirectories: [{ path: 'libs' }, { path: 'app', default: true }], sourceApiVersion }));
  return {
    sfdx,
    namedCredentials: credentials.map((c) => ({
      ...c,
      path: path.join(ROOT_DIR, 'app', 'main', 'default', 'namedCredentials', `${c.name}.namedCredential-meta.xml`),
    })),
  };
}

const client = (url: string) => `public class ShippingClient {
    private static final String BASE = '${url}';
    public static Integer track(String parcel) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(BASE + '/parcels/' + parcel);
        req.setMethod('GET');
        req.setTimeout(10000);
        return new Http().send(req).getStatusCode();
    }
}`;

describe('hardcoded-endpoint', () => {
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

describe('quick fixes: hardcoded-endpoint', () => {
  it('uses the existing Named Credential whose URL the endpoint starts with, keeping the rest of the path', () => {
    const info = project([
      { name: 'Shipping', url: 'https://ship.example.com' },
      { name: 'Shipping_V2', url: 'https://ship.example.com/v2/' },
    ]);
    const fixed = applyFix({ 'ShippingClient.cls': client('https://ship.example.com/v2/track') }, RULE, { project: info });
    assert.deepEqual([fixed.title, fixed.safe, fixed.created], ['Use the Named Credential Shipping_V2 (callout:Shipping_V2)', false, {}]);
    assert.equal(fixed.texts['ShippingClient.cls'], client('callout:Shipping_V2/track'));
    assert.deepEqual(rulesAfter(fixed, { project: info }), []);
  });

  it('creates a Named Credential backed by an External Credential, named after the host, in the default package directory', () => {
    const info = project([{ name: 'Other', url: 'https://other.example.com' }]);
    const fixed = applyFix({ 'ShippingClient.cls': client('https://legacy-ship.example.com/api/v1') }, RULE, { project: info });
    assert.equal(
      fixed.title,
      'Create the Named Credential Legacy_Ship for https://legacy-ship.example.com (with an External Credential) and use callout:Legacy_Ship',
    );
    assert.equal(fixed.texts['ShippingClient.cls'], client('callout:Legacy_Ship/api/v1'));
    const dir = path.join(ROOT_DIR, 'app', 'main', 'default');
    const credential = path.join(dir, 'namedCredentials', 'Legacy_Ship.namedCredential-meta.xml');
    const external = path.join(dir, 'externalCredentials', 'Legacy_Ship.externalCredential-meta.xml');
    assert.deepEqual(fixed.created, {
      [credential]: `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <allowMergeFieldsInHeader>false</allowMergeFieldsInHeader>
    <calloutStatus>Enabled</calloutStatus>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <label>Legacy Ship</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://legacy-ship.example.com</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>Legacy_Ship</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
      [external]: `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Legacy_Ship_Principal</parameterName>
        <parameterType>NamedPrincipal</parameterType>
        <sequenceNumber>1</sequenceNumber>
    </externalCredentialParameters>
    <label>Legacy Ship</label>
</ExternalCredential>
`,
    });
    for (const xml of Object.values(fixed.created)) assert.equal(XMLValidator.validate(xml), true);
    // The project reads the new credential's URL back, so the next fix uses it.
    assert.equal(parseNamedCredential(credential, fixed.created[credential]).url, 'https://legacy-ship.example.com');
    assert.deepEqual(rulesAfter(fixed, { project: info }), []);
  });

  it('creates the legacy form before API 56.0', () => {
    const info = project([], '55.0');
    const fixed = applyFix({ 'ShippingClient.cls': client('https://ship.example.com/v1') }, RULE, { project: info });
    assert.equal(fixed.title, 'Create the Named Credential Ship for https://ship.example.com and use callout:Ship');
    const [xml] = Object.values(fixed.created);
    assert.match(xml, /<endpoint>https:\/\/ship\.example\.com<\/endpoint>/);
    assert.match(xml, /<protocol>NoAuthentication<\/protocol>/);
  });

  it('picks a free name when the host name is taken by another URL', () => {
    const info = project([{ name: 'Ship', url: 'https://ship.other.com' }]);
    assert.equal(
      applyFix({ 'ShippingClient.cls': client('https://ship.example.com') }, RULE, { project: info }).texts['ShippingClient.cls'],
      client('callout:Ship_2'),
    );
  });

  it('offers no fix without an SFDX project, for http:// and for an endpoint that is not a literal', () => {
    assert.throws(() => applyFix({ 'ShippingClient.cls': client('https://ship.example.com') }, RULE), /has no fix/);
    const noProject: ProjectInfo = { sfdx: parseSfdxProject(ROOT_DIR, undefined), namedCredentials: [] };
    assert.throws(() => applyFix({ 'ShippingClient.cls': client('https://ship.example.com') }, RULE, { project: noProject }), /has no fix/);
    assert.throws(() => applyFix({ 'ShippingClient.cls': client('http://ship.example.com') }, RULE, { project: project([]) }), /has no fix/);
  });

  it("on the example project: ERP_BASE becomes callout:ERP through the project's own ERP credential", () => {
    const example = path.join(ROOT, 'examples', 'order-integration');
    const info = readProjectInfo(example);
    assert.deepEqual(
      info.namedCredentials.map((n) => [n.name, n.url]),
      [
        ['ERP', 'https://erp.example.com/api'],
        ['ERP_Credit', 'https://erp.example.com/api/finance'],
        ['Inventory', 'https://inventory.example.com/v1'],
      ],
    );
    const file = path.join(example, 'force-app', 'main', 'default', 'classes', 'ErpOrderSync.cls');
    const text = fs.readFileSync(file, 'utf8');
    const fixed = applyFix({ [file]: text }, RULE, { project: info });
    assert.equal(fixed.title, 'Use the Named Credential ERP (callout:ERP)');
    assert.equal(fixed.texts[file], text.replace("'https://erp.example.com/api'", "'callout:ERP'"));
  });
});
