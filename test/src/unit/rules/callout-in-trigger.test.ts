/** callout-in-trigger: a trigger that reaches a synchronous callout, through handlers, frameworks and base classes. */
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

  it('fixture: the trigger that calls the handler is reported', () => {
    const handler = fixture('rules/callout-in-trigger.cls');
    const trigger = `trigger OrderTrigger on Order (after insert) {
    OrderSyncHandler.afterInsert(Trigger.new);
}`;
    assert.deepEqual(
      workspaceFindings({ 'OrderSyncHandler.cls': handler, 'OrderTrigger.trigger': trigger }, 'callout-in-trigger').map((f) => [f.file, f.at, f.related]),
      [['OrderTrigger.trigger', spanOf(trigger, 'afterInsert(Trigger.new)'), [`OrderSyncHandler.cls:${spanOf(handler, 'send(req)')} callout (Http.send)`]]],
    );
  });
});
