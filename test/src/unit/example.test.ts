import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFiles, ROOT, spanOf } from '../support/lint';

const CLASSES = path.join(ROOT, 'examples', 'order-integration', 'force-app', 'main', 'default', 'classes');
const TRIGGERS = path.join(ROOT, 'examples', 'order-integration', 'force-app', 'main', 'default', 'triggers');

/** The example project reproduces the article's scenarios; these are its exact findings. */
describe('example project: order-integration', () => {
  const files = [
    ...fs
      .readdirSync(CLASSES)
      .filter((f) => f.endsWith('.cls'))
      .map((f) => path.join(CLASSES, f)),
    ...fs
      .readdirSync(TRIGGERS)
      .filter((f) => f.endsWith('.trigger'))
      .map((f) => path.join(TRIGGERS, f)),
  ];
  const text = (name: string) => fs.readFileSync(path.join(CLASSES, name), 'utf8');
  const results = lintFiles(files.map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8') })));
  const of = (name: string) => [...results.entries()].find(([p]) => path.basename(p) === name)![1].map((f) => [f.ruleId, f.at]);

  it('flags the hard-coded and plain-text endpoints and the missing timeout in ErpOrderSync', () => {
    const src = text('ErpOrderSync.cls');
    assert.deepEqual(of('ErpOrderSync.cls'), [
      ['hardcoded-endpoint', spanOf(src, "setEndpoint(ERP_BASE + '/orders')")],
      ['hardcoded-endpoint', spanOf(src, "setEndpoint('http://legacy-erp.example.com/ping')")],
      ['insecure-endpoint', spanOf(src, "setEndpoint('http://legacy-erp.example.com/ping')")],
      ['callout-timeout-missing', spanOf(src, 'send(req)', 1)],
    ]);
  });
  it('flags the synchronous retry loop in InventoryRetryClient', () => {
    const src = text('InventoryRetryClient.cls');
    assert.deepEqual(of('InventoryRetryClient.cls'), [['callout-retry-loop', spanOf(src, 'while (attempts < MAX_ATTEMPTS)')]]);
  });
  it('flags the order confirmation that saves and then calls out', () => {
    const src = text('OrderConfirmationController.cls');
    assert.deepEqual(of('OrderConfirmationController.cls'), [
      ['callout-after-dml', spanOf(src, 'send(req)')],
      ['callout-blocks-save', spanOf(src, 'send(req)')],
    ]);
  });
  it('flags the submit button that saves and then calls the ERP two classes down, on the call, and not the Platform-Event redesign', () => {
    const src = text('OrderSubmitController.cls');
    assert.deepEqual(of('OrderSubmitController.cls'), [
      ['callout-after-dml', spanOf(src, 'submit(ord)')],
      ['callout-blocks-save', spanOf(src, 'submit(ord)')],
    ]);
  });
  it('flags the resend button and the stock reservation retry, the shapes the two Queueable fixes take', () => {
    assert.deepEqual(of('OrderResendController.cls'), [
      ['callout-after-dml', spanOf(text('OrderResendController.cls'), 'pushOrder(ord)')],
      ['callout-blocks-save', spanOf(text('OrderResendController.cls'), 'pushOrder(ord)')],
    ]);
    assert.deepEqual(of('StockReservationClient.cls'), [
      ['callout-retry-loop', spanOf(text('StockReservationClient.cls'), 'while (!reserved && attempt < MAX_ATTEMPTS)')],
    ]);
  });
  it("flags the article's order save that waits on the ERP for a status it only checks (callout before the DML), and not its redesign", () => {
    const src = text('OrderSaveController.cls');
    assert.deepEqual(of('OrderSaveController.cls'), [['callout-blocks-save', spanOf(src, 'send(req)')]]);
  });
  it('flags the order trigger whose handler calls the ERP synchronously, once per record', () => {
    const trigger = fs.readFileSync(path.join(TRIGGERS, 'OrderTrigger.trigger'), 'utf8');
    assert.deepEqual(of('OrderTrigger.trigger'), [['callout-in-trigger', spanOf(trigger, 'afterUpdate(Trigger.new)')]]);
    assert.deepEqual(of('OrderTriggerHandler.cls'), [['callout-in-loop', spanOf(text('OrderTriggerHandler.cls'), 'for (Order ord : orders)')]]);
  });
  it('finds nothing in the designs done right', () => {
    for (const name of [
      'CreditCheckService.cls',
      'ErpOrderService.cls',
      'OrderEventPublisher.cls',
      'OrderEventSubscriberHandler.cls',
      'ErpOrderPushJob.cls',
      'AccountSyncBatch.cls',
      'CreditCheckServiceTest.cls',
      'OrderEventTrigger.trigger',
    ]) {
      assert.deepEqual(of(name), [], name);
    }
  });
});
