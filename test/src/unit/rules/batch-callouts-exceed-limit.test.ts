/** batch-callouts-exceed-limit: a batch calling out once per record, started with a scope above the 100 callouts a transaction allows. */
import * as assert from 'node:assert/strict';
import { fixture, spanOf, workspaceFindings } from '../../support/lint';

describe('batch-callouts-exceed-limit', () => {
  const src = fixture('rules/batch-callouts-exceed-limit.cls');

  it('reports a start with the default scope of 200 on executeBatch, with the loop and the send as related locations', () => {
    const seen = workspaceFindings({ 'PriceRefreshBatch.cls': src }, 'batch-callouts-exceed-limit');
    assert.deepEqual(
      seen.map((s) => [s.at, s.message, s.related]),
      [
        [
          spanOf(src, 'executeBatch(new PriceRefreshBatch())'),
          'PriceRefreshBatch.execute() calls out once per record, and this start gives it the default 200 records per transaction: more than the 100 callouts a transaction allows. Pass a scope of 100 or less (Database.executeBatch(job, 100)), or send one request per chunk',
          [
            `PriceRefreshBatch.cls:${spanOf(src, 'for (Product2 p : scope)')} the loop over the scope`,
            `PriceRefreshBatch.cls:${spanOf(src, 'send(req)')} callout (Http.send)`,
          ],
        ],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['defaultScopeAboveLimit', { type: 'PriceRefreshBatch' }]],
    );
  });

  it('is clean when started with a scope of 50, and reports on execute when no start gives the size', () => {
    const fifty = src.replace('executeBatch(new PriceRefreshBatch())', 'executeBatch(new PriceRefreshBatch(), 50)');
    assert.deepEqual(workspaceFindings({ 'PriceRefreshBatch.cls': fifty }, 'batch-callouts-exceed-limit'), []);
    const unknown = src.replace('executeBatch(new PriceRefreshBatch())', 'executeBatch(new PriceRefreshBatch(), Settings.size())');
    const seen = workspaceFindings({ 'PriceRefreshBatch.cls': unknown }, 'batch-callouts-exceed-limit');
    assert.deepEqual(
      seen.map((s) => s.at),
      [spanOf(unknown, 'execute', 1)],
    );
    assert.match(seen[0].message, /^execute\(\) calls out once per record of its scope, and no start in the project gives the scope size/);
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data, s.message]),
      [
        [
          'scopeUnknown',
          undefined,
          'execute() calls out once per record of its scope, and no start in the project gives the scope size (the default is 200): more than the 100 callouts a transaction allows. Start it with Database.executeBatch(job, 100) or less, or send one request per chunk',
        ],
      ],
    );
  });

  it('reports a start in another class with a scope above 100 through a local, and is clean for one callout per chunk', () => {
    const starter = `public class PriceJobs {
    public static void run() {
        PriceRefreshBatch job = new PriceRefreshBatch();
        Database.executeBatch(job, 150);
    }
}`;
    const fifty = src.replace('executeBatch(new PriceRefreshBatch())', 'executeBatch(new PriceRefreshBatch(), 50)');
    const seen = workspaceFindings({ 'PriceRefreshBatch.cls': fifty, 'PriceJobs.cls': starter }, 'batch-callouts-exceed-limit');
    assert.deepEqual(
      seen.map((s) => [s.file, s.at]),
      [['PriceJobs.cls', spanOf(starter, 'executeBatch(job, 150)')]],
    );
    assert.match(seen[0].message, /this start gives it 150 records per transaction/);
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['scopeAboveLimit', { type: 'PriceRefreshBatch', scope: 150 }]],
    );
    const example = fixture('../../examples/order-integration/force-app/main/default/classes/AccountSyncBatch.cls');
    assert.deepEqual(workspaceFindings({ 'AccountSyncBatch.cls': example }, 'batch-callouts-exceed-limit'), []);
  });
});
