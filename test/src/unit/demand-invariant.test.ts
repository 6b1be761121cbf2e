/**
 * The promise of demand-driven parsing: exactly the findings of parsing every
 * file (`--all-files`), apart from the syntax errors of files it never
 * parsed. Checked on the example project, the rule fixtures (alone and as
 * one workspace), a generated org and the cases that name matching could
 * get wrong.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint, type SourceFile } from '../../../server/out/core/lint';
import { defaultConfig } from '../../../server/out/base/contracts';
import { generateOrg } from '../bench/generate';
import { ROOT } from '../support/lint';
import { compareWithAllFiles, readFolder as read } from '../support/demand-compare';

function assertSameFindings(files: SourceFile[]): Set<string> {
  const { selection, all, demand } = compareWithAllFiles(files);
  assert.deepEqual(demand, all);
  return selection.paths;
}

describe('demand-driven parsing finds what parsing everything finds', () => {
  it('on the example project', () => {
    const files = read(path.join(ROOT, 'examples', 'order-integration'));
    assertSameFindings(files);
  });

  const fixtureDir = path.join(ROOT, 'test', 'fixtures', 'rules');
  const fixtures = fs.readdirSync(fixtureDir).map((f) => ({ path: path.join(fixtureDir, f), text: fs.readFileSync(path.join(fixtureDir, f), 'utf8') }));
  it('on each rule fixture, and on all of them as one workspace', () => {
    for (const f of fixtures) assertSameFindings([f]);
    assertSameFindings(fixtures);
  });

  it('on a generated org, parsing a third of it', function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-demand-'));
    try {
      generateOrg(dir, 150);
      const files = read(dir);
      const parsed = assertSameFindings(files);
      assert.ok(parsed.size < files.length / 2, `${parsed.size} of ${files.length} parsed`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows inherited methods, dispatch, pending work through names, constants and receivers named like classes', () => {
    const files: SourceFile[] = [
      // A subclass that inherits the send, called through the subclass
      {
        path: '/p/BaseClient.cls',
        text: 'public virtual class BaseClient { public void push() { HttpRequest r = new HttpRequest(); r.setEndpoint(Endpoints.ERP); new Http().send(r); } }',
      },
      { path: '/p/OrderClient.cls', text: 'public class OrderClient extends BaseClient { }' },
      { path: '/p/Endpoints.cls', text: "public class Endpoints { public static final String ERP = Hosts.ERP + '/orders'; }" },
      { path: '/p/Hosts.cls', text: "public class Hosts { public static final String ERP = 'http://erp.example.com'; }" },
      // Pending work left through an interface, then a callout through the subclass
      { path: '/p/Saver.cls', text: 'public interface Saver { void save(List<Account> a); }' },
      { path: '/p/AccountSaver.cls', text: 'public class AccountSaver implements Saver { public void save(List<Account> a) { Audit.write(a); } }' },
      { path: '/p/Audit.cls', text: 'public class Audit { public static void write(List<Account> a) { update a; } }' },
      {
        path: '/p/Sync.cls',
        text: 'public class Sync { @AuraEnabled public static void run(List<Account> a) { Saver saver = new AccountSaver(); saver.save(a); OrderClient client = new OrderClient(); client.push(); } }',
      },
      // A variable spelled like a class: `orderClient.push()` runs the variable's class, not a class called OrderClient
      {
        path: '/p/Other.cls',
        text: 'public class Other { @AuraEnabled public static void go(BaseClient orderClient) { insert new Task(); orderClient.push(); } }',
      },
      // Not needed: a class that saves but is never called before a callout, and one that formats
      { path: '/p/Report.cls', text: 'public class Report { public static void archive(List<Account> a) { update a; } }' },
      { path: '/p/Format.cls', text: 'public class Format { public static String trim(String s) { return s.trim(); } }' },
    ];
    const parsed = assertSameFindings(files);
    assert.deepEqual([...parsed].sort(), [
      '/p/AccountSaver.cls',
      '/p/Audit.cls',
      '/p/BaseClient.cls',
      '/p/Endpoints.cls',
      '/p/Hosts.cls',
      '/p/OrderClient.cls',
      '/p/Other.cls',
      '/p/Saver.cls',
      '/p/Sync.cls',
    ]);
    const rules = lint(files, defaultConfig()).flatMap((r) => r.findings.map((f) => `${path.basename(r.path)} ${f.ruleId}`));
    assert.deepEqual(rules.sort(), [
      'BaseClient.cls callout-timeout-missing',
      'BaseClient.cls hardcoded-endpoint',
      'BaseClient.cls insecure-endpoint',
      'BaseClient.cls unchecked-callout-response',
      'Other.cls callout-after-dml',
      'Other.cls callout-blocks-save',
      'Sync.cls callout-after-dml',
      'Sync.cls callout-blocks-save',
    ]);
  });

  it('parses every body a chosen call may dispatch to: a call sends (or leaves work) only when all of them do', () => {
    const files: SourceFile[] = [
      // One implementation calls out, the other never mentions Http: `notifier.notify()` is no manifest callout
      { path: '/p/Notifier.cls', text: 'public interface Notifier { void notify(String msg); }' },
      {
        path: '/p/HttpNotifier.cls',
        text: "public class HttpNotifier implements Notifier { public void notify(String msg) { HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Slack'); r.setTimeout(5000); r.setMethod('POST'); HttpResponse res = new Http().send(r); if (res.getStatusCode() != 200) System.debug(res.getBody()); } }",
      },
      { path: '/p/LogNotifier.cls', text: 'public class LogNotifier implements Notifier { public void notify(String msg) { System.debug(msg); } }' },
      {
        path: '/p/Orders.cls',
        text: "public class Orders { @AuraEnabled public static void place(Notifier notifier) { insert new Account(Name = 'x'); notifier.notify('placed'); } }",
      },
      // One implementation saves, the other does nothing: `recorder.record()` leaves no manifest work
      { path: '/p/Recorder.cls', text: 'public interface Recorder { void record(Account a); }' },
      { path: '/p/DbRecorder.cls', text: 'public class DbRecorder implements Recorder { public void record(Account a) { insert a; } }' },
      { path: '/p/NoRecorder.cls', text: 'public class NoRecorder implements Recorder { public void record(Account a) { } }' },
      {
        path: '/p/Shipping.cls',
        text: "public class Shipping { @AuraEnabled public static void ship(Recorder recorder) { recorder.record(new Account(Name = 'x')); HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Ship'); r.setTimeout(5000); r.setMethod('POST'); HttpResponse res = new Http().send(r); if (res.getStatusCode() != 200) System.debug(res.getBody()); } }",
      },
      // Not a sibling: a `notify` of an unrelated class
      { path: '/p/Bell.cls', text: 'public class Bell { public void notify(String msg) { System.debug(msg); } }' },
    ];
    const parsed = assertSameFindings(files);
    assert.ok(parsed.has('/p/LogNotifier.cls') && parsed.has('/p/NoRecorder.cls'), [...parsed].join(', '));
    assert.ok(!parsed.has('/p/Bell.cls'));
    assert.deepEqual(
      lint(files, defaultConfig()).flatMap((r) => r.findings.map((f) => `${path.basename(r.path)} ${f.ruleId}`)),
      [],
    );
  });

  it('reads a batch start wherever it is: it gives the batch its scope size', () => {
    const files: SourceFile[] = [
      {
        path: '/p/PriceBatch.cls',
        text: "public class PriceBatch implements Database.Batchable<SObject>, Database.AllowsCallouts { public Database.QueryLocator start(Database.BatchableContext c) { return Database.getQueryLocator('SELECT Id FROM Product2'); } public void execute(Database.BatchableContext c, List<Product2> scope) { for (Product2 p : scope) { HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Prices'); r.setTimeout(5000); HttpResponse res = new Http().send(r); if (res.getStatusCode() != 200) System.debug(res.getBody()); } } public void finish(Database.BatchableContext c) { } }",
      },
      { path: '/p/Nightly.cls', text: 'public class Nightly { public static void run() { Database.executeBatch(new PriceBatch(), 150); } }' },
    ];
    const parsed = assertSameFindings(files);
    assert.ok(parsed.has('/p/Nightly.cls'));
    assert.deepEqual(
      lint(files, defaultConfig(), { omitUnneededBodies: true }).flatMap((r) =>
        r.findings.map((f) => `${path.basename(r.path)}:${f.range.start.line} ${f.ruleId}`),
      ),
      ['PriceBatch.cls:1 callout-in-loop', 'Nightly.cls:1 batch-callouts-exceed-limit'],
    );
  });

  it('reads only the starts that name a batch that may call out', () => {
    const files: SourceFile[] = [
      {
        path: '/p/PriceBatch.cls',
        text: "public class PriceBatch implements Database.Batchable<SObject>, Database.AllowsCallouts { public Database.QueryLocator start(Database.BatchableContext c) { return Database.getQueryLocator('SELECT Id FROM Product2'); } public void execute(Database.BatchableContext c, List<Product2> scope) { for (Product2 p : scope) { HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Prices'); r.setTimeout(5000); HttpResponse res = new Http().send(r); if (res.getStatusCode() != 200) System.debug(res.getBody()); } } public void finish(Database.BatchableContext c) { } }",
      },
      {
        path: '/p/CleanupBatch.cls',
        text: "public class CleanupBatch implements Database.Batchable<SObject> { public Database.QueryLocator start(Database.BatchableContext c) { return Database.getQueryLocator('SELECT Id FROM Task'); } public void execute(Database.BatchableContext c, List<Task> scope) { delete scope; } public void finish(Database.BatchableContext c) { } }",
      },
      // The job in a local assigned from `new PriceBatch()`: a start the rule reads.
      {
        path: '/p/Nightly.cls',
        text: 'public class Nightly { public static void run() { PriceBatch job = new PriceBatch(); Database.executeBatch(job, 150); } }',
      },
      // Starts only a batch that never calls out.
      { path: '/p/Cleanup.cls', text: 'public class Cleanup { public static void run() { Database.executeBatch(new CleanupBatch(), 2000); } }' },
    ];
    const parsed = assertSameFindings(files);
    assert.ok(parsed.has('/p/Nightly.cls'));
    assert.ok(!parsed.has('/p/Cleanup.cls') && !parsed.has('/p/CleanupBatch.cls'), [...parsed].join(', '));
    assert.deepEqual(
      lint(files, defaultConfig(), { omitUnneededBodies: true }).flatMap((r) =>
        r.findings.map((f) => `${path.basename(r.path)}:${f.range.start.line} ${f.ruleId}`),
      ),
      ['PriceBatch.cls:1 callout-in-loop', 'Nightly.cls:1 batch-callouts-exceed-limit'],
    );
  });
});
