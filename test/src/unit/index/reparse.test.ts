import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../../server/out/core/lint';
import { reanalyzeMember } from '../../../../server/out/core/reparse';
import { LintProject } from '../../../../server/out/core/project';
import type { FileModel } from '../../../../server/out/model/ir';
import { ROOT } from '../../support/lint';
import { compareEdits, type BodyEdit } from '../../support/edit-compare';
import { random } from '../../fuzz/mutate';

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

describe('an editor session ends where a fresh run starts (issue 20, item 3)', () => {
  /** A class with more syntax errors than are reported (20) and a string in a method, edited at random. */
  const broken = Array.from({ length: 12 }, (_, i) => `    void broken${i}() {\n        Integer a = ;\n        Integer b = ;\n    }\n`).join('');
  const text = `public class Gateway {
    public static void push() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://erp.example.com/api/orders');
        req.setTimeout(10000);
        new Http().send(req).getStatusCode();
    }
${broken}}
`;
  const bodyStarts = (t: string) => [...t.matchAll(/\) \{\n/g)].map((m) => m.index! + m[0].length);
  const at = (t: string, i: number, insert: string, remove = 0) => t.slice(0, i) + insert + t.slice(i + remove);

  it('the same findings as a fresh project after random edits: NUL in a string, syntax errors added and removed', function () {
    this.timeout(120000);
    const next = random(20);
    const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
    const edits: BodyEdit[] = Array.from({ length: 40 }, (_, k): BodyEdit => {
      const kind = k % 4;
      const r = next();
      if (kind === 0) return { path: 'Gateway.cls', what: 'NUL typed in a string', apply: (t) => at(t, t.indexOf("orders'"), '\u0000') };
      if (kind === 1) return { path: 'Gateway.cls', what: 'a syntax error added', apply: (t) => at(t, pick(bodyStarts(t)), '        Integer c = ;\n') };
      if (kind === 2) return { path: 'Gateway.cls', what: 'a syntax error fixed', apply: (t) => t.replace(' = ;', ' = 1;') };
      return { path: 'Gateway.cls', what: 'a character typed', apply: (t) => at(t, bodyStarts(t)[Math.floor(r * bodyStarts(t).length)], 'x') };
    });
    const run = compareEdits([{ path: 'Gateway.cls', text }], edits);
    assert.ok(run.steps >= 40);
  });

  it('a NUL typed in a string of a method makes the file binary, as on a fresh run', () => {
    const project = new LintProject();
    project.setFile({ path: 'Gateway.cls', text });
    project.lintFile('Gateway.cls');
    const edited = at(text, text.indexOf("orders'"), '\u0000');
    project.setFile({ path: 'Gateway.cls', text: edited });
    assert.deepEqual(
      project.lintFile('Gateway.cls').map((f) => [f.ruleId, f.message]),
      [['syntax-error', 'The file contains binary data (NUL bytes); it is not Apex source']],
    );
  });
});
