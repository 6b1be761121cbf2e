import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { applyFix, rulesAfter } from '../../support/fixes';
import { ERP_SYNC } from '../index/sources';

const DIR = path.resolve('/proj/force-app/main/default/classes');
const at = (name: string) => path.join(DIR, name);
const PROJECT: ProjectInfo = {
  sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
  namedCredentials: [],
};
const META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>61.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

describe('quick fixes: callout-after-dml → Queueable', () => {
  const controller = `public with sharing class OrderActions {
    @AuraEnabled
    public static void activate(Id orderId) {
        Order ord = [SELECT Id, Status FROM Order WHERE Id = :orderId];
        ord.Status = 'Activated';
        update ord;
        ErpSync.pushOrder(ord.Id, new List<String>{ 'A1', 'B2' });
    }
}`;

  it('creates the Queueable next to the class and enqueues it with the same arguments', () => {
    const fixed = applyFix({ [at('OrderActions.cls')]: controller, [at('ErpSync.cls')]: ERP_SYNC }, 'callout-after-dml', { project: PROJECT });
    assert.deepEqual([fixed.title, fixed.safe], ['Move the callout to a Queueable: System.enqueueJob(new ErpSyncPushOrderJob(…))', false]);
    assert.equal(
      fixed.texts[at('OrderActions.cls')],
      controller.replace(
        "ErpSync.pushOrder(ord.Id, new List<String>{ 'A1', 'B2' });",
        "System.enqueueJob(new ErpSyncPushOrderJob(ord.Id, new List<String>{ 'A1', 'B2' }));",
      ),
    );
    assert.deepEqual(fixed.created, {
      [at('ErpSyncPushOrderJob.cls')]: `/**
 * @description Makes the ErpSync.pushOrder() callout in a transaction of its
 *              own, after the transaction that enqueued it has committed its
 *              work: a callout after DML in the same transaction fails with
 *              "You have uncommitted work pending".
 */
public with sharing class ErpSyncPushOrderJob implements Queueable, Database.AllowsCallouts {
    private final Id orderId;
    private final List<String> lineCodes;

    public ErpSyncPushOrderJob(Id orderId, List<String> lineCodes) {
        this.orderId = orderId;
        this.lineCodes = lineCodes;
    }

    public void execute(QueueableContext context) {
        ErpSync.pushOrder(orderId, lineCodes);
    }
}
`,
      [at('ErpSyncPushOrderJob.cls-meta.xml')]: META,
    });
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it('is not offered when the result is returned, or when an argument cannot cross the async boundary', () => {
    const used = controller
      .replace('public static void activate', 'public static Integer activate')
      .replace("ErpSync.pushOrder(ord.Id, new List<String>{ 'A1', 'B2' });", 'return ErpSync.count(ord.Id);');
    const counting = ERP_SYNC.replace(
      '    public static void pushOrder',
      `    public static Integer count(Id orderId) {
        pushOrder(orderId, new List<String>());
        return 1;
    }
    public static void pushOrder`,
    );
    assert.throws(() => applyFix({ [at('OrderActions.cls')]: used, [at('ErpSync.cls')]: counting }, 'callout-after-dml'), /has no fix/);
    const withRequest = `public with sharing class Relay {
    public static void send(HttpRequest req) {
        req.setTimeout(5000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
    public static void go(Order ord, HttpRequest req) {
        update ord;
        Relay.send(req);
    }
}`;
    assert.throws(() => applyFix({ [at('Relay.cls')]: withRequest }, 'callout-after-dml'), /has no fix/);
  });
});

describe('quick fixes: async-callout-not-allowed (Schedulable → Queueable)', () => {
  const scheduled = `public with sharing class NightlyErpSync implements Schedulable {
\tpublic void execute(SchedulableContext sc) {
\t\tfor (Order o : [SELECT Id FROM Order WHERE Status = 'Activated' LIMIT 50]) {
\t\t\tErpSync.pushOrder(o.Id, new List<String>());
\t\t}
\t}
}`;

  it("moves the body of execute into a new Queueable and enqueues it, keeping the file's tabs", () => {
    const fixed = applyFix({ [at('NightlyErpSync.cls')]: scheduled, [at('ErpSync.cls')]: ERP_SYNC }, 'async-callout-not-allowed', { project: PROJECT });
    assert.equal(fixed.title, 'Move the work to a new Queueable NightlyErpSyncJob and enqueue it from execute()');
    assert.equal(
      fixed.texts[at('NightlyErpSync.cls')],
      `public with sharing class NightlyErpSync implements Schedulable {
\tpublic void execute(SchedulableContext sc) {
\t\tSystem.enqueueJob(new NightlyErpSyncJob());
\t}
}`,
    );
    assert.equal(
      fixed.created[at('NightlyErpSyncJob.cls')],
      `/**
 * @description The work of the scheduled job NightlyErpSync, moved to a Queueable
 *              so that it can call out: scheduled Apex cannot make callouts
 *              synchronously. NightlyErpSync.execute() enqueues it.
 */
public with sharing class NightlyErpSyncJob implements Queueable, Database.AllowsCallouts {
    public void execute(QueueableContext context) {
        for (Order o : [SELECT Id FROM Order WHERE Status = 'Activated' LIMIT 50]) {
            ErpSync.pushOrder(o.Id, new List<String>());
        }
    }
}
`,
    );
    // The per-record callout is still a finding of its own (callout-in-loop), now in the Queueable.
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), [`${at('NightlyErpSyncJob.cls')}:callout-in-loop`]);
  });

  it("is not offered when execute uses the class's own members or its context", () => {
    const own = scheduled.replace('\t\tfor (Order o', '\t\tSystem.debug(sc.getTriggerId());\n\t\tfor (Order o');
    assert.throws(() => applyFix({ [at('NightlyErpSync.cls')]: own, [at('ErpSync.cls')]: ERP_SYNC }, 'async-callout-not-allowed'), /has no fix/);
  });
});

describe('quick fixes: callout-retry-loop → retry asynchronously', () => {
  const notifier = `public with sharing class ErpNotifier {
    private static final Integer MAX_TRIES = 4;

    public static void notifyErp(Id orderId) {
        Integer attempts = 0;
        Boolean sent = false;
        while (!sent && attempts < MAX_TRIES) {
            attempts++;
            try {
                ErpSync.pushOrder(orderId, new List<String>());
                sent = true;
            } catch (CalloutException e) {
                System.debug(LoggingLevel.WARN, 'ERP push attempt ' + attempts + ' failed: ' + e.getMessage());
            }
        }
    }
}`;

  it("replaces the loop with one enqueue of a self-re-enqueuing Queueable bounded by the loop's own limit", () => {
    const fixed = applyFix({ [at('ErpNotifier.cls')]: notifier, [at('ErpSync.cls')]: ERP_SYNC }, 'callout-retry-loop', { project: PROJECT });
    assert.deepEqual(
      [fixed.title, fixed.safe],
      ['Retry asynchronously: a Queueable ErpSyncPushOrderRetryJob that re-enqueues itself (at most 4 attempts)', false],
    );
    assert.equal(
      fixed.texts[at('ErpNotifier.cls')],
      `public with sharing class ErpNotifier {
    private static final Integer MAX_TRIES = 4;

    public static void notifyErp(Id orderId) {
        System.enqueueJob(new ErpSyncPushOrderRetryJob(orderId, new List<String>(), 1));
    }
}`,
    );
    assert.equal(
      fixed.created[at('ErpSyncPushOrderRetryJob.cls')],
      `/**
 * @description Calls ErpSync.pushOrder() once per transaction and, when it
 *              fails, enqueues itself again with the next attempt number, up
 *              to MAX_ATTEMPTS: retries happen asynchronously instead of
 *              holding a synchronous transaction in a loop.
 */
public with sharing class ErpSyncPushOrderRetryJob implements Queueable, Database.AllowsCallouts {
    private static final Integer MAX_ATTEMPTS = 4;
    private static final Integer RETRY_DELAY_MINUTES = 1;
    private final Id orderId;
    private final List<String> lineCodes;
    private final Integer attempt;

    public ErpSyncPushOrderRetryJob(Id orderId, List<String> lineCodes, Integer attempt) {
        this.orderId = orderId;
        this.lineCodes = lineCodes;
        this.attempt = attempt;
    }

    public void execute(QueueableContext context) {
        try {
            ErpSync.pushOrder(orderId, lineCodes);
        } catch (CalloutException e) {
            retryOrGiveUp(e);
        }
    }

    private void retryOrGiveUp(Exception e) {
        if (attempt >= MAX_ATTEMPTS) {
            System.debug(LoggingLevel.ERROR, 'ErpSync.pushOrder() failed after ' + attempt + ' attempts: ' + e.getMessage());
            return;
        }
        if (!Test.isRunningTest()) {
            System.enqueueJob(new ErpSyncPushOrderRetryJob(orderId, lineCodes, attempt + 1), RETRY_DELAY_MINUTES);
        }
    }
}
`,
    );
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it("is not offered when the caller needs the loop's result afterwards, or retries a send written in the loop", () => {
    const needsResult = notifier.replace('        }\n    }\n}', '        }\n        System.debug(sent);\n    }\n}');
    assert.throws(() => applyFix({ [at('ErpNotifier.cls')]: needsResult, [at('ErpSync.cls')]: ERP_SYNC }, 'callout-retry-loop'), /has no fix/);
  });
});
