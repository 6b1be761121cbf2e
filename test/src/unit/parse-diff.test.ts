/**
 * The fast parser is exactly ANTLR (issue 20): the hand-written lexer and the
 * shallow predictions against ANTLR's own lexer and full LL prediction, on
 * the inputs that once told them apart, the fixtures, the example and 10,000
 * generated statements; and on a syntax error, the tree ANTLR's recovery
 * gives, so that findings away from the error do not depend on the fast path.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateStatements } from '../support/apex-generator';
import { apexFiles, classOfStatements, compareParse, compareStatements, unitKind } from '../support/parse-diff';
import { findings, ROOT, spanOf } from '../support/lint';
import * as fs from 'node:fs';

/** Valid Apex that the shallow predictions once read differently from ANTLR (issue 20, item 1). */
const ONCE_DIFFERENT = [
  // `merge` puts two expressions back to back: the first must not run on into the second
  "merge master [SELECT Id FROM Account WHERE Name = 'dup' LIMIT 1];",
  'merge (masterAcct) dupAcct;',
  'merge a -b;',
  'merge a.b (c);',
  'merge a (Account) b;',
  'merge a[0] b;',
  // a map initializer whose first key has type arguments with a comma
  "Object m = new Map<Type, String>{ Map<String, Object>.class => 'x' };",
  'Object m = new Map<Object, Integer>{ new Map<String, String>() => 1 };',
  "Object m = new Map<Boolean, String>{ o instanceof Map<String, Object> => 'map' };",
  'Object s = new Set<Boolean>{ a < b, c > d };',
  // what follows the type of `instanceof` belongs to the expression around it
  'Boolean b = x instanceof Foo.equals(y);',
  'Object b = x instanceof List<Account>.size();',
  'Boolean b = x instanceof List < 3;',
  'Object b = Id.class(x);',
  // a method named `void`
  'gateway.void(src, opts);',
];

describe('the fast parser against ANTLR (issue 20)', () => {
  for (const statement of ONCE_DIFFERENT) {
    it(`parses \`${statement}\` without syntax errors, as ANTLR does`, () => {
      const c = compareParse(classOfStatements([statement]), 'class');
      assert.equal(c.invalid, false, 'ANTLR accepts it');
      assert.deepEqual(c.differences, []);
    });
  }

  it('takes `void` followed by `(` as a method name, in a declaration and in a call', () => {
    const src = `public class StripeGateway extends Gateway {
    public override Response void(Source s, Map<String,Object> o) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Stripe/v1/refunds');
        new Http().send(req);
        return gateway.void(s, o);
    }
    public void reset() { }
}`;
    assert.deepEqual(compareParse(src, 'class').differences, []);
    assert.deepEqual(
      findings(src, undefined, {}, 'StripeGateway.cls').map((f) => [f.ruleId, f.at]),
      [
        ['callout-timeout-missing', spanOf(src, 'send(req)')],
        ['unchecked-callout-response', spanOf(src, 'send(req)')],
      ],
    );
  });

  it('the fixtures and the example parse the same both ways', () => {
    const files = [...apexFiles(path.join(ROOT, 'test', 'fixtures')), ...apexFiles(path.join(ROOT, 'examples'))];
    assert.ok(files.length >= 20);
    for (const file of files) assert.deepEqual(compareParse(fs.readFileSync(file, 'utf8'), unitKind(file)).differences, [], file);
  });

  it('10,000 generated statements parse the same both ways', function () {
    this.timeout(300_000);
    const result = compareStatements(generateStatements(20, 10_000));
    assert.deepEqual(result.differences, []);
    assert.equal(result.invalid, 0, 'the generator writes grammatical Apex');
  });
});

describe('error recovery is ANTLR’s (issue 20, item 2)', () => {
  /** The shape of stripeforce's StripeCustomer.cls: an if/else around a try in the first method, callouts three methods below. */
  const CUSTOMER = `global class StripeCustomer {
    private static final String SERVICE_URL = 'callout:Stripe/v1/customers';

    global static StripeCustomer getCustomer(String customerId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(SERVICE_URL + '/' + customerId);
        req.setTimeout(10000);
        HttpResponse res = new HttpResponse();
        if (!Test.isRunningTest()) {
            try {
                res = new Http().send(req);
            } catch (CalloutException e) {
                return null;
            }
        } else {
            res.setBody('{}');
            res.setStatusCode(200);
        }
        System.debug(res.getBody());
        return res.getStatusCode() == 200 ? parse(res.getBody()) : null;
    }

    global static StripeCustomer create(String token, String description) {
        return create(new Map<String, String>{ 'card' => token, 'description' => description });
    }

    global static StripeCustomer create(Map<String, String> properties) {
        return updateCustomer(null, properties);
    }

    global static StripeCustomer updateCustomer(String customerId, Map<String, String> properties) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://api.stripe.com/v1/customers/' + customerId);
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        return res.getStatusCode() == 200 ? parse(res.getBody()) : null;
    }

    global static StripeCustomer parse(String json) {
        return (StripeCustomer) System.JSON.deserialize(json, StripeCustomer.class);
    }
}`;

  it('a stray `[` in the first method does not swallow the hard-coded endpoint three methods below', () => {
    const at = CUSTOMER.indexOf('res.setStatusCode(200);\n        ') + 'res.setStatusCode(200);\n        '.length;
    const src = CUSTOMER.slice(0, at) + '[' + CUSTOMER.slice(at);
    assert.deepEqual(compareParse(src, 'class').differences, []);
    const url = 'https://api.stripe.com/v1/customers/...';
    assert.deepEqual(
      findings(src, undefined, {}, 'StripeCustomer.cls').filter((f) => f.ruleId === 'syntax-error' || f.ruleId === 'hardcoded-endpoint'),
      [
        {
          ruleId: 'syntax-error',
          at: spanOf(src, '}', src.slice(0, at + 1).split('}').length - 1),
          messageId: 'syntax',
          data: { message: "Unexpected '}'" },
          message: "Unexpected '}'",
          severity: 'error',
        },
        {
          ruleId: 'hardcoded-endpoint',
          at: spanOf(src, "setEndpoint('https://api.stripe.com/v1/customers/' + customerId)"),
          messageId: 'hardcodedEndpoint',
          data: { url },
          message: `Hard-coded endpoint '${url}': use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment`,
          severity: 'warning',
        },
      ],
    );
  });

  it('every one-token insertion or deletion in the example parses to ANTLR’s tree', () => {
    const file = path.join(ROOT, 'examples/order-integration/force-app/main/default/classes/ErpOrderSync.cls');
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    let checked = 0;
    // a `[` or a `}` at the start of every fourth line, and each line's first word deleted
    for (let i = 0; i < lines.length; i += 4) {
      for (const mutant of [
        [...lines.slice(0, i), '[' + lines[i], ...lines.slice(i + 1)],
        [...lines.slice(0, i), '}' + lines[i], ...lines.slice(i + 1)],
        [...lines.slice(0, i), lines[i].replace(/\w+/, ''), ...lines.slice(i + 1)],
      ]) {
        const c = compareParse(mutant.join('\n'), 'class');
        assert.deepEqual(
          c.differences.filter((d) => d.kind === 'parse'),
          [],
          `line ${i + 1}`,
        );
        checked++;
      }
    }
    assert.ok(checked > 30);
  });
});
