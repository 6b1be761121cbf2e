/** callout-after-dml: a callout after DML in the same transaction ("You have uncommitted work pending"), and its quick fix, the callout moved to a Queueable (across methods: interprocedural-after-dml; more moves: fixes-moves*). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { findings, fixture, spanOf } from '../../support/lint';
import { applyFix, rulesAfter } from '../../support/fixes';
import { ERP_SYNC } from '../index/sources';

const RULE = 'callout-after-dml';

function cls(body: string): string {
  return `public class Orders {
    public static void go(Order ord, HttpRequest req, Boolean flag) {
${body}
    }
}`;
}

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

describe(RULE, () => {
  it('reports the callout after an update, with the DML as related location', () => {
    const src = cls(`        update ord;
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());`);
    assert.deepEqual(findings(src, RULE), [
      {
        ruleId: RULE,
        at: spanOf(src, 'send(req)'),
        messageId: 'calloutAfterWork',
        data: { work: 'update statement', andMore: '' },
        message:
          'Callout after update statement in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts',
        severity: 'error',
      },
    ]);
  });
  it('reports Database methods, enqueueJob and work carried from one loop iteration to the next', () => {
    const a = cls(`        Database.insert(ord);
        System.enqueueJob(new Later());
        HttpResponse res = new Http().send(req);`);
    assert.match(findings(a, RULE)[0].message, /^Callout after Database\.insert\(\) \(and 1 more pending operation\)/);
    assert.deepEqual(
      findings(a, RULE).map((f) => [f.messageId, f.data]),
      [['calloutAfterWork', { work: 'Database.insert()', andMore: ' (and 1 more pending operation)' }]],
    );
    const b = cls(`        for (Integer i = 0; i < 3; i++) {
            HttpResponse res = new Http().send(req);
            update ord;
        }`);
    assert.deepEqual(
      findings(b, RULE).map((f) => f.at),
      [spanOf(b, 'send(req)')],
    );
  });
  it('reports work done in a try before a callout in its catch', () => {
    const src = cls(`        try {
            insert ord;
        } catch (DmlException e) {
            HttpResponse res = new Http().send(req);
        }`);
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'send(req)')],
    );
  });
  describe('valid', () => {
    for (const [name, body] of Object.entries({
      'callout before DML': `        HttpResponse res = new Http().send(req);
        update ord;`,
      'DML in one branch, callout in the other': `        if (flag) {
            update ord;
        } else {
            HttpResponse res = new Http().send(req);
        }`,
      'DML then a return before the callout': `        if (flag) {
            update ord;
            return;
        }
        HttpResponse res = new Http().send(req);`,
      'Test.startTest() starts a fresh context': `        insert ord;
        Test.startTest();
        HttpResponse res = new Http().send(req);
        Test.stopTest();`,
      'a released savepoint': `        Savepoint sp = Database.setSavepoint();
        Database.releaseSavepoint(sp);
        HttpResponse res = new Http().send(req);`,
    })) {
      it(name, () => assert.deepEqual(findings(cls(body), RULE), []));
    }
  });
  it('fixture', () => {
    const src = fixture('rules/callout-after-dml.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'send(req)')],
    );
  });
});

describe(`${RULE}: a savepoint rolled back and released (issue 22 item 7)`, () => {
  it('allows the callout after a savepoint set before any DML, rolled back and released', () => {
    const src = cls(`        Savepoint sp = Database.setSavepoint();
        try {
            update ord;
            OrderValidator.check(ord);
        } finally {
            Database.rollback(sp);
            Database.releaseSavepoint(sp);
        }
        HttpResponse res = new Http().send(req);`);
    assert.deepEqual(findings(src, RULE), []);
  });
  it('still reports a rollback without the release, and DML done before the savepoint', () => {
    const unreleased = cls(`        Savepoint sp = Database.setSavepoint();
        update ord;
        Database.rollback(sp);
        HttpResponse res = new Http().send(req);`);
    assert.deepEqual(
      findings(unreleased, RULE).map((f) => [f.at, f.message]),
      [
        [
          spanOf(unreleased, 'send(req)'),
          'Callout after Database.setSavepoint() in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts',
        ],
      ],
    );
    const before = cls(`        insert ord;
        Savepoint sp = Database.setSavepoint();
        update ord;
        Database.rollback(sp);
        Database.releaseSavepoint(sp);
        HttpResponse res = new Http().send(req);`);
    assert.deepEqual(
      findings(before, RULE).map((f) => f.at),
      [spanOf(before, 'send(req)')],
    );
  });
});

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
