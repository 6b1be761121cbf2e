import * as assert from 'node:assert/strict';
import { Cancelled, LintProject } from '../../../../server/out/core/project';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import { ERP_CLIENT, ORDER_REPOSITORY, ORDER_SERVICE, PUSH_JOB } from './sources';

const CONTROLLER = `public with sharing class OrderController {
    @AuraEnabled
    public static void submit(Order ord) {
        update ord;
        new OrderService().pushToErp(ord);
    }
}`;

const UNRELATED = `public with sharing class PriceFormatter {
    public static String format(Decimal amount) {
        return amount == null ? '' : amount.setScale(2).format();
    }
}`;

function project(): LintProject {
  const p = new LintProject();
  for (const [path, text] of Object.entries({
    '/ws/OrderController.cls': CONTROLLER,
    '/ws/OrderService.cls': ORDER_SERVICE,
    '/ws/ErpClient.cls': ERP_CLIENT,
    '/ws/OrderRepository.cls': ORDER_REPOSITORY,
    '/ws/ErpPushJob.cls': PUSH_JOB,
    '/ws/PriceFormatter.cls': UNRELATED,
  })) {
    p.setFile({ path, text });
  }
  return p;
}

const rules = (p: LintProject, path: string) => p.lintFile(path).map((f) => f.ruleId);

describe('incremental index (LintProject)', () => {
  it('parses only the files that can matter, then re-parses only the changed member or file', () => {
    const p = project();
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), ['callout-after-dml', 'callout-blocks-save']);
    // PriceFormatter mentions nothing that matters, and no parsed file uses OrderRepository: neither is parsed.
    assert.equal(p.stats.parsed, 4);
    p.setFile({ path: '/ws/OrderController.cls', text: CONTROLLER.replace('update ord;', 'update ord; // saved') });
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), ['callout-after-dml', 'callout-blocks-save']);
    assert.deepEqual([p.stats.parsed, p.stats.membersReparsed, p.stats.selections], [4, 1, 1], 'one member re-parsed, and the demand selection kept');
    p.setFile({ path: '/ws/OrderController.cls', text: CONTROLLER.replace('submit(Order ord)', 'submit(Order ord, Boolean now)') });
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), ['callout-after-dml', 'callout-blocks-save']);
    assert.deepEqual([p.stats.parsed, p.stats.membersReparsed], [5, 1], 'a signature change re-parses the file');
  });

  it('re-propagates a change in a callee to the callers: the finding goes when the callout goes, and comes back', () => {
    const p = project();
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), ['callout-after-dml', 'callout-blocks-save']);
    const noCallout = ERP_CLIENT.replace('return new Http().send(req);', 'return null;');
    p.setFile({ path: '/ws/ErpClient.cls', text: noCallout });
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), []);
    p.setFile({ path: '/ws/ErpClient.cls', text: ERP_CLIENT });
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), ['callout-after-dml', 'callout-blocks-save']);
  });

  it('handles deleting and renaming a file', () => {
    const p = project();
    assert.ok(p.removeFile('/ws/ErpClient.cls'));
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), []);
    assert.deepEqual(p.lintFile('/ws/ErpClient.cls'), []);
    p.setFile({ path: '/ws/integration/ErpClient.cls', text: ERP_CLIENT });
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), ['callout-after-dml', 'callout-blocks-save']);
    assert.ok(!p.removeFile('/ws/ErpClient.cls'), 'already gone');
  });

  it('pulls a newly relevant file into the index when an edit makes it matter', () => {
    const p = project();
    assert.deepEqual(rules(p, '/ws/OrderController.cls'), ['callout-after-dml', 'callout-blocks-save']);
    const calling = UNRELATED.replace(
      "return amount == null ? '' : amount.setScale(2).format();",
      "new OrderService().pushToErp(new Order());\n        return '';",
    );
    p.setFile({
      path: '/ws/PriceFormatter.cls',
      text: `${calling.replace('public static String format', '@AuraEnabled\n    public static String format').replace('new OrderService()', 'insert new Task();\n        new OrderService()')}`,
    });
    assert.deepEqual(rules(p, '/ws/PriceFormatter.cls'), ['callout-after-dml', 'callout-blocks-save']);
    assert.equal(p.stats.selections, 2);
  });
});

describe('cancellation (LintProject)', () => {
  it('stops a parse part-way when the token is cancelled, caches nothing half-done, and answers the next request in full', () => {
    const methods = Array.from({ length: 200 }, (_, i) => `    public static Integer m${i}(Integer x) { return x * ${i} + (x > ${i} ? 1 : 0); }`).join('\n');
    const big = `public class Big {\n${methods}\n    public static void go(Account a, HttpRequest r) { update a; HttpResponse s = new Http().send(r); System.debug(s.getStatusCode()); }\n}`;
    const p = new LintProject();
    p.setFile({ path: '/ws/Big.cls', text: big });
    let polls = 0;
    // The first poll is before the parse; the later ones come from inside it.
    const token = {
      get isCancellationRequested() {
        return ++polls > 3;
      },
    };
    assert.throws(() => p.lintFile('/ws/Big.cls', undefined, token), Cancelled);
    assert.deepEqual([polls, p.stats.parsed], [4, 0]);
    assert.deepEqual(rules(p, '/ws/Big.cls'), ['callout-after-dml']);
    assert.equal(p.stats.parsed, 1);
  });
});

describe('project info per file (multi-root)', () => {
  it("gives each file the SFDX project whose folder holds it, so a created Queueable gets that project's API version", () => {
    const info = (root: string, version: string) => ({
      sfdx: parseSfdxProject(root, JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: version })),
      namedCredentials: [],
    });
    const p = new LintProject();
    p.setProjectInfo([info('/a', '58.0'), info('/b', '61.0')]);
    assert.equal(p.projectInfo('/b/force-app/main/default/classes/X.cls')?.sfdx.sourceApiVersion, '61.0');
    assert.equal(p.projectInfo('/a/force-app/X.cls')?.sfdx.sourceApiVersion, '58.0');
    assert.equal(p.projectInfo('/ab/X.cls')?.sfdx.sourceApiVersion, '58.0', 'not below /a, so the first project');
    const job = `public class Nightly implements Schedulable {
    public void execute(SchedulableContext sc) {
        new OrderService().pushToErp([SELECT Id FROM Order LIMIT 1]);
    }
}`;
    for (const [path, text] of Object.entries({
      '/b/force-app/main/default/classes/Nightly.cls': job,
      '/b/force-app/main/default/classes/OrderService.cls': ORDER_SERVICE,
      '/b/force-app/main/default/classes/ErpClient.cls': ERP_CLIENT,
    })) {
      p.setFile({ path, text });
    }
    const fix = p.lintFile('/b/force-app/main/default/classes/Nightly.cls').find((f) => f.ruleId === 'async-callout-not-allowed')!.fixes[0];
    assert.match(fix.creates[1].text, /<apiVersion>61\.0<\/apiVersion>/);
  });
});
