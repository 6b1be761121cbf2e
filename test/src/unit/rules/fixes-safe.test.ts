import * as assert from 'node:assert/strict';
import { applyFix, rulesAfter } from '../../support/fixes';

/** The safe fixes (applied by "fix all"): exact text produced, and a clean re-lint. */
describe('quick fixes: callout-timeout-missing', () => {
  const RULE = 'callout-timeout-missing';
  it('inserts setTimeout after the last setter, with the line indentation and CRLF of the file', () => {
    const src = [
      'public class CreditCheck {',
      '\tpublic static HttpResponse check(String accountId) {',
      '\t\tHttpRequest req = new HttpRequest();',
      "\t\treq.setEndpoint('callout:Credit/check/' + accountId);",
      "\t\treq.setMethod('GET');",
      '\t\treturn new Http().send(req);',
      '\t}',
      '}',
    ].join('\r\n');
    const fixed = applyFix({ 'CreditCheck.cls': src }, RULE);
    assert.deepEqual([fixed.title, fixed.safe], ['Set an explicit timeout: req.setTimeout(10000);', true]);
    assert.equal(
      fixed.texts['CreditCheck.cls'],
      [
        'public class CreditCheck {',
        '\tpublic static HttpResponse check(String accountId) {',
        '\t\tHttpRequest req = new HttpRequest();',
        "\t\treq.setEndpoint('callout:Credit/check/' + accountId);",
        "\t\treq.setMethod('GET');",
        '\t\treq.setTimeout(10000);',
        '\t\treturn new Http().send(req);',
        '\t}',
        '}',
      ].join('\r\n'),
    );
    assert.deepEqual(rulesAfter(fixed), []);
  });

  it("inserts after the request's declaration when a helper in another class built it, outside the branch that sends, with the configured default", () => {
    const requests = `public class ErpRequests {
    public static HttpRequest order(Id orderId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setMethod('GET');
        return req;
    }
}`;
    const src = `public class OrderStatus {
    public static String fetch(Id orderId, Boolean live) {
        HttpRequest request = ErpRequests.order(orderId);
        if (live) {
            HttpResponse res = new Http().send(request);
            return res.getStatusCode() == 200 ? res.getBody() : null;
        }
        return null;
    }
}`;
    const fixed = applyFix({ 'OrderStatus.cls': src, 'ErpRequests.cls': requests }, RULE, { config: { timeouts: { defaultMs: 8000 } } });
    assert.equal(
      fixed.texts['OrderStatus.cls'],
      src.replace('ErpRequests.order(orderId);\n', 'ErpRequests.order(orderId);\n        request.setTimeout(8000);\n'),
    );
    assert.deepEqual(rulesAfter(fixed), []);
  });
  it('inserts after the setters outside a try that only sends, not inside the try', () => {
    const built = `public class Pricing {
    public static Decimal quote(String sku) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Pricing/quote/' + sku);
        req.setMethod('GET');
        try {
            HttpResponse res = new Http().send(req);
            return res.getStatusCode() == 200 ? Decimal.valueOf(res.getBody()) : null;
        } catch (CalloutException e) {
            return null;
        }
    }
}`;
    const fixed = applyFix({ 'Pricing.cls': built }, RULE);
    assert.equal(fixed.texts['Pricing.cls'], built.replace("req.setMethod('GET');\n", "req.setMethod('GET');\n        req.setTimeout(10000);\n"));
    assert.deepEqual(rulesAfter(fixed), []);
  });
});

describe('quick fixes: callout-timeout-excessive', () => {
  it('clamps to the synchronous limit, and an out-of-range value to the limit too', () => {
    const src = (ms: string) => `public class Quote {
    @AuraEnabled
    public static String price() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Pricing/quote');
        req.setTimeout(${ms});
        HttpResponse res = new Http().send(req);
        return res.getStatusCode() == 200 ? res.getBody() : null;
    }
}`;
    const fixed = applyFix({ 'Quote.cls': src('60000') }, 'callout-timeout-excessive');
    assert.deepEqual([fixed.title, fixed.texts['Quote.cls']], ['Set the timeout to 15000 ms (the synchronous limit)', src('15000')]);
    assert.deepEqual(rulesAfter(fixed), []);
    const outOfRange = applyFix({ 'Quote.cls': src('200 * 1000') }, 'callout-timeout-excessive');
    assert.deepEqual([outOfRange.title, outOfRange.texts['Quote.cls']], ['Set the timeout to 15000 ms (the limit)', src('15000')]);
    assert.equal(applyFix({ 'Quote.cls': src('0') }, 'callout-timeout-excessive').texts['Quote.cls'], src('10000'));
  });
});

describe('quick fixes: future-callout-missing', () => {
  const cls = (annotation: string) => `public class Notify {
    ${annotation}
    public static void send(Id recordId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Notify/' + recordId);
        req.setTimeout(5000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}`;
  for (const [before, after] of [
    ['@future', '@future(callout=true)'],
    ['@Future()', '@Future(callout=true)'],
    ['@future(callout=false)', '@future(callout=true)'],
    ["@future(limit='2x')", "@future(callout=true, limit='2x')"],
  ]) {
    it(`${before} → ${after}`, () => {
      const fixed = applyFix({ 'Notify.cls': cls(before) }, 'future-callout-missing');
      assert.deepEqual([fixed.title, fixed.safe, fixed.texts['Notify.cls']], ['Declare @future(callout=true)', true, cls(after)]);
      assert.deepEqual(rulesAfter(fixed), []);
    });
  }
});

describe('quick fixes: async-callout-not-allowed (AllowsCallouts)', () => {
  const body = ` {
    public void execute(QueueableContext ctx) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/ping');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
    }
}`;
  it('appends Database.AllowsCallouts to implements', () => {
    const src = `public class PingJob implements Queueable${body}`;
    const fixed = applyFix({ 'PingJob.cls': src }, 'async-callout-not-allowed');
    assert.deepEqual(
      [fixed.title, fixed.texts['PingJob.cls']],
      ['Add Database.AllowsCallouts to implements', `public class PingJob implements Queueable, Database.AllowsCallouts${body}`],
    );
    assert.deepEqual(rulesAfter(fixed), []);
  });
  it('adds an implements clause after extends', () => {
    const base = `public abstract class BaseJob implements Queueable {}`;
    const src = `public class PingJob extends BaseJob${body}`;
    const fixed = applyFix({ 'PingJob.cls': src, 'BaseJob.cls': base }, 'async-callout-not-allowed');
    assert.equal(fixed.texts['PingJob.cls'], `public class PingJob extends BaseJob implements Database.AllowsCallouts${body}`);
    assert.deepEqual(rulesAfter(fixed), []);
  });
});

describe('quick fixes: insecure-endpoint', () => {
  it('switches the literal to https://, in the class that declares the constant', () => {
    const constants = `public class Endpoints {
    public static final String LEGACY = 'http://legacy-erp.example.com/api';
}`;
    const src = `public class Ping {
    public static Integer ping() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(Endpoints.LEGACY + '/ping');
        req.setTimeout(5000);
        return new Http().send(req).getStatusCode();
    }
}`;
    const fixed = applyFix({ 'Ping.cls': src, 'Endpoints.cls': constants }, 'insecure-endpoint');
    assert.deepEqual([fixed.title, fixed.safe, fixed.texts['Ping.cls']], ['Use https://', true, src]);
    assert.equal(fixed.texts['Endpoints.cls'], constants.replace('http://', 'https://'));
    assert.deepEqual(rulesAfter(fixed), ['Ping.cls:hardcoded-endpoint']);
  });
});
