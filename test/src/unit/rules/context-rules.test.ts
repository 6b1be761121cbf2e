import * as assert from 'node:assert/strict';
import { fixture, spanOf, workspaceFindings } from '../../support/lint';
import { ERP_CLIENT, ORDER_SERVICE, PUSH_JOB } from '../index/sources';

const base = { 'ErpClient.cls': ERP_CLIENT, 'OrderService.cls': ORDER_SERVICE, 'ErpPushJob.cls': PUSH_JOB };

describe('callout-in-trigger', () => {
  const RULE = 'callout-in-trigger';
  const handler = `public with sharing class OrderTriggerHandler {
    public static void afterInsert(List<Order> orders) {
        for (Order o : orders) {
            new OrderService().pushToErp(o);
        }
    }

    public static void afterUpdate(List<Order> orders) {
        for (Order o : orders) {
            OrderService.pushLater(o.Id);
        }
    }
}`;

  it('reports the call in the trigger that leads to a synchronous callout, with the chain', () => {
    const trigger = `trigger OrderTrigger on Order (after insert, after update) {
    if (Trigger.isInsert) {
        OrderTriggerHandler.afterInsert(Trigger.new);
    } else {
        OrderTriggerHandler.afterUpdate(Trigger.new);
    }
}`;
    assert.deepEqual(workspaceFindings({ ...base, 'OrderTriggerHandler.cls': handler, 'OrderTrigger.trigger': trigger }, RULE), [
      {
        file: 'OrderTrigger.trigger',
        ruleId: RULE,
        at: spanOf(trigger, 'afterInsert(Trigger.new)'),
        messageId: 'triggerReachesCallout',
        data: { trigger: 'OrderTrigger', callee: 'OrderTriggerHandler.afterInsert()' },
        message:
          'Trigger OrderTrigger reaches a synchronous callout through OrderTriggerHandler.afterInsert(). Triggers cannot call out synchronously; the callout fails at runtime with a CalloutException. Publish a Platform Event, or enqueue a Queueable with Database.AllowsCallouts (or call a @future(callout=true) method)',
        severity: 'error',
        related: [
          `OrderTriggerHandler.cls:${spanOf(handler, 'pushToErp(o)')} calls OrderService.pushToErp()`,
          `OrderService.cls:${spanOf(ORDER_SERVICE, "post('orders', JSON.serialize(ord))")} calls ErpClient.post()`,
          `ErpClient.cls:${spanOf(ERP_CLIENT, 'send(req)')} callout (Http.send)`,
        ],
      },
    ]);
  });

  it('reports a send written in the trigger body itself', () => {
    const trigger = `trigger PingTrigger on Account (after insert) {
    HttpRequest req = new HttpRequest();
    req.setEndpoint('callout:Ping/accounts');
    req.setMethod('POST');
    req.setTimeout(5000);
    new Http().send(req);
}`;
    const found = workspaceFindings({ 'PingTrigger.trigger': trigger }, RULE);
    assert.deepEqual(
      found.map((f) => [f.at, f.message.split('.')[0]]),
      [[spanOf(trigger, 'send(req)'), 'Callout in trigger PingTrigger']],
    );
    assert.deepEqual(
      found.map((f) => [f.messageId, f.data, f.message]),
      [
        [
          'calloutInTrigger',
          { trigger: 'PingTrigger' },
          'Callout in trigger PingTrigger. Triggers cannot call out synchronously; the callout fails at runtime with a CalloutException. Publish a Platform Event, or enqueue a Queueable with Database.AllowsCallouts (or call a @future(callout=true) method)',
        ],
      ],
    );
  });

  it('accepts a trigger that hands the callout to a Queueable or a @future(callout=true) method', () => {
    const trigger = `trigger OrderTrigger on Order (after update) {
    OrderTriggerHandler.afterUpdate(Trigger.new);
}`;
    assert.deepEqual(workspaceFindings({ ...base, 'OrderTriggerHandler.cls': handler, 'OrderTrigger.trigger': trigger }, RULE), []);
  });

  it('follows a handler framework that dispatches through an interface to the handler this trigger passes, not to every handler', () => {
    const iface = `public interface TriggerHandler {
    void afterInsert(List<SObject> records);
}`;
    const dispatcher = `public class TriggerDispatcher {
    public static void run(TriggerHandler handler) {
        if (Trigger.isAfter && Trigger.isInsert) {
            handler.afterInsert(Trigger.new);
        }
    }
}`;
    const orderHandler = `public class OrderHandler implements TriggerHandler {
    public void afterInsert(List<SObject> records) {
        new OrderService().pushToErp((Order) records[0]);
    }
}`;
    const accountHandler = `public class AccountHandler implements TriggerHandler {
    public void afterInsert(List<SObject> records) {
        System.debug(records.size() + ' accounts');
    }
}`;
    const orderTrigger = `trigger OrderTrigger on Order (after insert) {
    TriggerDispatcher.run(new OrderHandler());
}`;
    const accountTrigger = `trigger AccountTrigger on Account (after insert) {
    TriggerDispatcher.run(new AccountHandler());
}`;
    const found = workspaceFindings(
      {
        ...base,
        'TriggerHandler.cls': iface,
        'TriggerDispatcher.cls': dispatcher,
        'OrderHandler.cls': orderHandler,
        'AccountHandler.cls': accountHandler,
        'OrderTrigger.trigger': orderTrigger,
        'AccountTrigger.trigger': accountTrigger,
      },
      RULE,
    );
    assert.deepEqual(
      found.map((f) => [f.file, f.at, f.related[0]]),
      [
        [
          'OrderTrigger.trigger',
          spanOf(orderTrigger, 'run(new OrderHandler())'),
          `TriggerDispatcher.cls:${spanOf(dispatcher, 'afterInsert(Trigger.new)')} calls OrderHandler.afterInsert()`,
        ],
      ],
    );
  });

  it('follows a virtual base-class handler to the subclass the trigger constructs', () => {
    const baseHandler = `public virtual class TriggerHandlerBase {
    public void run() {
        if (Trigger.isAfter) {
            afterInsert();
        }
    }
    protected virtual void afterInsert() {}
}`;
    const orderHandler = `public class OrderTriggerHandler extends TriggerHandlerBase {
    protected override void afterInsert() {
        new OrderService().pushToErp((Order) Trigger.new[0]);
    }
}`;
    const quiet = `public class CaseTriggerHandler extends TriggerHandlerBase {
    protected override void afterInsert() {
        System.debug('cases');
    }
}`;
    const orderTrigger = `trigger OrderTrigger on Order (after insert) {
    new OrderTriggerHandler().run();
}`;
    const caseTrigger = `trigger CaseTrigger on Case (after insert) {
    new CaseTriggerHandler().run();
}`;
    const found = workspaceFindings(
      {
        ...base,
        'TriggerHandlerBase.cls': baseHandler,
        'OrderTriggerHandler.cls': orderHandler,
        'CaseTriggerHandler.cls': quiet,
        'OrderTrigger.trigger': orderTrigger,
        'CaseTrigger.trigger': caseTrigger,
      },
      RULE,
    );
    assert.deepEqual(
      found.map((f) => [f.file, f.at]),
      [['OrderTrigger.trigger', spanOf(orderTrigger, 'run()')]],
    );
  });
});

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
});

describe('async-callout-not-allowed', () => {
  const RULE = 'async-callout-not-allowed';

  it('reports a Queueable that reaches a callout without Database.AllowsCallouts, on the class name', () => {
    const job = `public class ErpRetryJob implements Queueable {
    public void execute(QueueableContext ctx) {
        new OrderService().pushToErp([SELECT Id FROM Order LIMIT 1]);
    }
}`;
    assert.deepEqual(workspaceFindings({ ...base, 'ErpRetryJob.cls': job }, RULE), [
      {
        file: 'ErpRetryJob.cls',
        ruleId: RULE,
        at: spanOf(job, 'ErpRetryJob'),
        messageId: 'missingAllowsCallouts',
        data: { kind: 'Queueable', type: 'ErpRetryJob', method: 'execute()' },
        message:
          'Queueable ErpRetryJob makes a callout in execute() but does not implement Database.AllowsCallouts: the callout fails at runtime with a CalloutException. Add Database.AllowsCallouts to implements',
        severity: 'error',
        related: [
          `ErpRetryJob.cls:${spanOf(job, 'execute')} execute() calls out`,
          `ErpRetryJob.cls:${spanOf(job, 'pushToErp([SELECT Id FROM Order LIMIT 1])')} calls OrderService.pushToErp()`,
          `OrderService.cls:${spanOf(ORDER_SERVICE, "post('orders', JSON.serialize(ord))")} calls ErpClient.post()`,
          `ErpClient.cls:${spanOf(ERP_CLIENT, 'send(req)')} callout (Http.send)`,
        ],
      },
    ]);
  });

  it('reports a Batchable without AllowsCallouts, and accepts one that allows callouts directly or through its superclass', () => {
    const batch = (header: string) => `public class AccountPushBatch ${header} {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id FROM Order');
    }
    public void execute(Database.BatchableContext bc, List<Order> scope) {
        new OrderService().pushToErp(scope[0]);
    }
    public void finish(Database.BatchableContext bc) {}
}`;
    const bad = batch('implements Database.Batchable<SObject>');
    assert.deepEqual(
      workspaceFindings({ ...base, 'AccountPushBatch.cls': bad }, RULE).map((f) => [f.at, f.message.slice(0, 60)]),
      [[spanOf(bad, 'AccountPushBatch'), 'Batchable AccountPushBatch makes a callout in execute() but ']],
    );
    assert.deepEqual(
      workspaceFindings({ ...base, 'AccountPushBatch.cls': bad }, RULE).map((f) => [f.messageId, f.data]),
      [['missingAllowsCallouts', { kind: 'Batchable', type: 'AccountPushBatch', method: 'execute()' }]],
    );
    assert.deepEqual(
      workspaceFindings({ ...base, 'AccountPushBatch.cls': batch('implements Database.Batchable<SObject>, Database.AllowsCallouts') }, RULE),
      [],
    );
    const parent = `public abstract class CalloutBatch implements Database.AllowsCallouts {}`;
    assert.deepEqual(
      workspaceFindings(
        { ...base, 'CalloutBatch.cls': parent, 'AccountPushBatch.cls': batch('extends CalloutBatch implements Database.Batchable<SObject>') },
        RULE,
      ),
      [],
    );
    // The example job implements Database.AllowsCallouts: nothing to report.
    assert.deepEqual(workspaceFindings(base, RULE), []);
  });

  it('reports the call in Schedulable.execute that leads to a synchronous callout, and accepts one that enqueues the work', () => {
    const sched = `public class NightlyErpSync implements Schedulable {
    public void execute(SchedulableContext sc) {
        new OrderService().pushToErp([SELECT Id FROM Order LIMIT 1]);
    }
}`;
    const found = workspaceFindings({ ...base, 'NightlyErpSync.cls': sched }, RULE);
    assert.deepEqual(
      found.map((f) => [f.at, f.message]),
      [
        [
          spanOf(sched, 'pushToErp([SELECT Id FROM Order LIMIT 1])'),
          'Schedulable NightlyErpSync.execute() reaches a callout through OrderService.pushToErp(). Scheduled Apex cannot call out synchronously. Enqueue a Queueable with Database.AllowsCallouts (or start a batch that allows callouts) from execute, and call out there',
        ],
      ],
    );
    assert.deepEqual(
      found.map((f) => [f.messageId, f.data]),
      [['scheduledReachesCallout', { type: 'NightlyErpSync', callee: 'OrderService.pushToErp()' }]],
    );
    const good = `public class NightlyErpSync implements Schedulable {
    public void execute(SchedulableContext sc) {
        System.enqueueJob(new ErpPushJob([SELECT Id FROM Order LIMIT 1].Id));
    }
}`;
    assert.deepEqual(workspaceFindings({ ...base, 'NightlyErpSync.cls': good }, RULE), []);
  });

  it('reports a send written in Schedulable.execute itself', () => {
    const sched = `public class NightlyPing implements Schedulable {
    public void execute(SchedulableContext sc) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Erp/ping');
        req.setTimeout(5000);
        new Http().send(req);
    }
}`;
    assert.deepEqual(
      workspaceFindings({ 'NightlyPing.cls': sched }, RULE).map((f) => [f.at, f.messageId, f.data, f.message]),
      [
        [
          spanOf(sched, 'send(req)'),
          'scheduledCallout',
          { type: 'NightlyPing' },
          'Callout in Schedulable NightlyPing.execute(). Scheduled Apex cannot call out synchronously. Enqueue a Queueable with Database.AllowsCallouts (or start a batch that allows callouts) from execute, and call out there',
        ],
      ],
    );
  });
});

describe('fixtures of the context rules', () => {
  it('callout-in-trigger: the trigger that calls the handler fixture is reported', () => {
    const handler = fixture('rules/callout-in-trigger.cls');
    const trigger = `trigger OrderTrigger on Order (after insert) {
    OrderSyncHandler.afterInsert(Trigger.new);
}`;
    assert.deepEqual(
      workspaceFindings({ 'OrderSyncHandler.cls': handler, 'OrderTrigger.trigger': trigger }, 'callout-in-trigger').map((f) => [f.file, f.at, f.related]),
      [['OrderTrigger.trigger', spanOf(trigger, 'afterInsert(Trigger.new)'), [`OrderSyncHandler.cls:${spanOf(handler, 'send(req)')} callout (Http.send)`]]],
    );
  });
  it('future-callout-missing: the @future annotation is reported', () => {
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
  it('async-callout-not-allowed: the batch is reported once, and its asynchronous 60 s timeout is fine', () => {
    const src = fixture('rules/async-callout-not-allowed.cls');
    const files = { 'WarehouseSyncBatch.cls': src };
    assert.deepEqual(
      workspaceFindings(files, 'async-callout-not-allowed').map((f) => [f.at, f.related[0]]),
      [[spanOf(src, 'WarehouseSyncBatch'), `WarehouseSyncBatch.cls:${spanOf(src, 'execute', 2)} execute() calls out`]],
    );
    assert.deepEqual(workspaceFindings(files, 'callout-timeout-excessive'), []);
  });
});
