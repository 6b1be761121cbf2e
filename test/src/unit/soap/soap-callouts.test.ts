import * as assert from 'node:assert/strict';
import { selectDemand } from '../../../../server/out/select';
import { spanOf, workspaceFindings } from '../../support/lint';
import { ERP_ORDERS, METADATA_SERVICE } from './sources';

/**
 * `WebServiceCallout.invoke` in a WSDL2Apex port is a callout: every
 * cross-method rule reaches it through the port's operations, as it reaches
 * `Http.send` through a client class.
 */
const port = { 'ErpOrders.cls': ERP_ORDERS };
const INVOKE = `ErpOrders.cls:${
  spanOf(ERP_ORDERS, 'invoke(\n              this').split('-')[0]
}-${spanOf(ERP_ORDERS, "'ErpOrders.submitOrderResponse_element'}\n            )").split('-')[1]} callout (WebServiceCallout.invoke)`;

describe('SOAP callouts (WSDL2Apex ports)', () => {
  it('callout-after-dml: the Metadata API read after an update, reported on the operation call', () => {
    const controller = `public with sharing class MetadataSettingsController {
    @AuraEnabled
    public static List<String> layouts(Id accountId) {
        Account acc = new Account(Id = accountId, Description = 'Layouts read');
        update acc;
        MetadataService.MetadataPort service = new MetadataService.MetadataPort();
        service.SessionHeader = new MetadataService.SessionHeader_element();
        service.SessionHeader.sessionId = UserInfo.getSessionId();
        service.endpoint_x = URL.getOrgDomainUrl().toExternalForm() + '/services/Soap/m/42.0';
        service.timeout_x = 60000;
        List<String> names = new List<String>();
        for (MetadataService.Metadata m : service.readMetadata('Layout', new String[] { 'Account-Account Layout' }).getRecords()) {
            names.add(m.fullName);
        }
        return names;
    }
}`;
    const found = workspaceFindings({ 'MetadataService.cls': METADATA_SERVICE, 'MetadataSettingsController.cls': controller }, 'callout-after-dml');
    assert.deepEqual(found, [
      {
        file: 'MetadataSettingsController.cls',
        ruleId: 'callout-after-dml',
        at: spanOf(controller, "readMetadata('Layout', new String[] { 'Account-Account Layout' })"),
        messageId: 'callAfterWork',
        data: { callee: 'MetadataPort.readMetadata()', work: 'update statement', andMore: '' },
        message:
          'This call leads to a callout (MetadataPort.readMetadata()) made after update statement in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts',
        severity: 'error',
        related: [
          `MetadataSettingsController.cls:${spanOf(controller, 'update acc')} pending work: update statement`,
          `MetadataService.cls:${spanOf(METADATA_SERVICE, 'invoke(').split('-')[0]}-${spanOf(METADATA_SERVICE, "'Response_element'}\n            )").split('-')[1]} callout (WebServiceCallout.invoke)`,
        ],
      },
    ]);
  });

  it('callout-in-trigger: a trigger that calls a port operation', () => {
    const trigger = `trigger OrderSubmitTrigger on Order (after insert) {
    ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
    port.timeout_x = 30000;
    port.submitOrder(Trigger.new[0].Id);
}`;
    assert.deepEqual(workspaceFindings({ ...port, 'OrderSubmitTrigger.trigger': trigger }, 'callout-in-trigger'), [
      {
        file: 'OrderSubmitTrigger.trigger',
        ruleId: 'callout-in-trigger',
        at: spanOf(trigger, 'submitOrder(Trigger.new[0].Id)'),
        messageId: 'triggerReachesCallout',
        data: { trigger: 'OrderSubmitTrigger', callee: 'OrdersPort.submitOrder()' },
        message:
          'Trigger OrderSubmitTrigger reaches a synchronous callout through OrdersPort.submitOrder(). Triggers cannot call out synchronously; the callout fails at runtime with a CalloutException. Publish a Platform Event, or enqueue a Queueable with Database.AllowsCallouts (or call a @future(callout=true) method)',
        severity: 'error',
        related: [INVOKE],
      },
    ]);
  });

  it('callout-in-loop: one operation call per record', () => {
    const bulk = `public with sharing class OrderBulkSubmit {
    public static void submitAll(List<Order> orders) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 30000;
        for (Order o : orders) {
            port.submitOrder(o.Id);
        }
    }
}`;
    assert.deepEqual(workspaceFindings({ ...port, 'OrderBulkSubmit.cls': bulk }, 'callout-in-loop'), [
      {
        file: 'OrderBulkSubmit.cls',
        ruleId: 'callout-in-loop',
        at: spanOf(bulk, 'for (Order o : orders)'),
        messageId: 'callInLoop',
        data: { callee: 'OrdersPort.submitOrder()' },
        message:
          'This loop calls OrdersPort.submitOrder(), which makes a callout, on every iteration: one callout per iteration runs into the limit of 100 callouts per transaction. Send one bulk request, or move the work to Batch Apex (Database.Batchable with Database.AllowsCallouts)',
        severity: 'warning',
        related: [`OrderBulkSubmit.cls:${spanOf(bulk, 'submitOrder(o.Id)')} calls OrdersPort.submitOrder()`, INVOKE],
      },
    ]);
  });

  it('async-callout-not-allowed: a Queueable without Database.AllowsCallouts calling an operation', () => {
    const job = `public with sharing class OrderSubmitJob implements Queueable {
    private final Id orderId;

    public OrderSubmitJob(Id orderId) {
        this.orderId = orderId;
    }

    public void execute(QueueableContext context) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 30000;
        port.submitOrder(orderId);
    }
}`;
    assert.deepEqual(workspaceFindings({ ...port, 'OrderSubmitJob.cls': job }, 'async-callout-not-allowed'), [
      {
        file: 'OrderSubmitJob.cls',
        ruleId: 'async-callout-not-allowed',
        at: spanOf(job, 'OrderSubmitJob'),
        messageId: 'missingAllowsCallouts',
        data: { kind: 'Queueable', type: 'OrderSubmitJob', method: 'execute()' },
        message:
          'Queueable OrderSubmitJob makes a callout in execute() but does not implement Database.AllowsCallouts: the callout fails at runtime with a CalloutException. Add Database.AllowsCallouts to implements',
        severity: 'error',
        related: [
          `OrderSubmitJob.cls:${spanOf(job, 'execute')} execute() calls out`,
          `OrderSubmitJob.cls:${spanOf(job, 'submitOrder(orderId)')} calls OrdersPort.submitOrder()`,
          INVOKE,
        ],
      },
    ]);
  });

  it('future-callout-missing: @future without callout=true calling an operation', () => {
    const later = `public with sharing class OrderSubmitLater {
    @future
    public static void submit(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 30000;
        port.submitOrder(orderId);
    }
}`;
    assert.deepEqual(workspaceFindings({ ...port, 'OrderSubmitLater.cls': later }, 'future-callout-missing'), [
      {
        file: 'OrderSubmitLater.cls',
        ruleId: 'future-callout-missing',
        at: spanOf(later, '@future'),
        messageId: 'futureReachesCallout',
        data: { type: 'OrderSubmitLater', method: 'submit', callee: 'OrdersPort.submitOrder()' },
        message:
          '@future method OrderSubmitLater.submit() makes a callout through OrdersPort.submitOrder() but is not declared @future(callout=true): the callout fails at runtime with a CalloutException',
        severity: 'error',
        related: [`OrderSubmitLater.cls:${spanOf(later, 'submitOrder(orderId)')} calls OrdersPort.submitOrder()`, INVOKE],
      },
    ]);
  });

  it('callout-retry-loop: retrying an operation until it answers', () => {
    const retry = `public with sharing class OrderSubmitRetry {
    public static String submit(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 30000;
        Integer failures = 0;
        while (true) {
            try {
                return port.submitOrder(orderId);
            } catch (CalloutException e) {
                failures++;
                if (failures > 2) {
                    throw e;
                }
            }
        }
        return null;
    }
}`;
    const found = workspaceFindings({ ...port, 'OrderSubmitRetry.cls': retry }, 'callout-retry-loop');
    assert.deepEqual(
      found.map((f) => [f.file, f.at, f.messageId, f.related]),
      [
        [
          'OrderSubmitRetry.cls',
          spanOf(retry, 'while (true)'),
          'synchronousRetry',
          [`OrderSubmitRetry.cls:${spanOf(retry, 'submitOrder(orderId)')} the call retried, which makes a callout`],
        ],
      ],
    );
    assert.equal(
      found[0].message,
      'Synchronous retry loop around a callout: every attempt holds the transaction and the user, and spends the 120 s callout budget. Retry asynchronously: a Queueable that re-enqueues itself, or a Platform Event subscriber that throws EventBus.RetryableException',
    );
  });

  it('a project class named WebServiceCallout shadows the system class: its invoke is no callout', () => {
    const shadow = `public class WebServiceCallout {
    public static void invoke(Object stub, Object request, Map<String, Object> response, String[] info) {
        response.put('response_x', null);
    }
}`;
    const trigger = `trigger OrderSubmitTrigger on Order (after insert) {
    new ErpOrders.OrdersPort().submitOrder(Trigger.new[0].Id);
}`;
    assert.deepEqual(workspaceFindings({ ...port, 'WebServiceCallout.cls': shadow, 'OrderSubmitTrigger.trigger': trigger }, 'callout-in-trigger'), []);
    assert.equal(workspaceFindings({ ...port, 'OrderSubmitTrigger.trigger': trigger }, 'callout-in-trigger').length, 1);
  });

  it('reports nothing inside the generated port: no unchecked response status for a SOAP operation', () => {
    assert.deepEqual(workspaceFindings(port, 'unchecked-callout-response'), []);
  });

  it('demand selection parses the operations that are called, not the rest of the port', () => {
    const caller = {
      path: '/p/OrderSubmitLater.cls',
      text: 'public class OrderSubmitLater { @future public static void submit(Id orderId) { new ErpOrders.OrdersPort().submitOrder(orderId); } }',
    };
    const demand = selectDemand([{ path: '/p/ErpOrders.cls', text: ERP_ORDERS }, caller]);
    assert.deepEqual([...demand.paths].sort(), ['/p/ErpOrders.cls', '/p/OrderSubmitLater.cls']);
    const cancel = ERP_ORDERS.indexOf('{', ERP_ORDERS.indexOf('public Boolean cancelOrder('));
    assert.deepEqual(demand.omitted.get('/p/ErpOrders.cls'), [[cancel + 1, ERP_ORDERS.indexOf('\n        }\n    }\n}') + 9]]);
    assert.deepEqual(demand.members.sends, 1);
    // No caller: the port is not parsed at all.
    assert.deepEqual([...selectDemand([{ path: '/p/ErpOrders.cls', text: ERP_ORDERS }]).paths], []);
  });
});

describe('demand selection: SOAP port configuration', () => {
  it('selects a member that configures a port even when it calls no operation (createService() with a literal endpoint_x)', () => {
    const helper = {
      path: '/p/ErpPorts.cls',
      text: "public class ErpPorts { public static ErpOrders.OrdersPort create() { ErpOrders.OrdersPort p = new ErpOrders.OrdersPort(); p.endpoint_x = 'https://erp.example.com/soap'; return p; } }",
    };
    const demand = selectDemand([{ path: '/p/ErpOrders.cls', text: ERP_ORDERS }, helper]);
    assert.deepEqual([...demand.paths].sort(), ['/p/ErpOrders.cls', '/p/ErpPorts.cls']);
    assert.equal(demand.members.sends, 1);
  });
});

describe('demand selection: helpers that return a port', () => {
  it("parses createService(): whether its port has timeout_x decides its callers' findings", () => {
    const examples = {
      path: '/p/Examples.cls',
      text: `public class Examples {
    public static void read() { MetadataService.MetadataPort service = createService(); service.readMetadata('Layout', new String[] { 'X' }); }
    public static MetadataService.MetadataPort createService() { MetadataService.MetadataPort s = new MetadataService.MetadataPort(); return s; }
    public static void unrelated() { System.debug('no port'); }
}`,
    };
    const demand = selectDemand([{ path: '/p/MetadataService.cls', text: METADATA_SERVICE }, examples]);
    const unrelated = examples.text.indexOf('{', examples.text.indexOf('unrelated()'));
    assert.deepEqual(demand.omitted.get('/p/Examples.cls'), [[unrelated + 1, examples.text.indexOf('}', unrelated)]]);
  });
});
