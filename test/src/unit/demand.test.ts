import * as assert from 'node:assert/strict';
import { filesThatMatter, lint } from '../../../server/out/core/lint';
import { defaultConfig } from '../../../server/out/core/config';

describe('demand-driven parsing', () => {
  const files = [
    { path: '/p/Erp.cls', text: "public class Erp { static void f() { HttpRequest r = new HttpRequest(); r.setTimeout(Limits.WAIT); r.setEndpoint('callout:E'); HttpResponse s = new Http().send(r); System.debug(s.getStatus()); } }" },
    { path: '/p/Limits.cls', text: 'public class Limits { public static final Integer WAIT = 200 * 1000; }' },
    { path: '/p/Unrelated.cls', text: 'public class Unrelated { void f() { Integer x = ; } }' },
  ];
  it('parses the files with callouts and the classes they name, not the rest', () => {
    assert.deepEqual([...filesThatMatter(files)].sort(), ['/p/Erp.cls', '/p/Limits.cls']);
  });
  it('still folds a constant of a referenced class, and reports every file', () => {
    const results = lint(files, defaultConfig());
    assert.deepEqual(
      results.map((r) => [r.path, r.findings.map((f) => f.ruleId)]),
      [
        ['/p/Erp.cls', ['callout-timeout-excessive']],
        ['/p/Limits.cls', []],
        ['/p/Unrelated.cls', []],
      ],
    );
    assert.deepEqual(lint(files, defaultConfig(), { allFiles: true })[2].findings.map((f) => f.ruleId), ['syntax-error']);
  });
});
