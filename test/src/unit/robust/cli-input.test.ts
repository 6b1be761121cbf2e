/**
 * Regression tests for the CLI's inputs (issue 13): B1 a file that stalls the
 * parser, B3 a file too large to be Apex, B4 a bad -o, B5 and B7 bad
 * configurations, B6 a tampered cache, B11 a .forceignore above the project,
 * and the weaker spots: XML in a .cls, a FIFO, symbolic links.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, deepGenericClass, EXAMPLE_CLASS, jsonResults, summary, tempDir } from './support';

describe('robustness: CLI input (issue 13)', function () {
  this.timeout(60000);

  it('B1: a file whose parse stalls is stopped at the per-file budget and reported; the other files are linted', () => {
    const dir = tempDir({ 'src/DeepGeneric.cls': deepGenericClass(2400), 'src/ErpOrderSync.cls': fs.readFileSync(EXAMPLE_CLASS, 'utf8') });
    const r = cli(['--format', 'json', '--file-timeout', '3000', 'src'], dir);
    assert.equal(r.signal, null, `the run was killed after ${r.ms} ms`);
    assert.ok(r.ms < 15000, `took ${r.ms} ms`);
    const deep = jsonResults(r.stdout).find((f) => f.filePath.endsWith('DeepGeneric.cls'))!;
    assert.deepEqual(
      deep.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.message]),
      [['analysis-incomplete', 1, 1, 1, 'Analysis stopped after 3000 ms (the per-file limit, fileTimeoutMs); the file is not analysed']],
    );
    assert.ok(summary(r.stdout).includes('ErpOrderSync.cls hardcoded-endpoint 30:13'));
  });

  it('B1: the budget is configurable in .apexpatternlintrc.json (fileTimeoutMs)', () => {
    const dir = tempDir({ 'src/DeepGeneric.cls': deepGenericClass(2400), '.apexpatternlintrc.json': '{ "fileTimeoutMs": 2000 }' });
    const r = cli(['--format', 'json', 'src'], dir);
    assert.match(jsonResults(r.stdout)[0].messages[0].message, /^Analysis stopped after 2000 ms/);
  });

  it('B3: a class larger than Apex allows is reported with its name and skipped, unread', () => {
    const dir = tempDir({ 'src/Ok.cls': 'public class Ok {}\n' });
    const big = path.join(dir, 'src', 'Big.cls');
    fs.writeFileSync(big, 'public class Big {\n  public void go() { new Http().send(new HttpRequest()); }\n  /*');
    fs.truncateSync(big, 120 * 1024 * 1024); // 120 MB, sparse: the linter must not read it
    const r = cli(['--format', 'json', 'src'], dir);
    assert.equal(r.code, 1, r.stderr);
    const result = jsonResults(r.stdout).find((f) => f.filePath === big)!;
    assert.deepEqual(
      result.messages.map((m) => [m.ruleId, m.line, m.column, m.message]),
      [['syntax-error', 1, 1, 'The file is 120.0 MB: larger than any Apex class or trigger can be (1,000,000 characters); it is not analysed']],
    );
  });

  it('B4: -o into a missing folder or onto a folder is bad usage (exit 2, one line, no stack trace)', () => {
    const dir = tempDir({ 'src/Ok.cls': 'public class Ok {}\n' });
    for (const [out, expected] of [
      ['/nonexistent/dir/out.json', '-o /nonexistent/dir/out.json: the folder /nonexistent/dir does not exist'],
      ['src', `-o ${path.join(dir, 'src')} is a folder; give a file name`],
    ]) {
      const r = cli(['-o', out, 'src'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.split('\n')[0], `apex-pattern-lint: ${expected}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('B5: a config of the wrong shape names the file, the key and what was expected (exit 2)', () => {
    const cases: [string, string][] = [
      ['{"timeouts": null}', '"timeouts" must be an object (got null)'],
      ['{"timeouts": 5}', '"timeouts" must be an object (got 5)'],
      ['{"rules": []}', '"rules" must be an object (got an array)'],
      ['{"timeouts": {"syncLimitMs": "15000"}}', '"timeouts.syncLimitMs" must be an integer (got "15000")'],
      ['{"timeouts": {"syncLimitMs": 20000, "asyncLimitMs": 10000}}', '"timeouts.syncLimitMs" (20000) must not be above "timeouts.asyncLimitMs" (10000)'],
      ['{"rules": {"callout-in-loop": "warn"}}', 'rule "callout-in-loop" must be one of off, info, warning, error (got "warn")'],
      ['{"fileTimeoutMs": 5}', '"fileTimeoutMs" must be an integer between 100 and 600000 (got 5)'],
      ['{"timeouts": {"retries": 3}}', 'unknown key "timeouts.retries"'],
    ];
    for (const [config, message] of cases) {
      const dir = tempDir({ 'src/Ok.cls': 'public class Ok {}\n', '.apexpatternlintrc.json': config });
      const r = cli(['src'], dir);
      assert.equal(r.code, 2, config);
      assert.equal(r.stderr.split('\n')[0], `apex-pattern-lint: ${path.join(dir, '.apexpatternlintrc.json')}: ${message}`, config);
    }
  });

  it('B5: a config with a UTF-8 byte order mark is read', () => {
    const dir = tempDir({ 'src/ErpOrderSync.cls': fs.readFileSync(EXAMPLE_CLASS, 'utf8') });
    fs.writeFileSync(path.join(dir, '.apexpatternlintrc.json'), '\ufeff{ "rules": { "hardcoded-endpoint": "off" } }');
    const r = cli(['--format', 'json', 'src'], dir);
    assert.equal(r.stderr, '');
    assert.ok(!summary(r.stdout).some((s) => s.includes('hardcoded-endpoint')));
  });

  it('B7: --config /dev/zero stops at the size limit (exit 2)', () => {
    const dir = tempDir({ 'src/Ok.cls': 'public class Ok {}\n' });
    const r = cli(['--config', '/dev/zero', 'src'], dir, 20000);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n')[0], 'apex-pattern-lint: /dev/zero: larger than 1.0 MB; this is not a configuration file');
  });

  it('B6: cache entries (models and results) of the wrong shape, truncated or emptied are misses, never a crash or lost findings', () => {
    const dir = tempDir({ 'src/ErpOrderSync.cls': fs.readFileSync(EXAMPLE_CLASS, 'utf8') });
    const first = cli(['--format', 'json', '--cache', 'src'], dir);
    const expected = summary(first.stdout);
    assert.ok(expected.length >= 4);
    const cacheDir = path.join(dir, '.apexpatternlintcache');
    const entries = () => fs.readdirSync(cacheDir).map((e) => path.join(cacheDir, e));
    assert.ok(entries().length > 0);
    const tamperings: ((text: string) => string)[] = [
      () => '{}',
      () => '[]',
      () => 'null',
      (text) => text.slice(0, text.length / 2),
      (text) => {
        // Emptied: a model without types, results without findings.
        const entry = JSON.parse(text) as { model?: { types: unknown[]; problems: unknown[] }; results?: { findings: unknown[] }[] };
        if (entry.model) Object.assign(entry.model, { types: [], problems: [] });
        for (const r of entry.results ?? []) r.findings = [];
        return JSON.stringify(entry);
      },
    ];
    for (const tamper of tamperings) {
      for (const e of entries()) fs.writeFileSync(e, tamper(fs.readFileSync(e, 'utf8')));
      const r = cli(['--format', 'json', '--cache', 'src'], dir);
      assert.equal(r.code, first.code, r.stderr);
      assert.deepEqual(summary(r.stdout), expected);
    }
  });

  it('B11: a .forceignore above the linted folder (no sfdx-project.json) does not apply', () => {
    const dir = tempDir({ 'a/.forceignore': '*.cls\n', 'a/proj/ErpOrderSync.cls': fs.readFileSync(EXAMPLE_CLASS, 'utf8') });
    const r = cli(['--format', 'json', 'a/proj'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(
      jsonResults(r.stdout).map((f) => f.filePath),
      [path.join(dir, 'a', 'proj', 'ErpOrderSync.cls')],
    );
  });

  it('B11: the project .forceignore still applies from the project root down', () => {
    const dir = tempDir({ 'proj/.forceignore': 'legacy/\n', 'proj/legacy/Old.cls': 'public class Old {}\n', 'proj/src/Ok.cls': 'public class Ok {}\n' });
    const r = cli(['--format', 'json', 'proj'], dir);
    assert.deepEqual(
      jsonResults(r.stdout).map((f) => path.relative(dir, f.filePath)),
      [path.join('proj', 'src', 'Ok.cls')],
    );
  });

  it('a .cls that holds metadata XML is reported as such, not as four parser errors', () => {
    const dir = tempDir({ 'src/Meta.cls': '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"/>\n' });
    const r = cli(['--format', 'json', '--all-files', 'src'], dir);
    assert.deepEqual(
      jsonResults(r.stdout)[0].messages.map((m) => [m.ruleId, m.message]),
      [['syntax-error', 'The file holds XML (metadata), not Apex source; a .cls or .trigger file holds Apex']],
    );
  });

  it('a FIFO named on the command line is bad usage, with its name', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'Pipe.cls')]);
    const r = cli(['Pipe.cls'], dir, 20000);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n')[0], 'apex-pattern-lint: Not a file or folder (a pipe or a device?): Pipe.cls');
  });

  it('symbolic links: followed inside the project, skipped with a notice when they lead outside or nowhere', () => {
    const dir = tempDir({
      'outside/Out.cls': 'public class Out {}\n',
      'proj/src/Ok.cls': 'public class Ok {}\n',
      'proj/shared/Shared.cls': 'public class Shared {}\n',
    });
    fs.symlinkSync(path.join(dir, 'outside', 'Out.cls'), path.join(dir, 'proj', 'src', 'Out.cls'));
    fs.symlinkSync(path.join(dir, 'proj', 'shared'), path.join(dir, 'proj', 'src', 'linked'));
    fs.symlinkSync(path.join(dir, 'nowhere.cls'), path.join(dir, 'proj', 'src', 'Gone.cls'));
    const r = cli(['--format', 'json', 'proj'], dir);
    assert.deepEqual(
      jsonResults(r.stdout).map((f) => path.relative(dir, f.filePath)),
      [path.join('proj', 'shared', 'Shared.cls'), path.join('proj', 'src', 'Ok.cls')],
      'the linked folder counts once, under its real path',
    );
    assert.deepEqual(r.stderr.trim().split('\n').sort(), [
      `apex-pattern-lint: skipped ${path.join(dir, 'proj', 'src', 'Gone.cls')}: it is a symbolic link to nothing`,
      `apex-pattern-lint: skipped ${path.join(dir, 'proj', 'src', 'Out.cls')}: it is a symbolic link that leads outside the project folder`,
    ]);
  });
});
