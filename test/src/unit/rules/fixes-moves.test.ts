import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import type { RuleId } from '../../../../server/out/base/contracts';
import { onRefusal } from '../../../../server/out/fixes/refusal';
import { unresolvedTypes } from '../../support/compile-check';
import { applyFix, rulesAfter } from '../../support/fixes';

/**
 * The refactorings that move code to another transaction: each precondition
 * refused with its reason (and no fix), each accepted shape with the exact
 * text, compiled by the check in applyFix.
 */
const DIR = path.resolve('/proj/force-app/main/default/classes');
const at = (name: string) => path.join(DIR, name);
const PROJECT: ProjectInfo = {
  sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
  namedCredentials: [],
};

function inDir(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [at(name), text]));
}

/** Why the first finding of `rule` has no fix: `reason (detail)`. */
function refusal(files: Record<string, string>, rule: RuleId): string {
  const seen: string[] = [];
  const stop = onRefusal((r, x) => {
    if (r === rule) seen.push(x.detail ? `${x.refused} (${x.detail})` : x.refused);
  });
  try {
    assert.throws(() => applyFix(inDir(files), rule, { project: PROJECT }), /has no fix/);
  } finally {
    stop();
  }
  return seen[0] ?? 'no reason';
}

const GATEWAY = `public with sharing class ErpGateway {
    public class Payload {
        public Id orderId;
        public List<String> lines;
    }
    public static void send(Payload p, List<Payload> more) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(JSON.serialize(p));
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected ' + p.orderId);
        }
    }
    public static Integer push(Id orderId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setMethod('POST');
        req.setTimeout(10000);
        return new Http().send(req).getStatusCode();
    }
}`;

const actions = (body: string, head = 'public with sharing class OrderActions') => `${head} {
    public static void activate(Order ord) {
${body}
    }
}`;

const JOB_DOC = (callee: string) => `/**
 * @description Makes the ${callee}() callout in a transaction of its
 *              own, after the transaction that enqueued it has committed its
 *              work: a callout after DML in the same transaction fails with
 *              "You have uncommitted work pending".
 */`;

describe('quick fixes: moving a callout to a Queueable (callout-after-dml)', () => {
  it('qualifies inner types of the callee in the new class (ErpGateway.Payload, not Payload)', () => {
    const src = actions(`        update ord;
        ErpGateway.Payload p = new ErpGateway.Payload();
        p.orderId = ord.Id;
        ErpGateway.send(p, new List<ErpGateway.Payload>());`);
    const fixed = applyFix(inDir({ 'OrderActions.cls': src, 'ErpGateway.cls': GATEWAY }), 'callout-after-dml', { project: PROJECT });
    assert.equal(
      fixed.texts[at('OrderActions.cls')],
      src.replace('ErpGateway.send(p, new List<ErpGateway.Payload>());', 'System.enqueueJob(new ErpGatewaySendJob(p, new List<ErpGateway.Payload>()));'),
    );
    assert.equal(
      fixed.created[at('ErpGatewaySendJob.cls')],
      `${JOB_DOC('ErpGateway.send')}
public with sharing class ErpGatewaySendJob implements Queueable, Database.AllowsCallouts {
    private final ErpGateway.Payload p;
    private final List<ErpGateway.Payload> more;

    public ErpGatewaySendJob(ErpGateway.Payload p, List<ErpGateway.Payload> more) {
        this.p = p;
        this.more = more;
    }

    public void execute(QueueableContext context) {
        ErpGateway.send(p, more);
    }
}
`,
    );
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it('the compile check catches an unqualified inner type', () => {
    const job = `public with sharing class SendJob implements Queueable, Database.AllowsCallouts {
    private final Payload p;
    public SendJob(Payload p) {
        this.p = p;
    }
    public void execute(QueueableContext context) {
        ErpGateway.send(p, new List<Payload>());
    }
}`;
    assert.deepEqual(unresolvedTypes({ 'ErpGateway.cls': GATEWAY, 'SendJob.cls': job }, ['SendJob.cls']), ['SendJob: payload']);
    assert.deepEqual(unresolvedTypes({ 'ErpGateway.cls': GATEWAY, 'SendJob.cls': job.replace(/\bPayload\b/g, 'ErpGateway.Payload') }, ['SendJob.cls']), []);
  });

  it("keeps the source's sharing (without sharing), and moves a call inside a try that catches only DmlException", () => {
    const src = actions(
      `        try {
            update ord;
            ErpGateway.push(ord.Id);
        } catch (DmlException e) {
            System.debug(e.getMessage());
        }`,
      'public without sharing class OrderActions',
    );
    const fixed = applyFix(inDir({ 'OrderActions.cls': src, 'ErpGateway.cls': GATEWAY }), 'callout-after-dml', { project: PROJECT });
    assert.equal(fixed.texts[at('OrderActions.cls')], src.replace('ErpGateway.push(ord.Id);', 'System.enqueueJob(new ErpGatewayPushJob(ord.Id));'));
    assert.match(
      fixed.created[at('ErpGatewayPushJob.cls')],
      /^public without sharing class ErpGatewayPushJob implements Queueable, Database\.AllowsCallouts \{$/m,
    );
  });

  it('drops an assigned result nobody reads; a class without a sharing keyword gets inherited sharing', () => {
    const src = actions(
      `        update ord;
        Integer status = ErpGateway.push(ord.Id);`,
      'public class OrderActions',
    );
    const fixed = applyFix(inDir({ 'OrderActions.cls': src, 'ErpGateway.cls': GATEWAY }), 'callout-after-dml', { project: PROJECT });
    assert.equal(
      fixed.texts[at('OrderActions.cls')],
      src.replace('Integer status = ErpGateway.push(ord.Id);', 'System.enqueueJob(new ErpGatewayPushJob(ord.Id));'),
    );
    assert.equal(
      fixed.created[at('ErpGatewayPushJob.cls')],
      `${JOB_DOC('ErpGateway.push')}
public inherited sharing class ErpGatewayPushJob implements Queueable, Database.AllowsCallouts {
    private final Id orderId;

    public ErpGatewayPushJob(Id orderId) {
        this.orderId = orderId;
    }

    public void execute(QueueableContext context) {
        ErpGateway.push(orderId);
    }
}
`,
    );
  });

  it('moves the statements that read the result with the call, at the end of a void method', () => {
    const src = actions(`        update ord;
        Integer status = ErpGateway.push(ord.Id);
        if (status != 201) {
            insert new Task(Subject = 'ERP push failed: ' + status, WhatId = ord.Id);
        }`);
    const fixed = applyFix(inDir({ 'OrderActions.cls': src, 'ErpGateway.cls': GATEWAY }), 'callout-after-dml', { project: PROJECT });
    assert.equal(
      fixed.texts[at('OrderActions.cls')],
      actions(`        update ord;
        System.enqueueJob(new ErpGatewayPushJob(ord));`),
    );
    assert.equal(
      fixed.created[at('ErpGatewayPushJob.cls')],
      `${JOB_DOC('ErpGateway.push')}
public with sharing class ErpGatewayPushJob implements Queueable, Database.AllowsCallouts {
    private final Order ord;

    public ErpGatewayPushJob(Order ord) {
        this.ord = ord;
    }

    public void execute(QueueableContext context) {
        Integer status = ErpGateway.push(ord.Id);
        if (status != 201) {
            insert new Task(Subject = 'ERP push failed: ' + status, WhatId = ord.Id);
        }
    }
}
`,
    );
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it('reuses an identical job instead of creating Job2, and puts a job for a trigger into classes/', () => {
    const src = actions(`        update ord;
        ErpGateway.push(ord.Id);`);
    const first = applyFix(inDir({ 'OrderActions.cls': src, 'ErpGateway.cls': GATEWAY }), 'callout-after-dml', { project: PROJECT });
    const job = first.created[at('ErpGatewayPushJob.cls')];
    const other = src.replace('OrderActions', 'InvoiceActions');
    const again = applyFix(inDir({ 'InvoiceActions.cls': other, 'ErpGateway.cls': GATEWAY, 'ErpGatewayPushJob.cls': job }), 'callout-after-dml', {
      project: PROJECT,
    });
    assert.deepEqual(
      [again.title, again.created],
      ['Move the callout to a Queueable: System.enqueueJob(new ErpGatewayPushJob(…)) (reusing ErpGatewayPushJob)', {}],
    );
    const trigger = `trigger OrderTrigger on Order (after update) {
    update new Account(Id = Trigger.new[0].AccountId);
    ErpGateway.push(Trigger.new[0].Id);
}`;
    const triggers = path.resolve('/proj/force-app/main/default/triggers');
    const fromTrigger = applyFix({ [path.join(triggers, 'OrderTrigger.trigger')]: trigger, [at('ErpGateway.cls')]: GATEWAY }, 'callout-after-dml', {
      project: PROJECT,
    });
    assert.deepEqual(Object.keys(fromTrigger.created), [at('ErpGatewayPushJob.cls'), at('ErpGatewayPushJob.cls-meta.xml')]);
  });

  it('refuses, with the reason, each move that would change behaviour', () => {
    const withGateway = (body: string, head?: string) => ({ 'OrderActions.cls': actions(body, head), 'ErpGateway.cls': GATEWAY });
    assert.equal(
      refusal(
        withGateway(`        update ord;
        for (Integer i = 0; i < 3; i++) {
            ErpGateway.push(ord.Id);
        }`),
        'callout-after-dml',
      ),
      'in-loop',
    );
    assert.equal(
      refusal(
        withGateway(`        update ord;
        try {
            ErpGateway.push(ord.Id);
        } catch (CalloutException e) {
            ord.addError(e.getMessage());
        }`),
        'callout-after-dml',
      ),
      'caught-callout-exception (catch (calloutexception))',
    );
    assert.equal(
      refusal(
        withGateway(`        update ord;
        ErpGateway.Payload p = new ErpGateway.Payload();
        ErpGateway.send(p, new List<ErpGateway.Payload>());
        p.orderId = ord.Id;`),
        'callout-after-dml',
      ),
      'argument-mutated-after (assignment through p)',
    );
    assert.equal(
      refusal(
        withGateway(
          `        update ord;
        ErpGateway.push(ord.Id);`,
          '@IsTest\nprivate class OrderActions',
        ),
        'callout-after-dml',
      ),
      'test-class',
    );
    assert.equal(
      refusal(
        {
          'OrderActions.cls': `public with sharing class OrderActions {
    public static Integer activate(Order ord) {
        update ord;
        return ErpGateway.push(ord.Id);
    }
}`,
          'ErpGateway.cls': GATEWAY,
        },
        'callout-after-dml',
      ),
      'result-returned',
    );
  });

  it('refuses when the callee reads static state that the new transaction would not have (a log buffer)', () => {
    const log = `public with sharing class Log {
    private static final List<String> BUFFER = new List<String>();
    private static final String ENDPOINT = 'callout:Logs/entries';
    public static void add(String line) {
        BUFFER.add(line);
    }
    public static void save() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(ENDPOINT);
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(String.join(BUFFER, '\\n'));
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
        BUFFER.clear();
    }
}`;
    const src = actions(`        update ord;
        Log.save();`);
    assert.equal(refusal({ 'OrderActions.cls': src, 'Log.cls': log }, 'callout-after-dml'), 'reads-static-state (Log.BUFFER)');
    // A constant is the same in every transaction: without the buffer the move is offered.
    const stateless = log.replace("req.setBody(String.join(BUFFER, '\\n'));", "req.setBody('[]');").replace('        BUFFER.clear();\n', '');
    assert.equal(
      applyFix(inDir({ 'OrderActions.cls': src, 'Log.cls': stateless }), 'callout-after-dml', { project: PROJECT }).title,
      'Move the callout to a Queueable: System.enqueueJob(new LogSaveJob(…))',
    );
  });

  it('refuses inside a Queueable that already enqueues a job', () => {
    const job = `public with sharing class OrderActions implements Queueable, Database.AllowsCallouts {
    private final Id orderId;
    public OrderActions(Id orderId) {
        this.orderId = orderId;
    }
    public void execute(QueueableContext context) {
        Order ord = [SELECT Id FROM Order WHERE Id = :orderId];
        update ord;
        ErpGateway.push(ord.Id);
        System.enqueueJob(new OrderActions(orderId));
    }
}`;
    assert.equal(refusal({ 'OrderActions.cls': job, 'ErpGateway.cls': GATEWAY }, 'callout-after-dml'), 'async-context-enqueues');
  });
});
