import * as assert from 'node:assert/strict';
import { spanOf, workspaceFindings } from '../../support/lint';

/** Issue 22 item 1: a guard the same on every iteration, and error logging in a catch, judged across methods. */

describe('callout-in-loop: a guard in the callee that every iteration sees the same way', () => {
  const RULE = 'callout-in-loop';
  const ADVICE =
    'one callout per iteration runs into the limit of 100 callouts per transaction. Send one bulk request, or move the work to Batch Apex (Database.Batchable with Database.AllowsCallouts)';
  const validator = (guard: string, prelude = '') => `public with sharing class AddressValidator {${prelude}
    public static void validateAll(List<Account> accounts) {
        for (Account acc : accounts) {
            validate(acc);
        }
    }

    public static void validate(Account acc) {
        Geocoding_Settings__c settings = Geocoding_Settings__c.getOrgDefaults();
        ${guard}
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Geocoder/validate?street=' + EncodingUtil.urlEncode(acc.BillingStreet, 'UTF-8'));
        req.setMethod('GET');
        req.setTimeout(10000);
        req.setHeader('X-Api-Token', settings.Auth_Token__c);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) {
            throw new CalloutException('Geocoding failed: ' + res.getStatus());
        }
    }
}`;

  it('reports the loop when the callee returns early on missing settings: once configured, every address calls out', () => {
    const src = validator('if (settings == null || settings.Auth_Token__c == null) return;');
    assert.deepEqual(workspaceFindings({ 'AddressValidator.cls': src }, RULE), [
      {
        file: 'AddressValidator.cls',
        ruleId: RULE,
        at: spanOf(src, 'for (Account acc : accounts)'),
        messageId: 'callInLoop',
        data: { callee: 'AddressValidator.validate()' },
        message: `This loop calls AddressValidator.validate(), which makes a callout, on every iteration: ${ADVICE}`,
        severity: 'warning',
        related: [
          `AddressValidator.cls:${spanOf(src, 'validate(acc)')} calls AddressValidator.validate()`,
          `AddressValidator.cls:${spanOf(src, 'send(req)')} callout (Http.send)`,
        ],
      },
    ]);
  });

  it('reports the same for a label or a custom metadata flag', () => {
    for (const guard of [
      "if (String.isBlank(Label.Geocoding_Enabled) || Label.Geocoding_Enabled == 'false') return;",
      "if (!Geo_Config__mdt.getInstance('Default').Enabled__c) return;",
    ]) {
      assert.deepEqual(
        workspaceFindings({ 'AddressValidator.cls': validator(guard) }, RULE).map((f) => f.at),
        [spanOf(validator(guard), 'for (Account acc : accounts)')],
        guard,
      );
    }
  });

  it('stays silent when the guard changes between iterations: a static flag the callee sets, a cache of what was sent', () => {
    const once = validator('if (alreadyValidated) return;\n        alreadyValidated = true;', '\n    private static Boolean alreadyValidated = false;');
    assert.deepEqual(workspaceFindings({ 'AddressValidator.cls': once }, RULE), []);
    const cached = validator(
      'if (validatedIds.contains(acc.Id)) return;\n        validatedIds.add(acc.Id);',
      '\n    private static Set<Id> validatedIds = new Set<Id>();',
    );
    assert.deepEqual(workspaceFindings({ 'AddressValidator.cls': cached }, RULE), []);
  });
});

describe('callout-after-dml: error logging in a catch after a failed callout, across methods', () => {
  const RULE = 'callout-after-dml';
  const logger = `public with sharing class ErrorLog {
    public static void log(Exception e) {
        insert new Error_Log__c(Message__c = e.getMessage(), Stack_Trace__c = e.getStackTraceString());
    }
}`;
  const job = (caught: string) => `public with sharing class OrderChunkSync implements Queueable, Database.AllowsCallouts {
    private final List<List<Id>> chunks;

    public OrderChunkSync(List<List<Id>> chunks) {
        this.chunks = chunks;
    }

    public void execute(QueueableContext ctx) {
        for (List<Id> chunk : chunks) {
            sendChunk(chunk);
        }
    }

    private void sendChunk(List<Id> orderIds) {
        try {
            HttpRequest req = new HttpRequest();
            req.setEndpoint('callout:Erp/orders/bulk');
            req.setMethod('POST');
            req.setTimeout(30000);
            req.setBody(JSON.serialize(orderIds));
            HttpResponse res = new Http().send(req);
        } catch (${caught} e) {
            ErrorLog.log(e);
        }
    }
}`;

  it("reports the next chunk's callout after the insert a failed chunk's catch left", () => {
    const src = job('CalloutException');
    assert.deepEqual(workspaceFindings({ 'OrderChunkSync.cls': src, 'ErrorLog.cls': logger }, RULE), [
      {
        file: 'OrderChunkSync.cls',
        ruleId: RULE,
        at: spanOf(src, 'sendChunk(chunk)'),
        messageId: 'callAfterWork',
        data: { callee: 'OrderChunkSync.sendChunk()', work: 'OrderChunkSync.sendChunk() (insert statement)', andMore: '' },
        message:
          'This call leads to a callout (OrderChunkSync.sendChunk()) made after OrderChunkSync.sendChunk() (insert statement) in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts',
        severity: 'error',
        related: [
          `OrderChunkSync.cls:${spanOf(src, 'sendChunk(chunk)')} pending work: OrderChunkSync.sendChunk() (insert statement)`,
          `ErrorLog.cls:${spanOf(logger, 'insert new Error_Log__c(Message__c = e.getMessage(), Stack_Trace__c = e.getStackTraceString())')} pending work: insert statement`,
          `OrderChunkSync.cls:${spanOf(src, 'send(req)')} callout (Http.send)`,
        ],
      },
    ]);
  });

  it('does not count a catch that handles no callout failure', () => {
    assert.deepEqual(workspaceFindings({ 'OrderChunkSync.cls': job('JSONException'), 'ErrorLog.cls': logger }, RULE), []);
  });
});
