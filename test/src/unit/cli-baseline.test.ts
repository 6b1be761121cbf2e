/** The CLI for teams: --write-baseline and --baseline, SARIF fingerprints and rule tags, --changed-since, --format codeclimate. */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { Log as SarifLog } from 'sarif';
import { ROOT } from '../support/lint';

const BIN = path.join(ROOT, 'bin', 'apex-pattern-lint.js');
const EXAMPLE = path.join(ROOT, 'examples', 'order-integration');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ERP = [
  'public class Erp {',
  '  public void push(String body) {',
  '    HttpRequest req = new HttpRequest();',
  "    req.setEndpoint('http://erp.example.com/orders');",
  '    req.setTimeout(5000);',
  '    req.setBody(body);',
  '    HttpResponse res = new Http().send(req);',
  '    System.debug(res.getStatusCode());',
  '  }',
  '}',
  '',
].join('\n');

const BILLING = [
  'public class Billing {',
  '  public void charge() {',
  '    HttpRequest req = new HttpRequest();',
  "    req.setEndpoint('callout:Billing/charge');",
  '    HttpResponse res = new Http().send(req);',
  '    System.debug(res.getStatusCode());',
  '  }',
  '}',
  '',
].join('\n');

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-baseline-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const p = path.join(dir, file);
  fs.writeFileSync(p, change(fs.readFileSync(p, 'utf8')));
}

describe('CLI: baselines', () => {
  it('--write-baseline records every finding, exit 0, the same bytes when written twice', () => {
    const dir = project({ 'src/Erp.cls': ERP, 'src/Billing.cls': BILLING });
    const first = cli(['--write-baseline', 'apl-baseline.json', 'src'], dir);
    assert.deepEqual([first.code, first.stdout, first.stderr], [0, '', 'apex-pattern-lint: wrote 3 baseline entries to apl-baseline.json\n']);
    const text = fs.readFileSync(path.join(dir, 'apl-baseline.json'), 'utf8');
    const entries = (JSON.parse(text) as { entries: { file: string; class: string; method: string; rule: string }[] }).entries;
    assert.deepEqual(
      entries.map((e) => [e.file, e.class, e.method, e.rule]),
      [
        ['src/Billing.cls', 'billing', 'charge', 'callout-timeout-missing'],
        ['src/Erp.cls', 'erp', 'push', 'hardcoded-endpoint'],
        ['src/Erp.cls', 'erp', 'push', 'insecure-endpoint'],
      ],
    );
    assert.equal(cli(['--write-baseline', 'apl-baseline.json', 'src'], dir).code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'apl-baseline.json'), 'utf8'), text);
  });

  it('--baseline: matched findings are not reported, also after lines inserted above them; exit codes on new findings only', () => {
    const dir = project({ 'src/Erp.cls': ERP, 'src/Billing.cls': BILLING });
    assert.equal(cli(['src'], dir).code, 1, 'insecure-endpoint is an error');
    cli(['--write-baseline', 'apl-baseline.json', 'src'], dir);
    const clean = cli(['--baseline', 'apl-baseline.json', 'src'], dir);
    assert.deepEqual([clean.code, clean.stdout, clean.stderr], [0, '', 'apex-pattern-lint: baseline apl-baseline.json: 3 matched, 0 gone (fixed)\n']);
    edit(
      dir,
      'src/Erp.cls',
      (t) => '// Order integration.\n\n/** The ERP client. */\n' + t.replace('  public void push', '  // Sends the order.\n  public void push'),
    );
    const moved = cli(['--baseline', 'apl-baseline.json', 'src'], dir);
    assert.deepEqual([moved.code, moved.stdout, moved.stderr], [0, '', 'apex-pattern-lint: baseline apl-baseline.json: 3 matched, 0 gone (fixed)\n']);
  });

  it('--baseline: a renamed variable on the line makes the finding new; a fixed finding is gone', () => {
    const dir = project({ 'src/Erp.cls': ERP, 'src/Billing.cls': BILLING });
    cli(['--write-baseline', 'apl-baseline.json', 'src'], dir);
    edit(dir, 'src/Billing.cls', (t) => t.replace('req.setEndpoint', 'req.setTimeout(5000);\n    req.setEndpoint'));
    edit(dir, 'src/Erp.cls', (t) => t.replace(/\breq\b/g, 'request'));
    const r = cli(['--baseline', 'apl-baseline.json', '--format', 'json', 'src'], dir);
    assert.equal(r.code, 1, 'the insecure endpoint is new, and an error');
    assert.equal(r.stderr, 'apex-pattern-lint: baseline apl-baseline.json: 0 matched, 3 gone (fixed)\n');
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    assert.deepEqual(
      files.map((f) => [path.basename(f.filePath), f.messages.map((m) => `${m.ruleId}:${m.line}`)]),
      [
        ['Billing.cls', []],
        ['Erp.cls', ['hardcoded-endpoint:4', 'insecure-endpoint:4']],
      ],
    );
    // Two gone (the renamed line's old entries), one fixed; the new findings count toward the exit code.
    edit(dir, 'src/Erp.cls', (t) => t.replace('http://', 'https://'));
    const warn = cli(['--baseline', 'apl-baseline.json', '--max-warnings', '0', 'src'], dir);
    assert.equal(warn.code, 1, 'one new warning over --max-warnings 0');
    assert.match(warn.stdout, /4:13 {2}warning {2}Hard-coded endpoint 'https:\/\/erp\.example\.com\/orders'/);
  });

  it('a baseline that cannot be read or is not one exits 2 before linting; the two options do not go together', () => {
    const dir = project({ 'src/Erp.cls': ERP, 'bad.json': '{"entries": 3}' });
    const missing = cli(['--baseline', 'none.json', 'src'], dir);
    assert.deepEqual([missing.code, missing.stdout], [2, '']);
    assert.match(missing.stderr, /^apex-pattern-lint: cannot read the baseline .*none\.json: ENOENT\n$/);
    const bad = cli(['--baseline', 'bad.json', 'src'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json is not one this linter wrote: no "entries" array/);
    assert.equal(cli(['--baseline', 'bad.json', '--write-baseline', 'b.json', 'src'], dir).code, 2);
  });
});

function sarifOf(stdout: string): SarifLog {
  return JSON.parse(stdout) as SarifLog;
}

describe('CLI: SARIF for code scanning', () => {
  it('valid SARIF 2.1.0; results keep their fingerprints when 20 blank lines are inserted at the top of a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-sarif-'));
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const before = cli(['--format', 'sarif', '.'], dir);
    assert.equal(before.code, 1);
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(schema);
    assert.ok(validate(sarifOf(before.stdout)), JSON.stringify(validate.errors?.slice(0, 3)));
    const sync = 'force-app/main/default/classes/ErpOrderSync.cls';
    edit(dir, sync, (t) => '\n'.repeat(20) + t);
    const after = cli(['--format', 'sarif', '.'], dir);
    const seen = (log: SarifLog) =>
      log.runs[0].results!.map((r) => ({
        print: r.partialFingerprints!['apexPatternLint/v1'],
        uri: r.locations![0].physicalLocation!.artifactLocation!.uri,
        line: r.locations![0].physicalLocation!.region!.startLine!,
      }));
    const a = seen(sarifOf(before.stdout));
    const b = seen(sarifOf(after.stdout));
    assert.ok(a.length >= 10, `${a.length} results`);
    assert.equal(new Set(a.map((x) => x.print)).size, a.length, 'every fingerprint is unique');
    for (const x of a) assert.match(x.print, /^[0-9a-f]{32}:\d+$/);
    assert.deepEqual(
      b,
      a.map((x) => (x.uri === sync ? { ...x, line: x.line + 20 } : x)),
    );
    assert.ok(a.some((x) => x.uri === sync));
  });

  it('rules carry tags, and a security-severity with the CWE for the security rules', () => {
    const rules = sarifOf(cli(['--format', 'sarif', EXAMPLE], ROOT).stdout).runs[0].tool.driver.rules!;
    const props = (id: string) => rules.find((r) => r.id === id)!.properties;
    assert.deepEqual(props('hardcoded-credentials'), {
      fixable: false,
      tags: ['apex', 'salesforce', 'security', 'external/cwe/cwe-798'],
      'security-severity': '8.0',
    });
    assert.deepEqual(props('insecure-endpoint')!['security-severity'], '6.5');
    assert.deepEqual(props('insecure-endpoint')!.tags, ['apex', 'salesforce', 'security', 'external/cwe/cwe-319']);
    assert.deepEqual(props('hardcoded-endpoint')!['security-severity'], '3.0');
    assert.deepEqual(props('callout-after-dml'), { fixable: true, tags: ['apex', 'salesforce', 'reliability'] });
  });
});

describe('CLI: --format codeclimate (GitLab code quality)', () => {
  it('one issue per finding with check_name, fingerprint, severity and the location relative to the current folder', () => {
    const dir = project({ 'src/Erp.cls': ERP });
    const r = cli(['--format', 'codeclimate', 'src'], dir);
    assert.equal(r.code, 1);
    const issues = JSON.parse(r.stdout) as { fingerprint: string }[];
    const sarif = sarifOf(cli(['--format', 'sarif', 'src'], dir).stdout).runs[0].results!;
    assert.deepEqual(issues, [
      {
        type: 'issue',
        description:
          "Hard-coded endpoint 'http://erp.example.com/orders': use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment",
        check_name: 'hardcoded-endpoint',
        fingerprint: sarif[0].partialFingerprints!['apexPatternLint/v1'],
        severity: 'minor',
        location: { path: 'src/Erp.cls', lines: { begin: 4 } },
      },
      {
        type: 'issue',
        description: sarif[1].message.text,
        check_name: 'insecure-endpoint',
        fingerprint: sarif[1].partialFingerprints!['apexPatternLint/v1'],
        severity: 'major',
        location: { path: 'src/Erp.cls', lines: { begin: 4 } },
      },
    ]);
    assert.notEqual(issues[0].fingerprint, issues[1].fingerprint);
  });
});

describe('CLI: --changed-since', () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });

  it('analyses the whole project, reports the findings in changed files or related to them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-changed-'));
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'org');
    git(dir, 'checkout', '-qb', 'feature');
    const reported = (args: string[]) => {
      const r = cli(['--format', 'json', ...args, '.'], dir);
      const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
      return { code: r.code, seen: files.flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)}:${m.line} ${m.ruleId}`)) };
    };
    assert.deepEqual(reported(['--changed-since', 'main']), { code: 0, seen: [] });
    // A committed change to the service (which has no finding of its own): the findings in the trigger, the handler and the controller that lead to its callout.
    edit(dir, 'force-app/main/default/classes/ErpOrderService.cls', (t) => t + '\n// touched\n');
    git(dir, 'commit', '-qam', 'touch the service');
    const service = reported(['--changed-since', 'main']);
    assert.equal(service.code, 1);
    assert.deepEqual(service.seen.sort(), [
      'OrderSubmitController.cls:20 callout-after-dml',
      'OrderSubmitController.cls:20 callout-blocks-save',
      'OrderTrigger.trigger:2 callout-in-trigger',
      'OrderTriggerHandler.cls:13 callout-in-loop',
    ]);
    // Uncommitted and untracked files count too.
    fs.writeFileSync(path.join(dir, 'force-app/main/default/classes/New.cls'), ERP);
    edit(dir, 'force-app/main/default/classes/InventoryRetryClient.cls', (t) => t + '\n');
    const work = reported(['--changed-since', 'main']);
    assert.deepEqual(work.seen.filter((s) => !s.startsWith('Order')).sort(), [
      'InventoryRetryClient.cls:25 callout-retry-loop',
      'New.cls:4 hardcoded-endpoint',
      'New.cls:4 insecure-endpoint',
    ]);
  });

  it('outside a git repository, or with a ref git does not know: a clear message and exit 2', () => {
    const outside = project({ 'src/Erp.cls': ERP });
    const r = cli(['--changed-since', 'main', 'src'], outside);
    assert.deepEqual([r.code, r.stdout], [2, '']);
    assert.match(r.stderr, /^apex-pattern-lint: --changed-since needs a git repository: fatal: not a git repository/);
    const bad = cli(['--changed-since', 'no-such-branch', EXAMPLE], ROOT);
    assert.deepEqual(
      [bad.code, bad.stderr],
      [
        2,
        'apex-pattern-lint: --changed-since: "no-such-branch" is not a commit, branch or tag of this repository (fetch it first, e.g. with fetch-depth: 0)\n',
      ],
    );
  });
});
