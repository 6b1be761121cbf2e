import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf } from '../../support/lint';
import { applyFix } from '../../support/fixes';

const RULE = 'continuation-request-limit';

const start = (adds: string) => `public with sharing class Account360Controller {
    @AuraEnabled(continuation=true cacheable=true)
    public static Object startRequests(Id accountId) {
        Continuation con = new Continuation(60);
        con.continuationMethod = 'processResponses';
${adds}
        return con;
    }
}`;
const add = (n: number) => `        con.addHttpRequest(request${n});`;

describe('continuation-request-limit', () => {
  it('reports the fourth addHttpRequest() on one Continuation, with the Continuation and the first three requests', () => {
    const src = start([1, 2, 3, 4].map(add).join('\n'));
    const found = findings(src, RULE);
    assert.deepEqual(found, [
      {
        ruleId: RULE,
        at: spanOf(src, 'addHttpRequest(request4)'),
        messageId: 'tooManyRequests',
        data: { continuation: 'con', count: 4 },
        message:
          "Continuation 'con' gets 4 requests: a Continuation holds at most 3, so this addHttpRequest() fails at runtime. Chain a second Continuation from the callback, or combine the requests",
        severity: 'error',
      },
    ]);
  });

  it('reports the fixture once', () => {
    const src = fixture('rules/continuation-request-limit.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, "addHttpRequest(request('callout:Billing/invoices?account=' + accountId))")],
    );
  });

  it('valid: three requests, two Continuations of two, and requests added in a loop (as many as the data)', () => {
    assert.deepEqual(findings(start([1, 2, 3].map(add).join('\n')), RULE), []);
    const two = start(
      `${add(1)}\n${add(2)}\n        Continuation next = new Continuation(60);\n        next.addHttpRequest(request3);\n        next.addHttpRequest(request4);`,
    );
    assert.deepEqual(findings(two, RULE), []);
    assert.deepEqual(findings(start('        for (HttpRequest r : requests) {\n            con.addHttpRequest(r);\n        }'), RULE), []);
  });
});

describe('callout-timeout-excessive: Continuation timeouts', () => {
  it('reports a Continuation timeout above 120 s, in the constructor and assigned, as an error', () => {
    const src = start('        con.timeout = 0;').replace('new Continuation(60)', 'new Continuation(180)');
    assert.deepEqual(
      findings(src, 'callout-timeout-excessive').map((f) => [f.at, f.messageId, f.message, f.severity]),
      [
        [
          spanOf(src, 'new Continuation(180)'),
          'continuationTimeout',
          'Continuation timeout of 180 s is outside the allowed 1..120 s: the Continuation fails at runtime',
          'error',
        ],
        [
          spanOf(src, 'con.timeout = 0'),
          'continuationTimeout',
          'Continuation timeout of 0 s is outside the allowed 1..120 s: the Continuation fails at runtime',
          'error',
        ],
      ],
    );
    assert.deepEqual(findings(start('        con.timeout = 120;'), 'callout-timeout-excessive'), []);
  });
});

describe('quick fixes: callout-timeout-excessive (Continuation)', () => {
  it('sets the Continuation timeout to the 120 s limit', () => {
    const src = start(add(1)).replace('new Continuation(60)', 'new Continuation(180)');
    const fixed = applyFix({ 'Account360Controller.cls': src }, 'callout-timeout-excessive');
    assert.deepEqual([fixed.title, fixed.safe], ['Set the Continuation timeout to 120 s (the limit)', true]);
    assert.equal(fixed.texts['Account360Controller.cls'], src.replace('new Continuation(180)', 'new Continuation(120)'));
  });
});
