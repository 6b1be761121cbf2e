/** The lightning/empApi checks over Lightning component scripts, parsed with a real JavaScript parser. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../../../server/out/core/lint';
import { resolveConfig } from '../../../../server/out/core/config';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { fixture, messageOf, ROOT, spanOf } from '../../support/lint';

const LWC = '/p/force-app/main/default/lwc';

function lintLwc(name: string, text: string, platformEvents: string[] | undefined, config: unknown = {}) {
  const project: ProjectInfo = {
    sfdx: parseSfdxProject('/p', undefined),
    namedCredentials: [],
    ...(platformEvents ? { platformEvents: platformEvents.map((e) => ({ name: e, path: `/p/objects/${e}/${e}.object-meta.xml` })) } : {}),
  };
  const file = `${LWC}/${name}/${name}.js`;
  const [result] = lint([{ path: file, text }], resolveConfig(config), { project });
  return result.findings;
}

function lwcFindings(name: string, text: string, platformEvents: string[] | undefined, config: unknown = {}) {
  return lintLwc(name, text, platformEvents, config).map((f) => [
    f.ruleId,
    `${f.range.start.line}:${f.range.start.character + 1}-${f.range.end.line}:${f.range.end.character + 1}`,
    f.severity,
    f.message.split(':')[0],
  ]);
}

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
});

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
});

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

describe('empApi checks on good designs', () => {
  it("the example's orderStatusFeed and the UI Update scaffold template produce no finding", () => {
    const example = fs.readFileSync(path.join(ROOT, 'examples/order-integration/force-app/main/default/lwc/orderStatusFeed/orderStatusFeed.js'), 'utf8');
    assert.deepEqual(lwcFindings('orderStatusFeed', example, ['Order_Event__e']), []);
    const template = fs
      .readFileSync(path.join(ROOT, 'templates/ui-update/lwc/component.js'), 'utf8')
      .replace(/\{\{Event\}\}/g, 'Shipment_Status__e')
      .replace(/\{\{\w+\}\}/g, 'Shipment');
    assert.deepEqual(lwcFindings('shipment', template, ['Shipment_Status__e']), []);
  });

  it('a script that does not parse is a syntax-error finding, and one without empApi is not parsed at all', () => {
    const broken = "import { subscribe } from 'lightning/empApi';\nexport default class { connectedCallback() { subscribe( }";
    assert.deepEqual(
      lwcFindings('broken', broken, ['A__e']).map((f) => f[0]),
      ['syntax-error'],
    );
    const [found] = lintLwc('broken', broken, ['A__e']);
    assert.deepEqual([found.messageId, found.data], ['syntax', { message: found.message }]);
    assert.deepEqual(lwcFindings('plain', 'this is not JavaScript {', ['A__e']), []);
  });
});
