/**
 * One directive parser for Apex and Lightning component scripts
 * (server/src/model/directive.ts): `disable-next-line` and `disable-line`,
 * ids in any case, in `//` and block comments, in both languages alike.
 */
import * as assert from 'node:assert/strict';
import { lint } from '../../../server/out/core/lint';
import { defaultConfig } from '../../../server/out/base/contracts';
import { parseDirective } from '../../../server/out/model/directive';
import { fixture } from '../support/lint';

const APEX = (comment: string, trailing = '') => `public class Legacy {
    public static void ping() {
        HttpRequest req = new HttpRequest();
        ${comment}
        req.setEndpoint('http://legacy.example.com/ping');${trailing}
        req.setTimeout(5000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}`;

function apexRules(comment: string, trailing = ''): string[] {
  return lint([{ path: '/p/classes/Legacy.cls', text: APEX(comment, trailing) }], defaultConfig())[0].findings.map((f) => f.ruleId);
}

const LWC_SRC = fixture('rules/empapi-unsubscribe-missing.js');

/** The script with `comment` before the subscribe( line, or `trailing` at its end. */
function lwcRules(comment: string, trailing = ''): string[] {
  const at = LWC_SRC.indexOf('        subscribe(CHANNEL');
  const lineEnd = LWC_SRC.indexOf('\n', at);
  const text = LWC_SRC.slice(0, at) + (comment ? `        ${comment}\n` : '') + LWC_SRC.slice(at, lineEnd) + trailing + LWC_SRC.slice(lineEnd);
  return lint([{ path: '/p/lwc/shipmentFeed/shipmentFeed.js', text }], defaultConfig())[0].findings.map((f) => f.ruleId);
}

describe('suppression directive (Apex and LWC alike)', () => {
  it('parses the scope and the ids, lower-cased, with or without commas', () => {
    assert.deepEqual(parseDirective('// apex-pattern-lint-disable-next-line Callout-In-Loop, hardcoded-endpoint'), {
      scope: 'next-line',
      rules: ['callout-in-loop', 'hardcoded-endpoint'],
      index: 3,
      plain: true,
    });
    assert.deepEqual(parseDirective(' apex-pattern-lint-disable-line insecure-endpoint -- legacy host'), {
      scope: 'line',
      rules: ['insecure-endpoint', 'legacy', 'host'],
      index: 1,
      plain: false,
    });
    assert.equal(parseDirective('// apex-pattern-lint-disable insecure-endpoint'), undefined);
  });

  it('Apex: disable-line silences the line it ends, disable-next-line the line after', () => {
    assert.deepEqual(apexRules(''), ['hardcoded-endpoint', 'insecure-endpoint']);
    assert.deepEqual(apexRules('', ' // apex-pattern-lint-disable-line insecure-endpoint'), ['hardcoded-endpoint']);
    assert.deepEqual(apexRules('// apex-pattern-lint-disable-next-line INSECURE-ENDPOINT'), ['hardcoded-endpoint']);
  });

  it('LWC: the same directives, disable-line included, in line and block comments', () => {
    assert.deepEqual(lwcRules(''), ['empapi-unsubscribe-missing']);
    assert.deepEqual(lwcRules('// apex-pattern-lint-disable-next-line empapi-unsubscribe-missing'), []);
    assert.deepEqual(lwcRules('', ' // apex-pattern-lint-disable-line empapi-unsubscribe-missing'), []);
    assert.deepEqual(lwcRules('/* apex-pattern-lint-disable-next-line EMPAPI-UNSUBSCRIBE-MISSING */'), []);
    assert.deepEqual(lwcRules('// apex-pattern-lint-disable-next-line callout-in-loop'), ['empapi-unsubscribe-missing']);
  });
});
