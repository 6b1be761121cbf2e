/** Finding keys and baselines in the core: what a finding is known by across edits, and the counting match. */
import * as assert from 'node:assert/strict';
import { enclosingMember, findingKey, fingerprints, normalizedLine, type FindingKey } from '../../../server/out/core/fingerprint';
import { BaselineError, formatBaseline, matchBaseline, parseBaseline } from '../../../server/out/core/baseline';
import type { Finding } from '../../../server/out/core/lint';

const CLASS = `/** Calls the ERP. { not a brace } */
public with sharing class ErpClient {
  private static final String URL = 'https://erp.example.com/{orders}';
  public class Line {
    public String sku { get { return sku; } set; }
  }
  @Future(callout=true)
  public static void push(Id orderId /* ) { */) {
    HttpRequest req = new HttpRequest();
    if (orderId != null) {
      req.setEndpoint(URL);
    }
    new Http().send(req);
  }
  public ErpClient(String name) {
    Map<String, String> m = new Map<String, String>{ 'a' => '}' };
  }
  static {
    System.debug('init');
  }
}
`;

function at(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i;
}

function finding(ruleId: string, line: number, character = 4): Pick<Finding, 'ruleId' | 'range'> {
  return { ruleId: ruleId as Finding['ruleId'], range: { start: { line, character }, end: { line, character: character + 1 } } };
}

function key(overrides: Partial<FindingKey>): FindingKey {
  return { rule: 'callout-timeout-missing', file: 'A.cls', class: 'a', method: 'f', hash: '0000', ...overrides };
}

describe('finding keys', () => {
  it('the class and member around an offset: methods, constructors, properties, inner classes, initializers; comments and strings skipped', () => {
    assert.deepEqual(enclosingMember(CLASS, at(CLASS, 'req.setEndpoint')), { class: 'erpclient', method: 'push' });
    assert.deepEqual(enclosingMember(CLASS, at(CLASS, 'new Http()')), { class: 'erpclient', method: 'push' });
    assert.deepEqual(enclosingMember(CLASS, at(CLASS, 'return sku')), { class: 'erpclient.line', method: 'sku' });
    assert.deepEqual(enclosingMember(CLASS, at(CLASS, "'a' =>")), { class: 'erpclient', method: 'erpclient' });
    assert.deepEqual(enclosingMember(CLASS, at(CLASS, "System.debug('init')")), { class: 'erpclient', method: '' });
    assert.deepEqual(enclosingMember(CLASS, at(CLASS, 'private static final')), { class: 'erpclient', method: '' });
    assert.deepEqual(enclosingMember(CLASS, 0), { class: '', method: '' });
    const trigger = 'trigger OrderSync on Order__c (after insert) {\n  OrderService.sync(Trigger.new);\n}\n';
    assert.deepEqual(enclosingMember(trigger, at(trigger, 'OrderService')), { class: 'ordersync', method: '' });
  });

  it('the line is normalised: whitespace collapsed and trimmed, any line ending', () => {
    assert.equal(normalizedLine('a\r\n  x  =\t 1;  \r\nz', 2), 'x = 1;');
    assert.equal(normalizedLine('a\rb', 2), 'b');
    assert.equal(normalizedLine('a', 5), '');
  });

  it('a key survives lines inserted above and re-indentation, not an edit of its own line', () => {
    const line = CLASS.split('\n').findIndex((l) => l.includes('new Http().send(req)')) + 1;
    const before = findingKey(finding('callout-timeout-missing', line), CLASS, 'classes/ErpClient.cls');
    assert.deepEqual({ ...before, hash: '' }, { rule: 'callout-timeout-missing', file: 'classes/ErpClient.cls', class: 'erpclient', method: 'push', hash: '' });
    assert.match(before.hash, /^[0-9a-f]{16}$/);
    const moved = '\n\n// a comment\n' + CLASS.replace('    new Http().send(req);', '        new   Http().send(req);');
    assert.deepEqual(findingKey(finding('callout-timeout-missing', line + 3, 8), moved, 'classes/ErpClient.cls'), before);
    const renamed = CLASS.replace('new Http().send(req);', 'new Http().send(request);');
    assert.notEqual(findingKey(finding('callout-timeout-missing', line), renamed, 'classes/ErpClient.cls').hash, before.hash);
  });

  it('fingerprints: a digest of the key, numbered when keys repeat', () => {
    const [a, b, c] = fingerprints([key({}), key({}), key({ method: 'g' })]);
    assert.match(a, /^[0-9a-f]{32}:1$/);
    assert.equal(b, a.replace(/:1$/, ':2'));
    assert.notEqual(c.slice(0, 32), a.slice(0, 32));
  });
});

describe('baselines', () => {
  it('match counts: two entries cover two identical findings, a third is new; unmatched entries are gone', () => {
    const entries = [key({}), key({}), key({ rule: 'hardcoded-endpoint', hash: '1111' })];
    const m = matchBaseline(entries, [key({}), key({ method: 'g' }), key({}), key({})]);
    assert.deepEqual(m.baselined, [true, false, true, false]);
    assert.equal(m.matched, 2);
    assert.deepEqual(m.gone, [key({ rule: 'hardcoded-endpoint', hash: '1111' })]);
  });

  it('the file: sorted, one entry per line, the same bytes whatever the order of the findings', () => {
    const keys = [key({ file: 'b/B.cls' }), key({ file: 'a/A.cls', method: 'z' }), key({ file: 'a/A.cls', method: 'g', rule: 'insecure-endpoint' })];
    const text = formatBaseline(keys);
    assert.equal(
      text,
      [
        '{',
        '  "tool": "apex-pattern-lint",',
        '  "version": 1,',
        '  "entries": [',
        '    {"file":"a/A.cls","class":"a","method":"g","rule":"insecure-endpoint","hash":"0000"},',
        '    {"file":"a/A.cls","class":"a","method":"z","rule":"callout-timeout-missing","hash":"0000"},',
        '    {"file":"b/B.cls","class":"a","method":"f","rule":"callout-timeout-missing","hash":"0000"}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    assert.equal(formatBaseline([...keys].reverse()), text);
    assert.deepEqual(parseBaseline(text), [keys[2], keys[1], keys[0]]);
    assert.equal(formatBaseline([]), '{\n  "tool": "apex-pattern-lint",\n  "version": 1,\n  "entries": []\n}\n');
  });

  it('a file that is not a baseline is refused with the reason', () => {
    assert.throws(() => parseBaseline('{'), BaselineError);
    assert.throws(() => parseBaseline('[]'), /no "entries" array/);
    assert.throws(() => parseBaseline('{"version":2,"entries":[]}'), /version 2, this linter reads version 1/);
    assert.throws(() => parseBaseline('{"version":1,"entries":[{"file":"A.cls"}]}'), /entry 1 needs the strings file, class, method, rule, hash/);
  });
});
