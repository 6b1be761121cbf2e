import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';

/** Issue 22 item 1: a guard decided by data is a path production takes; one decided by configuration keeps the chain latent. */
describe('guards judged by what decides them', () => {
  const trigger = `trigger CaseTrigger on Case (after insert, after update) {
    TriggerDispatcher.run(new CaseTriggerHandler());
}`;
  const dispatcher = `public class TriggerDispatcher {
    public static void run(ITriggerHandler handler) {
        if (Trigger.isAfter && Trigger.isInsert) handler.afterInsert(Trigger.new);
        if (Trigger.isAfter && Trigger.isUpdate) handler.afterUpdate(Trigger.new);
    }
}`;
  const contract = `public interface ITriggerHandler {
    void afterInsert(List<SObject> records);
    void afterUpdate(List<SObject> records);
}`;
  const handler = (guard: string, prelude = '') => `public class CaseTriggerHandler implements ITriggerHandler {
    public void afterInsert(List<SObject> records) {${prelude}
        for (SObject so : records) {
            Case c = (Case) so;
            if (${guard}) {
                EscalationClient.notify(c.Id);
            }
        }
    }
    public void afterUpdate(List<SObject> records) {}
}`;
  const client = `public class EscalationClient {
    public static void notify(Id caseId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Pager/escalate/' + caseId);
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) throw new CalloutException(res.getStatus());
    }
}`;
  const files = (guard: string, prelude = '') => ({
    'CaseTrigger.trigger': trigger,
    'TriggerDispatcher.cls': dispatcher,
    'ITriggerHandler.cls': contract,
    'CaseTriggerHandler.cls': handler(guard, prelude),
    'EscalationClient.cls': client,
  });

  it('reports callout-in-trigger when the handler, reached through an interface dispatcher, calls out only for records with Priority == High', () => {
    const seen = workspaceFindings(files("c.Priority == 'High'"), 'callout-in-trigger');
    assert.deepEqual(
      seen.map((f) => [f.file, f.at, f.messageId, f.data]),
      [
        [
          'CaseTrigger.trigger',
          spanOf(trigger, 'run(new CaseTriggerHandler())'),
          'triggerReachesCallout',
          { trigger: 'CaseTrigger', callee: 'TriggerDispatcher.run()' },
        ],
      ],
    );
  });

  it('an early return decided by data is one path among others; one decided by custom settings hides the chain', () => {
    const bulkReturn = '\n        if (records.size() > 200) return;';
    assert.deepEqual(
      workspaceFindings(files("c.Priority == 'High'", bulkReturn), 'callout-in-trigger').map((f) => f.at),
      [spanOf(trigger, 'run(new CaseTriggerHandler())')],
    );
    const settingsReturn = '\n        if (!Escalation_Settings__c.getOrgDefaults().Enabled__c) return;';
    assert.deepEqual(workspaceFindings(files("c.Priority == 'High'", settingsReturn), 'callout-in-trigger'), []);
  });

  it('keeps the chain latent when custom settings or a static flag decide the guard', () => {
    for (const guard of ['Escalation_Settings__c.getOrgDefaults().Enabled__c', 'EscalationClient.enabled', "FeatureFlags.isOn('escalation')"]) {
      assert.deepEqual(workspaceFindings(files(guard), 'callout-in-trigger'), [], guard);
    }
  });

  it('reports the same through a virtual base class run()', () => {
    const base = `public virtual class TriggerHandler {
    public void run() {
        if (Trigger.isAfter && Trigger.isInsert) afterInsert();
        if (Trigger.isAfter && Trigger.isUpdate) afterUpdate();
    }
    protected virtual void afterInsert() {}
    protected virtual void afterUpdate() {}
}`;
    const caseHandler = `public class CaseHandler extends TriggerHandler {
    protected override void afterInsert() {
        for (Case c : (List<Case>) Trigger.new) {
            if (c.Priority == 'High') {
                EscalationClient.notify(c.Id);
            }
        }
    }
}`;
    const t = `trigger CaseTrigger on Case (after insert, after update) {
    new CaseHandler().run();
}`;
    const seen = workspaceFindings(
      { 'CaseTrigger.trigger': t, 'TriggerHandler.cls': base, 'CaseHandler.cls': caseHandler, 'EscalationClient.cls': client },
      'callout-in-trigger',
    );
    assert.deepEqual(
      seen.map((f) => [f.file, f.at]),
      [['CaseTrigger.trigger', spanOf(t, 'run()')]],
    );
  });
});
