import * as assert from 'node:assert/strict';
import { lint } from '../../../../server/out/core/lint';

describe('index robustness', () => {
  it('follows a chain of 1,000 calls and a recursive ring without overflowing, and keeps every finding', () => {
    const files = [];
    const N = 1000;
    for (let i = 0; i < N; i++) {
      const next =
        i + 1 < N
          ? `C${i + 1}.go(x);`
          : "HttpRequest r = new HttpRequest(); r.setTimeout(1000); r.setEndpoint('callout:X'); HttpResponse s = new Http().send(r); System.debug(s.getStatus());";
      files.push({ path: `/w/C${i}.cls`, text: `public class C${i} { public static void go(Integer x) { ${next} } }` });
    }
    for (let i = 0; i < 40; i++) {
      files.push({ path: `/w/R${i}.cls`, text: `public class R${i} { public static void go() { R${(i + 1) % 40}.go(); } }` });
    }
    const ctl = 'public class Ctl { @AuraEnabled public static void a(Account acc) { update acc; R0.go(); C0.go(1); } }';
    const trg = 'trigger Trg on Account (after insert) { C0.go(1); R7.go(); }';
    files.push({ path: '/w/Ctl.cls', text: ctl }, { path: '/w/Trg.trigger', text: trg });
    const found = lint(files).flatMap((r) => r.findings.map((f) => `${r.path} ${f.ruleId} ${f.range.start.line}:${f.range.start.character + 1}`));
    assert.deepEqual(found, [`/w/Ctl.cls callout-after-dml 1:${ctl.indexOf('go(1)') + 1}`, `/w/Trg.trigger callout-in-trigger 1:${trg.indexOf('go(1)') + 1}`]);
  });
});

describe('index robustness: broken hierarchies', () => {
  it('survives cyclic extends and implements (as users type them) and still reports the rest', () => {
    const files = [
      { path: '/w/A.cls', text: 'public interface A extends B { void go(); }' },
      { path: '/w/B.cls', text: 'public interface B extends A { void go(); }' },
      { path: '/w/X.cls', text: 'public virtual class X extends Y { public virtual void go() {} }' },
      { path: '/w/Y.cls', text: 'public virtual class Y extends X { public virtual void go() {} }' },
      {
        path: '/w/Use.cls',
        text: "public class Use { @AuraEnabled public static void f(A a, X x, Account acc) { update acc; a.go(); x.go(); HttpRequest r = new HttpRequest(); r.setEndpoint('callout:E'); r.setTimeout(100); HttpResponse s = new Http().send(r); System.debug(s.getStatus()); } }",
      },
    ];
    const found = lint(files).flatMap((r) => r.findings.map((f) => `${r.path} ${f.ruleId}`));
    assert.deepEqual(found, ['/w/Use.cls callout-after-dml', '/w/Use.cls callout-blocks-save']);
  });
});
