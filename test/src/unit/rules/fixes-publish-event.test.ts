/**
 * "Publish a Platform Event instead" on callout-blocks-save: the exact text of
 * every file it produces for an @AuraEnabled save that pushes to the ERP before
 * saving, and the refusals (a value with no event field type, a send written in
 * the entry method) that leave the finding without a fix but with the reason.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { lint } from '../../../../server/out/core/lint';
import { resolveConfig } from '../../../../server/out/core/config';
import { applyFix, rulesAfter } from '../../support/fixes';

const ROOT = path.resolve('/proj/force-app/main/default');
const at = (...p: string[]) => path.join(ROOT, ...p);
const PROJECT: ProjectInfo = {
  sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
  namedCredentials: [],
};

const ERP_ORDERS = `public with sharing class ErpOrders {
    public static void push(Id orderId, String orderNumber, Decimal amount, Integer lineCount, Boolean rush, Date due, List<String> lineCodes) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(JSON.serialize(new Map<String, Object>{ 'number' => orderNumber, 'amount' => amount, 'lines' => lineCount, 'rush' => rush, 'due' => due, 'codes' => lineCodes }));
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected ' + orderId);
        }
    }
}`;

const CONTROLLER = `public with sharing class OrderSaveController {
    @AuraEnabled
    public static Id saveOrder(Order ord) {
        ErpOrders.push(ord.Id, ord.OrderNumber, ord.TotalAmount, 2, false, ord.EffectiveDate, new List<String>{ 'A1', 'B2' });
        upsert ord;
        return ord.Id;
    }
}`;

describe('quick fixes: callout-blocks-save → Publish a Platform Event instead', () => {
  const files = { [at('classes', 'OrderSaveController.cls')]: CONTROLLER, [at('classes', 'ErpOrders.cls')]: ERP_ORDERS };

  it('publishes an event after commit in place of the call, and a trigger hands each event to the Queueable', () => {
    const fixed = applyFix(files, 'callout-blocks-save', { project: PROJECT });
    assert.deepEqual([fixed.title, fixed.safe], ['Publish a Platform Event instead: EventBus.publish(new ErpOrdersPush__e(…))', false]);
    assert.equal(
      fixed.texts[at('classes', 'OrderSaveController.cls')],
      `public with sharing class OrderSaveController {
    @AuraEnabled
    public static Id saveOrder(Order ord) {
        ErpOrdersPush__e evt = new ErpOrdersPush__e(Order_Id__c = ord.Id, Order_Number__c = ord.OrderNumber, Amount__c = ord.TotalAmount, Line_Count__c = 2, Rush__c = false, Due__c = ord.EffectiveDate, Line_Codes__c = JSON.serialize(new List<String>{ 'A1', 'B2' }));
        Database.SaveResult published = EventBus.publish(evt);
        if (!published.isSuccess()) {
            Database.Error error = published.getErrors()[0];
            throw new AuraHandledException('ErpOrdersPush__e not published: ' + error.getStatusCode() + ' ' + error.getMessage());
        }
        upsert ord;
        return ord.Id;
    }
}`,
    );
    assert.equal(fixed.texts[at('classes', 'ErpOrders.cls')], ERP_ORDERS);
    assert.deepEqual(fixed.created, {
      [at('objects', 'ErpOrdersPush__e', 'ErpOrdersPush__e.object-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <description>Asks for ErpOrders.push() after the publishing transaction commits; ErpOrdersPushHandler enqueues ErpOrdersPushJob per event.</description>
    <eventType>HighVolume</eventType>
    <label>Erp Orders Push Event</label>
    <pluralLabel>Erp Orders Push Events</pluralLabel>
    <publishBehavior>PublishAfterCommit</publishBehavior>
</CustomObject>
`,
      [at('objects', 'ErpOrdersPush__e', 'fields', 'Order_Id__c.field-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Order_Id__c</fullName>
    <description>The orderId argument (Id) of ErpOrders.push().</description>
    <externalId>false</externalId>
    <isFilteringDisabled>false</isFilteringDisabled>
    <isNameField>false</isNameField>
    <isSortingDisabled>false</isSortingDisabled>
    <label>Order Id</label>
    <length>18</length>
    <required>false</required>
    <type>Text</type>
    <unique>false</unique>
</CustomField>
`,
      [at('objects', 'ErpOrdersPush__e', 'fields', 'Order_Number__c.field-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Order_Number__c</fullName>
    <description>The orderNumber argument (String) of ErpOrders.push().</description>
    <externalId>false</externalId>
    <isFilteringDisabled>false</isFilteringDisabled>
    <isNameField>false</isNameField>
    <isSortingDisabled>false</isSortingDisabled>
    <label>Order Number</label>
    <length>255</length>
    <required>false</required>
    <type>Text</type>
    <unique>false</unique>
</CustomField>
`,
      [at('objects', 'ErpOrdersPush__e', 'fields', 'Amount__c.field-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Amount__c</fullName>
    <description>The amount argument (Decimal) of ErpOrders.push().</description>
    <externalId>false</externalId>
    <isFilteringDisabled>false</isFilteringDisabled>
    <isNameField>false</isNameField>
    <isSortingDisabled>false</isSortingDisabled>
    <label>Amount</label>
    <precision>18</precision>
    <required>false</required>
    <scale>6</scale>
    <type>Number</type>
    <unique>false</unique>
</CustomField>
`,
      [at('objects', 'ErpOrdersPush__e', 'fields', 'Line_Count__c.field-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Line_Count__c</fullName>
    <description>The lineCount argument (Integer) of ErpOrders.push().</description>
    <externalId>false</externalId>
    <isFilteringDisabled>false</isFilteringDisabled>
    <isNameField>false</isNameField>
    <isSortingDisabled>false</isSortingDisabled>
    <label>Line Count</label>
    <precision>18</precision>
    <required>false</required>
    <scale>0</scale>
    <type>Number</type>
    <unique>false</unique>
</CustomField>
`,
      [at('objects', 'ErpOrdersPush__e', 'fields', 'Rush__c.field-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Rush__c</fullName>
    <defaultValue>false</defaultValue>
    <description>The rush argument (Boolean) of ErpOrders.push().</description>
    <externalId>false</externalId>
    <isFilteringDisabled>false</isFilteringDisabled>
    <isNameField>false</isNameField>
    <isSortingDisabled>false</isSortingDisabled>
    <label>Rush</label>
    <type>Checkbox</type>
</CustomField>
`,
      [at('objects', 'ErpOrdersPush__e', 'fields', 'Due__c.field-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Due__c</fullName>
    <description>The due argument (Date) of ErpOrders.push().</description>
    <externalId>false</externalId>
    <isFilteringDisabled>false</isFilteringDisabled>
    <isNameField>false</isNameField>
    <isSortingDisabled>false</isSortingDisabled>
    <label>Due</label>
    <required>false</required>
    <type>Date</type>
</CustomField>
`,
      [at('objects', 'ErpOrdersPush__e', 'fields', 'Line_Codes__c.field-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Line_Codes__c</fullName>
    <description>The lineCodes argument (List&lt;String&gt;) of ErpOrders.push().</description>
    <externalId>false</externalId>
    <isFilteringDisabled>false</isFilteringDisabled>
    <isNameField>false</isNameField>
    <isSortingDisabled>false</isSortingDisabled>
    <label>Line Codes</label>
    <length>131072</length>
    <required>false</required>
    <type>LongTextArea</type>
    <unique>false</unique>
    <visibleLines>3</visibleLines>
</CustomField>
`,
      [at('triggers', 'ErpOrdersPushTrigger.trigger')]: `trigger ErpOrdersPushTrigger on ErpOrdersPush__e (after insert) {
    // A trigger cannot call out; the handler hands the work to a Queueable.
    ErpOrdersPushHandler.handle(Trigger.new);
}
`,
      [at('triggers', 'ErpOrdersPushTrigger.trigger-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>61.0</apiVersion>
    <status>Active</status>
</ApexTrigger>
`,
      [at('classes', 'ErpOrdersPushHandler.cls')]: `/**
 * @description Fire-and-Forget, subscribing side: hands each ErpOrdersPush__e to
 *              ErpOrdersPushJob, which calls ErpOrders.push() after the
 *              publishing transaction has committed. A platform event trigger
 *              cannot call out; the Queueable (Database.AllowsCallouts) can.
 *              When no job can be enqueued, the event bus delivers the events
 *              again later, a bounded number of times.
 */
public with sharing class ErpOrdersPushHandler {

    /**
     * @description Redeliveries to ask for before giving up. The platform suspends
     *              a trigger that is retried more than 9 times, so stay below that.
     */
    @TestVisible
    private static final Integer MAX_RETRIES = 4;

    /**
     * @description Entry point called from ErpOrdersPushTrigger (after insert): one job per event.
     * @param events the delivered batch of events
     */
    public static void handle(List<ErpOrdersPush__e> events) {
        for (Integer i = 0; i < events.size(); i++) {
            if (Limits.getQueueableJobs() >= Limits.getLimitQueueableJobs()) {
                if (i > 0) {
                    // The events after the checkpoint come again in a new batch.
                    return;
                }
                Integer retries = EventBus.TriggerContext.currentContext().retries;
                if (retries < MAX_RETRIES) {
                    // The event bus redelivers the whole batch later, with a growing back-off.
                    throw new EventBus.RetryableException(
                        'No room to enqueue ErpOrdersPushJob; asking for redelivery ' + (retries + 1) + ' of ' + MAX_RETRIES
                    );
                }
                System.debug(LoggingLevel.ERROR, 'Giving up on ' + events.size() + ' ErpOrdersPush__e event(s) after '
                    + retries + ' redeliveries; first replay id ' + events[0].ReplayId);
                return;
            }
            ErpOrdersPush__e evt = events[i];
            System.enqueueJob(new ErpOrdersPushJob((Id) evt.Order_Id__c, evt.Order_Number__c, evt.Amount__c, evt.Line_Count__c?.intValue(), evt.Rush__c, evt.Due__c, (List<String>) JSON.deserialize(evt.Line_Codes__c, List<String>.class)));
            EventBus.TriggerContext.currentContext().setResumeCheckpoint(evt.ReplayId);
        }
    }
}
`,
      [at('classes', 'ErpOrdersPushHandler.cls-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>61.0</apiVersion>
    <status>Active</status>
</ApexClass>
`,
      [at('classes', 'ErpOrdersPushJob.cls')]: `/**
 * @description Makes the ErpOrders.push() callout in a transaction of its
 *              own, after the transaction that enqueued it has committed its
 *              work: a callout after DML in the same transaction fails with
 *              "You have uncommitted work pending".
 */
public with sharing class ErpOrdersPushJob implements Queueable, Database.AllowsCallouts {
    private final Id orderId;
    private final String orderNumber;
    private final Decimal amount;
    private final Integer lineCount;
    private final Boolean rush;
    private final Date due;
    private final List<String> lineCodes;

    public ErpOrdersPushJob(Id orderId, String orderNumber, Decimal amount, Integer lineCount, Boolean rush, Date due, List<String> lineCodes) {
        this.orderId = orderId;
        this.orderNumber = orderNumber;
        this.amount = amount;
        this.lineCount = lineCount;
        this.rush = rush;
        this.due = due;
        this.lineCodes = lineCodes;
    }

    public void execute(QueueableContext context) {
        ErpOrders.push(orderId, orderNumber, amount, lineCount, rush, due, lineCodes);
    }
}
`,
      [at('classes', 'ErpOrdersPushJob.cls-meta.xml')]: `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>61.0</apiVersion>
    <status>Active</status>
</ApexClass>
`,
    });
    // No finding left: not this rule, nor unchecked-event-publish, event-retry-unbounded or anything else.
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it('throws a DmlException naming the error when the entry is not @AuraEnabled (an @InvocableMethod)', () => {
    const action = `public with sharing class OrderPushAction {
    @InvocableMethod(label='Push orders')
    public static void pushOrders(List<Id> orderIds) {
        ErpOrders.push(orderIds[0], 'N-1', 10, 1, true, null, null);
        update new Order(Id = orderIds[0], Status = 'Sent');
    }
}`;
    const fixed = applyFix({ [at('classes', 'OrderPushAction.cls')]: action, [at('classes', 'ErpOrders.cls')]: ERP_ORDERS }, 'callout-blocks-save', {
      project: PROJECT,
    });
    assert.equal(
      fixed.texts[at('classes', 'OrderPushAction.cls')],
      action.replace(
        "ErpOrders.push(orderIds[0], 'N-1', 10, 1, true, null, null);",
        `ErpOrdersPush__e evt = new ErpOrdersPush__e(Order_Id__c = orderIds[0], Order_Number__c = 'N-1', Amount__c = 10, Line_Count__c = 1, Rush__c = true, Due__c = null, Line_Codes__c = JSON.serialize(null));
        Database.SaveResult published = EventBus.publish(evt);
        if (!published.isSuccess()) {
            Database.Error error = published.getErrors()[0];
            throw new DmlException('ErpOrdersPush__e not published: ' + error.getStatusCode() + ' ' + error.getMessage());
        }`,
      ),
    );
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  function refusedOn(extra: Record<string, string>): unknown {
    const results = lint(
      Object.entries({ ...files, ...extra }).map(([p, text]) => ({ path: p, text })),
      resolveConfig({}),
      { allFiles: true, project: PROJECT },
    );
    const finding = results.flatMap((r) => r.findings).find((f) => f.ruleId === 'callout-blocks-save')!;
    assert.deepEqual(finding.fixes, []);
    return finding.refused;
  }

  it('is not offered when a value that crosses changes after the call, or has no event field type, and the finding says why', () => {
    const withCallee = (call: string, callee: string) => ({
      [at('classes', 'OrderSaveController.cls')]: CONTROLLER.replace(
        "ErpOrders.push(ord.Id, ord.OrderNumber, ord.TotalAmount, 2, false, ord.EffectiveDate, new List<String>{ 'A1', 'B2' });",
        call,
      ),
      [at('classes', 'ErpOrders.cls')]: ERP_ORDERS.replace('    public static void push(', `${callee}\n    public static void push(`),
    });
    assert.deepEqual(
      refusedOn(
        withCallee(
          'ErpOrders.pushOrder(ord);',
          `    public static void pushOrder(Order ord) {
        push(ord.Id, ord.OrderNumber, ord.TotalAmount, 2, false, ord.EffectiveDate, null);
    }`,
        ),
      ),
      [{ title: 'Publish a Platform Event instead', reason: 'not offered — a value that crosses into the job changes after the call (upsert ord)' }],
    );
    assert.deepEqual(
      refusedOn(
        withCallee(
          "ErpOrders.pushLines(ord.OrderNumber, new Map<String, String>{ 'A1' => 'B2' });",
          `    public static void pushLines(String orderNumber, Map<String, String> lineCodes) {
        push(null, orderNumber, null, lineCodes.size(), false, null, null);
    }`,
        ),
      ),
      [
        {
          title: 'Publish a Platform Event instead',
          reason:
            'not offered — a value that crosses has no Platform Event field type (Map<String, String> lineCodes): only Id, String, Integer, Long, Decimal, Double, Boolean, Date, Datetime, sObjects and lists or sets of those do',
        },
      ],
    );
  });

  it('is not offered when the entry method sends the request itself', () => {
    const inline = {
      [at('classes', 'OrderSaveController.cls')]: `public with sharing class OrderSaveController {
    @AuraEnabled
    public static Id saveOrder(Order ord) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setMethod('POST');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new AuraHandledException('ERP rejected the order');
        }
        upsert ord;
        return ord.Id;
    }
}`,
    };
    assert.deepEqual(refusedOn(inline), [
      {
        title: 'Publish a Platform Event instead',
        reason: 'not offered — the request is sent in this method: only a call to a method that calls out can move',
      },
    ]);
  });
});
