/**
 * callout-blocks-save: a save someone waits on (@AuraEnabled, a page action,
 * a trigger) that makes a synchronous callout whose answer it does not need;
 * and its quick fix, a Platform Event published instead (every file it
 * writes, and its refusals: fixes-publish-event).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { applyFix, rulesAfter } from '../../support/fixes';
import { findings, fixture, spanOf, workspaceFindings } from '../../support/lint';

const RULE = 'callout-blocks-save';

const ADVICE =
  'whenever Named Credential ERP is down or slow, the save fails with it. Publish a Platform Event (PublishAfterCommit) and call out from its subscriber (Fire-and-Forget)';

/** The ERP push as a service class writes it: only the status decides anything. */
const ERP_SERVICE = `public with sharing class ErpService {
    public static void pushOrder(Id orderId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setMethod('POST');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected order ' + orderId + ': ' + res.getBody());
        }
    }
}`;

/** An @AuraEnabled order save with `body` between the request set-up and the end. */
function controller(body: string, annotation = '@AuraEnabled', returns = 'void'): string {
  return `public with sharing class OrderController {
    ${annotation}
    public static ${returns} saveOrder(Order ord) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setMethod('POST');
        req.setTimeout(10000);
${body}
    }
}`;
}

describe(RULE, () => {
  it('reports a send whose response is not read, with the DML as related location', () => {
    const src = controller(`        update ord;
        new Http().send(req);`);
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': src }, RULE), [
      {
        file: 'OrderController.cls',
        ruleId: RULE,
        at: spanOf(src, 'send(req)'),
        messageId: 'saveWaitsOnCallout',
        data: { context: '@AuraEnabled', target: 'Named Credential ERP' },
        message: `This @AuraEnabled save waits on a callout to Named Credential ERP whose answer it does not need: ${ADVICE}`,
        severity: 'warning',
        related: [`OrderController.cls:${spanOf(src, 'update ord')} saves records: update statement`],
      },
    ]);
  });

  it('reports a callout before the DML whose status only decides a throw (no callout-after-dml there)', () => {
    const src = controller(`        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) {
            throw new AuraHandledException('The ERP did not accept the order: ' + res.getStatus());
        }
        ord.Status = 'Sent';
        update ord;`);
    const all = findings(src);
    assert.deepEqual(
      all.map((f) => [f.ruleId, f.at]),
      [[RULE, spanOf(src, 'send(req)')]],
    );
  });

  it('reports a response that is only logged, and a Database DML method', () => {
    const src = controller(`        HttpResponse res = new Http().send(req);
        String body = res.getBody();
        System.debug(LoggingLevel.INFO, 'ERP answered ' + body);
        Database.update(ord);`);
    assert.deepEqual(
      workspaceFindings({ 'OrderController.cls': src }, RULE).map((f) => [f.at, f.messageId, f.related]),
      [[spanOf(src, 'send(req)'), 'saveWaitsOnCallout', [`OrderController.cls:${spanOf(src, 'update(ord)')} saves records: Database.update()`]]],
    );
  });

  it('reports the call in the entry method when a service class calls out, with the send as related location', () => {
    const src = `public with sharing class OrderController {
    @AuraEnabled
    public static Id saveOrder(Order ord) {
        insert ord;
        ErpService.pushOrder(ord.Id);
        return ord.Id;
    }
}`;
    assert.deepEqual(workspaceFindings({ 'OrderController.cls': src, 'ErpService.cls': ERP_SERVICE }, RULE), [
      {
        file: 'OrderController.cls',
        ruleId: RULE,
        at: spanOf(src, 'pushOrder(ord.Id)'),
        messageId: 'saveWaitsThroughCall',
        data: { context: '@AuraEnabled', target: 'Named Credential ERP', callee: 'ErpService.pushOrder()' },
        message: `This @AuraEnabled save waits on a callout to Named Credential ERP (through ErpService.pushOrder()) whose answer it does not need: ${ADVICE}`,
        severity: 'warning',
        related: [
          `ErpService.cls:${spanOf(ERP_SERVICE, 'send(req)')} callout (Http.send)`,
          `OrderController.cls:${spanOf(src, 'insert ord')} saves records: insert statement`,
        ],
      },
    ]);
  });

  it('follows a response a helper returns to a caller that only checks its status', () => {
    const client = `public with sharing class ErpClient {
    public HttpResponse post(String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(body);
        return new Http().send(req);
    }
}`;
    const src = `public with sharing class OrderController {
    @AuraEnabled
    public static void saveOrder(Order ord) {
        upsert ord;
        HttpResponse res = new ErpClient().post(JSON.serialize(ord));
        if (res == null || res.getStatusCode() >= 300) {
            throw new AuraHandledException('ERP push failed');
        }
    }
}`;
    assert.deepEqual(
      workspaceFindings({ 'OrderController.cls': src, 'ErpClient.cls': client }, RULE).map((f) => [f.at, f.data]),
      [[spanOf(src, 'post(JSON.serialize(ord))'), { context: '@AuraEnabled', target: 'Named Credential ERP', callee: 'ErpClient.post()' }]],
    );
  });

  it('reports the other entry points someone waits on: Visualforce action, @InvocableMethod, REST handler', () => {
    const vf = `public with sharing class OrderExtension {
    private final Order ord;
    public OrderExtension(ApexPages.StandardController std) { ord = (Order) std.getRecord(); }
    public PageReference submit() {
        update ord;
        ErpService.pushOrder(ord.Id);
        return null;
    }
}`;
    const invocable = `public with sharing class SubmitOrders {
    @InvocableMethod(label='Submit order')
    public static void submit(List<Id> orderIds) {
        update new Order(Id = orderIds[0], Status = 'Submitted');
        ErpService.pushOrder(orderIds[0]);
    }
}`;
    const rest = `@RestResource(urlMapping='/orders/*')
global with sharing class OrderResource {
    @HttpPost
    global static void create(String name) {
        Order ord = new Order(Name = name);
        insert ord;
        ErpService.pushOrder(ord.Id);
    }
}`;
    const files = { 'OrderExtension.cls': vf, 'SubmitOrders.cls': invocable, 'OrderResource.cls': rest, 'ErpService.cls': ERP_SERVICE };
    assert.deepEqual(
      workspaceFindings(files, RULE).map((f) => [f.file, f.at, f.data?.context]),
      [
        ['OrderExtension.cls', spanOf(vf, 'pushOrder(ord.Id)'), 'Visualforce controller'],
        ['SubmitOrders.cls', spanOf(invocable, 'pushOrder(orderIds[0])'), '@InvocableMethod'],
        ['OrderResource.cls', spanOf(rest, 'pushOrder(ord.Id)'), 'REST resource'],
      ],
    );
  });

  it('names a literal host, and the other system when the endpoint is not known', () => {
    const host = controller(`        req.setEndpoint('https://erp.example.com/orders');
        new Http().send(req);
        update ord;`).replace("req.setEndpoint('callout:ERP/orders');\n", '');
    assert.deepEqual(findings(host, RULE)[0].data, { context: '@AuraEnabled', target: 'erp.example.com' });
    const unknown = controller(`        req.setEndpoint(ord.Endpoint__c);
        new Http().send(req);
        update ord;`).replace("req.setEndpoint('callout:ERP/orders');\n", '');
    assert.deepEqual(findings(unknown, RULE)[0].data, { context: '@AuraEnabled', target: 'the other system' });
  });

  it('reports the fixture', () => {
    const src = fixture('rules/callout-blocks-save.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'send(req)')],
    );
  });

  describe('valid', () => {
    const cases: Record<string, string> = {
      'the body is written to the record': `        HttpResponse res = new Http().send(req);
        ord.Erp_Id__c = res.getBody();
        update ord;`,
      'the answer decides the approval': `        HttpResponse res = new Http().send(req);
        Map<String, Object> credit = (Map<String, Object>) JSON.deserializeUntyped(res.getBody());
        if ((Boolean) credit.get('approved')) {
            ord.Status = 'Approved';
        }
        update ord;`,
      'the answer is used after the DML': `        insert ord;
        HttpResponse res = new Http().send(req);
        Erp_Sync__c sync = new Erp_Sync__c(Order__c = ord.Id, Erp_Id__c = res.getBody());
        System.debug(sync);`,
      'the answer is passed on': `        HttpResponse res = new Http().send(req);
        update ord;
        OrderSync.record(ord, res);`,
      'the save and the callout are on different branches': `        if (ord.Id == null) {
            insert ord;
        } else {
            new Http().send(req);
        }`,
      'nothing is saved': `        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());`,
      'the only DML logs the failure in a catch': `        try {
            new Http().send(req);
        } catch (CalloutException e) {
            insert new Error_Log__c(Message__c = e.getMessage());
        }`,
    };
    for (const [name, body] of Object.entries(cases)) {
      it(name, () => assert.deepEqual(findings(controller(body), RULE), []));
    }
    it('the answer is returned to the user', () => {
      const src = controller(
        `        update ord;
        HttpResponse res = new Http().send(req);
        return res.getBody();`,
        '@AuraEnabled',
        'String',
      );
      assert.deepEqual(findings(src, RULE), []);
    });
    it('a public method no one waits on, and test code', () => {
      assert.deepEqual(findings(controller(`        update ord;\n        new Http().send(req);`, '', 'void'), RULE), []);
      const test = `@IsTest
private class OrderControllerTest {
    @AuraEnabled
    public static void saveOrder(Order ord) {
        HttpRequest req = new HttpRequest();
        update ord;
        new Http().send(req);
    }
}`;
      assert.deepEqual(findings(test, RULE), []);
    });
    it('already asynchronous: the entry point enqueues the push, or calls a @future method', () => {
      const queued = `public with sharing class OrderController {
    @AuraEnabled
    public static void saveOrder(Order ord) {
        update ord;
        System.enqueueJob(new ErpPush(ord.Id));
        ErpFuture.push(ord.Id);
    }
}`;
      const job = `public with sharing class ErpPush implements Queueable, Database.AllowsCallouts {
    private final Id orderId;
    public ErpPush(Id orderId) { this.orderId = orderId; }
    public void execute(QueueableContext ctx) { ErpService.pushOrder(orderId); }
}`;
      const future = `public with sharing class ErpFuture {
    @future(callout=true)
    public static void push(Id orderId) { ErpService.pushOrder(orderId); }
}`;
      assert.deepEqual(
        workspaceFindings({ 'OrderController.cls': queued, 'ErpPush.cls': job, 'ErpFuture.cls': future, 'ErpService.cls': ERP_SERVICE }, RULE),
        [],
      );
    });
    it('the transaction sends an email and enqueues a job, but saves no record', () => {
      const notifier = `public with sharing class OrderNotifier {
    public static void notifyOwner(Id orderId) {
        Messaging.SingleEmailMessage mail = new Messaging.SingleEmailMessage();
        mail.setTargetObjectId(UserInfo.getUserId());
        mail.setPlainTextBody('Order ' + orderId + ' sent to the ERP');
        Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ mail });
    }
}`;
      const src = `public with sharing class OrderController {
    @AuraEnabled
    public static void sendOrder(Id orderId) {
        ErpService.pushOrder(orderId);
        OrderNotifier.notifyOwner(orderId);
        System.enqueueJob(new OrderAudit(orderId));
    }
}`;
      assert.deepEqual(workspaceFindings({ 'OrderController.cls': src, 'OrderNotifier.cls': notifier, 'ErpService.cls': ERP_SERVICE }, RULE), []);
    });
    it('a callee that calls out only when a setting says so keeps the chain latent', () => {
      const service = `public with sharing class ErpService {
    public static void pushOrder(Id orderId) {
        if (!Erp_Settings__c.getInstance().Enabled__c) return;
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setTimeout(10000);
        new Http().send(req);
    }
}`;
      const src = `public with sharing class OrderController {
    @AuraEnabled
    public static void saveOrder(Order ord) {
        update ord;
        ErpService.pushOrder(ord.Id);
    }
}`;
      assert.deepEqual(workspaceFindings({ 'OrderController.cls': src, 'ErpService.cls': service }, RULE), []);
    });
  });
});

/**
 * Issue 23's review of 14 corpus repositories: saves the callout does not
 * block although they share its transaction (analysis/unblocked-saves.ts),
 * and the answer of a SOAP callout (WSDL2Apex's response map).
 */
describe(`${RULE}: saves the callout does not block`, () => {
  const only = (files: Record<string, string>) => workspaceFindings(files, RULE).map((f) => [f.file, f.at, f.messageId, f.related]);

  it('a save that runs only when the status says the other system did it records the answer: not reported', () => {
    // RescheduleCancelMsTeamsMeeting: the meeting record mirrors the reschedule Teams accepted.
    const then = controller(`        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() == 200) {
            ord.Status = 'Sent';
            update ord;
        }`);
    // DemoRequestActivityController.DeleteGTMOnly: the else of a failed status clears the meeting fields.
    const otherwise = controller(`        HttpResponse res = new Http().send(req);
        Integer status = res.getStatusCode();
        if (status != 204) {
            ApexPages.addMessage(new ApexPages.Message(ApexPages.Severity.ERROR, 'Delete failed: ' + res.getStatus()));
            return;
        } else {
            ord.Erp_Id__c = null;
            update ord;
        }`);
    assert.deepEqual(only({ 'OrderController.cls': then }), []);
    assert.deepEqual(only({ 'OrderController.cls': otherwise }), []);
  });

  it('still reports a save after a status check that only throws, and a save outside the branch the status decides', () => {
    const src = controller(`        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() == 200) {
            System.debug('sent');
        }
        update ord;`);
    assert.deepEqual(only({ 'OrderController.cls': src }), [
      [
        'OrderController.cls',
        spanOf(src, 'send(req)'),
        'saveWaitsOnCallout',
        [`OrderController.cls:${spanOf(src, 'update ord')} saves records: update statement`],
      ],
    ]);
  });

  const SOAP_PORT = `public class ErpSoap {
    public class Port {
        public String endpoint_x = 'https://erp.example.com/soap';
        public String pushOrder(String orderId) {
            ErpSoap.PushOrder_element request_x = new ErpSoap.PushOrder_element();
            request_x.orderId = orderId;
            ErpSoap.PushOrderResponse_element response_x;
            Map<String, ErpSoap.PushOrderResponse_element> response_map_x = new Map<String, ErpSoap.PushOrderResponse_element>();
            response_map_x.put('response_x', response_x);
            WebServiceCallout.invoke(
              this,
              request_x,
              response_map_x,
              new String[]{endpoint_x, 'urn:pushOrder', 'urn:erp', 'pushOrder', 'urn:erp', 'pushOrderResponse', 'ErpSoap.PushOrderResponse_element'}
            );
            response_x = response_map_x.get('response_x');
            return response_x.result;
        }
    }
    public class PushOrder_element {
        public String orderId;
    }
    public class PushOrderResponse_element {
        public String result;
    }
}`;

  it('the result a WSDL2Apex port returns decides what the save says: not reported', () => {
    // FtpGStempAccountManager, CRMBotFlow: the SOAP answer arrives through the response map.
    const src = `public with sharing class OrderExtension {
    public String msg;
    private final Order ord;
    public OrderExtension(ApexPages.StandardController std) { ord = (Order) std.getRecord(); }
    public PageReference push() {
        String result = new ErpSoap.Port().pushOrder(ord.Id);
        update ord;
        if (result != 'Success') msg = 'The ERP said: ' + result;
        return null;
    }
}`;
    assert.deepEqual(only({ 'OrderExtension.cls': src, 'ErpSoap.cls': SOAP_PORT }), []);
  });

  it('still reports a WSDL2Apex call whose result no one reads', () => {
    const src = `public with sharing class OrderExtension {
    private final Order ord;
    public OrderExtension(ApexPages.StandardController std) { ord = (Order) std.getRecord(); }
    public PageReference push() {
        new ErpSoap.Port().pushOrder(ord.Id);
        update ord;
        return null;
    }
}`;
    assert.deepEqual(
      workspaceFindings({ 'OrderExtension.cls': src, 'ErpSoap.cls': SOAP_PORT }, RULE).map((f) => [f.at, f.message]),
      [
        [
          spanOf(src, 'pushOrder(ord.Id)'),
          'This Visualforce controller save waits on a callout to the other system (through Port.pushOrder()) whose answer it does not need: whenever the other system is down or slow, the save fails with it. Publish a Platform Event (PublishAfterCommit) and call out from its subscriber (Fire-and-Forget)',
        ],
      ],
    );
  });

  it('a save only tests run is not a save: in a Test.isRunningTest() branch, or of a list filled only there', () => {
    // AccountOwnerRouter, SendAccountToRingLead.
    const branch = controller(`        HttpResponse res = new Http().send(req);
        if (Test.isRunningTest()) {
            ord.Status = 'Sent';
            update ord;
        }`);
    const list = controller(`        List<Order> toUpdate = new List<Order>();
        HttpResponse res = new Http().send(req);
        if (Test.isRunningTest()) {
            toUpdate.add(new Order(Id = ord.Id, Status = 'Sent'));
        }
        if (!toUpdate.isEmpty()) {
            update toUpdate;
        }`);
    assert.deepEqual(only({ 'OrderController.cls': branch }), []);
    assert.deepEqual(only({ 'OrderController.cls': list }), []);
  });

  it('still reports a list that production code fills too', () => {
    const src = controller(`        List<Order> toUpdate = new List<Order>();
        HttpResponse res = new Http().send(req);
        toUpdate.add(ord);
        if (Test.isRunningTest()) {
            toUpdate.add(new Order(Id = ord.Id, Status = 'Sent'));
        }
        update toUpdate;`);
    assert.deepEqual(only({ 'OrderController.cls': src }), [
      [
        'OrderController.cls',
        spanOf(src, 'send(req)'),
        'saveWaitsOnCallout',
        [`OrderController.cls:${spanOf(src, 'update toUpdate')} saves records: update statement`],
      ],
    ]);
  });

  const NOTIFIER = `public with sharing class SlackNotifier {
    public static void notify(Exception ex) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Slack/alerts');
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(ex.getMessage());
        new Http().send(req);
    }
}`;

  it('a callout that reports the failure of the save in its try is not waited on by the save: not reported', () => {
    // CustomerFeedbackExtension.saveRecord.
    const src = `public with sharing class FeedbackExtension {
    private final Customer_Feedback__c feedback;
    public FeedbackExtension(ApexPages.StandardController std) { feedback = (Customer_Feedback__c) std.getRecord(); }
    public PageReference save() {
        try {
            upsert feedback;
        } catch (Exception ex) {
            SlackNotifier.notify(ex);
        }
        return new PageReference('/' + feedback.Id);
    }
}`;
    assert.deepEqual(only({ 'FeedbackExtension.cls': src, 'SlackNotifier.cls': NOTIFIER }), []);
  });

  it('still reports the notify when a save outside that try waits on it', () => {
    const src = `public with sharing class FeedbackExtension {
    private final Customer_Feedback__c feedback;
    public FeedbackExtension(ApexPages.StandardController std) { feedback = (Customer_Feedback__c) std.getRecord(); }
    public PageReference save() {
        try {
            upsert feedback;
        } catch (Exception ex) {
            SlackNotifier.notify(ex);
        }
        insert new Task(WhatId = feedback.Id, Subject = 'Feedback');
        return null;
    }
}`;
    assert.deepEqual(only({ 'FeedbackExtension.cls': src, 'SlackNotifier.cls': NOTIFIER }), [
      [
        'FeedbackExtension.cls',
        spanOf(src, 'notify(ex)'),
        'saveWaitsThroughCall',
        [
          `SlackNotifier.cls:${spanOf(NOTIFIER, 'send(req)')} callout (Http.send)`,
          `FeedbackExtension.cls:${spanOf(src, "insert new Task(WhatId = feedback.Id, Subject = 'Feedback')")} saves records: insert statement`,
        ],
      ],
    ]);
  });
});

describe('quick fixes: callout-blocks-save', () => {
  const DIR = path.resolve('/proj/force-app/main/default');
  const at = (...p: string[]) => path.join(DIR, ...p);
  const PROJECT: ProjectInfo = {
    sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
    namedCredentials: [],
  };
  const SAVE = `public with sharing class OrderController {
    @AuraEnabled
    public static void saveOrder(Order ord) {
        update ord;
        ErpService.pushOrder(ord.Id);
    }
}`;

  it('publishes a Platform Event in place of the call, with its SaveResult checked, and creates the event, its trigger, handler and Queueable', () => {
    const files = { [at('classes', 'OrderController.cls')]: SAVE, [at('classes', 'ErpService.cls')]: ERP_SERVICE };
    const fixed = applyFix(files, RULE, { project: PROJECT });
    assert.deepEqual([fixed.title, fixed.safe], ['Publish a Platform Event instead: EventBus.publish(new ErpServicePushOrder__e(…))', false]);
    assert.equal(
      fixed.texts[at('classes', 'OrderController.cls')],
      SAVE.replace(
        '        ErpService.pushOrder(ord.Id);',
        `        ErpServicePushOrder__e evt = new ErpServicePushOrder__e(Order_Id__c = ord.Id);
        Database.SaveResult published = EventBus.publish(evt);
        if (!published.isSuccess()) {
            Database.Error error = published.getErrors()[0];
            throw new AuraHandledException('ErpServicePushOrder__e not published: ' + error.getStatusCode() + ' ' + error.getMessage());
        }`,
      ),
    );
    assert.equal(fixed.texts[at('classes', 'ErpService.cls')], ERP_SERVICE);
    assert.deepEqual(Object.keys(fixed.created), [
      at('objects', 'ErpServicePushOrder__e', 'ErpServicePushOrder__e.object-meta.xml'),
      at('objects', 'ErpServicePushOrder__e', 'fields', 'Order_Id__c.field-meta.xml'),
      at('triggers', 'ErpServicePushOrderTrigger.trigger'),
      at('triggers', 'ErpServicePushOrderTrigger.trigger-meta.xml'),
      at('classes', 'ErpServicePushOrderHandler.cls'),
      at('classes', 'ErpServicePushOrderHandler.cls-meta.xml'),
      at('classes', 'ErpServicePushOrderJob.cls'),
      at('classes', 'ErpServicePushOrderJob.cls-meta.xml'),
    ]);
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });
});
