/** callout-timeout-excessive: a timeout above the limit of the context the callout runs in (synchronous or async), and its quick fix. */
import * as assert from 'node:assert/strict';
import { findings, fixture, lintFiles, spanOf } from '../../support/lint';
import { applyFix, rulesAfter } from '../../support/fixes';

const RULE = 'callout-timeout-excessive';

function cls(header: string, body: string): string {
  return `${header} {
${body}
}`;
}

describe(RULE, () => {
  it('reports a value above 120000 ms as an error, folding constants of another class', () => {
    const other = `public class Limits {
    public static final Integer SECOND = 1000;
}`;
    const src = cls(
      'public class Erp',
      `    public static void go(HttpRequest req) {
        req.setTimeout(150 * Limits.SECOND);
    }`,
    );
    // Alone, Limits.SECOND is unknown; with its class in the workspace the value folds to 150000.
    assert.deepEqual(findings(src, RULE), []);
    const all = lintFiles([
      { path: 'Limits.cls', text: other },
      { path: 'Erp.cls', text: src },
    ]).get('Erp.cls')!;
    assert.deepEqual(
      all.filter((f) => f.ruleId === RULE),
      [
        {
          ruleId: RULE,
          at: spanOf(src, 'setTimeout(150 * Limits.SECOND)'),
          messageId: 'outsideAllowedRange',
          data: { ms: 150000 },
          message: 'Timeout of 150000 ms is outside the allowed 1..120000 ms: the callout fails at runtime',
          severity: 'error',
        },
      ],
    );
  });

  it('reports 0 ms as an error', () => {
    const src = cls(
      'public class Erp',
      `    public static void go(HttpRequest req) {
        req.setTimeout(0);
    }`,
    );
    assert.deepEqual(
      findings(src, RULE).map((f) => [f.at, f.severity]),
      [[spanOf(src, 'setTimeout(0)'), 'error']],
    );
  });

  it('reports 60 s in synchronous code against the sync limit', () => {
    const src = cls(
      'public with sharing class CreditController',
      `    private static final Integer WAIT = 60 * 1000;
    @AuraEnabled
    public static String check() {
        HttpRequest req = new HttpRequest();
        req.setTimeout(WAIT);
        return new Http().send(req).getBody();
    }`,
    );
    assert.deepEqual(findings(src, RULE), [
      {
        ruleId: RULE,
        at: spanOf(src, 'setTimeout(WAIT)'),
        messageId: 'aboveSyncLimit',
        data: { ms: 60000, limit: 15000, reachedFrom: ' (reached from @AuraEnabled CreditController.check())' },
        message:
          'Timeout of 60000 ms exceeds the 15000 ms limit for synchronous code (reached from @AuraEnabled CreditController.check()): a user would wait that long',
        severity: 'warning',
      },
    ]);
  });

  it('honours the configured sync limit', () => {
    const src = cls(
      'public class Erp',
      `    public static void go(HttpRequest req) {
        req.setTimeout(12000);
    }`,
    );
    assert.equal(findings(src, RULE).length, 0);
    assert.equal(findings(src, RULE, { timeouts: { syncLimitMs: 10000 } }).length, 1);
  });

  it('honours the configured async limit, and says so without the wait of a user', () => {
    const src = cls(
      'public class Push implements Queueable, Database.AllowsCallouts',
      `    public void execute(QueueableContext ctx) {
        HttpRequest req = new HttpRequest();
        req.setTimeout(90000);
    }`,
    );
    assert.deepEqual(findings(src, RULE), []);
    assert.deepEqual(
      findings(src, RULE, { timeouts: { asyncLimitMs: 60000 } }).map((f) => [f.at, f.messageId, f.data, f.message]),
      [
        [
          spanOf(src, 'setTimeout(90000)'),
          'aboveAsyncLimit',
          { ms: 90000, limit: 60000, reachedFrom: ' (reached from Queueable Push.execute())' },
          'Timeout of 90000 ms exceeds the 60000 ms limit for asynchronous code (reached from Queueable Push.execute())',
        ],
      ],
    );
  });

  describe('valid', () => {
    it('allows 60 s in a Queueable, a Batchable and a @future method', () => {
      const q = cls(
        'public class Push implements Queueable, Database.AllowsCallouts',
        `    public void execute(QueueableContext ctx) {
        HttpRequest req = new HttpRequest();
        req.setTimeout(60000);
    }`,
      );
      const b = cls(
        'public class Sync implements Database.Batchable<SObject>, Database.AllowsCallouts',
        `    public void execute(Database.BatchableContext ctx, List<SObject> scope) {
        HttpRequest req = new HttpRequest();
        req.setTimeout(60000);
    }`,
      );
      const f = cls(
        'public class Later',
        `    @future(callout=true)
    public static void push() {
        HttpRequest req = new HttpRequest();
        req.setTimeout(60000);
    }`,
      );
      for (const src of [q, b, f]) assert.deepEqual(findings(src, RULE), []);
    });
    it('allows 10 s anywhere and ignores values it cannot fold', () => {
      const src = cls(
        'public class Erp',
        `    public static void go(HttpRequest req, Integer t) {
        req.setTimeout(10000);
        req.setTimeout(t);
        req.setTimeout(Settings__c.getInstance().Timeout__c.intValue());
    }`,
      );
      assert.deepEqual(findings(src, RULE), []);
    });
  });

  it('fixture: a controller with a generous timeout', () => {
    const src = fixture('rules/callout-timeout-excessive.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'setTimeout(TIMEOUT_MS)', 1)],
    );
  });
});

describe('quick fixes: callout-timeout-excessive', () => {
  it('clamps to the synchronous limit, and an out-of-range value to the limit too', () => {
    const src = (ms: string) => `public class Quote {
    @AuraEnabled
    public static String price() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Pricing/quote');
        req.setTimeout(${ms});
        HttpResponse res = new Http().send(req);
        return res.getStatusCode() == 200 ? res.getBody() : null;
    }
}`;
    const fixed = applyFix({ 'Quote.cls': src('60000') }, 'callout-timeout-excessive');
    assert.deepEqual([fixed.title, fixed.texts['Quote.cls']], ['Set the timeout to 15000 ms (the synchronous limit)', src('15000')]);
    assert.deepEqual(rulesAfter(fixed), []);
    const outOfRange = applyFix({ 'Quote.cls': src('200 * 1000') }, 'callout-timeout-excessive');
    assert.deepEqual([outOfRange.title, outOfRange.texts['Quote.cls']], ['Set the timeout to 15000 ms (the limit)', src('15000')]);
    assert.equal(applyFix({ 'Quote.cls': src('0') }, 'callout-timeout-excessive').texts['Quote.cls'], src('10000'));
  });
});
