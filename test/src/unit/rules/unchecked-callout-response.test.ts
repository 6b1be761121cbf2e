/** unchecked-callout-response: a callout whose HttpResponse status is never examined (printing or logging it is not examining it). */
import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf } from '../../support/lint';

describe('unchecked-callout-response', () => {
  const RULE = 'unchecked-callout-response';
  const MESSAGE = 'The response status of this callout is never checked (getStatusCode()/getStatus()): errors from the other system pass silently';
  function cls(body: string): string {
    return `public class Sync {
    public static Object go(HttpRequest req) {
${body}
    }
}`;
  }
  it('reports a response whose body is read without a status check', () => {
    const src = cls(`        HttpResponse res = new Http().send(req);
        return JSON.deserializeUntyped(res.getBody());`);
    assert.deepEqual(findings(src, RULE), [{ ruleId: RULE, at: spanOf(src, 'send(req)'), messageId: 'statusUnchecked', message: MESSAGE, severity: 'info' }]);
  });
  it('reports a discarded response and send(...).getBody()', () => {
    const src = cls(`        new Http().send(req);
        return new Http().send(req).getBody();`);
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'send(req)'), spanOf(src, 'send(req)', 1)],
    );
  });
  it('accepts a status check, a returned response, and a response handed to a handler', () => {
    for (const body of [
      `        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) { throw new CalloutException(res.getStatus()); }
        return res.getBody();`,
      `        return new Http().send(req);`,
      `        HttpResponse res = new Http().send(req);
        return ResponseHandler.parse(res);`,
    ]) {
      assert.deepEqual(findings(cls(body), RULE), [], body);
    }
  });
  it('fixture', () => {
    const src = fixture('rules/unchecked-callout-response.cls');
    assert.deepEqual(
      findings(src, RULE).map((f) => f.at),
      [spanOf(src, 'send(req)')],
    );
  });
});

describe('unchecked-callout-response: a response only printed or logged', () => {
  const RULE = 'unchecked-callout-response';
  const cls = (body: string) => `public class OrderExport {
    public static void push(HttpRequest req) {
        HttpResponse res = new Http().send(req);
${body}
    }
}`;
  it('reports a response whose only reads are String.valueOf(res), res.toString() or a concatenation inside System.debug', () => {
    for (const body of [
      `        System.debug(String.valueOf(res));`,
      `        System.debug(LoggingLevel.INFO, 'Export response: ' + res.toString());`,
      `        System.debug('Export response: ' + res);`,
      `        String logged = String.valueOf(res);
        System.debug(logged);`,
    ]) {
      const src = cls(body);
      assert.deepEqual(
        findings(src, RULE).map((f) => [f.at, f.messageId]),
        [[spanOf(src, 'send(req)'), 'statusUnchecked']],
        body,
      );
    }
  });
  it('accepts a status check next to the logging, and a response text handed to a parser', () => {
    for (const body of [
      `        System.debug(String.valueOf(res));
        if (res.getStatusCode() != 200) throw new CalloutException(res.getStatus());`,
      `        OrderParser.read(String.valueOf(res));`,
    ]) {
      assert.deepEqual(findings(cls(body), RULE), [], body);
    }
  });
});
