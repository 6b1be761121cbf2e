import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';
import { ERP_CLIENT, ORDER_SERVICE } from '../index/sources';

/** The local rules, upgraded by the workspace index. */
describe('callout-timeout-excessive judged by the transaction contexts that reach the method', () => {
  const RULE = 'callout-timeout-excessive';
  const client = `public class WarehouseClient {
    public static HttpResponse upload(String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Warehouse/upload');
        req.setMethod('PUT');
        req.setTimeout(90000);
        req.setBody(body);
        return new Http().send(req);
    }
}`;
  const job = `public class WarehouseJob implements Queueable, Database.AllowsCallouts {
    public void execute(QueueableContext ctx) {
        WarehouseClient.upload('{}');
    }
}`;
  const controller = `public class WarehouseController {
    @AuraEnabled
    public static void uploadNow() {
        WarehouseClient.upload('{}');
    }
}`;

  it('accepts 90 s in a helper that only a Queueable reaches', () => {
    assert.deepEqual(workspaceFindings({ 'WarehouseClient.cls': client, 'WarehouseJob.cls': job }, RULE), []);
  });

  it('reports 90 s when an @AuraEnabled method reaches the helper too, naming the contexts', () => {
    assert.deepEqual(
      workspaceFindings({ 'WarehouseClient.cls': client, 'WarehouseJob.cls': job, 'WarehouseController.cls': controller }, RULE).map((f) => [
        f.file,
        f.at,
        f.message,
      ]),
      [
        [
          'WarehouseClient.cls',
          spanOf(client, 'setTimeout(90000)'),
          'Timeout of 90000 ms exceeds the 15000 ms limit for synchronous code (reached from @AuraEnabled WarehouseController.uploadNow(), Queueable WarehouseJob.execute()): a user would wait that long',
        ],
      ],
    );
  });
});

describe('callout-timeout-missing follows requests built by helpers in other classes', () => {
  const RULE = 'callout-timeout-missing';
  const factory = (timeout: string) => `public class ErpRequests {
    public HttpRequest order(Id orderId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setMethod('GET');${timeout}
        return req;
    }
}`;
  const caller = `public class OrderLookup {
    public static String status(Id orderId) {
        ErpRequests requests = new ErpRequests();
        HttpRequest req = requests.order(orderId);
        HttpResponse res = new Http().send(req);
        return res.getStatusCode() == 200 ? res.getBody() : null;
    }
}`;

  it('reports the send when the helper, called through an instance, never sets a timeout', () => {
    assert.deepEqual(
      workspaceFindings({ 'ErpRequests.cls': factory(''), 'OrderLookup.cls': caller }, RULE).map((f) => [f.file, f.at]),
      [['OrderLookup.cls', spanOf(caller, 'send(req)')]],
    );
  });

  it('accepts it when the helper sets the timeout', () => {
    assert.deepEqual(workspaceFindings({ 'ErpRequests.cls': factory('\n        req.setTimeout(10000);'), 'OrderLookup.cls': caller }, RULE), []);
  });
});

describe('loop rules see callouts made inside called methods', () => {
  it('callout-retry-loop: reports a retry loop around a call that makes a callout', () => {
    const retry = `public class OrderPushRetry {
    public static void push(Order ord) {
        Integer attempts = 0;
        Boolean done = false;
        while (!done && attempts < 3) {
            attempts++;
            try {
                new OrderService().pushToErp(ord);
                done = true;
            } catch (CalloutException e) {
                System.debug(LoggingLevel.WARN, 'retrying: ' + e.getMessage());
            }
        }
    }
}`;
    const found = workspaceFindings({ 'OrderPushRetry.cls': retry, 'OrderService.cls': ORDER_SERVICE, 'ErpClient.cls': ERP_CLIENT }, 'callout-retry-loop');
    assert.deepEqual(
      found.map((f) => [f.file, f.at, f.messageId, f.related]),
      [
        [
          'OrderPushRetry.cls',
          spanOf(retry, 'while (!done && attempts < 3)'),
          'synchronousRetry',
          [`OrderPushRetry.cls:${spanOf(retry, 'pushToErp(ord)')} the call retried, which makes a callout`],
        ],
      ],
    );
  });

  it('callout-in-loop: reports a call per record that makes a callout, and not a loop of calls that do not', () => {
    const perRecord = `public class OrderBulkPush {
    public static void pushAll(List<Order> orders) {
        OrderService service = new OrderService();
        for (Order o : orders) {
            service.pushToErp(o);
        }
        for (Order o : orders) {
            o.Description = String.valueOf(o.Id);
        }
    }
}`;
    const found = workspaceFindings({ 'OrderBulkPush.cls': perRecord, 'OrderService.cls': ORDER_SERVICE, 'ErpClient.cls': ERP_CLIENT }, 'callout-in-loop');
    assert.deepEqual(
      found.map((f) => [f.file, f.at, f.message]),
      [
        [
          'OrderBulkPush.cls',
          spanOf(perRecord, 'for (Order o : orders)'),
          'This loop calls OrderService.pushToErp(), which makes a callout, on every iteration: one callout per iteration runs into the limit of 100 callouts per transaction. Send one bulk request, or move the work to Batch Apex (Database.Batchable with Database.AllowsCallouts)',
        ],
      ],
    );
    assert.deepEqual(
      found.map((f) => [f.messageId, f.data]),
      [['callInLoop', { callee: 'OrderService.pushToErp()' }]],
    );
  });
});
