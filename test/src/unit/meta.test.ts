import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleMetas } from '../../../server/out/rules';
import { RULE_IDS, docsUrl } from '../../../server/out/base/contracts';
import { ROOT } from '../support/lint';

/**
 * The message ids a source file reports: every `messageId: …` expression's
 * string literals (`messageId: 'a'`, `messageId: cond ? 'a' : 'b'`). An
 * expression without a literal is reported as `<computed>`: ids are written
 * out, so that this scan and a reader find them.
 */
function reportedIds(source: string): string[] {
  const ids: string[] = [];
  for (const m of source.matchAll(/\bmessageId:\s*([^,}\n]+)/g)) {
    const literals = [...m[1].matchAll(/'([^']*)'/g)].map((l) => l[1]);
    ids.push(...(literals.length ? literals : ['<computed>']));
  }
  return ids;
}

/** The problem kinds of model/ir.ts (ProblemKind): their findings' message ids. */
const PROBLEM_IDS: Record<string, string[]> = {
  'syntax-error': ['binary', 'empty', 'syntax', 'too-deep', 'unreadable'],
  'analysis-incomplete': ['internal', 'timeout'],
};

/** One test file per rule, named by its id; fix tests in it for a fixable rule (CONTRIBUTING.md, adding a rule). */
const RULE_TESTS = path.join(ROOT, 'test', 'src', 'unit', 'rules');

/** Every rule ships with its doc page, its tests and a fixture (CONTRIBUTING.md, adding a rule). */
describe('rule metadata', () => {
  const testsText = fs
    .readdirSync(RULE_TESTS)
    .map((f) => fs.readFileSync(path.join(RULE_TESTS, f), 'utf8'))
    .join('\n');
  for (const meta of allRuleMetas()) {
    describe(meta.id, () => {
      it('is a contract id (RULE_IDS)', () => assert.ok((RULE_IDS as readonly string[]).includes(meta.id)));
      it('has a doc page with the required sections', () => {
        const doc = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${meta.id}.md`), 'utf8');
        for (const heading of ['## What it does', '## Why is this bad', '## Example', '## Use instead', '## References']) {
          assert.ok(doc.includes(heading), `${meta.id}.md lacks "${heading}"`);
        }
        assert.ok(docsUrl(meta.id).endsWith(`/docs/rules/${meta.id}.md`));
      });
      it('has its quick fix tested on the text it produces in its own test file, when it is fixable', () => {
        const own = path.join(RULE_TESTS, `${meta.id}.test.ts`);
        const ownText = fs.existsSync(own) ? fs.readFileSync(own, 'utf8') : '';
        assert.equal(
          meta.fixable,
          ownText.includes(`describe('quick fixes: ${meta.id}`),
          `${meta.id}: fixable is ${meta.fixable}, ${meta.id}.test.ts says otherwise`,
        );
      });
      it('declares its messages, each a template whose only {{…}} are placeholder names', () => {
        const entries = Object.entries(meta.messages);
        assert.ok(entries.length > 0, `${meta.id} declares no messages`);
        for (const [id, template] of entries) {
          assert.match(id, /^[a-z][A-Za-z-]*$/, `${meta.id}: message id '${id}'`);
          assert.ok(template.trim().length > 0, `${meta.id}.${id} is empty`);
          assert.doesNotMatch(template.replace(/\{\{\s*[A-Za-z_]\w*\s*\}\}/g, ''), /\{\{|\}\}/, `${meta.id}.${id} has a malformed placeholder`);
        }
      });
      it('reports only the message ids it declares, and declares none it never reports', () => {
        const declared = Object.keys(meta.messages).sort();
        const rulePath = path.join(ROOT, 'server', 'src', 'rules', `${meta.id}.ts`);
        if (fs.existsSync(rulePath)) {
          const reported = [...new Set(reportedIds(fs.readFileSync(rulePath, 'utf8')))].sort();
          assert.ok(reported.length > 0, `${meta.id}.ts reports no messageId`);
          for (const id of reported) assert.ok(declared.includes(id), `${meta.id}.ts reports '${id}', which its meta.messages does not declare`);
          assert.deepEqual(declared, reported, `${meta.id}: declared and reported message ids differ`);
          return;
        }
        // syntax-error and analysis-incomplete: one id per problem kind, and the core's own (reported by check-file / check-lwc).
        const core = ['check-file.ts', 'check-lwc.ts'].map((f) => fs.readFileSync(path.join(ROOT, 'server', 'src', 'core', f), 'utf8')).join('\n');
        const own = declared.filter((id) => !PROBLEM_IDS[meta.id].includes(id));
        for (const id of PROBLEM_IDS[meta.id]) assert.ok(declared.includes(id), `${meta.id} lacks the problem kind '${id}'`);
        for (const id of own) assert.ok(core.includes(`'${id}'`), `${meta.id} declares '${id}', which the core never reports`);
      });
      it('has a test file of its own, test/src/unit/rules/<rule-id>.test.ts, that names it', () => {
        const own = path.join(RULE_TESTS, `${meta.id}.test.ts`);
        assert.ok(fs.existsSync(own), `no test file ${path.relative(ROOT, own)}`);
        const text = fs.readFileSync(own, 'utf8');
        assert.ok(text.includes(`'${meta.id}'`), `${meta.id}.test.ts never names '${meta.id}'`);
        assert.match(text, /\bdescribe\(/, `${meta.id}.test.ts has no tests`);
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
