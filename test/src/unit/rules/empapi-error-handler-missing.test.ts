/** empapi-error-handler-missing: a lightning/empApi subscription in a component that never registers onError. */
import * as assert from 'node:assert/strict';
import { lintLwc, lwcFindings } from '../../support/lwc';
import { fixture, spanOf, messageOf } from '../../support/lint';

describe('empapi-error-handler-missing', () => {
  it('reports each subscribe( of a component that never calls onError', () => {
    const src = fixture('rules/empapi-error-handler-missing.js');
    const subscribeCall = src.slice(src.indexOf('subscribe('), src.indexOf('})', src.indexOf('subscribe(')) + 2);
    assert.deepEqual(lwcFindings('shipmentStatus', src, ['Shipment_Status__e']), [
      ['empapi-error-handler-missing', spanOf(src, subscribeCall), 'warning', 'empApi subscription without an onError handler'],
    ]);
    assert.deepEqual(lintLwc('shipmentStatus', src, ['Shipment_Status__e']).map(messageOf), [
      {
        messageId: 'missingOnError',
        message:
          'empApi subscription without an onError handler: when the streaming connection fails (session expiry, network, too many clients) the component silently stops updating. Register one with onError(...) before subscribing and tell the user',
      },
    ]);
  });

  it('is quiet when the component registers onError, in connectedCallback or before it subscribes', () => {
    const src = fixture('rules/empapi-error-handler-missing.js');
    const handled = src
      .replace("import { subscribe, unsubscribe } from 'lightning/empApi';", "import { subscribe, unsubscribe, onError } from 'lightning/empApi';")
      .replace('    connectedCallback() {\n', '    connectedCallback() {\n        onError((error) => {\n            this.status = undefined;\n        });\n');
    assert.ok(handled.includes('        onError((error) => {'));
    assert.deepEqual(lwcFindings('shipmentStatus', handled, ['Shipment_Status__e']), []);
  });
});
