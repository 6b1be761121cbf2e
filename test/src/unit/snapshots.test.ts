/**
 * The checked-in output of every fixture and example project (test/snapshots/)
 * is what the CLI prints today. A rule change that moves, adds or drops a
 * finding fails here until `npm run test:update-snapshots` rewrites the
 * snapshots and the diff is reviewed with the change.
 */
import * as assert from 'node:assert/strict';
import { renderSnapshots, storedSnapshots } from '../support/snapshots';

describe('snapshots of each fixture and example project (npm run test:update-snapshots)', function () {
  this.timeout(120_000);
  let fresh: Map<string, string>;
  const stored = storedSnapshots();
  before(() => {
    fresh = renderSnapshots();
  });

  it('has one snapshot per fixture and example project, and none for a fixture that is gone', () => {
    assert.deepEqual([...stored.keys()].sort(), [...fresh.keys()].sort(), 'run npm run test:update-snapshots');
  });

  it('records paths relative to the project, and nothing that depends on the machine (an analysis cut short by time)', () => {
    for (const [name, text] of stored) {
      assert.doesNotMatch(text, /"filePath": "(\/|[A-Za-z]:|\.\.)/, `${name} holds a path outside its project`);
      assert.doesNotMatch(text, /"ruleId": "analysis-incomplete"/, `${name} holds an analysis-incomplete finding`);
    }
  });

  for (const name of [...stored.keys()].sort()) {
    it(`test/snapshots/${name} is the CLI's output`, () => {
      const text = fresh.get(name);
      assert.ok(text !== undefined, `no fixture or example for ${name}: run npm run test:update-snapshots`);
      assert.equal(text, stored.get(name), `${name} differs from the CLI's output: review the diff, then npm run test:update-snapshots`);
    });
  }
});
