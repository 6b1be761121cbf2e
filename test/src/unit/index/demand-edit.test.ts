/**
 * The demand check of an edit from the edited method body alone
 * (core/demand-edit.ts): it answers only when the edit lies inside one body,
 * and never says "unchanged" when the whole files' demand signatures differ.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from '../../../../server/out/base/contracts';
import { declaredNames, demandSignature } from '../../../../server/out/select/demand';
import { sameDemandInBody } from '../../../../server/out/core/demand-edit';
import { ROOT } from '../../support/lint';
import { random } from '../../fuzz/mutate';

const CLASSES = path.join(ROOT, 'examples', 'order-integration', 'force-app', 'main', 'default', 'classes');
const FILES: SourceFile[] = fs
  .readdirSync(CLASSES)
  .filter((f) => f.endsWith('.cls'))
  .map((f) => ({ path: path.join(CLASSES, f), text: fs.readFileSync(path.join(CLASSES, f), 'utf8') }));
const NAMES = declaredNames(FILES);

const SERVICE: SourceFile = {
  path: '/p/OrderSync.cls',
  text: `public class OrderSync {
  private String region = 'EU';
  public void save(Account a) {
    // the customer's record
    update a;
  }
  public void log(String s) {
    System.debug(s);
  }
}`,
};

function edited(file: SourceFile, at: string, insert: string, remove = 0): SourceFile {
  const i = file.text.indexOf(at);
  assert.ok(i >= 0, at);
  return { path: file.path, text: file.text.slice(0, i) + insert + file.text.slice(i + remove) };
}

describe('the demand check of an edit inside one method body', () => {
  const names = declaredNames([SERVICE, ...FILES]);

  it('answers "unchanged" for a character typed in a comment or a statement', () => {
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, "the customer's", 'x'), names), true);
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, 'System.debug(s);', '  '), names), true);
  });

  it('answers "changed" when a send is typed into a body, or a call of a workspace class', () => {
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, 'update a;', 'new Http().send(new HttpRequest()); '), names), false);
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, 'System.debug(s);', 'OrderSync.log(s); '), names), false);
  });

  it('leaves the whole files to compare when the edit is not inside one body', () => {
    // A brace, a comment or a string running past the body, a declaration, a NUL.
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, 'update a;', '} '), names), undefined);
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, 'update a;', '/* '), names), undefined);
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, "'EU'", 'x'), names), undefined);
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, 'public void log', 'x'), names), undefined);
    assert.equal(sameDemandInBody(SERVICE, edited(SERVICE, 'update a;', '\u0000'), names), undefined);
  });

  it('answers again after an edit that moved the bodies below it (their places carried)', () => {
    const once = edited(SERVICE, "the customer's", 'a longer comment ');
    assert.equal(sameDemandInBody(SERVICE, once, names), true);
    assert.equal(sameDemandInBody(once, edited(once, 'System.debug(s);', 'insert new Account(); '), names), false);
    assert.equal(sameDemandInBody(once, edited(once, 'System.debug(s);', 'x'), names), true);
  });

  it('never says "unchanged" when the whole files differ, on edits all over the example project', () => {
    const next = random(5);
    const inserts = [
      'x',
      ' ',
      ';',
      "'",
      '(',
      ')',
      '{',
      '}',
      '/*',
      '//',
      'new Http().send(r);',
      'insert a;',
      'ErpOrderService.push(null);',
      'Database.executeBatch(new AccountSyncBatch());',
    ];
    let answered = 0;
    for (let n = 0; n < 400; n++) {
      const file = FILES[Math.floor(next() * FILES.length)];
      const i = Math.floor(next() * file.text.length);
      const remove = next() < 0.3 ? 1 : 0;
      const after = { path: file.path, text: file.text.slice(0, i) + inserts[Math.floor(next() * inserts.length)] + file.text.slice(i + remove) };
      const fast = sameDemandInBody(file, after, NAMES);
      if (fast === undefined) continue;
      answered++;
      const whole = demandSignature(file, NAMES) === demandSignature(after, NAMES);
      if (fast) assert.ok(whole, `said unchanged at ${i} of ${file.path}, but the signatures differ`);
    }
    assert.ok(answered > 100, `${answered} edits answered from the body`);
  });
});
