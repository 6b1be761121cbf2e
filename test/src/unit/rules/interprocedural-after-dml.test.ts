import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';
import { ERP_CLIENT, ORDER_REPOSITORY, ORDER_SERVICE, PUSH_JOB } from '../index/sources';

const RULE = 'callout-after-dml';

function controller(body: string): string {
  return `public with sharing class OrderController {
    @AuraEnabled
    public static void submit(Id orderId, Boolean now) {
        Order ord = [SELECT Id, Status FROM Order WHERE Id = :orderId];
${body}
    }
}`;
}

function run(ctl: string, extra: Record<string, string> = {}) {
  return workspaceFindings(
    {
      'OrderController.cls': ctl,
      'OrderService.cls': ORDER_SERVICE,
      'ErpClient.cls': ERP_CLIENT,
      'OrderRepository.cls': ORDER_REPOSITORY,
      'ErpPushJob.cls': PUSH_JOB,
      ...extra,
    },
    RULE,
  );
}

describe(`${RULE} across methods and classes`, () => {
  it('reports the call that leads to a callout three calls down, after an update, with the chain as related locations', () => {
    const ctl = controller(`        ord.Status = 'Submitted';
        update ord;
        new OrderService().pushToErp(ord);`);
    assert.deepEqual(run(ctl), [
      {
        file: 'OrderController.cls',
        ruleId: RULE,
        at: spanOf(ctl, 'pushToErp(ord)'),
        messageId: 'callAfterWork',
        data: { callee: 'OrderService.pushToErp()', work: 'update statement', andMore: '' },
        message:
          'This call leads to a callout (OrderService.pushToErp()) made after update statement in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts',
        severity: 'error',
        related: [
          `OrderController.cls:${spanOf(ctl, 'update ord')} pending work: update statement`,
          `OrderService.cls:${spanOf(ORDER_SERVICE, "post('orders', JSON.serialize(ord))")} calls ErpClient.post()`,
          `ErpClient.cls:${spanOf(ERP_CLIENT, 'send(req)')} callout (Http.send)`,
        ],
      },
    ]);
  });

  it('reports pending work left by a called method, pointing at the call and at the DML inside it', () => {
    const ctl = controller(`        OrderRepository.markSubmitted(ord);
        new OrderService().pushToErp(ord);`);
    const found = run(ctl);
    assert.equal(found.length, 1);
    assert.equal(found[0].at, spanOf(ctl, 'pushToErp(ord)'));
    assert.match(found[0].message, /made after OrderRepository\.markSubmitted\(\) \(update statement\) in the same transaction/);
    assert.deepEqual(
      [found[0].messageId, found[0].data],
      ['callAfterWork', { callee: 'OrderService.pushToErp()', work: 'OrderRepository.markSubmitted() (update statement)', andMore: '' }],
    );
    assert.deepEqual(found[0].related.slice(0, 2), [
      `OrderController.cls:${spanOf(ctl, 'markSubmitted(ord)')} pending work: OrderRepository.markSubmitted() (update statement)`,
      `OrderRepository.cls:${spanOf(ORDER_REPOSITORY, 'update ord')} pending work: update statement`,
    ]);
  });

  it('accepts the callout before the DML, the DML in a sibling branch, and the async hand-off after the DML', () => {
    assert.deepEqual(
      run(
        controller(`        new OrderService().pushToErp(ord);
        update ord;`),
      ),
      [],
    );
    assert.deepEqual(
      run(
        controller(`        if (now) {
            new OrderService().pushToErp(ord);
        } else {
            update ord;
        }`),
      ),
      [],
    );
    assert.deepEqual(
      run(
        controller(`        update ord;
        OrderService.pushLater(ord.Id);`),
      ),
      [],
    );
  });

  it('treats a @future(callout=true) method as an async boundary, and a call to it as pending work', () => {
    const audit = `public class AuditLog {
    @future(callout=true)
    public static void send(Id orderId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Audit/orders/' + orderId);
        req.setMethod('POST');
        req.setTimeout(5000);
        new Http().send(req);
    }
}`;
    assert.deepEqual(
      run(
        controller(`        update ord;
        AuditLog.send(ord.Id);`),
        { 'AuditLog.cls': audit },
      ),
      [],
    );
    const ctl = controller(`        AuditLog.send(ord.Id);
        new OrderService().pushToErp(ord);`);
    const found = run(ctl, { 'AuditLog.cls': audit });
    assert.deepEqual(
      found.map((f) => f.at),
      [spanOf(ctl, 'pushToErp(ord)')],
    );
    assert.match(found[0].message, /made after call to @future method AuditLog\.send\(\) in the same transaction/);
  });

  it('carries work from one loop iteration to the next: callout then update inside a for over records', () => {
    const ctl = controller(`        for (Order o : [SELECT Id FROM Order WHERE Status = 'Draft']) {
            new OrderService().pushToErp(o);
            update o;
        }`);
    assert.deepEqual(
      run(ctl).map((f) => f.at),
      [spanOf(ctl, 'pushToErp(o)')],
    );
  });

  it('sees work done in a try from its catch', () => {
    const ctl = controller(`        try {
            insert new Task(Subject = 'Submitted');
        } catch (DmlException e) {
            new OrderService().pushToErp(ord);
        }`);
    assert.deepEqual(
      run(ctl).map((f) => f.at),
      [spanOf(ctl, 'pushToErp(ord)')],
    );
  });

  it('reports a call through an interface only when every implementation calls out (the one that runs is chosen by data)', () => {
    const gateway = `public interface PaymentGateway {
    void capture(Id orderId);
}`;
    const stripe = `public class StripeGateway implements PaymentGateway {
    public void capture(Id orderId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Stripe/v1/charges');
        req.setMethod('POST');
        req.setTimeout(10000);
        new Http().send(req);
    }
}`;
    const offline = `public class OfflineGateway implements PaymentGateway {
    public void capture(Id orderId) {
        insert new Task(Subject = 'Capture ' + orderId);
    }
}`;
    const adyen = `public class AdyenGateway implements PaymentGateway {
    public void capture(Id orderId) {
        new ErpClient().post('adyen/captures', String.valueOf(orderId));
    }
}`;
    const ctl = controller(`        PaymentGateway gateway = PaymentGateways.forOrder(ord);
        update ord;
        gateway.capture(ord.Id);`);
    const factory = `public class PaymentGateways {
    public static PaymentGateway forOrder(Order ord) {
        return ord.Status == 'Offline' ? (PaymentGateway) new OfflineGateway() : new StripeGateway();
    }
}`;
    const files = { 'PaymentGateway.cls': gateway, 'StripeGateway.cls': stripe, 'PaymentGateways.cls': factory };
    // Offline records its capture as a Task: which gateway runs depends on the order, so the callout is latent.
    assert.deepEqual(run(ctl, { ...files, 'OfflineGateway.cls': offline }), []);
    // Every gateway calls out: manifest, whichever runs.
    assert.deepEqual(
      run(ctl, { ...files, 'AdyenGateway.cls': adyen }).map((f) => [f.at, f.related[1]]),
      [[spanOf(ctl, 'capture(ord.Id)'), `StripeGateway.cls:${spanOf(stripe, 'send(req)')} callout (Http.send)`]],
    );
  });

  it('terminates on recursion and still finds the callout', () => {
    const tree = `public class CategorySync {
    public static void syncTree(Id parentId, Integer depth) {
        if (depth > 3) {
            return;
        }
        pushNode(parentId, depth);
    }

    private static void pushNode(Id nodeId, Integer depth) {
        new ErpClient().post('categories', String.valueOf(nodeId));
        syncTree(nodeId, depth + 1);
    }
}`;
    const ctl = controller(`        update ord;
        CategorySync.syncTree(ord.Id, 0);`);
    assert.deepEqual(
      run(ctl, { 'CategorySync.cls': tree }).map((f) => f.at),
      [spanOf(ctl, 'syncTree(ord.Id, 0)')],
    );
  });

  it('does not take a user class named like a system class for the system class', () => {
    const userDatabase = `public class Database {
    public static void insert(SObject record) {
        System.debug('staged ' + record);
    }
}`;
    const userHttp = `public class Http {
    public HttpResponse send(HttpRequest req) {
        return new HttpResponse();
    }
}`;
    const ctl = `public class Stager {
    public static void stage(Order ord, HttpRequest req) {
        Database.insert(ord);
        HttpResponse res = new Http().send(req);
    }
}`;
    assert.deepEqual(workspaceFindings({ 'Stager.cls': ctl, 'Database.cls': userDatabase, 'Http.cls': userHttp }, RULE), []);
    assert.deepEqual(
      workspaceFindings({ 'Stager.cls': ctl }, RULE).map((f) => f.at),
      [spanOf(ctl, 'send(req)')],
    );
  });
});
