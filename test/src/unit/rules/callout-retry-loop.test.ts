/** callout-retry-loop: a loop that repeats a callout until it succeeds, and its quick fix, retrying asynchronously (more loop shapes: fixes-moves-async, fixes-moves-receivers). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import { findings, fixture, spanOf } from '../../support/lint';
import { applyFix, rulesAfter } from '../../support/fixes';
import { ERP_SYNC } from '../index/sources';

const RETRY = 'callout-retry-loop';
const IN_LOOP = 'callout-in-loop';
const RETRY_MESSAGE =
  'Synchronous retry loop around a callout: every attempt holds the transaction and the user, and spends the 120 s callout budget. Retry asynchronously: a Queueable that re-enqueues itself, or a Platform Event subscriber that throws EventBus.RetryableException';

function method(body: string): string {
  return `public class Client {
    public static HttpResponse fetch(HttpRequest req, List<Account> accounts) {
        Http http = new Http();
        HttpResponse res;
${body}
        return res;
    }
}`;
}

const DIR = path.resolve('/proj/force-app/main/default/classes');
const at = (name: string) => path.join(DIR, name);
const PROJECT: ProjectInfo = {
  sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
  namedCredentials: [],
};

describe(RETRY, () => {
  it('reports a while loop that breaks on a good status, on the loop head', () => {
    const src = method(`        Integer n = 0;
        while (n < 3) {
            n++;
            res = http.send(req);
            if (res.getStatusCode() == 200) {
                break;
            }
        }`);
    assert.deepEqual(findings(src, RETRY), [
      { ruleId: RETRY, at: spanOf(src, 'while (n < 3)'), messageId: 'synchronousRetry', message: RETRY_MESSAGE, severity: 'warning' },
    ]);
    assert.deepEqual(findings(src, IN_LOOP), []);
  });
  it('reports a do-while driven by a caught CalloutException', () => {
    const src = method(`        Boolean failed;
        do {
            failed = false;
            try {
                res = http.send(req);
            } catch (CalloutException e) {
                failed = true;
            }
        } while (failed);`);
    assert.deepEqual(
      findings(src, RETRY).map((f) => f.at),
      [spanOf(src, 'do')],
    );
  });
  it('reports an attempt-counting for loop', () => {
    const src = method(`        for (Integer attempt = 0; attempt < 3; attempt++) {
            res = http.send(req);
        }`);
    assert.deepEqual(
      findings(src, RETRY).map((f) => f.at),
      [spanOf(src, 'for (Integer attempt = 0; attempt < 3; attempt++)')],
    );
  });
  it('does not call a loop over records a retry', () => {
    const src = method(`        for (Account a : accounts) {
            res = http.send(req);
            if (res.getStatusCode() != 200) {
                break;
            }
        }
        for (Integer i = 0; i < accounts.size(); i++) {
            res = http.send(req);
        }`);
    assert.deepEqual(findings(src, RETRY), []);
  });
  it('fixture', () => {
    const src = fixture('rules/callout-retry-loop.cls');
    assert.deepEqual(
      findings(src, RETRY).map((f) => f.at),
      [spanOf(src, 'while (true)')],
    );
  });
});

describe('quick fixes: callout-retry-loop → retry asynchronously', () => {
  const notifier = `public with sharing class ErpNotifier {
    private static final Integer MAX_TRIES = 4;

    public static void notifyErp(Id orderId) {
        Integer attempts = 0;
        Boolean sent = false;
        while (!sent && attempts < MAX_TRIES) {
            attempts++;
            try {
                ErpSync.pushOrder(orderId, new List<String>());
                sent = true;
            } catch (CalloutException e) {
                System.debug(LoggingLevel.WARN, 'ERP push attempt ' + attempts + ' failed: ' + e.getMessage());
            }
        }
    }
}`;

  it("replaces the loop with one enqueue of a self-re-enqueuing Queueable bounded by the loop's own limit", () => {
    const fixed = applyFix({ [at('ErpNotifier.cls')]: notifier, [at('ErpSync.cls')]: ERP_SYNC }, 'callout-retry-loop', { project: PROJECT });
    assert.deepEqual(
      [fixed.title, fixed.safe],
      ['Retry asynchronously: a Queueable ErpSyncPushOrderRetryJob that re-enqueues itself (at most 4 attempts)', false],
    );
    assert.equal(
      fixed.texts[at('ErpNotifier.cls')],
      `public with sharing class ErpNotifier {
    private static final Integer MAX_TRIES = 4;

    public static void notifyErp(Id orderId) {
        System.enqueueJob(new ErpSyncPushOrderRetryJob(orderId, new List<String>(), 1));
    }
}`,
    );
    assert.equal(
      fixed.created[at('ErpSyncPushOrderRetryJob.cls')],
      `/**
 * @description Calls ErpSync.pushOrder() once per transaction and, when it
 *              fails, enqueues itself again with the next attempt number, up
 *              to MAX_ATTEMPTS: retries happen asynchronously instead of
 *              holding a synchronous transaction in a loop.
 */
public with sharing class ErpSyncPushOrderRetryJob implements Queueable, Database.AllowsCallouts {
    private static final Integer MAX_ATTEMPTS = 4;
    private static final Integer RETRY_DELAY_MINUTES = 1;
    private final Id orderId;
    private final List<String> lineCodes;
    private final Integer attempt;

    public ErpSyncPushOrderRetryJob(Id orderId, List<String> lineCodes, Integer attempt) {
        this.orderId = orderId;
        this.lineCodes = lineCodes;
        this.attempt = attempt;
    }

    public void execute(QueueableContext context) {
        try {
            ErpSync.pushOrder(orderId, lineCodes);
        } catch (CalloutException e) {
            retryOrGiveUp(e);
        }
    }

    private void retryOrGiveUp(Exception e) {
        if (attempt >= MAX_ATTEMPTS) {
            System.debug(LoggingLevel.ERROR, 'ErpSync.pushOrder() failed after ' + attempt + ' attempts: ' + e.getMessage());
            return;
        }
        if (!Test.isRunningTest()) {
            System.enqueueJob(new ErpSyncPushOrderRetryJob(orderId, lineCodes, attempt + 1), RETRY_DELAY_MINUTES);
        }
    }
}
`,
    );
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it("is not offered when the caller needs the loop's result afterwards, or retries a send written in the loop", () => {
    const needsResult = notifier.replace('        }\n    }\n}', '        }\n        System.debug(sent);\n    }\n}');
    assert.throws(() => applyFix({ [at('ErpNotifier.cls')]: needsResult, [at('ErpSync.cls')]: ERP_SYNC }, 'callout-retry-loop'), /has no fix/);
  });
});
