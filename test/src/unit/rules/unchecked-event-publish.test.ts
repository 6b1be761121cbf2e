/** unchecked-event-publish: EventBus.publish whose Database.SaveResult is never examined. */
import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf } from '../../support/lint';

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
