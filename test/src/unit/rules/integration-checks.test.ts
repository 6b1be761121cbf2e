/** The checks for the Fire-and-Forget and Batch Data Sync patterns and for credentials: valid and invalid cases with exact ranges. */
import * as assert from 'node:assert/strict';
import { lint } from '../../../../server/out/core/lint';
import { resolveConfig } from '../../../../server/out/core/config';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import type { RuleId } from '../../../../server/out/base/contracts';
import { fixture, messageOf, spanOf, workspaceFindings, type Seen } from '../../support/lint';

function withProject(files: Record<string, string>, rule: RuleId, project: Partial<ProjectInfo>, config: unknown = {}): Seen[] {
  const info: ProjectInfo = { sfdx: parseSfdxProject('/p', undefined), namedCredentials: [], ...project };
  const results = lint(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    resolveConfig(config),
    { allFiles: true, project: info },
  );
  return results.flatMap((r) =>
    r.findings
      .filter((f) => f.ruleId === rule)
      .map((f) => ({
        ruleId: f.ruleId,
        at: `${f.range.start.line}:${f.range.start.character + 1}-${f.range.end.line}:${f.range.end.character + 1}`,
        ...messageOf(f),
        severity: f.severity,
      })),
  );
}

const nc = (name: string) => ({ name, path: `/p/force-app/main/default/namedCredentials/${name}.namedCredential-meta.xml` });

describe('named-credential-unknown', () => {
  const src = fixture('rules/named-credential-unknown.cls');

  it('reports a callout:Name the project does not define, on setEndpoint, with the closest name (case-insensitive match is clean)', () => {
    const seen = withProject({ '/p/ShipmentTracker.cls': src }, 'named-credential-unknown', { namedCredentials: [nc('Carrier_API'), nc('ERP')] });
    assert.deepEqual(seen, [
      {
        ruleId: 'named-credential-unknown',
        at: spanOf(src, "setEndpoint(BASE + EncodingUtil.urlEncode(trackingNumber, 'UTF-8'))"),
        messageId: 'unknownNamedCredential',
        data: { name: 'CarrierAPI', closest: 'Carrier_API' },
        message:
          "No Named Credential 'CarrierAPI' in this project: did you mean 'Carrier_API'? The callout fails at run time unless the org defines 'CarrierAPI'",
        severity: 'info',
      },
    ]);
  });

  it('is quiet when the project has no credential metadata at all, and counts External Credentials as defined', () => {
    assert.deepEqual(withProject({ '/p/ShipmentTracker.cls': src }, 'named-credential-unknown', {}), []);
    assert.deepEqual(
      withProject({ '/p/ShipmentTracker.cls': src }, 'named-credential-unknown', {
        namedCredentials: [nc('carrier_api')],
        externalCredentials: ['CarrierAPI'],
      }),
      [],
    );
  });

  it('suggests a name that the unknown one extends; a name with no close defined name, or built at run time, is not reported', () => {
    const code = `public class G {
    public static void up(String name) {
        HttpRequest a = new HttpRequest();
        a.setEndpoint('callout:Google_Drive/files');
        new Http().send(a);
        HttpRequest b = new HttpRequest();
        b.setEndpoint('callout:' + name + '/files');
        new Http().send(b);
        HttpRequest c = new HttpRequest();
        c.setEndpoint('callout:Warehouse/stock');
        new Http().send(c);
    }
}`;
    const seen = withProject({ '/p/G.cls': code }, 'named-credential-unknown', { namedCredentials: [nc('Google')] });
    assert.deepEqual(
      seen.map((s) => [s.at, s.message]),
      [
        [
          spanOf(code, "setEndpoint('callout:Google_Drive/files')"),
          "No Named Credential 'Google_Drive' in this project: did you mean 'Google'? The callout fails at run time unless the org defines 'Google_Drive'",
        ],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['unknownNamedCredential', { name: 'Google_Drive', closest: 'Google' }]],
    );
  });
});

describe('auth-header-manual', () => {
  const src = fixture('rules/auth-header-manual.cls');

  it('reports an Authorization header built from a custom setting on setHeader; a {!$Credential} merge field is clean', () => {
    const seen = workspaceFindings({ 'HelpDeskClient.cls': src }, 'auth-header-manual');
    assert.deepEqual(
      seen.map((s) => [s.at, s.severity, s.message]),
      [
        [
          spanOf(src, "setHeader('Authorization', 'Bearer ' + settings.Api_Token__c)"),
          'info',
          'Authorization header built in code from a custom setting: a Named Credential with an External Credential generates it, and the secret leaves the data model',
        ],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['manualAuthorization', { source: 'a custom setting' }]],
    );
  });

  it('leaves literal secrets to hardcoded-credentials, and says where the value comes from', () => {
    const code = `public class A {
    private static final String KEY = System.Label.Api_Key;
    public static void call(String token) {
        HttpRequest r = new HttpRequest();
        r.setHeader('Authorization', 'Bearer sk_live_abc123');
        r.setHeader('Authorization', 'Bearer ' + KEY);
        r.setHeader('Authorization', 'Bearer ' + UserInfo.getSessionId());
        r.setHeader('authorization', token);
        r.setHeader('Accept', token);
        new Http().send(r);
    }
}`;
    const seen = workspaceFindings({ 'A.cls': code }, 'auth-header-manual');
    assert.deepEqual(
      seen.map((s) => [s.at, s.message.split(':')[0]]),
      [
        [spanOf(code, "setHeader('Authorization', 'Bearer ' + KEY)"), 'Authorization header built in code from a custom label'],
        [spanOf(code, "setHeader('Authorization', 'Bearer ' + UserInfo.getSessionId())"), 'Authorization header built in code from the session id'],
        [spanOf(code, "setHeader('authorization', token)"), 'Authorization header built in code from a value known at run time'],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [
        ['manualAuthorization', { source: 'a custom label' }],
        ['manualAuthorization', { source: 'the session id' }],
        ['manualAuthorization', { source: 'a value known at run time' }],
      ],
    );
    assert.deepEqual(
      workspaceFindings({ 'A.cls': code }, 'hardcoded-credentials').map((s) => s.at),
      [spanOf(code, "setHeader('Authorization', 'Bearer sk_live_abc123')")],
    );
  });
});

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

describe('batch-callouts-exceed-limit', () => {
  const src = fixture('rules/batch-callouts-exceed-limit.cls');

  it('reports a start with the default scope of 200 on executeBatch, with the loop and the send as related locations', () => {
    const seen = workspaceFindings({ 'PriceRefreshBatch.cls': src }, 'batch-callouts-exceed-limit');
    assert.deepEqual(
      seen.map((s) => [s.at, s.message, s.related]),
      [
        [
          spanOf(src, 'executeBatch(new PriceRefreshBatch())'),
          'PriceRefreshBatch.execute() calls out once per record, and this start gives it the default 200 records per transaction: more than the 100 callouts a transaction allows. Pass a scope of 100 or less (Database.executeBatch(job, 100)), or send one request per chunk',
          [
            `PriceRefreshBatch.cls:${spanOf(src, 'for (Product2 p : scope)')} the loop over the scope`,
            `PriceRefreshBatch.cls:${spanOf(src, 'send(req)')} callout (Http.send)`,
          ],
        ],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['defaultScopeAboveLimit', { type: 'PriceRefreshBatch' }]],
    );
  });

  it('is clean when started with a scope of 50, and reports on execute when no start gives the size', () => {
    const fifty = src.replace('executeBatch(new PriceRefreshBatch())', 'executeBatch(new PriceRefreshBatch(), 50)');
    assert.deepEqual(workspaceFindings({ 'PriceRefreshBatch.cls': fifty }, 'batch-callouts-exceed-limit'), []);
    const unknown = src.replace('executeBatch(new PriceRefreshBatch())', 'executeBatch(new PriceRefreshBatch(), Settings.size())');
    const seen = workspaceFindings({ 'PriceRefreshBatch.cls': unknown }, 'batch-callouts-exceed-limit');
    assert.deepEqual(
      seen.map((s) => s.at),
      [spanOf(unknown, 'execute', 1)],
    );
    assert.match(seen[0].message, /^execute\(\) calls out once per record of its scope, and no start in the project gives the scope size/);
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data, s.message]),
      [
        [
          'scopeUnknown',
          undefined,
          'execute() calls out once per record of its scope, and no start in the project gives the scope size (the default is 200): more than the 100 callouts a transaction allows. Start it with Database.executeBatch(job, 100) or less, or send one request per chunk',
        ],
      ],
    );
  });

  it('reports a start in another class with a scope above 100 through a local, and is clean for one callout per chunk', () => {
    const starter = `public class PriceJobs {
    public static void run() {
        PriceRefreshBatch job = new PriceRefreshBatch();
        Database.executeBatch(job, 150);
    }
}`;
    const fifty = src.replace('executeBatch(new PriceRefreshBatch())', 'executeBatch(new PriceRefreshBatch(), 50)');
    const seen = workspaceFindings({ 'PriceRefreshBatch.cls': fifty, 'PriceJobs.cls': starter }, 'batch-callouts-exceed-limit');
    assert.deepEqual(
      seen.map((s) => [s.file, s.at]),
      [['PriceJobs.cls', spanOf(starter, 'executeBatch(job, 150)')]],
    );
    assert.match(seen[0].message, /this start gives it 150 records per transaction/);
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['scopeAboveLimit', { type: 'PriceRefreshBatch', scope: 150 }]],
    );
    const example = fixture('../../examples/order-integration/force-app/main/default/classes/AccountSyncBatch.cls');
    assert.deepEqual(workspaceFindings({ 'AccountSyncBatch.cls': example }, 'batch-callouts-exceed-limit'), []);
  });
});

describe('callout-budget-exceeded', () => {
  const src = fixture('rules/callout-budget-exceeded.cls');

  it("reports at the entry point's name when the callouts of one path add up past 120 s, with the chain", () => {
    const seen = workspaceFindings({ 'OrderFulfilmentController.cls': src }, 'callout-budget-exceeded');
    const at = (snippet: string, nth = 0) => `OrderFulfilmentController.cls:${spanOf(src, snippet, nth)}`;
    assert.deepEqual(
      seen.map((s) => [s.at, s.severity, s.related]),
      [
        [
          spanOf(src, 'fulfil'),
          'warning',
          [
            `${at('reserveStock(orderId)')} calls OrderFulfilmentController.reserveStock(): 60 s of callouts`,
            `${at('send(req)')} callout, up to 60 s`,
            `${at('send(shipment)')} callout, up to 45 s`,
            `${at('for (Integer attempt = 0; attempt < 2; attempt++)')} loop of 2 iterations`,
            `${at('send(notice)')} callout, up to 10 s`,
          ],
        ],
      ],
    );
    assert.match(
      seen[0].message,
      /^This @AuraEnabled transaction can spend 125 s waiting on callouts one after another: more than the 120 s a transaction allows/,
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['budgetExceeded', { context: '@AuraEnabled', time: '125 s' }]],
    );
  });

  it('counts a called method only for what it spends on every path, and a loop only when its bound is constant', () => {
    const guarded = src.replace(
      '    private static void reserveStock(Id orderId) {\n',
      '    private static void reserveStock(Id orderId) {\n        if (!Warehouse_Settings__c.getOrgDefaults().Enabled__c) {\n            return;\n        }\n',
    );
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': guarded }, 'callout-budget-exceeded'), []);
    const unbounded = src.replace('attempt < 2', 'attempt < Carrier_Settings__c.getOrgDefaults().Attempts__c');
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': unbounded }, 'callout-budget-exceeded'), []);
    const once = src.replace('attempt < 2', 'attempt < 1');
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': once }, 'callout-budget-exceeded'), []);
  });

  it('judges entry points only: the same method without @AuraEnabled is not reported', () => {
    const notEntry = src.replace('    @AuraEnabled\n', '');
    assert.deepEqual(workspaceFindings({ 'OrderFulfilmentController.cls': notEntry }, 'callout-budget-exceeded'), []);
  });
});
