/** async-callout-not-allowed: Batchable, Queueable and Schedulable code that calls out without being allowed to, and its quick fixes: Database.AllowsCallouts, and the Schedulable's callout moved to a Queueable (more shapes: fixes-moves-async). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { applyFix, rulesAfter } from '../../support/fixes';
import { fixture, spanOf, workspaceFindings } from '../../support/lint';
import { ERP_CLIENT, ORDER_SERVICE, PUSH_JOB, ERP_SYNC } from '../index/sources';

const base = { 'ErpClient.cls': ERP_CLIENT, 'OrderService.cls': ORDER_SERVICE, 'ErpPushJob.cls': PUSH_JOB };

const DIR = path.resolve('/proj/force-app/main/default/classes');
const at = (name: string) => path.join(DIR, name);
const PROJECT: ProjectInfo = {
  sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
  namedCredentials: [],
};

describe('async-callout-not-allowed', () => {
  const RULE = 'async-callout-not-allowed';

  it('reports a Queueable that reaches a callout without Database.AllowsCallouts, on the class name', () => {
    const job = `public class ErpRetryJob implements Queueable {
    public void execute(QueueableContext ctx) {
        new OrderService().pushToErp([SELECT Id FROM Order LIMIT 1]);
    }
}`;
    assert.deepEqual(workspaceFindings({ ...base, 'ErpRetryJob.cls': job }, RULE), [
      {
        file: 'ErpRetryJob.cls',
        ruleId: RULE,
        at: spanOf(job, 'ErpRetryJob'),
        messageId: 'missingAllowsCallouts',
        data: { kind: 'Queueable', type: 'ErpRetryJob', method: 'execute()' },
        message:
          'Queueable ErpRetryJob makes a callout in execute() but does not implement Database.AllowsCallouts: the callout fails at runtime with a CalloutException. Add Database.AllowsCallouts to implements',
        severity: 'error',
        related: [
          `ErpRetryJob.cls:${spanOf(job, 'execute')} execute() calls out`,
          `ErpRetryJob.cls:${spanOf(job, 'pushToErp([SELECT Id FROM Order LIMIT 1])')} calls OrderService.pushToErp()`,
          `OrderService.cls:${spanOf(ORDER_SERVICE, "post('orders', JSON.serialize(ord))")} calls ErpClient.post()`,
          `ErpClient.cls:${spanOf(ERP_CLIENT, 'send(req)')} callout (Http.send)`,
        ],
      },
    ]);
  });

  it('reports a Batchable without AllowsCallouts, and accepts one that allows callouts directly or through its superclass', () => {
    const batch = (header: string) => `public class AccountPushBatch ${header} {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id FROM Order');
    }
    public void execute(Database.BatchableContext bc, List<Order> scope) {
        new OrderService().pushToErp(scope[0]);
    }
    public void finish(Database.BatchableContext bc) {}
}`;
    const bad = batch('implements Database.Batchable<SObject>');
    assert.deepEqual(
      workspaceFindings({ ...base, 'AccountPushBatch.cls': bad }, RULE).map((f) => [f.at, f.message.slice(0, 60)]),
      [[spanOf(bad, 'AccountPushBatch'), 'Batchable AccountPushBatch makes a callout in execute() but ']],
    );
    assert.deepEqual(
      workspaceFindings({ ...base, 'AccountPushBatch.cls': bad }, RULE).map((f) => [f.messageId, f.data]),
      [['missingAllowsCallouts', { kind: 'Batchable', type: 'AccountPushBatch', method: 'execute()' }]],
    );
    assert.deepEqual(
      workspaceFindings({ ...base, 'AccountPushBatch.cls': batch('implements Database.Batchable<SObject>, Database.AllowsCallouts') }, RULE),
      [],
    );
    const parent = `public abstract class CalloutBatch implements Database.AllowsCallouts {}`;
    assert.deepEqual(
      workspaceFindings(
        { ...base, 'CalloutBatch.cls': parent, 'AccountPushBatch.cls': batch('extends CalloutBatch implements Database.Batchable<SObject>') },
        RULE,
      ),
      [],
    );
    // The example job implements Database.AllowsCallouts: nothing to report.
    assert.deepEqual(workspaceFindings(base, RULE), []);
  });

  it('reports the call in Schedulable.execute that leads to a synchronous callout, and accepts one that enqueues the work', () => {
    const sched = `public class NightlyErpSync implements Schedulable {
    public void execute(SchedulableContext sc) {
        new OrderService().pushToErp([SELECT Id FROM Order LIMIT 1]);
    }
}`;
    const found = workspaceFindings({ ...base, 'NightlyErpSync.cls': sched }, RULE);
    assert.deepEqual(
      found.map((f) => [f.at, f.message]),
      [
        [
          spanOf(sched, 'pushToErp([SELECT Id FROM Order LIMIT 1])'),
          'Schedulable NightlyErpSync.execute() reaches a callout through OrderService.pushToErp(). Scheduled Apex cannot call out synchronously. Enqueue a Queueable with Database.AllowsCallouts (or start a batch that allows callouts) from execute, and call out there',
        ],
      ],
    );
    assert.deepEqual(
      found.map((f) => [f.messageId, f.data]),
      [['scheduledReachesCallout', { type: 'NightlyErpSync', callee: 'OrderService.pushToErp()' }]],
    );
    const good = `public class NightlyErpSync implements Schedulable {
    public void execute(SchedulableContext sc) {
        System.enqueueJob(new ErpPushJob([SELECT Id FROM Order LIMIT 1].Id));
    }
}`;
    assert.deepEqual(workspaceFindings({ ...base, 'NightlyErpSync.cls': good }, RULE), []);
  });

  it('reports a send written in Schedulable.execute itself', () => {
    const sched = `public class NightlyPing implements Schedulable {
    public void execute(SchedulableContext sc) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Erp/ping');
        req.setTimeout(5000);
        new Http().send(req);
    }
}`;
    assert.deepEqual(
      workspaceFindings({ 'NightlyPing.cls': sched }, RULE).map((f) => [f.at, f.messageId, f.data, f.message]),
      [
        [
          spanOf(sched, 'send(req)'),
          'scheduledCallout',
          { type: 'NightlyPing' },
          'Callout in Schedulable NightlyPing.execute(). Scheduled Apex cannot call out synchronously. Enqueue a Queueable with Database.AllowsCallouts (or start a batch that allows callouts) from execute, and call out there',
        ],
      ],
    );
  });

  it('fixture: the batch is reported once, and its asynchronous 60 s timeout is fine', () => {
    const src = fixture('rules/async-callout-not-allowed.cls');
    const files = { 'WarehouseSyncBatch.cls': src };
    assert.deepEqual(
      workspaceFindings(files, 'async-callout-not-allowed').map((f) => [f.at, f.related[0]]),
      [[spanOf(src, 'WarehouseSyncBatch'), `WarehouseSyncBatch.cls:${spanOf(src, 'execute', 2)} execute() calls out`]],
    );
    assert.deepEqual(workspaceFindings(files, 'callout-timeout-excessive'), []);
  });
});

describe('quick fixes: async-callout-not-allowed (AllowsCallouts)', () => {
  const body = ` {
    public void execute(QueueableContext ctx) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/ping');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}`;
  it('appends Database.AllowsCallouts to implements', () => {
    const src = `public class PingJob implements Queueable${body}`;
    const fixed = applyFix({ 'PingJob.cls': src }, 'async-callout-not-allowed');
    assert.deepEqual(
      [fixed.title, fixed.texts['PingJob.cls']],
      ['Add Database.AllowsCallouts to implements', `public class PingJob implements Queueable, Database.AllowsCallouts${body}`],
    );
    assert.deepEqual(rulesAfter(fixed), []);
  });
  it('adds an implements clause after extends', () => {
    const base = `public abstract class BaseJob implements Queueable {}`;
    const src = `public class PingJob extends BaseJob${body}`;
    const fixed = applyFix({ 'PingJob.cls': src, 'BaseJob.cls': base }, 'async-callout-not-allowed');
    assert.equal(fixed.texts['PingJob.cls'], `public class PingJob extends BaseJob implements Database.AllowsCallouts${body}`);
    assert.deepEqual(rulesAfter(fixed), []);
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
