import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeGeneratedFiles, WriteRefused } from '../../../../server/out/cli/scaffold';
import { cli, listFiles, MAIN_DEFAULT, tempProject } from './support';

const SERVICE = `${MAIN_DEFAULT}/classes/CreditCheckService.cls`;

describe('scaffold CLI: writing safely', () => {
  it('refuses "../x" and absolute names, writing nothing (exit 2)', () => {
    const project = tempProject();
    for (const name of ['../x', '/tmp/x', '..\\x']) {
      const r = cli(['scaffold', 'request-reply', '--name', name], project);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, /nothing written:\n {2}Name ".*" (contains a path separator or "\.\."|is an absolute path)/, name);
    }
    assert.equal(cli(['scaffold', 'ui-update', '--name', 'Ship', '--component', '../../evil'], project).code, 2);
    assert.deepEqual(listFiles(project), ['sfdx-project.json']);
  });

  it('refuses to overwrite without --force and then writes none of the files', () => {
    const project = tempProject();
    fs.mkdirSync(path.join(project, MAIN_DEFAULT, 'classes'), { recursive: true });
    fs.writeFileSync(path.join(project, SERVICE), '// mine\n');
    const r = cli(['scaffold', 'request-reply', '--name', 'CreditCheck'], project);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `apex-pattern-lint scaffold: nothing written:\n  ${path.join(project, SERVICE)} already exists (use --force to overwrite)\n`);
    assert.deepEqual(listFiles(project), ['sfdx-project.json', SERVICE]);
    assert.equal(fs.readFileSync(path.join(project, SERVICE), 'utf8'), '// mine\n');
  });

  it('--force overwrites and says which files it replaced', () => {
    const project = tempProject();
    fs.mkdirSync(path.join(project, MAIN_DEFAULT, 'classes'), { recursive: true });
    fs.writeFileSync(path.join(project, SERVICE), '// mine\n');
    const r = cli(['scaffold', 'request-reply', '--name', 'CreditCheck', '--force'], project);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`  overwritten  ${SERVICE}\n`));
    assert.ok(r.stdout.includes(`  created      ${SERVICE}-meta.xml\n`));
    assert.match(fs.readFileSync(path.join(project, SERVICE), 'utf8'), /public with sharing class CreditCheckService/);
  });

  it('a second run without --force is refused as a whole', () => {
    const project = tempProject();
    assert.equal(cli(['scaffold', 'batch-sync', '--name', 'Acct'], project).code, 0);
    const before = listFiles(project).map((f) => fs.statSync(path.join(project, f)).mtimeMs);
    const r = cli(['scaffold', 'batch-sync', '--name', 'Acct'], project);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n').filter((l) => l.endsWith('already exists (use --force to overwrite)')).length, 6);
    assert.deepEqual(
      listFiles(project).map((f) => fs.statSync(path.join(project, f)).mtimeMs),
      before,
    );
  });

  it('refuses to write through a symlinked folder that leads outside the project', function () {
    const project = tempProject();
    const outside = tempProject(null);
    fs.mkdirSync(path.join(project, MAIN_DEFAULT), { recursive: true });
    try {
      fs.symlinkSync(outside, path.join(project, MAIN_DEFAULT, 'classes'), 'dir');
    } catch {
      this.skip();
    }
    const r = cli(['scaffold', 'request-reply', '--name', 'CreditCheck'], project);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /leads outside the project folder through a symbolic link/);
    assert.deepEqual(listFiles(outside), []);
  });

  it('the writer refuses paths outside the project even when handed them directly', () => {
    const project = tempProject();
    assert.throws(
      () =>
        writeGeneratedFiles(
          [
            { path: path.join(project, 'ok.txt'), text: '' },
            { path: path.join(project, '..', 'escape.txt'), text: '' },
          ],
          project,
        ),
      (e: unknown) => e instanceof WriteRefused && e.problems.length === 1 && /escape\.txt: it is outside the project folder/.test(e.problems[0]),
    );
    assert.deepEqual(listFiles(project), ['sfdx-project.json']);
  });

  it('finds the project upward from a subfolder, and refuses without one', () => {
    const project = tempProject();
    fs.mkdirSync(path.join(project, 'scripts'));
    assert.equal(cli(['scaffold', 'named-credential', '--name', 'ERP', '--url', 'https://erp.example.com'], path.join(project, 'scripts')).code, 0);
    assert.ok(fs.existsSync(path.join(project, MAIN_DEFAULT, 'namedCredentials', 'ERP.namedCredential-meta.xml')));
    const none = tempProject(null);
    const r = cli(['scaffold', 'named-credential', '--name', 'ERP', '--url', 'https://erp.example.com', '--dir', none], '/');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no sfdx-project\.json in .* or any folder above it/);
  });

  it('bad usage exits 2 with the usage; --help exits 0', () => {
    const project = tempProject();
    for (const args of [
      ['scaffold'],
      ['scaffold', 'soap-bridge', '--name', 'X'],
      ['scaffold', 'request-reply'],
      ['scaffold', 'request-reply', '--name', 'X', '--bogus', '1'],
      ['scaffold', 'named-credential', '--name', 'ERP', '--url', 'http://erp.example.com'],
    ]) {
      const r = cli(args, project);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^apex-pattern-lint scaffold: /);
    }
    const help = cli(['scaffold', '--help'], project);
    assert.equal(help.code, 0);
    for (const id of ['request-reply', 'fire-and-forget', 'batch-sync', 'ui-update', 'named-credential']) assert.ok(help.stdout.includes(`  ${id} — `), id);
    assert.deepEqual(listFiles(project), ['sfdx-project.json']);
  });
});
