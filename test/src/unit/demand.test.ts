import * as assert from 'node:assert/strict';
import { filesThatMatter, lint } from '../../../server/out/core/lint';
import { omitBodies, selectDemand } from '../../../server/out/select';
import { scanFile } from '../../../server/out/select/scan';
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

  describe('matches a call by what it is called on', () => {
    // Sender.push() calls out; every other class has a method of a name that also exists on a path to it.
    const sender = {
      path: '/p/Sender.cls',
      text: 'public class Sender { public void push(String s) { new Http().send(new HttpRequest()); } public Sender self() { return this; } }',
    };
    const other = { path: '/p/Other.cls', text: 'public class Other { public void push(String s) { System.debug(s); } public Other self() { return this; } }' };
    const select = (text: string) => [...filesThatMatter([sender, other, { path: '/p/Caller.cls', text }])].sort();
    const calls = ['/p/Caller.cls', '/p/Sender.cls'];
    const none = ['/p/Sender.cls'];

    it('a variable by the type it is declared with: a local, a parameter, a field, a property, a list element, a map value', () => {
      assert.deepEqual(select('public class Caller { void f() { Sender s = new Sender(); s.push(null); } }'), calls);
      assert.deepEqual(select('public class Caller { void f() { Other o = new Other(); o.push(null); } }'), none);
      assert.deepEqual(select('public class Caller { void f(Other o, Sender s) { o.push(null); } }'), none);
      assert.deepEqual(select('public class Caller { Sender s; void f() { s.push(null); } }'), calls);
      assert.deepEqual(select('public class Caller { Other o { get; set; } void f() { o.push(null); } }'), none);
      assert.deepEqual(select('public class Caller { void f(List<Sender> xs) { xs.get(0).push(null); } }'), calls);
      assert.deepEqual(select('public class Caller { void f(Map<Id, List<Other>> m) { m.get(null).get(0).push(null); } }'), none);
      assert.deepEqual(select('public class Caller { void f(List<Sender> xs) { for (Other o : others) { o.push(null); } } }'), none);
      // `Other a = x, b = y;` declares b as an Other too
      assert.deepEqual(select('public class Caller { void f() { Other a = null, b = null; b.push(null); } }'), none);
    });

    it('the result of a call by its declared return type; a system method returns no workspace class', () => {
      assert.deepEqual(select('public class Caller { void f() { new Sender().self().push(null); } }'), calls);
      assert.deepEqual(select('public class Caller { void f() { new Other().self().self().push(null); } }'), none);
      assert.deepEqual(select("public class Caller { void f(String s) { s.trim().push(null); System.push('x'); } }"), none);
    });

    it('anything it cannot tell stays matched by name', () => {
      // an expression in parentheses, a variable declared nowhere we look, an unknown generic
      assert.deepEqual(select('public class Caller { void f(Object x) { ((Other) x).push(null); } }'), calls);
      assert.deepEqual(select('public class Caller extends Base { void f() { inherited.push(null); } }'), calls);
      assert.deepEqual(select('public class Caller { void f(Iterable<Other> it) { it.iterator().next().push(null); } }'), calls);
    });

    it('a call runs only a method with as many parameters as it has arguments', () => {
      assert.deepEqual(select('public class Caller { void f(Object x) { ((Sender) x).push(); ((Sender) x).push(1, 2); } }'), none);
      assert.deepEqual(select("public class Caller { void f(Object x) { ((Sender) x).push('a' + 'b'); } }"), calls);
    });
  });

  it('omits the bodies no rule needs, keeping offsets and lines', () => {
    const text = [
      'public class Mixed {',
      '    public void send() { new Http().send(new HttpRequest()); }',
      '    public String label(Integer i) {',
      "        return 'n' + i; // not needed",
      '    }',
      '    public Mixed() { label(1); }',
      '}',
    ].join('\n');
    const file = { path: '/p/Mixed.cls', text };
    const demand = selectDemand([file]);
    const blanked = omitBodies(text, demand.omitted.get(file.path));
    assert.equal(blanked.length, text.length);
    assert.deepEqual(blanked.split('\n'), [
      'public class Mixed {',
      '    public void send() { new Http().send(new HttpRequest()); }',
      '    public String label(Integer i) {',
      ' '.repeat("        return 'n' + i; // not needed".length),
      '    }',
      '    public Mixed() {           }',
      '}',
    ]);
    // The same findings as reading everything, syntax errors aside
    const errors = { path: '/p/Mixed.cls', text: text.replace("return 'n' + i;", 'return ;;+;') };
    assert.deepEqual(
      lint([errors], defaultConfig(), { omitUnneededBodies: true })[0].findings.map((f) => f.ruleId),
      ['callout-timeout-missing', 'unchecked-callout-response'],
    );
    assert.deepEqual([...new Set(lint([errors], defaultConfig(), { allFiles: true })[0].findings.map((f) => f.ruleId))].sort(), [
      'callout-timeout-missing',
      'syntax-error',
      'unchecked-callout-response',
    ]);
  });

  it('reads names without regard to case, however many distinct names a run meets', () => {
    const text = 'public class Caller { void go(Erp e) { ERP.Push(1); erp.PUSH(2); e.pUsH(3); Erp_Client.push(4); erp_client.Push(5); } }';
    const go = scanFile({ path: '/p/Caller.cls', text }).members[0];
    assert.deepEqual([...go.calls], ['push']);
    assert.deepEqual([...go.qualifiers].sort(), ['e', 'erp', 'erp_client']);
    assert.deepEqual(
      go.refs.map((r) => `${r.q}.${r.name}`),
      ['erp.push', 'erp.push', 'e.push', 'erp_client.push', 'erp_client.push'],
    );
    // Enough distinct names to fill the scan's table of names several times over, mixed case and near misses included.
    const names = Array.from({ length: 100_000 }, (_, i) => `Name${i.toString(36)}`);
    const many = scanFile({ path: '/p/Many.cls', text: `public class Many { void f() { ${names.map((n) => `${n}.X${n.toUpperCase()}();`).join(' ')} } }` });
    const f = many.members[0];
    assert.equal(f.qualifiers.size, names.length);
    assert.ok(names.every((n) => f.qualifiers.has(n.toLowerCase()) && f.calls.has(`x${n.toLowerCase()}`)));
    assert.equal(f.calls.size, names.length);
    // Two names of one length and one hash (FNV-1a): still two names.
    const twins = scanFile({ path: '/p/Twins.cls', text: 'public class Twins { void f() { N0055ZX.go(); n00gpcd.go(); } }' }).members[0];
    assert.deepEqual([...twins.qualifiers], ['n0055zx', 'n00gpcd']);
  });
});
