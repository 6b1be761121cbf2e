/**
 * A short seeded fuzz run in every `npm test` (issue 13): 300 mutants of the
 * examples and rule fixtures through the whole core. The long run is
 * `npm run fuzz`.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { apexFilesBelow, fuzz } from '../fuzz/harness';
import { fuzzProjectFiles } from '../fuzz/project-files';
import { ROOT } from '../support/lint';

describe('fuzzing: 300 seeded mutants through the whole core', function () {
  // Mutants mostly have syntax errors, which are parsed twice (the re-read with ANTLR's prediction, issue 20).
  this.timeout(120000);

  it('nothing escapes, every file finishes within its budget, no fix parses worse', async () => {
    const seeds = apexFilesBelow(path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures'));
    const report = await fuzz({ seed: 13, mutants: 300, seeds, inProcess: true });
    assert.deepEqual(
      report.failures.map((f) => `mutant ${f.mutant} of ${path.basename(f.seedFile)} (${f.steps.join(', ')}): ${f.what}`),
      [],
    );
    assert.equal(report.mutants, 300);
    assert.ok(report.fixesApplied > 0, 'fixes were exercised');
  });
});

describe('fuzzing: 80 seeded mutants of the project files (-meta.xml, sfdx-project.json, lwc/*/*.js)', function () {
  this.timeout(120000);

  it('nothing escapes and each mutant is read and linted within the budget', () => {
    const report = fuzzProjectFiles({ seed: 20, mutants: 80, example: path.join(ROOT, 'examples', 'order-integration') });
    assert.deepEqual(
      report.failures.map((f) => `mutant ${f.mutant} of ${f.seedFile} (${f.steps.join(', ')}): ${f.what}`),
      [],
    );
    assert.deepEqual(report.seeds, [
      'force-app/main/default/lwc/orderStatusFeed/orderStatusFeed.js',
      'force-app/main/default/namedCredentials/ERP.namedCredential-meta.xml',
      'force-app/main/default/namedCredentials/ERP_Credit.namedCredential-meta.xml',
      'force-app/main/default/namedCredentials/Inventory.namedCredential-meta.xml',
      'force-app/main/default/objects/Order_Event__e/Order_Event__e.object-meta.xml',
      'sfdx-project.json',
    ]);
  });
});
