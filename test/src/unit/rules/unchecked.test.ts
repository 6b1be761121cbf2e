import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf } from '../../support/lint';

describe('unchecked-callout-response', () => {
  const RULE = 'unchecked-callout-response';
  const MESSAGE = 'The response status of this callout is never checked (getStatusCode()/getStatus()): errors from the other system pass silently';
  function cls(body: string): string {
    return `public class Sync {
    public static Object go(HttpRequest req) {
${body}
    }
}`;
  }
  it('reports a response whose body is read without a status check', () => {
    const src = cls(`        HttpResponse res = new Http().send(req);
        return JSON.deserializeUntyped(res.getBody());`);
    assert.deepEqual(findings(src, RULE), [{ ruleId: RULE, at: spanOf(src, 'send(req)'), messageId: 'statusUnchecked', message: MESSAGE, severity: 'info' }]);
  });
  it('reports a discarded response and send(...).getBody()', () => {
    const src = cls(`        new Http().send(req);
        return new Http().send(req).getBody();`);
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'send(req)'), spanOf(src, 'send(req)', 1)],
    );
  });
  it('accepts a status check, a returned response, and a response handed to a handler', () => {
    for (const body of [
      `        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) { throw new CalloutException(res.getStatus()); }
        return res.getBody();`,
      `        return new Http().send(req);`,
      `        HttpResponse res = new Http().send(req);
        return ResponseHandler.parse(res);`,
    ]) {
      assert.deepEqual(findings(cls(body), RULE), [], body);
    }
  });
  it('fixture', () => {
    const src = fixture('rules/unchecked-callout-response.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'send(req)')],
    );
  });
});

describe('unchecked-event-publish', () => {
  const RULE = 'unchecked-event-publish';
  it('reports a publish whose results are discarded, on the publish call', () => {
    const src = `public class Publisher {
    public static void announce(List<Order_Event__e> events) {
        EventBus.publish(events);
    }
}`;
    assert.deepEqual(findings(src, RULE), [
      {
        ruleId: RULE,
        at: spanOf(src, 'publish(events)'),
        messageId: 'saveResultUnchecked',
        message: 'The Database.SaveResult of EventBus.publish() is never checked: events that fail to publish are lost silently',
        severity: 'info',
      },
    ]);
  });
  it('accepts results that are iterated or checked', () => {
    const src = `public class Publisher {
    public static void announce(List<Order_Event__e> events, Order_Event__e one) {
        List<Database.SaveResult> results = EventBus.publish(events);
        for (Database.SaveResult sr : results) {
            if (!sr.isSuccess()) { System.debug(sr.getErrors()); }
        }
        Database.SaveResult single = EventBus.publish(one);
        System.assert(single.isSuccess());
    }
}`;
    assert.deepEqual(findings(src, RULE), []);
  });
  it('fixture', () => {
    const src = fixture('rules/unchecked-event-publish.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'publish(new Shipment_Event__e(Order_Id__c = orderId))')],
    );
  });
});
