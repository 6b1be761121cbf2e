import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';
import { applyFix, rulesAfter } from '../../support/fixes';

/** Issue 22 item 2: a literal timeout argument bound to a helper's parameter that reaches setTimeout(). */
describe('callout-timeout-excessive through a helper parameter', () => {
  const RULE = 'callout-timeout-excessive';
  const service = `public with sharing class CalloutService {
    public static HttpResponse call(String method, String url, Integer timeoutMs) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(url);
        req.setMethod(method);
        req.setTimeout(timeoutMs);
        return new Http().send(req);
    }

    public static HttpResponse get(String url, Integer timeoutMs) {
        return call('GET', url, timeoutMs);
    }
}`;
  const controller = `public with sharing class ErpOrdersController {
    @AuraEnabled
    public static String orders() {
        HttpResponse res = CalloutService.call('GET', 'callout:ERP/orders', 200000);
        return res.getBody();
    }

    @AuraEnabled
    public static String invoices() {
        return CalloutService.get('callout:ERP/invoices', 60000).getBody();
    }

    @AuraEnabled
    public static String status() {
        return CalloutService.get('callout:ERP/status', 5000).getBody();
    }
}`;
  const setTimeoutAt = `CalloutService.cls:${spanOf(service, 'setTimeout(timeoutMs)')} setTimeout() in CalloutService.call()`;

  it('reports the literal argument, with the calls that hand it on to setTimeout()', () => {
    const seen = workspaceFindings({ 'CalloutService.cls': service, 'ErpOrdersController.cls': controller }, RULE);
    assert.deepEqual(
      seen.map((f) => [f.file, f.at, f.messageId, f.data, f.related, f.severity]),
      [
        ['ErpOrdersController.cls', spanOf(controller, '200000'), 'outsideAllowedRange', { ms: 200000 }, [setTimeoutAt], 'error'],
        [
          'ErpOrdersController.cls',
          spanOf(controller, '60000'),
          'aboveSyncLimit',
          { ms: 60000, limit: 15000, reachedFrom: ' (reached from @AuraEnabled ErpOrdersController.invoices())' },
          [`CalloutService.cls:${spanOf(service, "call('GET', url, timeoutMs)")} passed on to CalloutService.call()`, setTimeoutAt],
          'warning',
        ],
      ],
    );
    assert.deepEqual(
      seen.map((f) => f.message),
      [
        'Timeout of 200000 ms is outside the allowed 1..120000 ms: the callout fails at runtime',
        'Timeout of 60000 ms exceeds the 15000 ms limit for synchronous code (reached from @AuraEnabled ErpOrdersController.invoices()): a user would wait that long',
      ],
    );
  });

  it('is silent when the parameter is changed before setTimeout(), or the argument is not constant', () => {
    const reassigned = service.replace('req.setTimeout(timeoutMs);', 'timeoutMs = Math.min(timeoutMs, 10000);\n        req.setTimeout(timeoutMs);');
    assert.deepEqual(workspaceFindings({ 'CalloutService.cls': reassigned, 'ErpOrdersController.cls': controller }, RULE), []);
    const configured = controller.replace('200000', 'ERP_Settings__c.getOrgDefaults().Timeout__c.intValue()').replace('60000', '5000');
    assert.deepEqual(workspaceFindings({ 'CalloutService.cls': service, 'ErpOrdersController.cls': configured }, RULE), []);
  });

  it('clamps the argument with the quick fix', () => {
    const fixed = applyFix({ 'CalloutService.cls': service, 'ErpOrdersController.cls': controller }, RULE);
    assert.equal(fixed.title, 'Set the timeout to 15000 ms (the limit)');
    assert.equal(fixed.texts['ErpOrdersController.cls'], controller.replace('200000', '15000'));
    assert.deepEqual(
      rulesAfter(fixed).filter((r) => r.endsWith(RULE)),
      ['ErpOrdersController.cls:callout-timeout-excessive'],
    );
  });
});
