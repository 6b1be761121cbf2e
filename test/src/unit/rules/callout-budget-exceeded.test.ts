/** callout-budget-exceeded: callouts in one transaction whose timeouts add up past the 120 s cumulative limit. */
import * as assert from 'node:assert/strict';
import { fixture, spanOf, workspaceFindings } from '../../support/lint';

describe('callout-budget-exceeded', () => {
  const src = fixture('rules/callout-budget-exceeded.cls');

  it("reports at the entry point's name when the callouts of one path add up past 120 s, with the chain", () => {
    const seen = workspaceFindings({ 'OrderFulfilmentController.cls': src }, 'callout-budget-exceeded');
    const at = (snippet: string, nth = 0) => `OrderFulfilmentController.cls:${spanOf(src, snippet, nth)}`;
    assert.deepEqual(
      seen.map((s) => [s.at, s.severity, s.related]),
      [
        [
          spanOf(src, 'fulfil'),
          'warning',
          [
            `${at('reserveStock(orderId)')} calls OrderFulfilmentController.reserveStock(): 60 s of callouts`,
            `${at('send(req)')} callout, up to 60 s`,
            `${at('send(shipment)')} callout, up to 45 s`,
            `${at('for (Integer attempt = 0; attempt < 2; attempt++)')} loop of 2 iterations`,
            `${at('send(notice)')} callout, up to 10 s`,
          ],
        ],
      ],
    );
    assert.match(
      seen[0].message,
      /^This @AuraEnabled transaction can spend 125 s waiting on callouts one after another: more than the 120 s a transaction allows/,
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['budgetExceeded', { context: '@AuraEnabled', time: '125 s' }]],
    );
  });

  it('counts a called method only for what it spends on every path, and a loop only when its bound is constant', () => {
    const guarded = src.replace(
      '    private static void reserveStock(Id orderId) {\n',
      '    private static void reserveStock(Id orderId) {\n        if (!Warehouse_Settings__c.getOrgDefaults().Enabled__c) {\n            return;\n        }\n',
    );
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': guarded }, 'callout-budget-exceeded'), []);
    const unbounded = src.replace('attempt < 2', 'attempt < Carrier_Settings__c.getOrgDefaults().Attempts__c');
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': unbounded }, 'callout-budget-exceeded'), []);
    const once = src.replace('attempt < 2', 'attempt < 1');
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': once }, 'callout-budget-exceeded'), []);
  });

  it('judges entry points only: the same method without @AuraEnabled is not reported', () => {
    const notEntry = src.replace('    @AuraEnabled\n', '');
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': notEntry }, 'callout-budget-exceeded'), []);
  });
});
