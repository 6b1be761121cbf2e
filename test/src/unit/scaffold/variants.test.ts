import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import { scaffold, type ScaffoldRequest } from '../../../../server/out/scaffold';
import { lintFiles } from '../../support/lint';

/** Option values at their limits and unusual names still give code that parses and lints clean. */
const VARIANTS: ScaffoldRequest[] = [
  { pattern: 'request-reply', name: 'Price_Quote', options: { timeout: '15000', 'named-credential': 'Pricing_API', path: 'v2/quotes.json' } },
  { pattern: 'request-reply', name: 'X', options: { timeout: '1', path: '' } },
  { pattern: 'fire-and-forget', name: 'Invoice', options: { event: 'Invoice_Posted__e', timeout: '120000', 'publish-behavior': 'immediately' } },
  { pattern: 'batch-sync', name: 'Contact_Crm', options: { object: 'Contact', timeout: '120000' } },
  { pattern: 'batch-sync', name: 'Ticket', options: { object: 'Case' } },
  { pattern: 'batch-sync', name: 'Device', options: { object: 'Asset' } },
  { pattern: 'ui-update', name: 'Claim', options: { event: 'Claim_Status__e', component: 'claim_tracker' } },
];

describe('scaffold: option limits and unusual names', () => {
  const project = parseSfdxProject(
    path.join(path.sep, 'org'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' }),
  );

  for (const request of VARIANTS) {
    it(`${request.pattern} --name ${request.name} ${JSON.stringify(request.options)}`, () => {
      const files = scaffold(request, project).files.filter((f) => /\.(cls|trigger)$/.test(f.path));
      const findings = [...lintFiles(files).entries()].flatMap(([p, seen]) => seen.map((s) => `${path.basename(p)} ${s.ruleId} ${s.at} ${s.message}`));
      assert.deepEqual(findings, []);
    });
  }

  it('an empty option value means its default', () => {
    const service = scaffold(VARIANTS[1], project).files.find((f) => f.path.endsWith('XService.cls'))!;
    assert.ok(service.text.includes("'callout:X/x'"));
  });

  it('the batch test fills the required fields it knows', () => {
    const test = (request: ScaffoldRequest) => scaffold(request, project).files.find((f) => f.path.endsWith('SyncBatchTest.cls'))!.text;
    assert.ok(test(VARIANTS[3]).includes("new Contact(LastName = 'Sync test ' + i, Sync_Status__c = Contact_CrmSyncBatch.PENDING)"));
    assert.ok(test(VARIANTS[5]).includes('new Asset(Sync_Status__c = DeviceSyncBatch.PENDING)'));
  });
});
