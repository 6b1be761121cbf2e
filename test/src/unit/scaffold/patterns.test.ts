import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { lintFiles } from '../../support/lint';
import { API_VERSION, cli, listFiles, MAIN_DEFAULT, tempProject } from './support';

const M = MAIN_DEFAULT;
const cls = (name: string) => [`${M}/classes/${name}.cls`, `${M}/classes/${name}.cls-meta.xml`];

/** Each pattern as the CLI is asked for it, and exactly the files it must create. */
const CASES: { args: string[]; files: string[] }[] = [
  {
    args: ['request-reply', '--name', 'CreditCheck', '--url', 'https://erp.example.com/api?tenant=a&region=eu'],
    files: [...cls('CreditCheckService'), ...cls('CreditCheckServiceTest'), `${M}/namedCredentials/CreditCheck.namedCredential-meta.xml`],
  },
  {
    args: ['fire-and-forget', '--name', 'OrderSync', '--named-credential', 'ERP', '--path', 'orders/events', '--publish-behavior', 'immediately'],
    files: [
      `${M}/objects/OrderSyncEvent__e/OrderSyncEvent__e.object-meta.xml`,
      `${M}/objects/OrderSyncEvent__e/fields/Record_Id__c.field-meta.xml`,
      `${M}/objects/OrderSyncEvent__e/fields/Payload__c.field-meta.xml`,
      ...cls('OrderSyncEventPublisher'),
      `${M}/triggers/OrderSyncEventTrigger.trigger`,
      `${M}/triggers/OrderSyncEventTrigger.trigger-meta.xml`,
      ...cls('OrderSyncEventSubscriber'),
      ...cls('OrderSyncCalloutJob'),
      ...cls('OrderSyncEventFlowTest'),
    ],
  },
  {
    args: ['batch-sync', '--name', 'InvoiceErp', '--object', 'Invoice__c', '--timeout', '60000'],
    files: [
      `${M}/objects/Invoice__c/fields/Sync_Status__c.field-meta.xml`,
      `${M}/objects/Invoice__c/fields/Last_Synced_At__c.field-meta.xml`,
      ...cls('InvoiceErpSyncBatch'),
      ...cls('InvoiceErpSyncBatchTest'),
    ],
  },
  {
    args: ['ui-update', '--name', 'Shipment'],
    files: [
      `${M}/objects/ShipmentStatus__e/ShipmentStatus__e.object-meta.xml`,
      `${M}/objects/ShipmentStatus__e/fields/Record_Id__c.field-meta.xml`,
      `${M}/objects/ShipmentStatus__e/fields/Status__c.field-meta.xml`,
      `${M}/objects/ShipmentStatus__e/fields/Message__c.field-meta.xml`,
      ...cls('ShipmentStatusPublisher'),
      ...cls('ShipmentStatusPublisherTest'),
      `${M}/lwc/shipmentStatusFeed/shipmentStatusFeed.js`,
      `${M}/lwc/shipmentStatusFeed/shipmentStatusFeed.html`,
      `${M}/lwc/shipmentStatusFeed/shipmentStatusFeed.js-meta.xml`,
    ],
  },
  {
    args: ['named-credential', '--name', 'Warehouse', '--url', 'https://wms.example.com/v2', '--label', 'Warehouse <WMS>'],
    files: [`${M}/namedCredentials/Warehouse.namedCredential-meta.xml`],
  },
];

function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

describe('scaffold: every pattern into a temporary SFDX project', () => {
  const project = tempProject();
  const outputs = CASES.map((c) => ({ ...c, result: cli(['scaffold', ...c.args, '--dir', project], '/') }));

  for (const c of outputs) {
    describe(c.args[0], () => {
      it('exits 0, creates exactly its files in the default package directory and says so', () => {
        assert.equal(c.result.code, 0, c.result.stderr);
        assert.equal(c.result.stderr, '');
        for (const f of c.files) assert.ok(fs.existsSync(path.join(project, f)), f);
        assert.deepEqual(
          c.result.stdout
            .split('\n')
            .filter((l) => l.startsWith('  '))
            .map((l) => l.trim()),
          c.files.map((f) => `created      ${f}`),
        );
      });

      it('every metadata XML is well-formed; class, trigger and LWC metadata carry the project API version', () => {
        for (const f of c.files.filter((f) => f.endsWith('.xml'))) {
          const text = read(project, f);
          assert.equal(XMLValidator.validate(text), true, f);
          assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<\w+ xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">/, f);
          if (/\.(cls|trigger|js)-meta\.xml$/.test(f)) assert.ok(text.includes(`<apiVersion>${API_VERSION}</apiVersion>`), f);
        }
      });

      it('leaves no placeholder unfilled', () => {
        for (const f of c.files) assert.doesNotMatch(read(project, f), /\{\{|\}\}/, f);
      });
    });
  }

  it('wrote nothing outside the default package directory', () => {
    assert.deepEqual(listFiles(project), ['sfdx-project.json', ...outputs.flatMap((c) => c.files)].sort());
  });

  it('the whole generated project parses and lints with zero findings, info included', () => {
    const apex = listFiles(project).filter((f) => /\.(cls|trigger)$/.test(f));
    assert.equal(apex.length, 11);
    const results = lintFiles(apex.map((f) => ({ path: path.join(project, f), text: read(project, f) })));
    assert.equal(results.size, apex.length);
    const findings = [...results.entries()].flatMap(([p, seen]) => seen.map((s) => `${path.basename(p)} ${s.ruleId} ${s.at} ${s.message}`));
    assert.deepEqual(findings, []);
  });

  it('the lint CLI agrees: exit 0 over the project', () => {
    const r = cli(['--all-files', '--format', 'json', project], '/');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const results = JSON.parse(r.stdout) as { messages: unknown[] }[];
    // The Apex and the UI Update component's script (linted for its empApi subscription).
    assert.equal(results.length, 12);
    assert.ok(results.every((x) => x.messages.length === 0));
  });

  it('every callout goes through a Named Credential with an explicit timeout', () => {
    const expected: Record<string, [string, string]> = {
      'classes/CreditCheckService.cls': ['callout:CreditCheck/credit-check', 'TIMEOUT_MS = 10000;'],
      'classes/OrderSyncCalloutJob.cls': ['callout:ERP/orders/events', 'TIMEOUT_MS = 10000;'],
      'classes/InvoiceErpSyncBatch.cls': ['callout:InvoiceErp/invoice-erp', 'TIMEOUT_MS = 60000;'],
    };
    for (const [file, [endpoint, timeout]] of Object.entries(expected)) {
      const text = read(project, `${M}/${file}`);
      assert.ok(text.includes(`'${endpoint}'`), file);
      assert.ok(text.includes(timeout), file);
      assert.ok(text.includes('req.setTimeout(TIMEOUT_MS);'), file);
    }
  });

  it('the events carry the publish behaviour asked for', () => {
    const orderSync = read(project, `${M}/objects/OrderSyncEvent__e/OrderSyncEvent__e.object-meta.xml`);
    assert.match(orderSync, /<publishBehavior>PublishImmediately<\/publishBehavior>/);
    assert.match(orderSync, /<label>Order Sync Event<\/label>\s*<pluralLabel>Order Sync Events<\/pluralLabel>/);
    const status = read(project, `${M}/objects/ShipmentStatus__e/ShipmentStatus__e.object-meta.xml`);
    assert.match(status, /<publishBehavior>PublishAfterCommit<\/publishBehavior>/);
    assert.match(status, /<eventType>HighVolume<\/eventType>/);
    assert.match(status, /<deploymentStatus>Deployed<\/deploymentStatus>/);
    assert.match(status, /<label>Shipment Status<\/label>\s*<pluralLabel>Shipment Status Events<\/pluralLabel>/);
  });

  it('the batch test creates records of the chosen object', () => {
    assert.ok(
      read(project, `${M}/classes/InvoiceErpSyncBatchTest.cls`).includes(
        "new Invoice__c(Name = 'Sync test ' + i, Sync_Status__c = InvoiceErpSyncBatch.PENDING)",
      ),
    );
    assert.ok(
      read(project, `${M}/classes/InvoiceErpSyncBatch.cls`).includes(
        'implements Database.Batchable<SObject>, Database.AllowsCallouts, Database.Stateful, Schedulable',
      ),
    );
  });

  it('Named Credentials: https endpoint and label XML-escaped', () => {
    assert.ok(
      read(project, `${M}/namedCredentials/CreditCheck.namedCredential-meta.xml`).includes(
        '<endpoint>https://erp.example.com/api?tenant=a&amp;region=eu</endpoint>',
      ),
    );
    assert.ok(read(project, `${M}/namedCredentials/Warehouse.namedCredential-meta.xml`).includes('<label>Warehouse &lt;WMS&gt;</label>'));
  });

  it('the LWC subscribes with empApi (replay -1, onError) and unsubscribes on disconnect; its JavaScript parses', () => {
    const js = read(project, `${M}/lwc/shipmentStatusFeed/shipmentStatusFeed.js`);
    assert.ok(js.includes("from 'lightning/empApi'"));
    assert.ok(js.includes("const CHANNEL = '/event/ShipmentStatus__e';"));
    assert.ok(js.includes('const REPLAY_NEW_EVENTS = -1;'));
    assert.match(js, /onError\(/);
    assert.match(js, /disconnectedCallback\(\) \{[^}]*this\.release\(\);/);
    assert.match(js, /export default class ShipmentStatusFeed extends LightningElement/);
    // Node cannot parse decorators; without `@api` the module must be valid JavaScript.
    const plain = path.join(project, 'check.mjs');
    fs.writeFileSync(plain, js.replace(/@api /g, ''));
    const check = spawnSync(process.execPath, ['--check', plain], { encoding: 'utf8' });
    fs.rmSync(plain);
    assert.equal(check.status, 0, check.stderr);
    const html = read(project, `${M}/lwc/shipmentStatusFeed/shipmentStatusFeed.html`);
    assert.equal((html.match(/<template[\s>]/g) ?? []).length, (html.match(/<\/template>/g) ?? []).length);
    assert.match(read(project, `${M}/lwc/shipmentStatusFeed/shipmentStatusFeed.js-meta.xml`), /<isExposed>true<\/isExposed>/);
  });
});
