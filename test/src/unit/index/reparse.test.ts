import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../../server/out/core/lint';
import { reanalyzeMember } from '../../../../server/out/core/reparse';
import { LintProject } from '../../../../server/out/core/project';
import type { FileModel } from '../../../../server/out/model/ir';
import { ROOT } from '../../support/lint';

const CLASSES = path.join(ROOT, 'examples', 'order-integration', 'force-app', 'main', 'default', 'classes');

/** Problems in position order (the full parse lists syntax errors before modelling problems). */
function normal(model: FileModel): string {
  return JSON.stringify({ ...model, problems: [...model.problems].sort((a, b) => a.span.start - b.span.start || a.message.localeCompare(b.message)) });
}

const EDITS: [string, (t: string, i: number) => string][] = [
  ['type a character', (t, i) => t.slice(0, i) + 'x' + t.slice(i)],
  ['delete a character', (t, i) => t.slice(0, i) + t.slice(i + 1)],
  ['add a statement', (t, i) => t.slice(0, i) + ' update acc; ' + t.slice(i)],
  ['add a suppression comment', (t, i) => t.slice(0, i) + '\n// apex-pattern-lint-disable-next-line\n' + t.slice(i)],
  ['open a string', (t, i) => t.slice(0, i) + "'" + t.slice(i)],
  ['open a comment', (t, i) => t.slice(0, i) + '/*' + t.slice(i)],
  ['add a brace', (t, i) => t.slice(0, i) + '}' + t.slice(i)],
];

describe('re-parsing one member after an edit', () => {
  it('gives exactly the model of a full parse, or gives up, for edits all over the example classes', function () {
    this.timeout(60000);
    let incremental = 0;
    for (const name of fs.readdirSync(CLASSES).filter((f) => f.endsWith('.cls'))) {
      const file = path.join(CLASSES, name);
      const text = fs.readFileSync(file, 'utf8');
      const old = analyzeFile({ path: file, text });
      for (let k = 1; k <= 4; k++) {
        const at = Math.floor((k / 5) * text.length);
        for (const [what, edit] of EDITS) {
          const changed = edit(text, at);
          const result = reanalyzeMember(old, changed);
          if (!result) continue;
          incremental++;
          assert.equal(normal(result.model), normal(analyzeFile({ path: file, text: changed }).model), `${name}: ${what} at ${at}`);
        }
      }
    }
    assert.ok(incremental > 60, `only ${incremental} edits were re-parsed member by member`);
  });

  it('gives up when the edit leaves the body: a brace, a comment running past it, a change in the signature', () => {
    const text = `public class A {
    public static void f(Integer x) {
        System.debug(x);
    }
    /* doc */
    public static void g() {}
}`;
    const old = analyzeFile({ path: 'A.cls', text });
    const inBody = text.indexOf('System.debug');
    assert.ok(reanalyzeMember(old, text.slice(0, inBody) + 'x' + text.slice(inBody)));
    assert.equal(reanalyzeMember(old, text.slice(0, inBody) + '/*' + text.slice(inBody)), undefined);
    assert.equal(reanalyzeMember(old, text.slice(0, inBody) + '}' + text.slice(inBody)), undefined);
    assert.equal(reanalyzeMember(old, text.replace('Integer x', 'Long x')), undefined);
  });

  it('is what LintProject does on an edit inside a method, with the same findings as a fresh project', () => {
    const file = path.join(CLASSES, 'OrderConfirmationController.cls');
    const text = fs.readFileSync(file, 'utf8');
    const project = new LintProject();
    project.setFile({ path: file, text });
    project.lintFile(file);
    const edited = text.replace('        req.setTimeout(10000);\n', '');
    project.setFile({ path: file, text: edited });
    const findings = project.lintFile(file);
    assert.deepEqual([project.stats.parsed, project.stats.membersReparsed], [1, 1]);
    const fresh = new LintProject();
    fresh.setFile({ path: file, text: edited });
    assert.deepEqual(findings, fresh.lintFile(file));
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['callout-after-dml', 'callout-blocks-save', 'callout-timeout-missing'],
    );
  });
});
