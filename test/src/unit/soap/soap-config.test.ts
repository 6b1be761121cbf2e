import * as assert from 'node:assert/strict';
import { applyFix, rulesAfter } from '../../support/fixes';
import { spanOf, workspaceFindings } from '../../support/lint';
import { ERP_ORDERS, METADATA_SERVICE } from './sources';

/** The port object's `_x` fields are its request configuration: judged at the caller, never inside the generated class. */
const ports = { 'ErpOrders.cls': ERP_ORDERS, 'MetadataService.cls': METADATA_SERVICE };
const METADATA_TIMEOUT = `MetadataService.cls:${spanOf(METADATA_SERVICE, 'timeout_x')} MetadataService.MetadataPort.timeout_x, never set`;
const ORDERS_TIMEOUT = `ErpOrders.cls:${spanOf(ERP_ORDERS, 'timeout_x')} ErpOrders.OrdersPort.timeout_x, never set`;

describe('SOAP port configuration', () => {
  describe('callout-timeout-missing', () => {
    const RULE = 'callout-timeout-missing';
    const examples = `public with sharing class MetadataExamples {
    public static List<String> layouts() {
        MetadataService.MetadataPort service = createService();
        List<String> names = new List<String>();
        for (MetadataService.Metadata m : service.readMetadata('Layout', new String[] { 'Account-Account Layout' }).getRecords()) {
            names.add(m.fullName);
        }
        return names;
    }

    public static MetadataService.IReadResult inline() {
        return createService().readMetadata('Layout', new String[] { 'Account-Account Layout' });
    }

    public static String submit(Id orderId, Boolean slow) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        if (slow) {
            port.timeout_x = 60000;
        }
        return port.submitOrder(orderId);
    }

    public static MetadataService.MetadataPort createService() {
        MetadataService.MetadataPort service = new MetadataService.MetadataPort();
        service.SessionHeader = new MetadataService.SessionHeader_element();
        service.SessionHeader.sessionId = UserInfo.getSessionId();
        return service;
    }
}`;

    it("reports the operation call of a port that reaches it without timeout_x: the Metadata API's createService(), inline, and one branch", () => {
      assert.deepEqual(workspaceFindings({ ...ports, 'MetadataExamples.cls': examples }, RULE), [
        {
          file: 'MetadataExamples.cls',
          ruleId: RULE,
          at: spanOf(examples, "readMetadata('Layout', new String[] { 'Account-Account Layout' })"),
          messageId: 'missingPortTimeout',
          data: { portClass: 'MetadataService.MetadataPort', operation: 'readMetadata', port: 'service' },
          message:
            "SOAP callout without an explicit timeout: port 'service' (MetadataService.MetadataPort) reaches readMetadata() without timeout_x set, so the silent 10 s default applies",
          severity: 'warning',
          related: [METADATA_TIMEOUT],
        },
        {
          file: 'MetadataExamples.cls',
          ruleId: RULE,
          at: spanOf(examples, "readMetadata('Layout', new String[] { 'Account-Account Layout' })", 1),
          messageId: 'missingPortTimeoutUnnamed',
          data: { portClass: 'MetadataService.MetadataPort', operation: 'readMetadata' },
          message:
            'SOAP callout without an explicit timeout: the MetadataService.MetadataPort port reaches readMetadata() without timeout_x set, so the silent 10 s default applies',
          severity: 'warning',
          related: [METADATA_TIMEOUT],
        },
        {
          file: 'MetadataExamples.cls',
          ruleId: RULE,
          at: spanOf(examples, 'submitOrder(orderId)'),
          messageId: 'missingPortTimeout',
          data: { portClass: 'ErpOrders.OrdersPort', operation: 'submitOrder', port: 'port' },
          message:
            "SOAP callout without an explicit timeout: port 'port' (ErpOrders.OrdersPort) reaches submitOrder() without timeout_x set, so the silent 10 s default applies",
          severity: 'warning',
          related: [ORDERS_TIMEOUT],
        },
      ]);
    });

    const valid: Record<string, string> = {
      'timeout_x set by the caller before the call': `public class V {
    public static String go(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 30000;
        return port.submitOrder(orderId);
    }
}`,
      'the port handed to a method that may set it': `public class V {
    public static String go(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        configure(port);
        return port.submitOrder(orderId);
    }
    private static void configure(ErpOrders.OrdersPort port) {
        port.timeout_x = 20000;
    }
}`,
      'a helper that sets timeout_x before it returns the port': `public class V {
    public static String go(Id orderId) {
        return createPort().submitOrder(orderId);
    }
    private static ErpOrders.OrdersPort createPort() {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 20000;
        return port;
    }
}`,
      'a port received as a parameter (the caller configures it)': `public class V {
    public static String go(ErpOrders.OrdersPort port, Id orderId) {
        return port.submitOrder(orderId);
    }
}`,
      'a test calling the port against a WebServiceMock': `@IsTest
private class V {
    @IsTest
    static void submits() {
        Test.setMock(WebServiceMock.class, new ErpOrdersMock());
        System.assertEquals('OK', new ErpOrders.OrdersPort().submitOrder('801000000000001'));
    }
}`,
    };
    for (const [name, src] of Object.entries(valid)) {
      it(`valid: ${name}`, () => assert.deepEqual(workspaceFindings({ ...ports, 'V.cls': src }, RULE), []));
    }

    it('valid: a port class whose initializer sets timeout_x', () => {
      const preset = ERP_ORDERS.replace('public Integer timeout_x;', 'public Integer timeout_x = 30000;');
      const src = `public class V {
    public static String go(Id orderId) {
        return new ErpOrders.OrdersPort().submitOrder(orderId);
    }
}`;
      assert.deepEqual(workspaceFindings({ 'ErpOrders.cls': preset, 'V.cls': src }, RULE), []);
      assert.equal(workspaceFindings({ 'ErpOrders.cls': ERP_ORDERS, 'V.cls': src }, RULE).length, 1);
    });
  });

  it('callout-timeout-excessive: timeout_x above the synchronous limit, on the assignment', () => {
    const src = `public with sharing class OrderFulfilmentController {
    @AuraEnabled
    public static void fulfil(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 120000;
        port.submitOrder(orderId);
        ErpOrders.OrdersPort slow = new ErpOrders.OrdersPort();
        slow.timeout_x = 180000;
        slow.cancelOrder(orderId);
    }
}`;
    const found = workspaceFindings({ ...ports, 'OrderFulfilmentController.cls': src }, 'callout-timeout-excessive');
    assert.deepEqual(
      found.map((f) => [f.at, f.messageId, f.message, f.severity]),
      [
        [
          spanOf(src, 'port.timeout_x = 120000'),
          'aboveSyncLimit',
          'Timeout of 120000 ms exceeds the 15000 ms limit for synchronous code (reached from @AuraEnabled OrderFulfilmentController.fulfil()): a user would wait that long',
          'warning',
        ],
        [
          spanOf(src, 'slow.timeout_x = 180000'),
          'outsideAllowedRange',
          'Timeout of 180000 ms is outside the allowed 1..120000 ms: the callout fails at runtime',
          'error',
        ],
      ],
    );
  });

  it('callout-budget-exceeded: two operations at 120 s each, counted at the caller', () => {
    const src = `public with sharing class OrderFulfilmentController {
    @AuraEnabled
    public static void fulfil(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        port.timeout_x = 120000;
        port.submitOrder(orderId);
        port.cancelOrder(orderId);
    }
}`;
    assert.deepEqual(workspaceFindings({ ...ports, 'OrderFulfilmentController.cls': src }, 'callout-budget-exceeded'), [
      {
        file: 'OrderFulfilmentController.cls',
        ruleId: 'callout-budget-exceeded',
        at: spanOf(src, 'fulfil'),
        messageId: 'budgetExceeded',
        data: { context: '@AuraEnabled', time: '240 s' },
        message:
          'This @AuraEnabled transaction can spend 240 s waiting on callouts one after another: more than the 120 s a transaction allows, so the last callouts fail with a CalloutException. Lower the timeouts, make fewer calls, or move some to a Queueable of their own',
        severity: 'warning',
        related: [
          `OrderFulfilmentController.cls:${spanOf(src, 'submitOrder(orderId)')} SOAP callout, up to 120 s`,
          `OrderFulfilmentController.cls:${spanOf(src, 'cancelOrder(orderId)')} SOAP callout, up to 120 s`,
        ],
      },
    ]);
  });
});

describe('quick fixes: callout-timeout-missing (SOAP ports)', () => {
  it('sets timeout_x after the port is configured, and the rule no longer fires', () => {
    const src = `public with sharing class MetadataExamples {
    public static MetadataService.IReadResult layouts() {
        MetadataService.MetadataPort service = new MetadataService.MetadataPort();
        service.SessionHeader = new MetadataService.SessionHeader_element();
        service.SessionHeader.sessionId = UserInfo.getSessionId();
        return service.readMetadata('Layout', new String[] { 'Account-Account Layout' });
    }
}`;
    const fixed = applyFix({ ...ports, 'MetadataExamples.cls': src }, 'callout-timeout-missing');
    assert.deepEqual([fixed.title, fixed.safe], ['Set an explicit timeout: service.timeout_x = 10000;', true]);
    assert.equal(
      fixed.texts['MetadataExamples.cls'],
      src.replace('        return service.readMetadata(', '        service.timeout_x = 10000;\n        return service.readMetadata('),
    );
    assert.deepEqual(
      rulesAfter(fixed).filter((r) => r.endsWith('callout-timeout-missing')),
      [],
    );
  });
});
