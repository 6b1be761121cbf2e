/** The lightning/empApi checks over Lightning component scripts, parsed with a real JavaScript parser. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../support/lint';
import { lintLwc, lwcFindings } from '../../support/lwc';

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
