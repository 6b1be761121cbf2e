import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleMetas } from '../../../server/out/rules';
import { RULE_IDS, docsUrl } from '../../../server/out/base/contracts';
import { ROOT } from '../support/lint';

/** Every rule ships with its doc page, its tests and a fixture (STYLE.md, point 4). */
describe('rule metadata', () => {
  const testsText = fs
    .readdirSync(path.join(ROOT, 'test', 'src', 'unit', 'rules'))
    .map((f) => fs.readFileSync(path.join(ROOT, 'test', 'src', 'unit', 'rules', f), 'utf8'))
    .join('\n');
  for (const meta of allRuleMetas()) {
    describe(meta.id, () => {
      it('is a contract id from DESIGN.md', () => assert.ok((RULE_IDS as readonly string[]).includes(meta.id)));
      it('has a doc page with the required sections', () => {
        const doc = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${meta.id}.md`), 'utf8');
        for (const heading of ['## What it does', '## Why is this bad', '## Example', '## Use instead', '## References']) {
          assert.ok(doc.includes(heading), `${meta.id}.md lacks "${heading}"`);
        }
        assert.ok(docsUrl(meta.id).endsWith(`/docs/rules/${meta.id}.md`));
      });
      it('has its quick fix tested on the text it produces, when it is fixable', () => {
        const fixTests = fs
          .readdirSync(path.join(ROOT, 'test', 'src', 'unit', 'rules'))
          .filter((f) => f.startsWith('fixes-'))
          .map((f) => fs.readFileSync(path.join(ROOT, 'test', 'src', 'unit', 'rules', f), 'utf8'))
          .join('\n');
        assert.equal(meta.fixable, fixTests.includes(`describe('quick fixes: ${meta.id}`), `${meta.id}: fixable is ${meta.fixable}, tests say otherwise`);
      });
      it('has tests and a fixture', () => {
        assert.ok(testsText.includes(`'${meta.id}'`), `no test names ${meta.id}`);
        // Apex rules have a .cls fixture; the Lightning component rules a .js one.
        const fixtures = ['cls', 'js'].map((ext) => path.join(ROOT, 'test', 'fixtures', 'rules', `${meta.id}.${ext}`));
        assert.ok(
          fixtures.some((f) => fs.existsSync(f)),
          `no fixture for ${meta.id}`,
        );
      });
    });
  }
});
