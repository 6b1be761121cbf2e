/** callout-timeout-missing: a callout whose request never gets setTimeout(), path by path, and its quick fix (the configured default timeout). */
import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf, where } from '../../support/lint';
import { applyFix, rulesAfter } from '../../support/fixes';

const RULE = 'callout-timeout-missing';
const MESSAGE = "Callout without an explicit timeout: 'req' never gets setTimeout() before send(), so the silent 10 s default applies";

describe(RULE, () => {
  describe('invalid', () => {
    it('reports send() of a request that never gets a timeout, on the send call', () => {
      const src = `public class Erp {
    public static HttpResponse post(String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setMethod('POST');
        req.setBody(body);
        return new Http().send(req);
    }
}`;
      assert.deepEqual(findings(src, RULE), [
        { ruleId: RULE, at: spanOf(src, 'send(req)'), messageId: 'missingTimeout', data: { request: 'req' }, message: MESSAGE, severity: 'warning' },
      ]);
    });

    it('ignores case: NEW HTTP().Send(REQ)', () => {
      const src = `public class Erp {
    public static void go() {
        HTTPREQUEST REQ = NEW HTTPREQUEST();
        REQ.SETENDPOINT('callout:ERP');
        HTTPRESPONSE RES = NEW HTTP().Send(REQ);
        SYSTEM.DEBUG(RES.GETSTATUSCODE());
    }
}`;
      const seen = findings(src, RULE);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].at, spanOf(src, 'Send(REQ)'));
    });

    it('reports an inline new HttpRequest() and a request from a field-typed Http', () => {
      const src = `public class Erp {
    private Http http = new Http();
    public HttpResponse ping() {
        return http.send(new HttpRequest());
    }
}`;
      const seen = findings(src, RULE);
      assert.deepEqual(
        seen.map((s) => s.at),
        [spanOf(src, 'send(new HttpRequest())')],
      );
      assert.equal(
        seen[0].message,
        'Callout without an explicit timeout: the request never gets setTimeout() before send(), so the silent 10 s default applies',
      );
      assert.deepEqual([seen[0].messageId, seen[0].data], ['missingTimeoutUnnamed', undefined]);
    });

    it('reports a request built by a helper of the same file that sets no timeout', () => {
      const src = `public class Erp {
    private static HttpRequest build(String path) {
        HttpRequest r = new HttpRequest();
        r.setEndpoint('callout:ERP/' + path);
        return r;
    }
    public static HttpResponse fetch() {
        HttpRequest req = build('stock');
        return new Http().send(req);
    }
}`;
      assert.deepEqual(
        findings(src, RULE).map((s) => s.at),
        [spanOf(src, 'send(req)')],
      );
    });

    it('reports a request a helper returns straight from new HttpRequest(), or from another helper', () => {
      const src = `public class Erp {
    private static HttpRequest fresh() {
        return new HttpRequest();
    }
    private static HttpRequest build() {
        return fresh();
    }
    public static HttpResponse fetch() {
        return new Http().send(build());
    }
    public static HttpResponse ping() {
        return new Http().send(fresh());
    }
}`;
      assert.deepEqual(
        findings(src, RULE).map((s) => s.at),
        [spanOf(src, 'send(build())'), spanOf(src, 'send(fresh())')],
      );
    });

    it('reports a request reassigned to a fresh HttpRequest after its timeout was set', () => {
      const src = `public class Erp {
    public static void twice() {
        HttpRequest req = new HttpRequest();
        req.setTimeout(10000);
        HttpResponse a = new Http().send(req);
        req = new HttpRequest();
        HttpResponse b = new Http().send(req);
        System.debug(a.getStatusCode() + b.getStatusCode());
    }
}`;
      assert.deepEqual(
        findings(src, RULE).map((s) => s.at),
        [spanOf(src, 'send(req)', 1)],
      );
    });
  });

  describe('valid', () => {
    const valid: Record<string, string> = {
      'timeout set before send': `public class V {
    public static HttpResponse go() {
        HttpRequest req = new HttpRequest();
        req.setTimeout(10000);
        return new Http().send(req);
    }
}`,
      'timeout set on both branches': `public class V {
    public static HttpResponse go(Boolean slow) {
        HttpRequest req = new HttpRequest();
        if (slow) {
            req.setTimeout(60000);
        } else {
            req.setTimeout(10000);
        }
        return new Http().send(req);
    }
}`,
      'request from a helper that sets the timeout': `public class V {
    private static HttpRequest build() {
        HttpRequest r = new HttpRequest();
        r.setTimeout(10000);
        return r;
    }
    public static HttpResponse go() {
        return new Http().send(build());
    }
}`,
      'request from a helper that returns another helper request with the timeout set': `public class V {
    private static HttpRequest base() {
        HttpRequest r = new HttpRequest();
        r.setTimeout(10000);
        return r;
    }
    private static HttpRequest build() {
        return base();
    }
    public static HttpResponse go() {
        return new Http().send(build());
    }
}`,
      'request passed in as a parameter': `public class V {
    public static HttpResponse go(HttpRequest req) {
        return new Http().send(req);
    }
}`,
      'request configured by another method': `public class V {
    public static HttpResponse go() {
        HttpRequest req = new HttpRequest();
        RequestDefaults.apply(req);
        return new Http().send(req);
    }
}`,
      'request added to a Continuation': `public class V {
    public Object start() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/slow');
        Continuation con = new Continuation(60);
        con.continuationMethod = 'done';
        con.addHttpRequest(req);
        return con;
    }
}`,
      'a send() that is not an Http callout': `public class V {
    public void go(Messaging.SingleEmailMessage mail, Mailer m) {
        m.send(mail);
    }
}`,
    };
    for (const [name, src] of Object.entries(valid)) {
      it(name, () => assert.deepEqual(findings(src, RULE), []));
    }
  });

  it('fixture: a realistic service', () => {
    const src = fixture('rules/callout-timeout-missing.cls');
    assert.deepEqual(
      findings(src, RULE).map((s) => s.at),
      [spanOf(src, 'send(req)', 1)],
    );
  });
});

describe(`${RULE}: timeouts per path (issue 22 item 3)`, () => {
  it('reports a send where one path leaves the request without a timeout (setTimeout only for large payloads)', () => {
    const src = `public class LeadExport {
    public static HttpResponse push(List<Lead> leads) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Marketing/leads');
        req.setMethod('POST');
        if (leads.size() > 500) {
            req.setTimeout(120000);
        }
        req.setBody(JSON.serialize(leads));
        return new Http().send(req);
    }
}`;
    assert.deepEqual(findings(src, RULE), [
      { ruleId: RULE, at: spanOf(src, 'send(req)'), messageId: 'missingTimeout', data: { request: 'req' }, message: MESSAGE, severity: 'warning' },
    ]);
  });
  it('reports a request handed to a configuring method on one branch only', () => {
    const src = `public class LeadExport {
    public static HttpResponse push(HttpRequest template, Boolean tuned) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Marketing/leads');
        if (tuned) {
            configure(req);
        }
        return new Http().send(req);
    }
    private static void configure(HttpRequest r) {
        r.setTimeout(30000);
    }
}`;
    assert.deepEqual(where(findings(src, RULE)), [spanOf(src, 'send(req)')]);
  });
});

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
