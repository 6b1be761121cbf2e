import * as assert from 'node:assert/strict';
import { LintProject } from '../../../server/out/core/project';
import { buildInventory } from '../../../server/out/core/inventory';
import { defaultConfig } from '../../../server/out/base/contracts';

/** The advice of every callout site of a workspace, as `Class.method: Pattern: reason`. */
function advice(files: Record<string, string>): string[] {
  const project = new LintProject(defaultConfig(), { allFiles: true });
  for (const [p, text] of Object.entries(files)) project.setFile({ path: p, text });
  return buildInventory(project).callouts.map((r) => `${r.class}.${r.method}: ${r.advice.pattern}: ${r.advice.reason}`);
}

const REQUEST = `HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Pricing/quotes');
        req.setMethod('POST');
        req.setTimeout(10000);`;

/** The pattern advisor: one factor changes at a time, and the advice with it. */
describe('pattern advice per callout site', () => {
  it('Request-Reply when a user waits for an answer the code writes to the record', () => {
    const src = `public with sharing class QuoteController {
    @AuraEnabled
    public static void price(Quote q) {
        ${REQUEST}
        HttpResponse res = new Http().send(req);
        q.Price__c = Decimal.valueOf(res.getBody());
        update q;
    }
}`;
    assert.deepEqual(advice({ 'QuoteController.cls': src }), ['QuoteController.price: Request-Reply: a user waits for the answer and the code uses it']);
  });

  it('Fire-and-Forget when a user waits on a status only, and when a trigger reaches the callout', () => {
    const service = `public with sharing class QuoteSync {
    public static void push(Id quoteId) {
        ${REQUEST}
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) throw new CalloutException(res.getStatus());
    }
}`;
    const waiting = `public with sharing class QuoteController {
    @AuraEnabled
    public static void push(Id quoteId) { QuoteSync.push(quoteId); }
}`;
    assert.deepEqual(advice({ 'QuoteSync.cls': service, 'QuoteController.cls': waiting }), [
      'QuoteSync.push: Fire-and-Forget: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
    ]);
    const trigger = 'trigger QuoteTrigger on Quote (after insert) { QuoteSync.push(Trigger.new[0].Id); }';
    assert.deepEqual(advice({ 'QuoteSync.cls': service, 'QuoteTrigger.trigger': trigger }), [
      'QuoteSync.push: Fire-and-Forget: a trigger cannot wait on a callout: publish a Platform Event or enqueue a Queueable',
    ]);
  });

  it('Batch Data Sync for one callout per record whose answers are used, in Batch Apex or in a loop', () => {
    const batch = `public with sharing class QuoteBatch implements Database.Batchable<SObject>, Database.AllowsCallouts {
    public Database.QueryLocator start(Database.BatchableContext bc) { return Database.getQueryLocator('SELECT Id FROM Quote'); }
    public void execute(Database.BatchableContext bc, List<Quote> scope) {
        ${REQUEST}
        HttpResponse res = new Http().send(req);
        scope[0].Price__c = Decimal.valueOf(res.getBody());
        update scope;
    }
    public void finish(Database.BatchableContext bc) {}
}`;
    assert.deepEqual(advice({ 'QuoteBatch.cls': batch }), [
      'QuoteBatch.execute: Batch Data Sync: one callout per record in Batch Apex, and the code uses the answer',
    ]);
    const loop = `public with sharing class QuotePricer {
    public static void priceAll(List<Quote> quotes) {
        for (Quote q : quotes) {
            ${REQUEST}
            HttpResponse res = new Http().send(req);
            q.Price__c = Decimal.valueOf(res.getBody());
        }
        update quotes;
    }
}`;
    assert.deepEqual(advice({ 'QuotePricer.cls': loop }), [
      'QuotePricer.priceAll: Batch Data Sync: one callout per record in a loop, and the code uses the answer: sync the records in batches',
    ]);
  });

  it('names a synchronous retry loop around the callout, and keeps Fire-and-Forget for work that runs after the save', () => {
    const retry = `public with sharing class QuoteSync {
    public static void pushWithRetry(Id quoteId) {
        Integer attempts = 0;
        Boolean done = false;
        while (!done && attempts < 3) {
            attempts++;
            ${REQUEST}
            HttpResponse res = new Http().send(req);
            done = res.getStatusCode() == 200;
        }
    }
}`;
    assert.deepEqual(advice({ 'QuoteSync.cls': retry }), [
      'QuoteSync.pushWithRetry: Fire-and-Forget: nothing uses the answer beyond its status; the retry loop makes the caller wait out every attempt',
    ]);
    const job = `public with sharing class QuoteJob implements Queueable, Database.AllowsCallouts {
    public void execute(QueueableContext ctx) {
        ${REQUEST}
        HttpResponse res = new Http().send(req);
        update new Quote(Id = '0Q0000000000001', Erp_Id__c = res.getBody());
    }
}`;
    assert.deepEqual(advice({ 'QuoteJob.cls': job }), [
      'QuoteJob.execute: Fire-and-Forget: runs after the save, where no one waits; the answer is written back here',
    ]);
  });

  it('follows an answer a helper returns: a caller that reads the body uses it', () => {
    const client = `public with sharing class PricingClient {
    public static HttpResponse quote() {
        ${REQUEST}
        return new Http().send(req);
    }
}`;
    const reads = `public with sharing class QuoteController {
    @AuraEnabled
    public static String price() { return PricingClient.quote().getBody(); }
}`;
    assert.deepEqual(advice({ 'PricingClient.cls': client, 'QuoteController.cls': reads }), [
      'PricingClient.quote: Request-Reply: a user waits for the answer and the code uses it',
    ]);
    const checks = reads.replace(
      'public static String price() { return PricingClient.quote().getBody(); }',
      'public static Boolean price() { return PricingClient.quote().getStatusCode() == 200; }',
    );
    assert.deepEqual(advice({ 'PricingClient.cls': client, 'QuoteController.cls': checks }), [
      'PricingClient.quote: Fire-and-Forget: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
    ]);
  });
});
