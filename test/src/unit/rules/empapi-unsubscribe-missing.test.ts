/** empapi-unsubscribe-missing: a lightning/empApi subscription that disconnectedCallback never releases. */
import * as assert from 'node:assert/strict';
import { lintLwc, lwcFindings } from '../../support/lwc';
import { fixture, spanOf, messageOf } from '../../support/lint';

describe('empapi-unsubscribe-missing', () => {
  it('reports a subscription that disconnectedCallback never releases (there is none), with the channel from a constant', () => {
    const src = fixture('rules/empapi-unsubscribe-missing.js');
    const start = src.indexOf('subscribe(CHANNEL');
    const call = src.slice(start, src.indexOf('});', start) + 2);
    assert.deepEqual(lwcFindings('shipmentFeed', src, ['Shipment_Status__e']), [
      ['empapi-unsubscribe-missing', spanOf(src, call), 'warning', 'empApi subscription never released'],
    ]);
    assert.deepEqual(lintLwc('shipmentFeed', src, ['Shipment_Status__e']).map(messageOf), [
      {
        messageId: 'missingUnsubscribe',
        message:
          'empApi subscription never released: disconnectedCallback does not call unsubscribe, so the subscription outlives the component, keeps a streaming client busy and runs its callback on a removed component. Call unsubscribe(subscription) in disconnectedCallback',
      },
    ]);
  });

  it('is quiet when disconnectedCallback releases the subscription it kept', () => {
    const src = fixture('rules/empapi-unsubscribe-missing.js');
    const released = src
      .replace("import { subscribe, onError } from 'lightning/empApi';", "import { subscribe, unsubscribe, onError } from 'lightning/empApi';")
      .replace('    updates = [];\n', '    updates = [];\n    subscription;\n')
      .replace(
        '            this.updates = [message.data.payload, ...this.updates].slice(0, 20);\n        });\n    }\n',
        '            this.updates = [message.data.payload, ...this.updates].slice(0, 20);\n        }).then((response) => {\n            this.subscription = response;\n        });\n    }\n\n    disconnectedCallback() {\n        unsubscribe(this.subscription, () => {});\n    }\n',
      );
    assert.ok(released.includes('        unsubscribe(this.subscription'));
    assert.deepEqual(lwcFindings('shipmentFeed', released, ['Shipment_Status__e']), []);
  });
});
