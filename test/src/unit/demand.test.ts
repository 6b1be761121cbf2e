import * as assert from 'node:assert/strict';
import { filesThatMatter, lint } from '../../../server/out/core/lint';
import { defaultConfig } from '../../../server/out/base/contracts';

describe('demand-driven parsing', () => {
  const files = [
    {
      path: '/p/Erp.cls',
      text: "public class Erp { static void f() { HttpRequest r = new HttpRequest(); r.setTimeout(Limits.WAIT); r.setEndpoint('callout:E'); HttpResponse s = new Http().send(r); System.debug(s.getStatus()); } }",
    },
    { path: '/p/Limits.cls', text: 'public class Limits { public static final Integer WAIT = 200 * 1000; }' },
    { path: '/p/Unrelated.cls', text: 'public class Unrelated { void f() { Integer x = ; } }' },
  ];
  it('parses the files with callouts and the classes they name, not the rest', () => {
    assert.deepEqual([...filesThatMatter(files)].sort(), ['/p/Erp.cls', '/p/Limits.cls']);
  });
  it('adds callers transitively, the interface a dispatcher names, and the classes callers use that may leave pending work', () => {
    const ws = [
      { path: '/p/ErpClient.cls', text: 'public class ErpClient implements Gateway { public void push() { new Http().send(new HttpRequest()); } }' },
      { path: '/p/Gateway.cls', text: 'public interface Gateway { void push(); }' },
      { path: '/p/Dispatcher.cls', text: 'public class Dispatcher { public static void run(Gateway g) { g.push(); } }' },
      { path: '/p/Service.cls', text: 'public class Service { public static void go() { Repo.save(); Dispatcher.run(null); } }' },
      { path: '/p/Controller.cls', text: 'public class Controller { @AuraEnabled public static void go() { Service.go(); } }' },
      { path: '/p/Repo.cls', text: 'public class Repo { public static void save() { Audit.write(); } }' },
      { path: '/p/Audit.cls', text: 'public class Audit { public static void write() { insert new Task(); } }' },
      { path: '/p/Formatter.cls', text: 'public class Formatter { public static String f(String s) { return s.trim(); } }' },
      { path: '/p/Report.cls', text: 'public class Report { void f() { update new Account(); } }' },
    ];
    assert.deepEqual([...filesThatMatter(ws)].sort(), [
      '/p/Audit.cls',
      '/p/Controller.cls',
      '/p/Dispatcher.cls',
      '/p/ErpClient.cls',
      '/p/Gateway.cls',
      '/p/Repo.cls',
      '/p/Service.cls',
    ]);
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
    assert.deepEqual(
      lint(files, defaultConfig(), { allFiles: true })[2].findings.map((f) => f.ruleId),
      ['syntax-error'],
    );
  });
});
