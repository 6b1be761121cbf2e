import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { Log as SarifLog } from 'sarif';
import { ROOT } from '../support/lint';

const BIN = path.join(ROOT, 'bin', 'apex-pattern-lint.js');
const EXAMPLE = path.join(ROOT, 'examples', 'order-integration');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('CLI', () => {
  it('json: ESLint result shape, one entry per file, absolute paths, 1-based positions', () => {
    const { code, stdout } = cli(['--format', 'json', EXAMPLE]);
    assert.equal(code, 1);
    const results = JSON.parse(stdout) as {
      filePath: string;
      messages: { ruleId: string; severity: number; line: number; column: number; endLine: number; endColumn: number; message: string }[];
      errorCount: number;
      warningCount: number;
    }[];
    const classes = fs.readdirSync(path.join(EXAMPLE, 'force-app/main/default/classes')).filter((f) => f.endsWith('.cls'));
    const triggers = fs.readdirSync(path.join(EXAMPLE, 'force-app/main/default/triggers')).filter((f) => f.endsWith('.trigger'));
    const lwc = fs.readdirSync(path.join(EXAMPLE, 'force-app/main/default/lwc')).map((c) => `${c}.js`);
    assert.equal(
      results.length,
      classes.length + triggers.length + lwc.length,
      'every linted .cls, .trigger and LWC script, and not the .forceignore-d legacy class',
    );
    assert.deepEqual(
      results.filter((r) => r.filePath.endsWith('.js')).map((r) => [path.basename(r.filePath), r.messages.length]),
      lwc.map((f) => [f, 0]),
    );
    for (const r of results) assert.ok(path.isAbsolute(r.filePath));
    const sync = results.find((r) => r.filePath.endsWith('ErpOrderSync.cls'))!;
    assert.deepEqual(sync.messages[0], {
      ruleId: 'hardcoded-endpoint',
      severity: 1,
      message: sync.messages[0].message,
      messageId: 'hardcodedEndpoint',
      line: 30,
      column: 13,
      endLine: 30,
      endColumn: 46,
    });
    assert.equal(sync.errorCount, 1);
    assert.equal(sync.warningCount, 3);
  });

  it('sarif: valid against the SARIF 2.1.0 schema, with helpUri and related locations', () => {
    const { code, stdout } = cli(['--format', 'sarif', EXAMPLE]);
    assert.equal(code, 1);
    const log = JSON.parse(stdout) as {
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string }[] } };
        results: {
          ruleId: string;
          relatedLocations: { message: { text: string } }[];
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const run = log.runs[0];
    for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
    const retry = run.results.find((r) => r.ruleId === 'callout-retry-loop')!;
    assert.equal(retry.relatedLocations[0].message.text, 'the callout retried');
    assert.equal(
      retry.locations[0].physicalLocation.artifactLocation.uri,
      'examples/order-integration/force-app/main/default/classes/InventoryRetryClient.cls',
    );
  });

  it('stylish: findings grouped by file and a summary; exit 0 when clean', () => {
    const { stdout } = cli([EXAMPLE]);
    assert.match(stdout, /InventoryRetryClient\.cls\n {2}25:9 {2}warning {2}Synchronous retry loop/);
    assert.match(stdout, /\u2716 \d+ problems \(\d+ errors?, \d+ warnings?\)/);
    const clean = cli([path.join(EXAMPLE, 'force-app/main/default/classes/CreditCheckService.cls')]);
    assert.deepEqual([clean.code, clean.stdout], [0, '']);
  });

  it('--max-warnings fails a run with too many warnings', () => {
    const dir = tempProject({
      'A.cls':
        "public class A { void f() { HttpRequest r = new HttpRequest(); r.setTimeout(1000); r.setEndpoint('https://x.example.com'); HttpResponse s = new Http().send(r); System.debug(s.getStatus()); } }",
    });
    assert.equal(cli([dir]).code, 0);
    assert.equal(cli(['--max-warnings', '0', dir]).code, 1);
    assert.equal(cli(['--max-warnings', '1', dir]).code, 0);
  });

  it('config: --config and a .apexpatternlintrc.json found upward', () => {
    const dir = tempProject({
      '.apexpatternlintrc.json': JSON.stringify({ rules: { 'hardcoded-endpoint': 'error' } }),
      'src/A.cls':
        "public class A { void f() { HttpRequest r = new HttpRequest(); r.setTimeout(1000); r.setEndpoint('https://x.example.com'); HttpResponse s = new Http().send(r); System.debug(s.getStatus()); } }",
      'off.json': JSON.stringify({ rules: { 'hardcoded-endpoint': 'off' } }),
      'bad.json': JSON.stringify({ rules: { 'no-such-rule': 'error' } }),
    });
    assert.equal(cli([path.join(dir, 'src')]).code, 1);
    assert.equal(cli(['--config', path.join(dir, 'off.json'), path.join(dir, 'src')]).code, 0);
    const bad = cli(['--config', path.join(dir, 'bad.json'), path.join(dir, 'src')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule "no-such-rule"/);
  });

  it('bad usage exits 2 with a message', () => {
    assert.equal(cli([]).code, 2);
    assert.equal(cli(['--format', 'xml', EXAMPLE]).code, 2);
    const missing = cli(['no/such/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file or directory: no\/such\/dir/);
  });

  it('binary, non-UTF-8 and empty files get a message each and the run goes on', () => {
    const dir = tempProject({
      'Bin.cls': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
      'Latin.cls': Buffer.from("public class Latin { String s = 'caf\xe9'; }", 'latin1'),
      'Empty.cls': '',
      'Good.cls': 'public class Good { void f() { HttpRequest r = new HttpRequest(); HttpResponse s = new Http().send(r); System.debug(s.getStatus()); } }',
    });
    const { code, stdout } = cli(['--format', 'json', dir]);
    assert.equal(code, 1);
    const byName = new Map(
      (JSON.parse(stdout) as { filePath: string; messages: { message: string; ruleId: string }[] }[]).map((r) => [path.basename(r.filePath), r.messages]),
    );
    assert.equal(byName.get('Bin.cls')![0].message, 'The file contains binary data (NUL bytes); it is not Apex source');
    assert.equal(byName.get('Latin.cls')![0].message, 'The file is not valid UTF-8; save it as UTF-8 to analyse it');
    assert.equal(byName.get('Empty.cls')![0].message, 'The file is empty: no Apex to analyse');
    assert.deepEqual(
      byName.get('Good.cls')!.map((m) => m.ruleId),
      ['callout-timeout-missing'],
    );
  });

  it('an unreadable file exits 2 after reporting the others', function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything
    const dir = tempProject({ 'Locked.cls': 'public class Locked {}' });
    fs.chmodSync(path.join(dir, 'Locked.cls'), 0o000);
    assert.equal(cli([dir]).code, 2);
  });
});

describe('CLI: SFDX projects', () => {
  it('lints the package directories of sfdx-project.json, not other folders of the project', () => {
    const dir = tempProject({
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'app', default: true }, { path: 'libs/shared' }], sourceApiVersion: '62.0' }),
      'app/classes/A.cls': 'public class A {}',
      'libs/shared/classes/B.cls': 'public class B {}',
      'scripts/apex/Scratch.cls': 'public class Scratch { void f() { Integer x = ; } }',
    });
    const { stdout } = cli(['--format', 'json', dir]);
    assert.deepEqual(
      (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath).split(path.sep).join('/')),
      ['app/classes/A.cls', 'libs/shared/classes/B.cls'],
    );
  });
});

describe('CLI: cross-file findings', () => {
  const handler = 'force-app/main/default/classes/OrderTriggerHandler.cls';
  const service = 'force-app/main/default/classes/ErpOrderService.cls';
  it('SARIF: callout-in-trigger with related locations along the chain, in other files', () => {
    const { stdout } = cli(['--format', 'sarif', EXAMPLE]);
    const log = JSON.parse(stdout) as SarifLog;
    const result = log.runs[0].results!.find((r) => r.ruleId === 'callout-in-trigger')!;
    assert.equal(
      result.locations![0].physicalLocation!.artifactLocation!.uri,
      'examples/order-integration/force-app/main/default/triggers/OrderTrigger.trigger',
    );
    assert.deepEqual(
      result.relatedLocations!.map((r) => [r.physicalLocation!.artifactLocation!.uri, r.physicalLocation!.region!.startLine, r.message!.text]),
      [
        [`examples/order-integration/${handler}`, 14, 'calls ErpOrderService.submit()'],
        [`examples/order-integration/${service}`, 26, 'callout (Http.send)'],
      ],
    );
  });
  it('JSON and stylish: callout-after-dml on the call, related locations in the callee', () => {
    const results = JSON.parse(cli(['--format', 'json', EXAMPLE]).stdout) as {
      filePath: string;
      messages: { ruleId: string; messageId: string; line: number; relatedLocations: { filePath: string; line: number; message: string }[] }[];
    }[];
    const submit = results.find((r) => r.filePath.endsWith('OrderSubmitController.cls'))!.messages[0];
    assert.deepEqual([submit.ruleId, submit.messageId, submit.line], ['callout-after-dml', 'callAfterWork', 20]);
    assert.deepEqual(
      submit.relatedLocations.map((r) => [path.basename(r.filePath), r.line, r.message]),
      [
        ['OrderSubmitController.cls', 19, 'pending work: update statement'],
        ['ErpOrderService.cls', 26, 'callout (Http.send)'],
      ],
    );
    assert.match(
      cli([EXAMPLE]).stdout,
      /OrderSubmitController\.cls\n {2}20:49 {2}error {4}This call leads to a callout \(ErpOrderService\.submit\(\)\)[^\n]*\n {18}↳ 19:9 pending work: update statement\n {18}↳ examples\/order-integration\/force-app\/main\/default\/classes\/ErpOrderService\.cls:26:39 callout \(Http\.send\)/,
    );
  });
});

describe('CLI: --cache', () => {
  it('reuses parsed files by content on the next run, gives the same report, and keeps only what the last run used', () => {
    const dir = tempProject({
      'A.cls': 'public class A { @AuraEnabled public static void f(Account a) { update a; B.call(); } }',
      'B.cls':
        "public class B { public static void call() { HttpRequest r = new HttpRequest(); r.setEndpoint('callout:X'); r.setTimeout(5000); HttpResponse s = new Http().send(r); System.debug(s.getStatus()); } }",
    });
    const cacheDir = path.join(dir, '.cache');
    const entries = () => {
      const names = fs.readdirSync(cacheDir);
      return { models: names.filter((n) => /^[0-9a-f]{40}\.json$/.test(n)).length, results: names.filter((n) => n.endsWith('.results.json')).length };
    };
    const first = cli(['--format', 'json', '--cache-location', cacheDir, dir]);
    assert.deepEqual(entries(), { models: 2, results: 1 });
    const second = cli(['--format', 'json', '--cache-location', cacheDir, dir]);
    assert.equal(second.stdout, first.stdout);
    assert.match(first.stdout, /callout-after-dml/);
    fs.writeFileSync(path.join(dir, 'A.cls'), 'public class A { @AuraEnabled public static void f(Account a) { B.call(); update a; } }');
    const third = cli(['--format', 'json', '--cache-location', cacheDir, dir]);
    assert.doesNotMatch(third.stdout, /callout-after-dml/);
    assert.deepEqual(entries(), { models: 2, results: 1 }, 'the entries of the old A.cls and of the old results are gone');
  });

  it('re-lints an unchanged workspace from the stored results, without a model, and checks them before trusting them', () => {
    const dir = tempProject({
      'A.cls': 'public class A { @AuraEnabled public static void f(Account a) { update a; B.call(); } }',
      'B.cls': "public class B { public static void call() { HttpRequest r = new HttpRequest(); r.setEndpoint('callout:X'); new Http().send(r); } }",
    });
    const cacheDir = path.join(dir, '.cache');
    const first = cli(['--format', 'json', '--cache-location', cacheDir, dir]);
    const results = fs.readdirSync(cacheDir).find((n) => n.endsWith('.results.json'))!;
    // Models replaced by garbage: a run that loaded one would differ (or fail).
    for (const n of fs.readdirSync(cacheDir)) if (n !== results) fs.writeFileSync(path.join(cacheDir, n), '{"kind":"class","types":[]}');
    assert.equal(cli(['--format', 'json', '--cache-location', cacheDir, dir]).stdout, first.stdout);
    // A results entry of another shape is not trusted: the run analyses again and gives the same report.
    fs.rmSync(cacheDir, { recursive: true });
    cli(['--format', 'json', '--cache-location', cacheDir, dir]);
    fs.writeFileSync(path.join(cacheDir, results), JSON.stringify({ version: 1, key: results.slice(0, 40), models: [], results: [{ path: 'x' }] }));
    assert.equal(cli(['--format', 'json', '--cache-location', cacheDir, dir]).stdout, first.stdout);
  });
});

describe('CLI: several SFDX projects in one run', () => {
  it('lints each sfdx-project.json as its own world: a class named Http in one project does not shadow the system class in the other', () => {
    const sfdx = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' });
    const dir = tempProject({
      'billing/sfdx-project.json': sfdx,
      'billing/force-app/main/default/classes/Http.cls': `public class Http {
    public HttpResponse send(HttpRequest req) {
        return null;
    }
}`,
      'shipping/sfdx-project.json': sfdx,
      'shipping/force-app/main/default/classes/ShipmentClient.cls': `public with sharing class ShipmentClient {
    public static HttpResponse track(String id) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Carrier/track/' + id);
        req.setMethod('GET');
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
        return res;
    }
}`,
    });
    const results = JSON.parse(cli(['--format', 'json', dir]).stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    const client = results.find((r) => r.filePath.endsWith('ShipmentClient.cls'))!;
    assert.deepEqual(
      client.messages.map((m) => [m.ruleId, m.line, m.column]),
      [['callout-timeout-missing', 6, 39]],
    );
  });
});
