/** event-channel-unknown: an empApi channel /event/X__e for a Platform Event the project's objects/ does not define. */
import * as assert from 'node:assert/strict';
import { lintLwc, lwcFindings } from '../../support/lwc';
import { fixture, spanOf, messageOf } from '../../support/lint';

describe('event-channel-unknown', () => {
  const src = fixture('rules/event-channel-unknown.js');
  const start = src.indexOf('subscribe(this.channelName');
  const call = src.slice(start, src.indexOf('});', start) + 2);

  it('reports a channel /event/X__e the project has no objects/X__e for (channel from a class field; released through a method)', () => {
    assert.deepEqual(lwcFindings('orderWatcher', src, ['Order_Event__e']), [
      ['event-channel-unknown', spanOf(src, call), 'warning', "No Platform Event 'Order_Events__e' in this project's objects/ (it has Order_Event__e)"],
    ]);
    assert.deepEqual(lintLwc('orderWatcher', src, ['Order_Event__e', 'Invoice_Event__e']).map(messageOf), [
      {
        messageId: 'unknownEvent',
        data: { event: 'Order_Events__e', known: 'Order_Event__e, Invoice_Event__e' },
        message:
          "No Platform Event 'Order_Events__e' in this project's objects/ (it has Order_Event__e, Invoice_Event__e): the subscription fails or never receives anything. Check the channel name",
      },
    ]);
  });

  it('is quiet for a defined event (case-insensitive), with no Platform Event metadata, or for a namespaced event', () => {
    assert.deepEqual(lwcFindings('orderWatcher', src, ['order_events__e']), []);
    assert.deepEqual(lwcFindings('orderWatcher', src, undefined), []);
    assert.deepEqual(lwcFindings('orderWatcher', src, []), []);
    assert.deepEqual(lwcFindings('orderWatcher', src.replace('Order_Events__e', 'acme__Order_Events__e'), ['Order_Event__e']), []);
  });

  it('honours the settings and the disable-next-line comment', () => {
    assert.deepEqual(lwcFindings('orderWatcher', src, ['Order_Event__e'], { rules: { 'event-channel-unknown': 'off' } }), []);
    const disabled = src.replace(
      '        this.subscription = await subscribe',
      '        // apex-pattern-lint-disable-next-line event-channel-unknown\n        this.subscription = await subscribe',
    );
    assert.deepEqual(lwcFindings('orderWatcher', disabled, ['Order_Event__e']), []);
  });
});
