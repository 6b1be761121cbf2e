import * as assert from 'node:assert/strict';
import { findings, spanOf, workspaceFindings } from '../../support/lint';

/** Issue 22 item 8: a response only printed is not checked; a retry count read on the trigger's path and compared bounds the retry. */
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

describe('event-retry-unbounded: the retry count read on the trigger path', () => {
  const RULE = 'event-retry-unbounded';
  const state = `public with sharing class RetryState {
    public static Integer attempts = 0;

    public static void capture() {
        attempts = EventBus.TriggerContext.currentContext().retries;
    }
}`;
  const handler = `public with sharing class LedgerEventHandler {
    private static final Integer MAX_RETRIES = 5;

    public void handle(List<Ledger_Event__e> events) {
        if (RetryState.attempts >= MAX_RETRIES) {
            LedgerService.parkForReview(events);
            return;
        }
        if (LedgerService.isLocked()) {
            throw new EventBus.RetryableException('Ledger locked, redeliver later');
        }
        LedgerService.post(events);
    }
}`;
  const trigger = (first: string) => `trigger LedgerEventTrigger on Ledger_Event__e (after insert) {
    ${first}
    new LedgerEventHandler().handle(Trigger.new);
}`;
  const THROW = "throw new EventBus.RetryableException('Ledger locked, redeliver later');";
  it('is clean when the trigger reads EventBus.TriggerContext.currentContext().retries in one call and the handler it runs next stops past a threshold', () => {
    const files = { 'RetryState.cls': state, 'LedgerEventHandler.cls': handler, 'LedgerEventTrigger.trigger': trigger('RetryState.capture();') };
    assert.deepEqual(workspaceFindings(files, RULE), []);
  });
  it('still reports when nothing on the path reads the retry count', () => {
    const files = { 'RetryState.cls': state, 'LedgerEventHandler.cls': handler, 'LedgerEventTrigger.trigger': trigger('System.debug(Trigger.new.size());') };
    assert.deepEqual(
      workspaceFindings(files, RULE).map((f) => [f.file, f.at]),
      [['LedgerEventHandler.cls', spanOf(handler, THROW)]],
    );
  });
  it('still reports when the count is read but nothing compares it before the throw', () => {
    const noCompare = handler.replace('RetryState.attempts >= MAX_RETRIES', 'LedgerService.isPaused()');
    const files = { 'RetryState.cls': state, 'LedgerEventHandler.cls': noCompare, 'LedgerEventTrigger.trigger': trigger('RetryState.capture();') };
    assert.deepEqual(
      workspaceFindings(files, RULE).map((f) => [f.file, f.at]),
      [['LedgerEventHandler.cls', spanOf(noCompare, THROW)]],
    );
  });
});
