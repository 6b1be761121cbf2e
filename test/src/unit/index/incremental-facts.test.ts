/**
 * Call facts kept across an edit inside one method body (carry-facts.ts):
 * after every edit, and every undo, the long-lived project's findings equal
 * those of a fresh project of the same texts, for the edited file and for
 * every other file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SourceFile } from '../../../../server/out/core/lint';
import { LintProject } from '../../../../server/out/core/project';
import { generateOrg } from '../../bench/generate';
import { ROOT } from '../../support/lint';
import { readFolder } from '../../support/demand-compare';
import { bodyEdits, compareEdits } from '../../support/edit-compare';

/** A factory, a request builder two calls deep and their callers, each in its own file. */
const LINKED: SourceFile[] = [
  { path: '/p/Handler.cls', text: 'public interface Handler { void run(); }' },
  { path: '/p/QuietHandler.cls', text: 'public class QuietHandler implements Handler { public void run() { System.debug(1); } }' },
  {
    path: '/p/LoudHandler.cls',
    text: "public class LoudHandler implements Handler { public void run() { HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Erp'); r.setTimeout(5000); new Http().send(r); } }",
  },
  { path: '/p/HandlerFactory.cls', text: 'public class HandlerFactory {\n  public static Handler make() {\n    return new QuietHandler();\n  }\n}' },
  {
    path: '/p/OrderService.cls',
    text: 'public class OrderService {\n  public void save(Account a) {\n    insert a;\n    HandlerFactory.make().run();\n  }\n}',
  },
  {
    path: '/p/Requests.cls',
    text: "public class Requests {\n  public static HttpRequest base() {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('callout:Erp');\n    r.setTimeout(5000);\n    return r;\n  }\n  public static HttpRequest build() {\n    return base();\n  }\n}",
  },
  {
    path: '/p/ErpClient.cls',
    text: 'public class ErpClient {\n  public void push() {\n    HttpRequest r = Requests.build();\n    new Http().send(r);\n  }\n}',
  },
  {
    path: '/p/ErpService.cls',
    text: "public class ErpService {\n  public static void first() {\n    System.debug(1);\n  }\n  public static void second() {\n    HttpRequest r = new HttpRequest();\n    r.setEndpoint('callout:Erp');\n    r.setTimeout(5000);\n    new Http().send(r);\n  }\n}",
  },
  { path: '/p/Checkout.cls', text: 'public class Checkout {\n  public void done(Account a) {\n    insert a;\n    ErpService.second();\n  }\n}' },
  {
    // Thirteen callouts one after another: over the 120 s budget only when each waits the 10 s default.
    path: '/p/SyncController.cls',
    text: `public class SyncController {\n  @AuraEnabled\n  public static void syncAll() {\n${'    ErpClient.push();\n'.repeat(13)}  }\n}`,
  },
];

function edit(file: string, from: string, to: string) {
  return { path: `/p/${file}`, what: `${from} to ${to} in ${file}`, apply: (t: string) => t.replace(from, to) };
}

describe('call facts kept across an edit inside one method body', () => {
  it('gives the findings of a fresh project when a factory, a request builder two calls deep or a callee changes', () => {
    const edits = [
      edit('HandlerFactory.cls', 'new QuietHandler()', 'new LoudHandler()'),
      // The timeout is set two calls below the send that SyncController's budget adds up.
      edit('Requests.cls', 'r.setTimeout(5000);', '//'),
      edit('QuietHandler.cls', 'System.debug(1);', 'new Http().send(new HttpRequest());'),
      edit('OrderService.cls', 'insert a;', 'update a;'),
      // Lines added above a method that another file's kept facts call: its chain must point at the new lines.
      edit('ErpService.cls', 'System.debug(1);', 'System.debug(1);\n    System.debug(2);\n'),
      edit('OrderService.cls', 'HandlerFactory.make().run();', 'new LoudHandler().run();'),
    ];
    const run = compareEdits(LINKED, edits);
    // All but the QuietHandler edit (and its undo, if made), which change the files parsed (a send makes the class matter).
    assert.ok(run.incremental >= run.steps - 2, `${run.incremental} of ${run.steps} steps kept facts`);
    // The edits do change findings: the factory's class and the builder decide them.
    const project = new LintProject();
    for (const f of LINKED) project.setFile(f);
    const quiet = project.lintAll().flatMap((r) => r.findings);
    project.setFile({ path: '/p/HandlerFactory.cls', text: LINKED[3].text.replace('QuietHandler', 'LoudHandler') });
    project.setFile({ path: '/p/Requests.cls', text: LINKED[5].text.replace('r.setTimeout(5000);', '') });
    const loud = project.lintAll().flatMap((r) => r.findings);
    assert.ok(loud.length > quiet.length, `${quiet.length} findings before, ${loud.length} after`);
    assert.ok(loud.some((f) => f.ruleId === 'callout-budget-exceeded') && !quiet.some((f) => f.ruleId === 'callout-budget-exceeded'));
  });

  it('on the example project, edits all over method bodies', function () {
    this.timeout(300_000);
    const files = readFolder(path.join(ROOT, 'examples', 'order-integration'));
    const apex = files.filter((f) => f.path.endsWith('.cls'));
    const run = compareEdits(files, bodyEdits(files, apex, 60));
    assert.ok(run.incremental > run.steps / 3, `${run.incremental} of ${run.steps} steps kept facts`);
  });

  it('on the rule fixtures as one workspace', function () {
    this.timeout(300_000);
    const dir = path.join(ROOT, 'test', 'fixtures', 'rules');
    const files = fs.readdirSync(dir).map((f) => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    // Many fixtures declare the same class or hold syntax errors: those edits rebuild everything (compared all the same).
    const run = compareEdits(files, bodyEdits(files, files, 60, 11), 0);
    assert.ok(run.incremental >= 5, `${run.incremental} of ${run.steps} steps kept facts`);
  });

  it('on a generated org', function () {
    this.timeout(300_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-incremental-'));
    try {
      generateOrg(dir, 40);
      const files = readFolder(dir);
      const run = compareEdits(files, bodyEdits(files, files, 40, 3));
      assert.ok(run.incremental > run.steps / 4, `${run.incremental} of ${run.steps} steps kept facts`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
