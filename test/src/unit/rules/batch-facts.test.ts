import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';

/** Issue 22 item 5: the batch starts' scopes and the chunked flush, one fact for three rules. */
describe('batch facts shared by callout-in-loop, batch-callouts-exceed-limit and callout-budget-exceeded', () => {
  const perRecord = `public class AddressCheckBatch implements Database.Batchable<SObject>, Database.AllowsCallouts {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id, BillingStreet FROM Account');
    }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
        for (Account acc : scope) {
            HttpRequest req = new HttpRequest();
            req.setEndpoint('callout:Geo/validate');
            req.setTimeout(20000);
            HttpResponse res = new Http().send(req);
            if (res.getStatusCode() == 200) acc.Description = res.getBody();
        }
        update scope;
    }
    public void finish(Database.BatchableContext bc) {}
}`;
  const scheduler = (scope: string) => `public class AddressCheckScheduler implements Schedulable {
    public void execute(SchedulableContext sc) {
        Database.executeBatch(new AddressCheckBatch()${scope});
    }
}`;

  it('callout-in-loop: a loop over the scope of a batch that every start runs with scope 1 is not per record', () => {
    const one = workspaceFindings({ 'AddressCheckBatch.cls': perRecord, 'AddressCheckScheduler.cls': scheduler(', 1') }, 'callout-in-loop');
    assert.deepEqual(one, []);
    const fifty = workspaceFindings({ 'AddressCheckBatch.cls': perRecord, 'AddressCheckScheduler.cls': scheduler(', 50') }, 'callout-in-loop');
    assert.deepEqual(
      fifty.map((f) => [f.file, f.at, f.messageId]),
      [['AddressCheckBatch.cls', spanOf(perRecord, 'for (Account acc : scope)'), 'calloutInLoop']],
    );
  });

  it('batch-callouts-exceed-limit: an execute that sends once per 100 records (chunked flush) is not per record', () => {
    const chunked = `public class LeadPushBatch implements Database.Batchable<SObject>, Database.AllowsCallouts {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id, Email FROM Lead');
    }
    public void execute(Database.BatchableContext bc, List<Lead> scope) {
        List<Lead> pending = new List<Lead>();
        for (Lead l : scope) {
            pending.add(l);
            if (pending.size() >= 100) {
                HttpRequest req = new HttpRequest();
                req.setEndpoint('callout:Crm/leads');
                req.setTimeout(30000);
                req.setBody(JSON.serialize(pending));
                HttpResponse res = new Http().send(req);
                if (res.getStatusCode() != 200) throw new CalloutException(res.getStatus());
                pending.clear();
            }
        }
    }
    public void finish(Database.BatchableContext bc) {}
}`;
    const start = `public class LeadPushStart {
    public static void run() {
        Database.executeBatch(new LeadPushBatch());
    }
}`;
    assert.deepEqual(workspaceFindings({ 'LeadPushBatch.cls': chunked, 'LeadPushStart.cls': start }, 'batch-callouts-exceed-limit'), []);
    const everyRecord = chunked.replace('pending.size() >= 100', 'l.Email != null');
    assert.deepEqual(
      workspaceFindings({ 'LeadPushBatch.cls': everyRecord, 'LeadPushStart.cls': start }, 'batch-callouts-exceed-limit').map((f) => [
        f.file,
        f.at,
        f.messageId,
      ]),
      [['LeadPushStart.cls', spanOf(start, 'executeBatch(new LeadPushBatch())'), 'defaultScopeAboveLimit']],
    );
  });

  it('callout-budget-exceeded: a constant inner loop nested in the batch-scope loop counts for at least one record', () => {
    const nested = `public class ShipmentTrackBatch implements Database.Batchable<SObject>, Database.AllowsCallouts {
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id FROM Shipment__c');
    }
    public void execute(Database.BatchableContext bc, List<Shipment__c> scope) {
        for (Shipment__c s : scope) {
            for (Integer page = 0; page < 25; page++) {
                HttpRequest req = new HttpRequest();
                req.setEndpoint('callout:Carrier/track?page=' + page);
                HttpResponse res = new Http().send(req);
                if (res.getStatusCode() != 200) break;
            }
        }
    }
    public void finish(Database.BatchableContext bc) {}
}`;
    const seen = workspaceFindings({ 'ShipmentTrackBatch.cls': nested }, 'callout-budget-exceeded');
    assert.deepEqual(
      seen.map((f) => [f.at, f.message, f.related]),
      [
        [
          spanOf(nested, 'execute'),
          'This Batch Apex transaction can spend 250 s waiting on callouts one after another: more than the 120 s a transaction allows, so the last callouts fail with a CalloutException. Lower the timeouts, make fewer calls, or move some to a Queueable of their own',
          [
            `ShipmentTrackBatch.cls:${spanOf(nested, 'for (Shipment__c s : scope)')} loop over the batch scope: at least one record`,
            `ShipmentTrackBatch.cls:${spanOf(nested, 'for (Integer page = 0; page < 25; page++)')} loop of 25 iterations`,
            `ShipmentTrackBatch.cls:${spanOf(nested, 'send(req)')} callout, up to 10 s`,
          ],
        ],
      ],
    );
  });
});
