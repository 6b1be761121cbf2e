import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { LintProject } from '../../../server/out/core/project';
import { buildInventory, type CalloutRow, type Inventory } from '../../../server/out/core/inventory';
import { formatInventory } from '../../../server/out/core/inventory-format';
import { calloutsOf } from '../../../server/out/analysis/callouts';
import { defaultConfig } from '../../../server/out/base/contracts';
import { discoverFiles, readSource } from '../../../server/out/node/files';
import { readLwcScripts } from '../../../server/out/node/lwc-files';
import { readProjectInfo } from '../../../server/out/node/project-files';
import { ROOT } from '../support/lint';

const EXAMPLE = path.join(ROOT, 'examples', 'order-integration');
const SRC = path.join(EXAMPLE, 'force-app', 'main', 'default');

function exampleProject(): LintProject {
  const project = new LintProject(defaultConfig(), { allFiles: true });
  project.setProjectInfo(readProjectInfo(EXAMPLE));
  for (const file of discoverFiles([EXAMPLE])) {
    const read = readSource(file);
    if (read.ok) project.setFile({ path: file, text: read.text });
  }
  return project;
}

/** The fields a reader checks, with the file relative to the example's source folder. */
function shown(r: CalloutRow) {
  return {
    site: `${r.class}.${r.method}`,
    at: `${path.relative(SRC, r.file)}:${r.line}:${r.column}`,
    endpoint: r.endpoint,
    httpMethod: r.httpMethod,
    timeout: [r.timeoutMs, r.timeout],
    auth: r.auth,
    contexts: r.contexts,
    entryPoints: r.entryPoints,
    patterns: r.patterns,
    patternNote: r.patternNote,
    advice: `${r.advice.pattern}: ${r.advice.reason}`,
    findings: r.findings.map((f) => `${f.ruleId} ${path.basename(f.file)}:${f.line}:${f.column}`),
  };
}

describe('integration inventory: examples/order-integration', () => {
  const project = exampleProject();
  const inventory: Inventory = buildInventory(project, readLwcScripts([path.join(EXAMPLE, 'force-app')]));

  it('lists exactly the sends the analysis finds, in file order', () => {
    const workspace = project.analyzedWorkspace();
    const sends: string[] = [];
    for (const file of workspace.files) {
      for (const type of file.model.types) {
        for (const method of type.methods) {
          for (const s of calloutsOf(workspace, file, type, method).sends) {
            const r = file.source.rangeOf(s.span.start, s.span.end);
            sends.push(`${file.path}:${r.start.line}:${r.start.character + 1}`);
          }
        }
      }
    }
    assert.deepEqual(inventory.callouts.map((r) => `${r.file}:${r.line}:${r.column}`).sort(), sends.sort());
    assert.equal(inventory.callouts.length, 10);
  });

  it('gives every field of every callout site', () => {
    const nc = (name: string, p: string) => ({ kind: 'named-credential' as const, name, path: p });
    const row = (fields: Partial<ReturnType<typeof shown>>) => ({ patternNote: undefined, findings: [], ...fields });
    assert.deepEqual(inventory.callouts.map(shown), [
      row({
        site: 'AccountSyncBatch.execute',
        advice: 'Batch Data Sync: one callout per record in Batch Apex',
        at: 'classes/AccountSyncBatch.cls:50:33',
        endpoint: nc('ERP', '/accounts/bulk'),
        httpMethod: 'POST',
        timeout: [60000, '60000 ms'],
        auth: 'named-credential',
        contexts: ['batch'],
        entryPoints: ['AccountSyncBatch.execute()'],
        patterns: ['Batch Data Sync'],
      }),
      row({
        site: 'CreditCheckService.checkCredit',
        advice: 'Request-Reply: a user waits for the answer and the code uses it',
        at: 'classes/CreditCheckService.cls:41:39',
        endpoint: nc('ERP_Credit', '/credit-limits/'),
        httpMethod: 'GET',
        timeout: [10000, '10000 ms'],
        auth: 'named-credential',
        contexts: ['aura'],
        entryPoints: ['CreditCheckService.checkCredit()'],
        patterns: ['Request-Reply'],
      }),
      row({
        site: 'ErpOrderPushJob.execute',
        advice: 'Fire-and-Forget: runs after the save, where no one waits; the answer is written back here',
        at: 'classes/ErpOrderPushJob.cls:41:39',
        endpoint: nc('ERP', '/orders/bulk'),
        httpMethod: 'POST',
        timeout: [30000, '30000 ms'],
        auth: 'named-credential',
        contexts: ['queueable'],
        // The Queueable is started by the Platform Event subscriber: Fire-and-Forget.
        entryPoints: ['ErpOrderPushJob.execute()', 'trigger OrderEventTrigger'],
        patterns: ['Fire-and-Forget'],
      }),
      row({
        site: 'ErpOrderService.submit',
        advice: 'Fire-and-Forget: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
        at: 'classes/ErpOrderService.cls:26:39',
        endpoint: nc('ERP', '/orders'),
        httpMethod: 'POST',
        timeout: [10000, '10000 ms'],
        auth: 'named-credential',
        contexts: ['trigger', 'aura'],
        entryPoints: ['OrderSubmitController.submit()', 'trigger OrderTrigger'],
        patterns: ['Request-Reply'],
        findings: [
          'callout-after-dml OrderSubmitController.cls:20:49',
          'callout-blocks-save OrderSubmitController.cls:20:49',
          'callout-in-loop OrderTriggerHandler.cls:13:9',
          'callout-in-trigger OrderTrigger.trigger:2:25',
        ],
      }),
      row({
        site: 'ErpOrderSync.pushOrder',
        advice: 'Fire-and-Forget: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
        at: 'classes/ErpOrderSync.cls:36:39',
        endpoint: { kind: 'host', host: 'erp.example.com', url: 'https://erp.example.com/api/orders' },
        httpMethod: 'POST',
        timeout: [10000, '10000 ms'],
        auth: 'none',
        contexts: ['aura'],
        entryPoints: ['OrderResendController.resend()'],
        patterns: ['Request-Reply'],
        findings: [
          'hardcoded-endpoint ErpOrderSync.cls:30:13',
          'callout-after-dml OrderResendController.cls:23:22',
          'callout-blocks-save OrderResendController.cls:23:22',
        ],
      }),
      row({
        site: 'ErpOrderSync.pingLegacy',
        advice: 'Fire-and-Forget: nothing uses the answer beyond its status',
        at: 'classes/ErpOrderSync.cls:56:39',
        endpoint: { kind: 'host', host: 'legacy-erp.example.com', url: 'http://legacy-erp.example.com/ping' },
        httpMethod: 'GET',
        timeout: [null, 'default 10 s'],
        auth: 'none',
        contexts: [],
        entryPoints: [],
        patterns: [],
        patternNote: 'no entry point reaches it',
        findings: ['hardcoded-endpoint ErpOrderSync.cls:53:13', 'insecure-endpoint ErpOrderSync.cls:53:13', 'callout-timeout-missing ErpOrderSync.cls:56:39'],
      }),
      row({
        site: 'InventoryRetryClient.fetchStock',
        advice: 'Request-Reply: the code uses the answer; the retry loop makes the caller wait out every attempt',
        at: 'classes/InventoryRetryClient.cls:33:34',
        endpoint: nc('Inventory', '/stock/'),
        httpMethod: 'GET',
        timeout: [10000, '10000 ms'],
        auth: 'named-credential',
        contexts: [],
        entryPoints: [],
        patterns: [],
        patternNote: 'no entry point reaches it',
        findings: ['callout-retry-loop InventoryRetryClient.cls:25:9'],
      }),
      row({
        site: 'OrderConfirmationController.confirmOrder',
        advice: 'Fire-and-Forget: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
        at: 'classes/OrderConfirmationController.cls:37:39',
        endpoint: nc('ERP', '/orders'),
        httpMethod: 'POST',
        timeout: [10000, '10000 ms'],
        auth: 'named-credential',
        contexts: ['aura'],
        entryPoints: ['OrderConfirmationController.confirmOrder()'],
        patterns: ['Request-Reply'],
        findings: ['callout-after-dml OrderConfirmationController.cls:37:39', 'callout-blocks-save OrderConfirmationController.cls:37:39'],
      }),
      row({
        site: 'OrderSaveController.saveOrder',
        advice: 'Fire-and-Forget: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
        at: 'classes/OrderSaveController.cls:35:39',
        endpoint: nc('ERP', '/orders'),
        httpMethod: 'POST',
        timeout: [10000, '10000 ms'],
        auth: 'named-credential',
        contexts: ['aura'],
        entryPoints: ['OrderSaveController.saveOrder()'],
        patterns: ['Request-Reply'],
        findings: ['callout-blocks-save OrderSaveController.cls:35:39'],
      }),
      row({
        site: 'StockReservationClient.reserve',
        advice: 'Fire-and-Forget: nothing uses the answer beyond its status; the retry loop makes the caller wait out every attempt',
        at: 'classes/StockReservationClient.cls:42:39',
        endpoint: nc('Inventory', '/reservations'),
        httpMethod: 'POST',
        timeout: [10000, '10000 ms'],
        auth: 'named-credential',
        contexts: [],
        entryPoints: [],
        patterns: [],
        patternNote: 'no entry point reaches it',
      }),
    ]);
  });

  it('lists the Platform Event with its publisher, subscriber trigger, publish behaviour and Lightning subscriber', () => {
    assert.deepEqual(
      inventory.platformEvents.map((e) => ({
        ...e,
        publishers: e.publishers.map((p) => `${p.class}.${p.method} ${path.relative(SRC, p.file)}:${p.line}:${p.column}`),
        subscriberTriggers: e.subscriberTriggers.map((t) => `${t.name} ${path.relative(SRC, t.file)}:${t.line}:${t.column}`),
        lwcSubscribers: e.lwcSubscribers.map((c) => `${c.name} ${path.relative(SRC, c.file)}:${c.line}:${c.column}`),
      })),
      [
        {
          name: 'Order_Event__e',
          defined: true,
          publishBehavior: 'PublishAfterCommit',
          publishers: ['OrderEventPublisher.publishStatusChanges classes/OrderEventPublisher.cls:25:45'],
          subscriberTriggers: ['OrderEventTrigger triggers/OrderEventTrigger.trigger:1:9'],
          lwcSubscribers: ['orderStatusFeed lwc/orderStatusFeed/orderStatusFeed.js:46:39'],
        },
      ],
    );
  });

  it('writes CSV with one quoted-as-needed row per site, and Markdown tables', () => {
    const csv = formatInventory(inventory, 'csv', EXAMPLE).split('\r\n');
    assert.equal(csv[0], 'class,method,file,line,endpoint,http_method,timeout,auth,contexts,entry_points,patterns,advice,findings');
    assert.equal(
      csv[2],
      'CreditCheckService,checkCredit,force-app/main/default/classes/CreditCheckService.cls,41,callout:ERP_Credit,GET,10000 ms,named-credential,@AuraEnabled,CreditCheckService.checkCredit(),Request-Reply,Request-Reply: a user waits for the answer and the code uses it,',
    );
    assert.equal(csv.length, 1 + 10 + 1);
    const md = formatInventory(inventory, 'md', EXAMPLE);
    assert.ok(
      md.includes('| ErpOrderSync.pingLegacy | force-app/main/default/classes/ErpOrderSync.cls:56 | legacy-erp.example.com | GET | default 10 s | none |'),
      md,
    );
    assert.ok(md.includes('### Order_Event__e'));
  });

  it('the CLI prints the same inventory as JSON, and refuses an unknown format', () => {
    const bin = path.join(ROOT, 'bin', 'apex-pattern-lint.js');
    const json = spawnSync(process.execPath, [bin, 'inventory', '--format', 'json', EXAMPLE], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(inventory)));
    const bad = spawnSync(process.execPath, [bin, 'inventory', '--format', 'xml', EXAMPLE], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown format "xml"/);
  });
});

describe('integration inventory: request shapes and publishers', () => {
  const files: Record<string, string> = {
    'Api.cls': `public class Api {
    public static HttpRequest build(String path) {
        HttpRequest r = new HttpRequest();
        r.setEndpoint('callout:Billing/' + path);
        r.setTimeout(20000);
        return r;
    }
    public static void viaHelper() {
        HttpRequest req = build('invoices');
        req.setMethod('GET');
        new Http().send(req);
    }
    public static void given(HttpRequest req) {
        new Http().send(req);
    }
    public static void branches(Boolean write, String host) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://' + host + '/v1');
        if (write) req.setMethod('POST'); else req.setMethod('GET');
        req.setTimeout(5000);
        new Http().send(req);
    }
    public static void announce(List<Invoice_Event__e> events) {
        System.EventBus.publish(events);
    }
}`,
    'ApiTest.cls': `@IsTest
private class ApiTest {
    @IsTest static void publishes() { EventBus.publish(new Invoice_Event__e()); }
}`,
  };
  const project = new LintProject(defaultConfig(), { allFiles: true });
  for (const [p, text] of Object.entries(files)) project.setFile({ path: p, text });
  const inventory = buildInventory(project);

  it('follows a request-building helper, says why an endpoint is unknown, and lists every method a branch sets', () => {
    assert.deepEqual(
      inventory.callouts.map((r) => [r.method, r.endpoint, r.httpMethod, r.timeout]),
      [
        ['viaHelper', { kind: 'named-credential', name: 'Billing', path: '/' }, 'GET', '20000 ms'],
        ['given', { kind: 'unknown', reason: 'the request is a parameter: set by the caller' }, null, 'unknown'],
        ['branches', { kind: 'unknown', reason: "host built at run time: 'https://' + host + '/v1'" }, 'GET|POST', '5000 ms'],
      ],
    );
  });

  it('counts System.EventBus.publish as a publisher, and not what @IsTest code publishes', () => {
    assert.deepEqual(
      inventory.platformEvents.map((e) => [e.name, e.defined, e.publishers.map((p) => `${p.class}.${p.method}:${p.line}`)]),
      [['Invoice_Event__e', false, ['Api.announce:24']]],
    );
  });
});
