import * as assert from 'node:assert/strict';
import { findings, lintFiles, spanOf } from '../../support/lint';
import { allRuleMetas } from '../../../../server/out/rules/index';

/** Issue 22 item 4: one predicate decides test code; each rule says whether it reports there. */
describe('test code policy', () => {
  const TEST_CLASS = `@IsTest
private class SyncTest {
    @IsTest
    static void sendsOrder() {
        Test.setMock(HttpCalloutMock.class, new SyncMock());
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Erp/orders');
        req.setHeader('Authorization', 'Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc');
        HttpResponse res = new Http().send(req);
        EventBus.publish(new Order_Event__e());
        Database.executeBatch(new SyncBatch());
    }
}`;
  const BATCH = `public class SyncBatch implements Database.Batchable<SObject>, Database.AllowsCallouts {
    public Database.QueryLocator start(Database.BatchableContext bc) { return Database.getQueryLocator('SELECT Id FROM Account'); }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
        for (Account a : scope) {
            HttpRequest req = new HttpRequest();
            req.setEndpoint('callout:Erp/accounts');
            req.setTimeout(5000);
            HttpResponse res = new Http().send(req);
            if (res.getStatusCode() != 200) throw new CalloutException(res.getStatus());
        }
    }
    public void finish(Database.BatchableContext bc) {}
}`;

  it('reports no timeout, response, publish or batch-start finding in an @IsTest class; a literal secret there is still reported', () => {
    const all = lintFiles([
      { path: 'SyncTest.cls', text: TEST_CLASS },
      { path: 'SyncBatch.cls', text: BATCH },
    ]);
    assert.deepEqual(
      all.get('SyncTest.cls')?.map((f) => [f.ruleId, f.at]),
      [['hardcoded-credentials', spanOf(TEST_CLASS, "setHeader('Authorization', 'Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc')")]],
    );
  });

  it('skips a testMethod and an @IsTest method of a class that is not itself @IsTest', () => {
    for (const header of ['static testMethod void sendsOrder()', '@IsTest static void sendsOrder()']) {
      const src = `public class OrderSyncFixtures {
    ${header} {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Erp/orders');
        HttpResponse res = new Http().send(req);
        EventBus.publish(new Order_Event__e());
    }
}`;
      assert.deepEqual(
        findings(src).filter((f) => ['callout-timeout-missing', 'unchecked-callout-response', 'unchecked-event-publish'].includes(f.ruleId)),
        [],
        header,
      );
    }
  });

  it('still reports the same code outside tests', () => {
    const src = `public class OrderSync {
    public static void sendsOrder() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Erp/orders');
        HttpResponse res = new Http().send(req);
        EventBus.publish(new Order_Event__e());
    }
}`;
    assert.deepEqual(
      findings(src)
        .filter((f) => ['callout-timeout-missing', 'unchecked-callout-response', 'unchecked-event-publish'].includes(f.ruleId))
        .map((f) => [f.ruleId, f.at]),
      [
        ['callout-timeout-missing', spanOf(src, 'send(req)')],
        ['unchecked-callout-response', spanOf(src, 'send(req)')],
        ['unchecked-event-publish', spanOf(src, 'publish(new Order_Event__e())')],
      ],
    );
  });

  it('a batch started with the default scope in a test is not reported; a production start is', () => {
    const prod = `public class SyncScheduler implements Schedulable {
    public void execute(SchedulableContext sc) {
        Database.executeBatch(new SyncBatch());
    }
}`;
    const all = lintFiles([
      { path: 'SyncTest.cls', text: TEST_CLASS },
      { path: 'SyncBatch.cls', text: BATCH },
      { path: 'SyncScheduler.cls', text: prod },
    ]);
    const batch = (path: string) => (all.get(path) ?? []).filter((f) => f.ruleId === 'batch-callouts-exceed-limit').map((f) => f.at);
    assert.deepEqual(batch('SyncTest.cls'), []);
    assert.deepEqual(batch('SyncScheduler.cls'), [spanOf(prod, 'executeBatch(new SyncBatch())')]);
  });

  it('every rule declares whether it reports in test code', () => {
    for (const meta of allRuleMetas()) assert.ok(meta.testCode === 'report' || meta.testCode === 'skip', meta.id);
    const skip = allRuleMetas()
      .filter((m) => m.testCode === 'skip')
      .map((m) => m.id)
      .sort();
    assert.deepEqual(skip, [
      'batch-callouts-exceed-limit',
      'callout-blocks-save',
      'callout-timeout-excessive',
      'callout-timeout-missing',
      'hardcoded-endpoint',
      'insecure-endpoint',
      'unchecked-callout-response',
      'unchecked-event-publish',
    ]);
  });
});
