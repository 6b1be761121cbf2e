import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import { parseNamedCredential, type ProjectInfo } from '../../../../server/out/base/project-info';
import { readProjectInfo } from '../../../../server/out/node/project-files';
import { applyFix, rulesAfter } from '../../support/fixes';
import { ROOT } from '../../support/lint';

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
