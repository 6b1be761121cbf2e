/** future-callout-missing: @future methods that reach a callout without callout=true, and their quick fix. */
import * as assert from 'node:assert/strict';
import { applyFix, rulesAfter } from '../../support/fixes';
import { fixture, spanOf, workspaceFindings } from '../../support/lint';
import { ERP_CLIENT, ORDER_SERVICE, PUSH_JOB } from '../index/sources';

const base = { 'ErpClient.cls': ERP_CLIENT, 'OrderService.cls': ORDER_SERVICE, 'ErpPushJob.cls': PUSH_JOB };

describe('future-callout-missing', () => {
  const RULE = 'future-callout-missing';
  const notifier = (annotation: string) => `public class ErpNotifier {
    ${annotation}
    public static void notifyErp(Id orderId) {
        Order ord = [SELECT Id, Status FROM Order WHERE Id = :orderId];
        new OrderService().pushToErp(ord);
    }
}`;

  it('reports the @future annotation of a method that reaches a callout without callout=true', () => {
    const src = notifier('@future');
    assert.deepEqual(workspaceFindings({ ...base, 'ErpNotifier.cls': src }, RULE), [
      {
        file: 'ErpNotifier.cls',
        ruleId: RULE,
        at: spanOf(src, '@future'),
        messageId: 'futureReachesCallout',
        data: { type: 'ErpNotifier', method: 'notifyErp', callee: 'OrderService.pushToErp()' },
        message:
          '@future method ErpNotifier.notifyErp() makes a callout through OrderService.pushToErp() but is not declared @future(callout=true): the callout fails at runtime with a CalloutException',
        severity: 'error',
        related: [
          `ErpNotifier.cls:${spanOf(src, 'pushToErp(ord)')} calls OrderService.pushToErp()`,
          `OrderService.cls:${spanOf(ORDER_SERVICE, "post('orders', JSON.serialize(ord))")} calls ErpClient.post()`,
          `ErpClient.cls:${spanOf(ERP_CLIENT, 'send(req)')} callout (Http.send)`,
        ],
      },
    ]);
    assert.deepEqual(workspaceFindings({ ...base, 'ErpNotifier.cls': notifier('@Future(callout=false)') }, RULE).length, 1);
  });

  it('reports a @future method that sends the request itself, without naming a callee', () => {
    const src = `public class StockPing {
    @future
    public static void ping() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Warehouse/ping');
        req.setTimeout(5000);
        new Http().send(req);
    }
}`;
    assert.deepEqual(
      workspaceFindings({ 'StockPing.cls': src }, RULE).map((f) => [f.at, f.messageId, f.data, f.message]),
      [
        [
          spanOf(src, '@future'),
          'futureCallout',
          { type: 'StockPing', method: 'ping' },
          '@future method StockPing.ping() makes a callout but is not declared @future(callout=true): the callout fails at runtime with a CalloutException',
        ],
      ],
    );
  });

  it('accepts callout=true, and a @future method that does not call out', () => {
    assert.deepEqual(workspaceFindings({ ...base, 'ErpNotifier.cls': notifier('@future(callout=true)') }, RULE), []);
    const quiet = `public class Recalc {
    @future
    public static void totals(Set<Id> ids) {
        update [SELECT Id FROM Order WHERE Id IN :ids];
    }
}`;
    assert.deepEqual(workspaceFindings({ ...base, 'Recalc.cls': quiet }, RULE), []);
  });

  it('fixture: the @future annotation is reported', () => {
    const src = fixture('rules/future-callout-missing.cls');
    assert.deepEqual(
      workspaceFindings({ 'AddressValidation.cls': src }, 'future-callout-missing').map((f) => [f.at, f.message]),
      [
        [
          spanOf(src, '@future', 1),
          '@future method AddressValidation.validate() makes a callout through AddressValidation.check() but is not declared @future(callout=true): the callout fails at runtime with a CalloutException',
        ],
      ],
    );
  });
});

describe('quick fixes: future-callout-missing', () => {
  const cls = (annotation: string) => `public class Notify {
    ${annotation}
    public static void send(Id recordId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Notify/' + recordId);
        req.setTimeout(5000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}`;
  for (const [before, after] of [
    ['@future', '@future(callout=true)'],
    ['@Future()', '@Future(callout=true)'],
    ['@future(callout=false)', '@future(callout=true)'],
    ["@future(limit='2x')", "@future(callout=true, limit='2x')"],
  ]) {
    it(`${before} → ${after}`, () => {
      const fixed = applyFix({ 'Notify.cls': cls(before) }, 'future-callout-missing');
      assert.deepEqual([fixed.title, fixed.safe, fixed.texts['Notify.cls']], ['Declare @future(callout=true)', true, cls(after)]);
      assert.deepEqual(rulesAfter(fixed), []);
    });
  }
});
