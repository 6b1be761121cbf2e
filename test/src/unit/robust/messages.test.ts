/**
 * Messages a user reads when something is wrong (issue 20, item 5): each
 * asserted word for word, since a cut, a stack trace, a wrong cause or
 * silence is the bug.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shortMessage } from '../../../../server/out/parse/parse';
import { checkLwcFile } from '../../../../server/out/core/check-lwc';
import { defaultConfig } from '../../../../server/out/base/contracts';
import { LspTestClient } from '../../lsp/lsp-client';
import { cli, jsonResults, tempDir } from './support';

const SFDX = (dirs: string[]) => JSON.stringify({ packageDirectories: dirs.map((p, i) => ({ path: p, default: i === 0 })), sourceApiVersion: '61.0' });
const CALLOUT = (name: string, body: string) => `public class ${name} {
    void go() {
        HttpRequest req = new HttpRequest();
        req.setTimeout(1000);
        new Http().send(req);
        ${body}
    }
}
`;

describe('messages (issue 20)', function () {
  this.timeout(60000);

  it("a syntax error whose expected set holds '}' lists it, not a cut \"expected '\"", () => {
    assert.equal(shortMessage("extraneous input 'b' expecting {'}', ','}", undefined), "Unexpected input, expected '}' or ','");
    assert.equal(shortMessage("mismatched input 'x' expecting {';', '}', '{'}", undefined), "Unexpected input, expected ';' or '}' or '{'");
    assert.equal(shortMessage("mismatched input 'x' expecting {Identifier, '}'}", undefined), "Unexpected input, expected Identifier or '}'");
    assert.equal(shortMessage("mismatched input 'x' expecting '}'", undefined), "Unexpected input, expected '}'");
    assert.equal(shortMessage("mismatched input 'x' expecting {'}', ',', ';', ')'}", undefined), 'Unexpected input');
    // A missing comma between two entries: ANTLR's recovery (used on any syntax error) reports the entry, then resynchronises.
    const dir = tempDir({ 'src/C.cls': CALLOUT('C', "Map<String, String> m = new Map<String, String>{ 'a' => 'b' 'c' => 'd' };") });
    const r = cli(['--format', 'json', 'src'], dir);
    assert.deepEqual(
      jsonResults(r.stdout).flatMap((f) => f.messages.filter((m) => m.ruleId === 'syntax-error').map((m) => [m.ruleId, m.line, m.column, m.message])),
      [
        ['syntax-error', 6, 69, "Unexpected ''c'', expected '}' or ','"],
        ['syntax-error', 6, 73, "Unexpected '=>', expected ';'"],
        ['syntax-error', 6, 80, "Unexpected '}', expected ';'"],
      ],
    );
  });

  it('inventory -o to a file that cannot be written: one line, exit 2, no stack trace', () => {
    const dir = tempDir({ 'src/C.cls': CALLOUT('C', '') });
    const full = cli(['inventory', '-o', '/dev/full', 'src'], dir);
    assert.equal(full.code, 2);
    assert.equal(full.stderr, 'apex-pattern-lint: cannot write /dev/full: ENOSPC\n');
    const missing = cli(['inventory', '-o', 'nowhere/inventory.md', 'src'], dir);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.stderr.split('\n')[0],
      `apex-pattern-lint inventory: -o ${path.join(dir, 'nowhere', 'inventory.md')}: the folder ${path.join(dir, 'nowhere')} does not exist`,
    );
    assert.doesNotMatch(full.stderr + missing.stderr, /\n\s+at /);
  });

  it('an sfdx-project.json package directory that does not exist, or is a file, is an error naming it (exit 2); the others are still linted', () => {
    const typo = tempDir({ 'sfdx-project.json': SFDX(['force-ap']), 'force-app/main/default/classes/C.cls': CALLOUT('C', '') });
    for (const args of [['.'], ['inventory', '.']]) {
      const r = cli(args, typo);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(
        r.stderr,
        `apex-pattern-lint: ${path.join(typo, 'sfdx-project.json')} lists the package directory "force-ap", which does not exist: its Apex cannot be linted; fix the path in sfdx-project.json\n`,
      );
    }
    const file = tempDir({
      'sfdx-project.json': SFDX(['force-app', 'unpackaged']),
      'force-app/main/default/classes/C.cls': CALLOUT('C', ''),
      unpackaged: 'not a folder',
    });
    const r = cli(['--format', 'json', '.'], file);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `apex-pattern-lint: ${path.join(file, 'sfdx-project.json')} lists the package directory "unpackaged", which is a file, not a folder: its Apex cannot be linted; fix the path in sfdx-project.json\n`,
    );
    // force-app, which exists, was linted.
    assert.deepEqual(
      jsonResults(r.stdout).map((f) => path.relative(file, f.filePath)),
      ['force-app/main/default/classes/C.cls'],
    );
    // Fixed, the same project lints clean of the error.
    fs.rmSync(path.join(file, 'unpackaged'));
    fs.mkdirSync(path.join(file, 'unpackaged'));
    const fixed = cli(['.'], file);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(fixed.stderr, '');
  });

  it('the language server warns about a package directory that does not exist', async () => {
    const dir = tempDir({ 'sfdx-project.json': SFDX(['force-app', 'force-ap']), 'force-app/main/default/classes/C.cls': CALLOUT('C', '') });
    const client = await LspTestClient.start({ workspace: dir });
    try {
      const warning = await client.waitFor('a warning about the package directory', () => client.shownMessages.find((m) => m.includes('force-ap"')));
      assert.equal(
        warning,
        `Apex Pattern Lint: ${path.join(dir, 'sfdx-project.json')} lists the package directory "force-ap", which does not exist: its Apex is not linted; fix the path in sfdx-project.json`,
      );
    } finally {
      await client.stop();
    }
  });

  it('a number too large for JSON (1e400) in the config is said to be one, not "null"', () => {
    const dir = tempDir({ 'src/Ok.cls': 'public class Ok {}\n', '.apexpatternlintrc.json': '{"timeouts": {"syncLimitMs": 1e400}}' });
    const r = cli(['src'], dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr.split('\n')[0],
      `apex-pattern-lint: ${path.join(dir, '.apexpatternlintrc.json')}: "timeouts.syncLimitMs" must be an integer (got a number too large to be finite)`,
    );
  });

  it('a symbolic-link loop is called one, on the command line and inside a folder', () => {
    const dir = tempDir({ 'src/Ok.cls': CALLOUT('Ok', '') });
    fs.symlinkSync('loop', path.join(dir, 'loop'));
    fs.symlinkSync('b.cls', path.join(dir, 'src', 'a.cls'));
    fs.symlinkSync('a.cls', path.join(dir, 'src', 'b.cls'));
    const named = cli(['loop'], dir);
    assert.equal(named.code, 2);
    assert.equal(named.stderr.split('\n')[0], 'apex-pattern-lint: A symbolic-link loop (ELOOP): the path never reaches a file or folder: loop');
    const below = cli(['src'], dir);
    assert.equal(below.code, 0);
    assert.deepEqual(below.stderr.split('\n').filter(Boolean).sort(), [
      `apex-pattern-lint: skipped ${path.join(dir, 'src', 'a.cls')}: it is a symbolic-link loop (ELOOP)`,
      `apex-pattern-lint: skipped ${path.join(dir, 'src', 'b.cls')}: it is a symbolic-link loop (ELOOP)`,
    ]);
  });

  it('a Lightning component script nested 5,000 deep is "nested too deeply", at the first deep bracket, not a stack overflow', () => {
    const text = `import { subscribe } from 'lightning/empApi';\nconst deep = ${'['.repeat(5000)}1${']'.repeat(5000)};\nsubscribe('/event/Order_Event__e', -1, () => {});\n`;
    const findings = checkLwcFile({ path: '/p/lwc/feed/feed.js', text }, defaultConfig());
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.message]),
      [['syntax-error', 2, 13 + 500, 'The file nests too deeply for the parser; it is not analysed']],
    );
  });
});
