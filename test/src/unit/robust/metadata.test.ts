/**
 * Metadata files read in linear time and bounded size (issue 20, item 4): an
 * unclosed `<namedCredentialParameters>` made the old regular expression
 * cubic (1 MB: hours, the language server frozen).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseNamedCredential, parsePlatformEvent } from '../../../../server/out/base/project-info';
import { readProjectInfo, readSfdxProject } from '../../../../server/out/node/project-files';
import { cli, tempDir } from './support';

const SFDX = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' });
const NC = 'force-app/main/default/namedCredentials/ERP.namedCredential-meta.xml';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">\n';

/** The attack of the issue: blocks that never close, each with a Url type and no value, ~1 MB. */
function unclosedParameters(bytes: number): string {
  const block = '    <namedCredentialParameters>\n        <parameterType>Url</parameterType>\n';
  return HEAD + block.repeat(Math.ceil(bytes / block.length));
}

const CALLER = `public with sharing class ErpClient {
    public static Integer ping() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/ping');
        req.setMethod('GET');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        return res.getStatusCode();
    }
}
`;

describe('robustness: metadata files (issue 20)', () => {
  it('reads a 1 MB Named Credential with unclosed parameter blocks in linear time, known by its file name', () => {
    const xml = unclosedParameters(1024 * 1024);
    assert.ok(xml.length >= 1024 * 1024);
    const start = Date.now();
    const info = parseNamedCredential(path.join('/p', NC), xml);
    const ms = Date.now() - start;
    assert.deepEqual(info, { name: 'ERP', path: path.join('/p', NC), authenticates: 'unknown' });
    assert.ok(ms < 5000, `took ${ms} ms`);
  });

  it('the CLI lints a project holding that credential at once, and callout:ERP is not called unknown', () => {
    // ERP2 is close enough to ERP that a lost ERP would be reported as a typo of it.
    const files = {
      'sfdx-project.json': SFDX,
      [NC.replace('ERP.', 'ERP2.')]: `${HEAD}<endpoint>https://erp2.example.com</endpoint></NamedCredential>`,
      'force-app/main/default/classes/ErpClient.cls': CALLER,
    };
    const without = cli(['--format', 'json', '.'], tempDir(files));
    assert.deepEqual(
      (JSON.parse(without.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId)),
      ['named-credential-unknown'],
    );
    const dir = tempDir({ ...files, [NC]: unclosedParameters(1024 * 1024) });
    const r = cli(['--format', 'json', '.'], dir, 30000);
    assert.equal(r.signal, null);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId)),
      [],
    );
    assert.ok(r.ms < 20000, `took ${r.ms} ms`);
  });

  it('a metadata file over 2 MB is not read: the credential is known by name, without an endpoint', () => {
    const big =
      HEAD + '    <endpoint>https://erp.example.com</endpoint>\n' + `    <description>${'x'.repeat(2 * 1024 * 1024)}</description>\n</NamedCredential>\n`;
    const dir = tempDir({ 'sfdx-project.json': SFDX, [NC]: big });
    assert.deepEqual(readProjectInfo(dir).namedCredentials, [{ name: 'ERP', path: path.join(dir, NC), authenticates: 'unknown' }]);
    // Just under the bound, the same credential is read whole.
    const small = big.replace('x'.repeat(2 * 1024 * 1024), 'x'.repeat(1024));
    const dir2 = tempDir({ 'sfdx-project.json': SFDX, [NC]: small });
    assert.deepEqual(readProjectInfo(dir2).namedCredentials, [{ name: 'ERP', path: path.join(dir2, NC), url: 'https://erp.example.com', authenticates: 'no' }]);
  });

  it('an sfdx-project.json over 2 MB is not read: the folder is its own package directory', () => {
    const big = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], description: 'x'.repeat(2 * 1024 * 1024) });
    const dir = tempDir({ 'sfdx-project.json': big, 'force-app/.keep': '' });
    assert.deepEqual(readSfdxProject(dir), { root: dir, packageDirectories: [dir], hasProjectFile: false });
    const small = tempDir({ 'sfdx-project.json': SFDX, 'force-app/.keep': '' });
    assert.deepEqual(readSfdxProject(small).packageDirectories, [path.join(small, 'force-app')]);
  });

  it('reads the Url parameter of the API 56+ shape in either order, entities decoded, and the External Credential deciding', () => {
    const param = (first: string, second: string) =>
      `${HEAD}    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <namedCredentialParameters>
        ${first}
        ${second}
    </namedCredentialParameters>
    <namedCredentialParameters>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
        <parameterValue>ErpAuth</parameterValue>
    </namedCredentialParameters>
</NamedCredential>`;
    const type = '<parameterType>Url</parameterType>';
    const value = '<parameterValue> https://erp.example.com/api?a=1&amp;b=&#50; </parameterValue>';
    for (const xml of [param(type, value), param(value, type)]) {
      assert.deepEqual(parseNamedCredential('/p/ERP.namedCredential-meta.xml', xml), {
        name: 'ERP',
        path: '/p/ERP.namedCredential-meta.xml',
        url: 'https://erp.example.com/api?a=1&b=2',
        authenticates: 'unknown',
      });
    }
    // A value of another parameter type is not the endpoint.
    assert.equal(parseNamedCredential('/p/ERP.namedCredential-meta.xml', param('<parameterType>Other</parameterType>', value)).url, undefined);
  });

  it('does not expand DOCTYPE entities (no entity bomb)', () => {
    const defs = Array.from({ length: 9 }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE NamedCredential [<!ENTITY e0 "https://x.example.com">${defs}]><NamedCredential><endpoint>&e9;</endpoint><protocol>Password</protocol></NamedCredential>`;
    const start = Date.now();
    const info = parseNamedCredential('/p/ERP.namedCredential-meta.xml', xml);
    assert.ok(Date.now() - start < 5000);
    assert.deepEqual(info, { name: 'ERP', path: '/p/ERP.namedCredential-meta.xml', url: '&e9;', authenticates: 'yes' });
  });

  it('reads a Platform Event publish behaviour, and a malformed event file by its name only', () => {
    const file = '/p/objects/Order_Event__e/Order_Event__e.object-meta.xml';
    const xml = (behavior: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <eventType>HighVolume</eventType>\n    <publishBehavior>${behavior}</publishBehavior>\n</CustomObject>\n`;
    assert.deepEqual(parsePlatformEvent(file, xml(' PublishImmediately ')), { name: 'Order_Event__e', path: file, publishBehavior: 'PublishImmediately' });
    assert.deepEqual(parsePlatformEvent(file, '<CustomObject>' + '<publishBehavior>'.repeat(100000)), { name: 'Order_Event__e', path: file });
    assert.equal(parsePlatformEvent('/p/objects/Account/Account.object-meta.xml', xml('PublishAfterCommit')), undefined);
  });
});
