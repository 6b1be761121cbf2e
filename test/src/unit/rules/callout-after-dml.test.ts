import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf } from '../../support/lint';

const RULE = 'callout-after-dml';

function cls(body: string): string {
  return `public class Orders {
    public static void go(Order ord, HttpRequest req, Boolean flag) {
${body}
    }
}`;
}

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
