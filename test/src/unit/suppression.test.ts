import * as assert from 'node:assert/strict';
import { findings } from '../support/lint';

const body = (prefix: string, annotation = '') => `public class Legacy {
    ${annotation}
    public static void ping() {
        HttpRequest req = new HttpRequest();
        ${prefix}
        req.setEndpoint('http://legacy.example.com/ping');
        req.setTimeout(5000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}`;

describe('suppression', () => {
  it('disable-next-line with ids silences only those rules on the next line', () => {
    const seen = findings(body('// apex-pattern-lint-disable-next-line hardcoded-endpoint'));
    assert.deepEqual(
      seen.map((f) => f.ruleId),
      ['insecure-endpoint'],
    );
  });
  it('disable-next-line with a list, and without ids', () => {
    assert.deepEqual(findings(body('/* apex-pattern-lint-disable-next-line hardcoded-endpoint, insecure-endpoint */')), []);
    assert.deepEqual(findings(body('// apex-pattern-lint-disable-next-line')), []);
  });
  it('@SuppressWarnings on the method or the class', () => {
    assert.deepEqual(findings(body('', "@SuppressWarnings('apex-pattern-lint:insecure-endpoint, apex-pattern-lint:hardcoded-endpoint')")), []);
    const cls = "@SuppressWarnings('apex-pattern-lint:hardcoded-endpoint')\n" + body('');
    assert.deepEqual(
      findings(cls).map((f) => f.ruleId),
      ['insecure-endpoint'],
    );
  });
  it('config can turn a rule off or change its severity', () => {
    assert.deepEqual(
      findings(body(''), undefined, { rules: { 'insecure-endpoint': 'off', 'hardcoded-endpoint': 'error' } }).map((f) => [f.ruleId, f.severity]),
      [['hardcoded-endpoint', 'error']],
    );
  });
});
