/** event-retry-unbounded: EventBus.RetryableException thrown without a bound on the retry count, read in the handler or on the trigger path. */
import * as assert from 'node:assert/strict';
import { fixture, spanOf, workspaceFindings } from '../../support/lint';

describe('event-retry-unbounded', () => {
  const src = fixture('rules/event-retry-unbounded.cls');
  const trigger = (method: string) => `trigger InvoiceEventTrigger on Invoice_Event__e (after insert) {
    InvoiceEventHandler.${method}(Trigger.new);
}`;

  it('reports a RetryableException thrown without reading the retry count, on the throw', () => {
    const seen = workspaceFindings({ 'InvoiceEventHandler.cls': src, 'InvoiceEventTrigger.trigger': trigger('retryLocked') }, 'event-retry-unbounded');
    assert.deepEqual(
      seen.map((s) => [s.file, s.at, s.severity]),
      [['InvoiceEventHandler.cls', spanOf(src, "throw new EventBus.RetryableException('Ledger locked, redeliver later');"), 'warning']],
    );
    assert.match(seen[0].message, /^EventBus\.RetryableException without a bound: after the last retry the platform suspends the trigger/);
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data, s.message]),
      [
        [
          'unboundedRetry',
          undefined,
          'EventBus.RetryableException without a bound: after the last retry the platform suspends the trigger and events stop flowing. Check EventBus.TriggerContext.currentContext().retries and stop retrying (log, or hand the events to a fallback) below the limit',
        ],
      ],
    );
  });

  it('is clean when bounded by EventBus.TriggerContext.currentContext().retries, or when no Platform Event trigger runs it', () => {
    assert.deepEqual(
      workspaceFindings({ 'InvoiceEventHandler.cls': src, 'InvoiceEventTrigger.trigger': trigger('retryBounded') }, 'event-retry-unbounded'),
      [],
    );
    assert.deepEqual(workspaceFindings({ 'InvoiceEventHandler.cls': src }, 'event-retry-unbounded'), []);
  });

  it('counts a bound read in the trigger that calls the handler', () => {
    const t = `trigger InvoiceEventTrigger on Invoice_Event__e (after insert) {
    if (EventBus.TriggerContext.currentContext().retries >= 4) { return; }
    InvoiceEventHandler.retryLocked(Trigger.new);
}`;
    assert.deepEqual(workspaceFindings({ 'InvoiceEventHandler.cls': src, 'InvoiceEventTrigger.trigger': t }, 'event-retry-unbounded'), []);
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
