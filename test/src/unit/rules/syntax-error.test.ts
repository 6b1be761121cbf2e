import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf } from '../../support/lint';

describe('syntax-error', () => {
  it('reports the error at its token and still analyses the intact method', () => {
    const src = `public class Half {
    public static void broken() {
        Integer x = ;
    }
    public static HttpResponse intact() {
        HttpRequest req = new HttpRequest();
        return new Http().send(req);
    }
}`;
    assert.deepEqual(
      findings(src).map((f) => [f.ruleId, f.at, f.message]),
      [
        ['syntax-error', spanOf(src, ';'), "Unexpected ';'"],
        [
          'callout-timeout-missing',
          spanOf(src, 'send(req)'),
          "Callout without an explicit timeout: 'req' never gets setTimeout() before send(), so the silent 10 s default applies",
        ],
      ],
    );
    // A problem's message id is its kind; the text is the parser's, carried as the one value.
    assert.deepEqual(
      findings(src, 'syntax-error').map((f) => [f.messageId, f.data]),
      [['syntax', { message: "Unexpected ';'" }]],
    );
  });
  it('gives a short message for a missing token', () => {
    const src = `public class M {
    void f() {
        Integer x = 1
        insert new Account();
    }
}`;
    assert.deepEqual(
      findings(src, 'syntax-error').map((f) => f.message),
      ["Missing ';' before 'insert'"],
    );
  });
  it('reports empty and binary files with a clear message', () => {
    assert.deepEqual(
      findings('', 'syntax-error').map((f) => [f.at, f.message]),
      [['1:1-1:1', 'The file is empty: no Apex to analyse']],
    );
    assert.deepEqual(
      findings('\u0000\u0001ELF', 'syntax-error').map((f) => f.message),
      ['The file contains binary data (NUL bytes); it is not Apex source'],
    );
    assert.deepEqual(
      [...findings('', 'syntax-error'), ...findings('\u0000\u0001ELF', 'syntax-error')].map((f) => [f.messageId, f.data]),
      [
        ['empty', { message: 'The file is empty: no Apex to analyse' }],
        ['binary', { message: 'The file contains binary data (NUL bytes); it is not Apex source' }],
      ],
    );
  });
  it('keeps findings of other members when one nests thousands of levels deep', () => {
    const deep = '('.repeat(6000) + '1' + ')'.repeat(6000);
    const src = `public class Deep {
    public static HttpResponse intact() {
        HttpRequest req = new HttpRequest();
        return new Http().send(req);
    }
    public static Integer deep() {
        return ${deep};
    }
}`;
    const seen = findings(src);
    assert.deepEqual(
      seen.map((f) => [f.ruleId, f.at]),
      [
        ['callout-timeout-missing', spanOf(src, 'send(req)')],
        // the opening brace of deep()'s body
        ['syntax-error', spanOf(src, '{', 2)],
      ],
    );
    assert.equal(seen[1].message, 'This member nests more than 250 levels deep; it is not analysed');
    assert.deepEqual([seen[1].messageId, seen[1].data], ['too-deep', { message: 'This member nests more than 250 levels deep; it is not analysed' }]);
  });
  it('caps syntax errors of junk input', () => {
    const junk = Array.from({ length: 400 }, (_, i) => `@@ ${i} ##`).join('\n');
    const seen = findings(junk, 'syntax-error');
    assert.ok(seen.length <= 20, `got ${seen.length}`);
    assert.match(seen[seen.length - 1].message, /and \d+ more syntax errors in this file/);
  });
  it('fixture: a class with a half-typed method', () => {
    const src = fixture('rules/syntax-error.cls');
    assert.deepEqual(
      findings(src).map((f) => [f.ruleId, f.at]),
      [
        ['syntax-error', spanOf(src, '}')],
        ['hardcoded-endpoint', spanOf(src, "setEndpoint('https://geo.example.com/v1/lookup')")],
      ],
    );
  });
});
