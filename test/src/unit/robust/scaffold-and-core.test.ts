/**
 * Regression tests for writes and for the core (issue 13): B8 a scaffold
 * that fails half-way, B9 text XML cannot hold, B10 a deeply nested field
 * initializer, and the weaker spots of scaffolding (an invalid
 * sfdx-project.json, `https:///x`, control characters echoed raw).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../../../server/out/core/lint';
import { runScaffold, writeGeneratedFiles, WriteRefused } from '../../../../server/out/cli/scaffold';
import { scaffold, ScaffoldError } from '../../../../server/out/scaffold';
import { tempDir } from './support';

const SFDX = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' });

function scaffoldCli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = runScaffold(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

function filesIn(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('robustness: writes and the core (issue 13)', () => {
  it('B8: a target folder that is a dangling symlink refuses the whole scaffold before anything is written', () => {
    const dir = tempDir({ 'sfdx-project.json': SFDX });
    fs.mkdirSync(path.join(dir, 'force-app', 'main', 'default'), { recursive: true });
    const triggers = path.join(dir, 'force-app', 'main', 'default', 'triggers');
    fs.symlinkSync(path.join(dir, 'missing'), triggers);
    const r = scaffoldCli(['fire-and-forget', '--name', 'OrderSync'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`Refusing ${triggers}/OrderSyncEventTrigger\\.trigger: ${triggers} is a symbolic link to nothing`));
    assert.deepEqual(filesIn(dir), ['force-app/main/default/triggers', 'sfdx-project.json']);
  });

  it('B8: a write that fails half-way takes back every file and folder it made, and names the failure', () => {
    const dir = tempDir({ 'sfdx-project.json': SFDX });
    // The second file needs a folder where the first file goes: only the write can find out.
    const files = [
      { path: 'force-app/x/A.cls', text: 'public class A {}\n' },
      { path: 'force-app/x/A.cls/B.cls', text: 'public class B {}\n' },
    ];
    assert.throws(
      () => writeGeneratedFiles(files as never, dir),
      (e: unknown) => e instanceof WriteRefused && /^could not write .*A\.cls.* \((EEXIST|ENOTDIR)\); nothing was written$/.test(e.problems[0]),
    );
    assert.deepEqual(filesIn(dir), ['sfdx-project.json']);
  });

  it('B9: a label XML cannot hold is refused, named and escaped in the message; nothing is written', () => {
    const dir = tempDir({ 'sfdx-project.json': SFDX });
    const r = scaffoldCli(['named-credential', '--name', 'N9', '--url', 'https://erp.example.com', '--label', 'a\x01\x0bb'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'apex-pattern-lint scaffold: nothing written:\n  Label "a\\u0001\\u000bb" contains U+0001, which XML cannot hold; remove it\n');
    assert.deepEqual(filesIn(dir), ['sfdx-project.json']);
    // The server's scaffold command generates through the same function.
    assert.throws(
      () =>
        scaffold(
          { pattern: 'named-credential', name: 'N9', options: { url: 'https://erp.example.com', label: 'a\x01b' } },
          { root: dir, packageDirectories: [dir], hasProjectFile: true },
        ),
      ScaffoldError,
    );
  });

  it('B9: a label with & and < is escaped into well-formed XML', () => {
    const dir = tempDir({ 'sfdx-project.json': SFDX });
    assert.equal(scaffoldCli(['named-credential', '--name', 'Erp', '--url', 'https://erp.example.com', '--label', 'R&D <ERP>'], dir).code, 0);
    const xml = fs.readFileSync(path.join(dir, 'force-app/main/default/namedCredentials/Erp.namedCredential-meta.xml'), 'utf8');
    assert.match(xml, /<label>R&amp;D &lt;ERP&gt;<\/label>/);
  });

  it('https:///x is not a Named Credential URL; control characters in names are escaped, never echoed raw', () => {
    const dir = tempDir({ 'sfdx-project.json': SFDX });
    assert.equal(
      scaffoldCli(['named-credential', '--name', 'N', '--url', 'https:///x'], dir).stderr,
      'apex-pattern-lint scaffold: nothing written:\n  URL "https:///x" must name a host after https:// (for example https://erp.example.com/api)\n',
    );
    assert.equal(
      scaffoldCli(['named-credential', '--name', 'N\x1b[31m', '--url', 'https://x.example.com'], dir).stderr,
      'apex-pattern-lint scaffold: nothing written:\n  Named Credential name "N\\u001b[31m" may contain only letters, digits and underscores\n',
    );
  });

  it('an invalid sfdx-project.json is refused by scaffold, not replaced by <project>/main/default', () => {
    const dir = tempDir({ 'sfdx-project.json': '{ "packageDirectories": [' });
    const r = scaffoldCli(['request-reply', '--name', 'CreditCheck'], dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `apex-pattern-lint scaffold: ${path.join(dir, 'sfdx-project.json')} is not valid JSON; fix it so that the package directories are known\n`,
    );
    assert.deepEqual(filesIn(dir), ['sfdx-project.json']);
  });

  for (const inner of [false, true]) {
    it(`B10: a field initializer nested 300 deep${inner ? ' in an inner class' : ''} hides only itself, not the other members`, () => {
      const field = `Integer x = ${'('.repeat(300)}1${')'.repeat(300)};`;
      const text = [
        'public class DeepField {',
        '    public void go() {',
        '        HttpRequest req = new HttpRequest();',
        "        req.setEndpoint('https://erp.example.com/orders');",
        "        insert new Account(Name = 'x');",
        '        new Http().send(req);',
        '    }',
        inner ? `    public class Inner { ${field} }` : `    ${field}`,
        '}',
        '',
      ].join('\n');
      const [result] = lint([{ path: '/p/DeepField.cls', text }]);
      const fieldColumn = text.split('\n')[7].indexOf('(');
      assert.deepEqual(
        result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line}:${f.range.start.character}`),
        [
          'hardcoded-endpoint warning 4:12',
          'callout-after-dml error 6:19',
          'callout-timeout-missing warning 6:19',
          'unchecked-callout-response info 6:19',
          `syntax-error error 8:${fieldColumn}`,
        ],
      );
      assert.equal(result.findings[4].message, 'This member nests more than 250 levels deep; it is not analysed');
    });
  }
});
