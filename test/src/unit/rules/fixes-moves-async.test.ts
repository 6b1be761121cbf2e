import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import type { RuleId } from '../../../../server/out/base/contracts';
import { onRefusal } from '../../../../server/out/fixes/refusal';
import { applyFix, rulesAfter } from '../../support/fixes';

/** "Retry asynchronously" and the Schedulable move: exact text of each accepted shape, the reason for each refusal. */
const DIR = path.resolve('/proj/force-app/main/default/classes');
const at = (name: string) => path.join(DIR, name);
const project = (sourceApiVersion: string): ProjectInfo => ({
  sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion })),
  namedCredentials: [],
});
const PROJECT = project('61.0');

function refusal(files: Record<string, string>, rule: RuleId): string {
  const seen: string[] = [];
  const stop = onRefusal((r, x) => {
    if (r === rule) seen.push(x.detail ? `${x.refused} (${x.detail})` : x.refused);
  });
  try {
    assert.throws(() => applyFix(Object.fromEntries(Object.entries(files).map(([n, t]) => [at(n), t])), rule, { project: PROJECT }), /has no fix/);
  } finally {
    stop();
  }
  return seen[0] ?? 'no reason';
}

const SYNC = `public with sharing class ErpSync {
    public class ErpException extends Exception {}
    public static void pushOrder(Id orderId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setMethod('POST');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new ErpException('ERP rejected ' + orderId);
        }
    }
}`;

const notifier = (loop: string, head = 'public without sharing class ErpNotifier') => `${head} {
    public static void notifyErp(Id orderId) {
${loop}
    }
}`;

const FOR_LOOP = `        for (Integer attempt = 1; attempt <= 4; attempt++) {
            try {
                ErpSync.pushOrder(orderId);
                break;
            } catch (ErpSync.ErpException e) {
                System.debug(LoggingLevel.WARN, 'rejected: ' + e.getMessage());
                if (attempt == 4) {
                    throw e;
                }
            } catch (CalloutException e) {
                System.debug(LoggingLevel.WARN, 'no answer: ' + e.getMessage());
                if (attempt == 4) {
                    throw e;
                }
            }
        }`;

describe('quick fixes: retry asynchronously (callout-retry-loop)', () => {
  it('keeps every caught type (qualified), the exact attempt count of `<=` from 1, the rethrow, the sharing, and waits between attempts', () => {
    const fixed = applyFix({ [at('ErpNotifier.cls')]: notifier(FOR_LOOP), [at('ErpSync.cls')]: SYNC }, 'callout-retry-loop', { project: PROJECT });
    assert.equal(fixed.title, 'Retry asynchronously: a Queueable ErpSyncPushOrderRetryJob that re-enqueues itself (at most 4 attempts)');
    assert.equal(fixed.texts[at('ErpNotifier.cls')], notifier('        System.enqueueJob(new ErpSyncPushOrderRetryJob(orderId, 1));'));
    assert.equal(
      fixed.created[at('ErpSyncPushOrderRetryJob.cls')],
      `/**
 * @description Calls ErpSync.pushOrder() once per transaction and, when it
 *              fails, enqueues itself again with the next attempt number, up
 *              to MAX_ATTEMPTS: retries happen asynchronously instead of
 *              holding a synchronous transaction in a loop.
 */
public without sharing class ErpSyncPushOrderRetryJob implements Queueable, Database.AllowsCallouts {
    private static final Integer MAX_ATTEMPTS = 4;
    private static final Integer RETRY_DELAY_MINUTES = 1;
    private final Id orderId;
    private final Integer attempt;

    public ErpSyncPushOrderRetryJob(Id orderId, Integer attempt) {
        this.orderId = orderId;
        this.attempt = attempt;
    }

    public void execute(QueueableContext context) {
        try {
            ErpSync.pushOrder(orderId);
        } catch (ErpSync.ErpException e) {
            retryOrGiveUp(e);
        } catch (CalloutException e) {
            retryOrGiveUp(e);
        }
    }

    private void retryOrGiveUp(Exception e) {
        if (attempt >= MAX_ATTEMPTS) {
            throw e;
        }
        if (!Test.isRunningTest()) {
            System.enqueueJob(new ErpSyncPushOrderRetryJob(orderId, attempt + 1), RETRY_DELAY_MINUTES);
        }
    }
}
`,
    );
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it('counts `< 3` from 0 as 3 attempts, and re-enqueues without a delay before API 58.0', () => {
    const loop = `        Integer tries = 0;
        Boolean sent = false;
        while (!sent && tries < 3) {
            tries++;
            try {
                ErpSync.pushOrder(orderId);
                sent = true;
            } catch (Exception e) {
                System.debug(e.getMessage());
            }
        }`;
    const fixed = applyFix({ [at('ErpNotifier.cls')]: notifier(loop), [at('ErpSync.cls')]: SYNC }, 'callout-retry-loop', { project: project('57.0') });
    assert.equal(fixed.title, 'Retry asynchronously: a Queueable ErpSyncPushOrderRetryJob that re-enqueues itself (at most 3 attempts)');
    const job = fixed.created[at('ErpSyncPushOrderRetryJob.cls')];
    assert.match(job, /^ {8}\} catch \(Exception e\) \{$/m);
    assert.match(job, /^ {12}System\.enqueueJob\(new ErpSyncPushOrderRetryJob\(orderId, attempt \+ 1\)\);$/m);
    assert.doesNotMatch(job, /RETRY_DELAY_MINUTES/);
    assert.match(job, /^ {12}System\.debug\(LoggingLevel\.ERROR, 'ErpSync\.pushOrder\(\) failed after ' \+ attempt \+ ' attempts: ' \+ e\.getMessage\(\)\);$/m);
  });

  it('refuses a bound it cannot count, a loop that does more than retry, catches that give up differently, and a retry inside another loop', () => {
    const files = (loop: string) => ({ 'ErpNotifier.cls': notifier(loop), 'ErpSync.cls': SYNC });
    assert.equal(
      refusal(
        files(`        Integer attempts = 0;
        while (true) {
            try {
                ErpSync.pushOrder(orderId);
                break;
            } catch (Exception e) {
                attempts++;
                if (attempts >= 3) {
                    break;
                }
            }
        }`),
        'callout-retry-loop',
      ),
      'attempts-unknown',
    );
    assert.equal(
      refusal(
        files(`        for (Integer i = 0; i < 3; i++) {
            try {
                ErpSync.pushOrder(orderId);
                break;
            } catch (Exception e) {
                insert new Task(Subject = e.getMessage());
            }
        }`),
        'callout-retry-loop',
      ),
      'retry-shape (the loop does more than retry the call)',
    );
    assert.equal(
      refusal(
        files(
          FOR_LOOP.replace(
            "System.debug(LoggingLevel.WARN, 'no answer: ' + e.getMessage());\n                if (attempt == 4) {\n                    throw e;\n                }",
            "System.debug(LoggingLevel.WARN, 'no answer: ' + e.getMessage());",
          ),
        ),
        'callout-retry-loop',
      ),
      'retry-shape (the catches give up differently)',
    );
    const nested = `public with sharing class ErpNotifier {
    public static void notifyAll(List<Id> orderIds) {
        for (Id orderId : orderIds) {
            for (Integer attempt = 0; attempt < 3; attempt++) {
                try {
                    ErpSync.pushOrder(orderId);
                    break;
                } catch (CalloutException e) {
                    System.debug(e.getMessage());
                }
            }
        }
    }
}`;
    assert.equal(refusal({ 'ErpNotifier.cls': nested, 'ErpSync.cls': SYNC }, 'callout-retry-loop'), 'in-loop');
  });
});

const NIGHTLY = (body: string, head = 'public without sharing class NightlyErpSync implements Schedulable') => `${head} {
    public class Batch {
        public List<Id> ids = new List<Id>();
    }
    public void execute(SchedulableContext sc) {
${body}
    }
}`;

describe('quick fixes: the Schedulable move (async-callout-not-allowed)', () => {
  it("keeps the Schedulable's sharing and qualifies its inner classes in the moved body", () => {
    const src = NIGHTLY(`        Batch b = new Batch();
        for (Order o : [SELECT Id FROM Order WHERE Status = 'Activated' LIMIT 50]) {
            b.ids.add(o.Id);
        }
        ErpSync.pushOrder(b.ids[0]);`);
    const fixed = applyFix({ [at('NightlyErpSync.cls')]: src, [at('ErpSync.cls')]: SYNC }, 'async-callout-not-allowed', { project: PROJECT });
    assert.equal(fixed.texts[at('NightlyErpSync.cls')], NIGHTLY('        System.enqueueJob(new NightlyErpSyncJob());'));
    assert.equal(
      fixed.created[at('NightlyErpSyncJob.cls')],
      `/**
 * @description The work of the scheduled job NightlyErpSync, moved to a Queueable
 *              so that it can call out: scheduled Apex cannot make callouts
 *              synchronously. NightlyErpSync.execute() enqueues it.
 */
public without sharing class NightlyErpSyncJob implements Queueable, Database.AllowsCallouts {
    public void execute(QueueableContext context) {
        NightlyErpSync.Batch b = new NightlyErpSync.Batch();
        for (Order o : [SELECT Id FROM Order WHERE Status = 'Activated' LIMIT 50]) {
            b.ids.add(o.Id);
        }
        ErpSync.pushOrder(b.ids[0]);
    }
}
`,
    );
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it('refuses when the body enqueues a job itself, and in a test class', () => {
    const cleanup =
      'public with sharing class Cleanup implements Queueable {\n    public void execute(QueueableContext c) {\n        System.debug(c);\n    }\n}';
    assert.equal(
      refusal(
        {
          'NightlyErpSync.cls': NIGHTLY('        ErpSync.pushOrder(null);\n        System.enqueueJob(new Cleanup());'),
          'ErpSync.cls': SYNC,
          'Cleanup.cls': cleanup,
        },
        'async-callout-not-allowed',
      ),
      'async-context-enqueues (the moved body enqueues a job)',
    );
    assert.equal(
      refusal(
        {
          'NightlyErpSync.cls': NIGHTLY('        ErpSync.pushOrder(null);', '@IsTest\nprivate class NightlyErpSync implements Schedulable'),
          'ErpSync.cls': SYNC,
        },
        'async-callout-not-allowed',
      ),
      'test-class',
    );
  });
});
