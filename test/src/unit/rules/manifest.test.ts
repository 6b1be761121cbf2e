import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';

/**
 * Cross-method findings are reported only when manifest (docs/principles.md): the
 * callee reaches the send, or leaves the pending work, on every path. Each
 * case below is a small copy of a shape met in real orgs.
 */

const ERP = `public with sharing class Erp {
    public static HttpResponse post(String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(body);
        return new Http().send(req);
    }
}`;

function controller(body: string): string {
  return `public with sharing class OrderController {
    @AuraEnabled
    public static void submit(Id orderId) {
        Order ord = [SELECT Id, Status FROM Order WHERE Id = :orderId];
        update ord;
${body}
    }
}`;
}

const AFTER_DML = 'callout-after-dml';

describe('manifest cross-method findings: guards in the callee', () => {
  it('does not report a callout the callee makes only in one branch of a switch on a configured save method (a logger)', () => {
    const logger = `public with sharing class AppLogger {
    public enum SaveMethod { EVENT_BUS, REST }
    public static void saveLog() {
        saveLog(Settings__c.getInstance().SaveMethod__c == 'REST' ? SaveMethod.REST : SaveMethod.EVENT_BUS);
    }
    public static void saveLog(SaveMethod method) {
        switch on method {
            when REST {
                Erp.post('log');
            }
            when else {
                EventBus.publish(new Log__e());
            }
        }
    }
}`;
    const ctl = controller(`        AppLogger.saveLog();`);
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': ctl, 'AppLogger.cls': logger, 'Erp.cls': ERP }, AFTER_DML), []);
    // A literal argument decides the switch: the REST branch runs, so the callout is manifest.
    const rest = controller(`        AppLogger.saveLog(AppLogger.SaveMethod.REST);`);
    assert.deepEqual(
      workspaceFindings({ 'OrderController.cls': rest, 'AppLogger.cls': logger, 'Erp.cls': ERP }, AFTER_DML).map((f) => f.at),
      [spanOf(rest, 'saveLog(AppLogger.SaveMethod.REST)')],
    );
    const bus = controller(`        AppLogger.saveLog(AppLogger.SaveMethod.EVENT_BUS);`);
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': bus, 'AppLogger.cls': logger, 'Erp.cls': ERP }, AFTER_DML), []);
  });

  it('does not report a callout behind a settings flag with an early return, or an empty-list break', () => {
    const flagged = `public with sharing class ErpSync {
    public static void push(List<Order> orders) {
        if (!Erp_Settings__c.getOrgDefaults().Enabled__c) {
            return;
        }
        for (Order o : orders) {
            if (orders.isEmpty()) {
                break;
            }
            Erp.post(JSON.serialize(o));
        }
    }
    public static void pushOne(Order o) {
        if (!Erp_Settings__c.getOrgDefaults().Enabled__c) {
            return;
        }
        Erp.post(JSON.serialize(o));
    }
}`;
    const ctl = controller(`        ErpSync.push(new List<Order>{ ord });
        ErpSync.pushOne(ord);`);
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': ctl, 'ErpSync.cls': flagged, 'Erp.cls': ERP }, AFTER_DML), []);
  });

  it('reports when a literal argument, or a local assigned just before the call, decides the guard', () => {
    const svc = `public with sharing class ErpSync {
    public static void push(Order o, Boolean now) {
        if (now) {
            Erp.post(JSON.serialize(o));
        } else {
            System.enqueueJob(new ErpPushJob(o.Id));
        }
    }
}`;
    const literal = controller(`        ErpSync.push(ord, true);`);
    assert.deepEqual(
      workspaceFindings({ 'OrderController.cls': literal, 'ErpSync.cls': svc, 'Erp.cls': ERP }, AFTER_DML).map((f) => [f.at, f.related.at(-1)]),
      [[spanOf(literal, 'push(ord, true)'), `Erp.cls:${spanOf(ERP, 'send(req)')} callout (Http.send)`]],
    );
    const local = controller(`        Boolean now = true;
        ErpSync.push(ord, now);`);
    assert.deepEqual(
      workspaceFindings({ 'OrderController.cls': local, 'ErpSync.cls': svc, 'Erp.cls': ERP }, AFTER_DML).map((f) => f.at),
      [spanOf(local, 'push(ord, now)')],
    );
    const later = controller(`        ErpSync.push(ord, false);`);
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': later, 'ErpSync.cls': svc, 'Erp.cls': ERP }, AFTER_DML), []);
  });

  it('follows the production branch of Test.isRunningTest() from production code, and ignores the throw paths of a response check', () => {
    const client = `public with sharing class StatusClient {
    public static String status() {
        if (Test.isRunningTest()) {
            return 'mocked';
        }
        HttpResponse res = Erp.post('status');
        if (res.getStatusCode() != 200) {
            throw new CalloutException('status ' + res.getStatusCode());
        }
        return res.getBody();
    }
}`;
    const ctl = controller(`        StatusClient.status();`);
    assert.deepEqual(
      workspaceFindings({ 'OrderController.cls': ctl, 'StatusClient.cls': client, 'Erp.cls': ERP }, AFTER_DML).map((f) => f.at),
      [spanOf(ctl, 'status()')],
    );
  });

  it('in a test class, reports a callout after DML only when the callee always calls out', () => {
    const svc = `public with sharing class ErpSync {
    public static void pushIfActive(Order o) {
        if (o.Status == 'Activated') {
            Erp.post(JSON.serialize(o));
        }
    }
}`;
    const test = `@IsTest
private class ErpSyncTest {
    @IsTest
    static void pushes() {
        Order o = new Order(Status = 'Draft');
        insert o;
        ErpSync.pushIfActive(o);
        System.assertEquals('Draft', o.Status);
    }
}`;
    assert.deepEqual(workspaceFindings({ 'ErpSyncTest.cls': test, 'ErpSync.cls': svc, 'Erp.cls': ERP }, AFTER_DML), []);
  });
});

describe('manifest cross-method findings: dispatch by what can run', () => {
  const gateway = `public interface Gateway {
    void capture(Id orderId);
}`;
  const prod = `public with sharing class StripeGateway implements Gateway {
    public void capture(Id orderId) {
        Erp.post(String.valueOf(orderId));
    }
}`;
  const mock = `@IsTest
public class MockGateway implements Gateway {
    public void capture(Id orderId) {
        System.debug('captured ' + orderId);
    }
}`;

  it('never dispatches production code to an @IsTest mock', () => {
    const ctl = controller(`        Gateway g = Gateways.current();
        g.capture(ord.Id);`);
    const factory = `public with sharing class Gateways {
    public static Gateway current() {
        return (Gateway) Type.forName(Settings__c.getInstance().Gateway__c).newInstance();
    }
}`;
    // Production dispatch reaches only StripeGateway, which always calls out; the mock does not count.
    assert.deepEqual(
      workspaceFindings(
        { 'OrderController.cls': ctl, 'Gateway.cls': gateway, 'StripeGateway.cls': prod, 'MockGateway.cls': mock, 'Gateways.cls': factory, 'Erp.cls': ERP },
        AFTER_DML,
      ).map((f) => f.at),
      [spanOf(ctl, 'capture(ord.Id)')],
    );
  });

  it('treats Type.forName(...).newInstance() as unknown, not as every implementation', () => {
    const ctl = controller(`        Gateway g = (Gateway) Type.forName(Settings__c.getInstance().Gateway__c).newInstance();
        g.capture(ord.Id);`);
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': ctl, 'Gateway.cls': gateway, 'StripeGateway.cls': prod, 'Erp.cls': ERP }, AFTER_DML), []);
  });

  it('narrows through a simple factory that returns the object it is given', () => {
    const handler = `public interface Handler {
    void execute();
}`;
    const log = `public with sharing class LogHandler implements Handler {
    public void execute() {
        System.debug('logged');
    }
}`;
    const push = `public with sharing class PushHandler implements Handler {
    public void execute() {
        Erp.post('push');
    }
}`;
    const factory = `public with sharing class Handlers {
    public static Handler getHandler(String kind, Handler fallback) {
        return fallback;
    }
}`;
    const files = { 'Handler.cls': handler, 'LogHandler.cls': log, 'PushHandler.cls': push, 'Handlers.cls': factory, 'Erp.cls': ERP };
    const quiet = controller(`        Handlers.getHandler('log', new LogHandler()).execute();`);
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': quiet, ...files }, AFTER_DML), []);
    const loud = controller(`        Handlers.getHandler('push', new PushHandler()).execute();`);
    assert.deepEqual(
      workspaceFindings({ 'OrderController.cls': loud, ...files }, AFTER_DML).map((f) => f.at),
      [spanOf(loud, 'execute()')],
    );
  });

  it('judges Database.AllowsCallouts on the concrete batch that runs, never on its abstract base', () => {
    const base = `public abstract class ErpBatchBase implements Database.Batchable<SObject> {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id FROM Account');
    }
    public void execute(Database.BatchableContext bc, List<SObject> scope) {
        Erp.post(JSON.serialize(scope));
    }
    public void finish(Database.BatchableContext bc) {}
}`;
    const allowed = `public with sharing class AccountErpBatch extends ErpBatchBase implements Database.AllowsCallouts {}`;
    const missing = `public with sharing class ContactErpBatch extends ErpBatchBase {}`;
    const found = workspaceFindings(
      { 'ErpBatchBase.cls': base, 'AccountErpBatch.cls': allowed, 'ContactErpBatch.cls': missing, 'Erp.cls': ERP },
      'async-callout-not-allowed',
    );
    assert.deepEqual(
      found.map((f) => [f.file, f.at, f.message.split(':')[0], f.related[0]]),
      [
        [
          'ContactErpBatch.cls',
          spanOf(missing, 'ContactErpBatch'),
          'Batchable ContactErpBatch makes a callout in ErpBatchBase.execute() but does not implement Database.AllowsCallouts',
          `ErpBatchBase.cls:${spanOf(base, 'execute', 0)} ErpBatchBase.execute() calls out`,
        ],
      ],
    );
  });
});

describe('manifest cross-method findings: triggers', () => {
  it('decides Trigger.isInsert / isAfter from the trigger declaration, and loops over Trigger.new run at least once', () => {
    const handler = `public with sharing class AccountTriggerHandler {
    public static void run(List<Account> records) {
        if (Trigger.isBefore) {
            return;
        }
        for (Account a : records) {
            Erp.post(JSON.serialize(a));
        }
    }
}`;
    const after = `trigger AccountTrigger on Account (after insert) {
    AccountTriggerHandler.run(Trigger.new);
}`;
    const before = `trigger AccountTrigger on Account (before insert) {
    AccountTriggerHandler.run(Trigger.new);
}`;
    assert.deepEqual(
      workspaceFindings({ 'AccountTrigger.trigger': after, 'AccountTriggerHandler.cls': handler, 'Erp.cls': ERP }, 'callout-in-trigger').map((f) => f.at),
      [spanOf(after, 'run(Trigger.new)')],
    );
    assert.deepEqual(workspaceFindings({ 'AccountTrigger.trigger': before, 'AccountTriggerHandler.cls': handler, 'Erp.cls': ERP }, 'callout-in-trigger'), []);
  });
});

describe('manifest cross-method findings: each declared trigger event is a context of its own', () => {
  const dispatcher = `public with sharing class OrderTriggerHandler {
    public static void run(List<Order> records) {
        if (Trigger.isInsert) {
            for (Order o : records) {
                Erp.post(JSON.serialize(o));
            }
        } else if (Trigger.isUpdate) {
            System.debug('updated ' + records.size());
        }
    }
}`;
  it('reports a callout that runs on one of the declared events (every insert), though not on the others', () => {
    const trigger = `trigger OrderTrigger on Order (after insert, after update) {
    OrderTriggerHandler.run(Trigger.new);
}`;
    assert.deepEqual(
      workspaceFindings({ 'OrderTrigger.trigger': trigger, 'OrderTriggerHandler.cls': dispatcher, 'Erp.cls': ERP }, 'callout-in-trigger').map((f) => f.at),
      [spanOf(trigger, 'run(Trigger.new)')],
    );
  });
  it('stays silent when no declared event takes the branch that calls out', () => {
    const trigger = `trigger OrderTrigger on Order (after update, after delete) {
    OrderTriggerHandler.run(Trigger.new);
}`;
    assert.deepEqual(workspaceFindings({ 'OrderTrigger.trigger': trigger, 'OrderTriggerHandler.cls': dispatcher, 'Erp.cls': ERP }, 'callout-in-trigger'), []);
  });
});

describe('manifest cross-method findings: collections the code writes out are never empty', () => {
  const service = `public with sharing class ErpService {
    public static void pushAll(Set<Id> ids) {
        for (Id i : ids) {
            Erp.post(String.valueOf(i));
        }
    }
}`;
  it('reports a @future method whose callee loops over a collection it passes with its elements, or over one it passes through (data fills it: issue 22)', () => {
    const future = `public with sharing class ErpAsync {
    @future
    public static void pushOne(Id recordId) {
        ErpService.pushAll(new Set<Id>{ recordId });
    }
    @future
    public static void pushMany(Set<Id> ids) {
        ErpService.pushAll(ids);
    }
}`;
    assert.deepEqual(
      workspaceFindings({ 'ErpAsync.cls': future, 'ErpService.cls': service, 'Erp.cls': ERP }, 'future-callout-missing').map((f) => f.at),
      [spanOf(future, '@future', 0), spanOf(future, '@future', 1)],
    );
  });
});

describe('a project wrapper is not Http.send', () => {
  it('reports no callout finding on a call to a static send(HttpRequest) of the project', () => {
    const wrapper = `public with sharing class CalloutService {
    public static HttpResponse send(HttpRequest req) {
        req.setTimeout(20000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() >= 400) {
            throw new CalloutException(res.getStatus());
        }
        return res;
    }
}`;
    const caller = `public with sharing class InvoiceSync {
    public static String push(String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Billing/invoices');
        req.setMethod('POST');
        req.setBody(body);
        return CalloutService.send(req).getBody();
    }
}`;
    const files = { 'CalloutService.cls': wrapper, 'InvoiceSync.cls': caller };
    for (const rule of ['callout-timeout-missing', 'unchecked-callout-response'] as const) {
      assert.deepEqual(
        workspaceFindings(files, rule).filter((f) => f.file === 'InvoiceSync.cls'),
        [],
        rule,
      );
    }
  });
});

describe('requests built by project methods', () => {
  const builder = `public with sharing class TwilioClient {
    private HttpRequest buildRequest(String path) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Twilio' + path);
        req.setMethod('GET');
        return req;
    }
    private void log(HttpRequest req) {
        System.debug(req.getEndpoint());
    }
    public HttpResponse get(String path) {
        HttpRequest request = buildRequest(path);
        log(request);
        return new Http().send(request);
    }
    public HttpResponse fetch(String path) {
        return new Http().send(buildRequest(path));
    }
}`;
  it('reports a send whose request comes from a builder that never sets a timeout, with the builder as related location', () => {
    const found = workspaceFindings({ 'TwilioClient.cls': builder }, 'callout-timeout-missing');
    assert.deepEqual(
      found.map((f) => [f.at, f.related]),
      [
        [
          spanOf(builder, 'send(request)'),
          [`TwilioClient.cls:${spanOf(builder, 'buildRequest', 0)} request built by TwilioClient.buildRequest() without setTimeout()`],
        ],
        [
          spanOf(builder, 'send(buildRequest(path))'),
          [`TwilioClient.cls:${spanOf(builder, 'buildRequest', 0)} request built by TwilioClient.buildRequest() without setTimeout()`],
        ],
      ],
    );
  });
  it('does not report when a method that receives the request may set its timeout', () => {
    const configured = builder.replace('System.debug(req.getEndpoint());', 'req.setTimeout(15000);');
    assert.deepEqual(
      workspaceFindings({ 'TwilioClient.cls': configured }, 'callout-timeout-missing').map((f) => f.at),
      [spanOf(configured, 'send(buildRequest(path))')],
    );
  });
});
